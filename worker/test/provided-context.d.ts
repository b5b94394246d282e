// What test-support/worker-global-setup.ts provides to the tests inside workerd.
declare module "vitest" {
  export interface ProvidedContext {
    /** The local SQL-over-HTTP endpoint, e.g. http://127.0.0.1:41234/sql */
    sqlEndpoint: string;
    /** The connection string the endpoint accepts: it carries the run's random password. */
    databaseUrl: string;
    /** Origin of the Node-hosted Better Auth: the tokens' issuer and the JWKS host. */
    authOrigin: string;
    databaseName: "pglite" | "postgres";
    /** Origin of test-support/jwks-server.ts: key sets the tests publish, take down and count fetches of. */
    jwksServerOrigin: string;
    /** Origin of test-support/sql-fault-proxy.ts: the SQL endpoint behind a network the tests can break. */
    sqlFaultProxyOrigin: string;
  }
}

export {};
