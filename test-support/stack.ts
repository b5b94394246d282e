/**
 * The real back end that tests run against, on loopback: a database (PGlite
 * in memory, or a throwaway PostgreSQL cluster), the local SQL endpoint in
 * front of it with migrations applied, and Better Auth built by the site's
 * own factory, served over HTTP.
 */
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { toNodeHandler } from "better-auth/node";
import type { SqlBackend } from "../db/local-server/backend.ts";
import { createPgliteBackend } from "../db/local-server/pglite-backend.ts";
import { createPostgresBackend } from "../db/local-server/postgres-backend.ts";
import { type PostgresCluster, startPostgresCluster } from "../db/local-server/postgres-cluster.ts";
import { type LocalSqlServer, startLocalSqlServer } from "../db/local-server/server.ts";
import { migrateDatabase } from "../db/migrate.ts";
import { createAuth } from "../web/src/lib/create-auth.server.ts";
import { createOutbox, outboxMessages } from "../web/src/lib/mail/outbox.ts";

/** The API origin tests expect as `aud`, as in development. */
export const TEST_API_AUDIENCE = "http://localhost:8787";

export interface TestStack {
  sqlEndpoint: string;
  /** The connection string the endpoint accepts, with this run's random password. */
  databaseUrl: string;
  sql: LocalSqlServer;
  authOrigin: string;
  stop(): Promise<void>;
}

export async function startTestStack({
  database,
  requireEmailVerification = false,
}: {
  database: "pglite" | "postgres";
  /** As in production: no session until the email is confirmed. */
  requireEmailVerification?: boolean;
}): Promise<TestStack> {
  let cluster: PostgresCluster | undefined;
  let backend: SqlBackend;
  if (database === "postgres") {
    cluster = await startPostgresCluster();
    backend = createPostgresBackend(cluster.connectionString);
  } else {
    backend = await createPgliteBackend();
  }
  // A random password per run, as `npm run dev` uses: the endpoint refuses any other.
  const sql = await startLocalSqlServer(backend);
  await migrateDatabase({ databaseUrl: sql.connectionString, endpoint: sql.url });

  // Listen first: Better Auth must know its own origin (the tokens' issuer).
  let handle: ReturnType<typeof toNodeHandler> = async (_req, res) => {
    res.statusCode = 503;
    res.end();
  };
  const authServer = createServer((req, res) => handle(req, res));
  await new Promise<void>((resolve) => authServer.listen(0, "127.0.0.1", resolve));
  const authOrigin = `http://127.0.0.1:${(authServer.address() as AddressInfo).port}`;
  const auth = createAuth({
    siteOrigin: authOrigin,
    apiAudience: TEST_API_AUDIENCE,
    secret: "test-secret-that-is-at-least-32-characters-long",
    databaseUrl: sql.connectionString,
    sqlEndpoint: sql.url,
    // This Node server is not behind Cloudflare (and workerd drops CF-Connecting-IP
    // from outbound requests), so test clients name their address the proxy way.
    clientIpHeader: "x-forwarded-for",
    mailer: createOutbox(),
    requireEmailVerification,
  });
  const authHandler = toNodeHandler(auth);
  // The outbox, as the site serves it at /dev/mail.json in development.
  handle = async (req, res) => {
    if (req.method === "GET" && req.url === "/dev/mail.json") {
      res.setHeader("content-type", "application/json");
      res.end(JSON.stringify(outboxMessages()));
      return;
    }
    await authHandler(req, res);
  };

  return {
    sqlEndpoint: sql.url,
    databaseUrl: sql.connectionString,
    sql,
    authOrigin,
    async stop() {
      authServer.closeAllConnections();
      await new Promise<void>((resolve) => authServer.close(() => resolve()));
      await sql.close();
      await backend.close();
      cluster?.stop();
    },
  };
}
