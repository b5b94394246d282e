/**
 * The driver's process-wide settings, the two of `neonConfig` that an HTTP-only client has:
 * where queries go (`fetchEndpoint`) and what sends them (`fetchFunction`). Unset, the endpoint
 * is Neon's, derived from the connection string's host as the official driver derives it.
 */

export interface FetchEndpointOptions {
  jwtAuth?: boolean;
}

export type FetchEndpoint = string | ((host: string, port: number | string, options?: FetchEndpointOptions) => string);

/** `fetch`, or a stand-in with its shape; it receives the query options' `fetchOptions` merged into `init`. */
export type FetchFunction = (input: string, init: RequestInit) => Promise<Response>;

/** ep-foo-123.region.aws.neon.tech → api.region.aws.neon.tech (apiauth. when a JWT is sent). */
const defaultFetchEndpoint: FetchEndpoint = (host, _port, options) =>
  `https://${host.replace(/^[^.]+\./, options?.jwtAuth ? "apiauth." : "api.")}/sql`;

const settings: { fetchEndpoint?: FetchEndpoint | undefined; fetchFunction?: FetchFunction | undefined } = {};

export const neonConfig = {
  get fetchEndpoint(): FetchEndpoint {
    return settings.fetchEndpoint ?? defaultFetchEndpoint;
  },
  /** Set before the first query; `undefined` restores Neon's own endpoint. */
  set fetchEndpoint(endpoint: FetchEndpoint | undefined) {
    settings.fetchEndpoint = endpoint;
  },
  get fetchFunction(): FetchFunction | undefined {
    return settings.fetchFunction;
  },
  /** `undefined` restores the global `fetch`. */
  set fetchFunction(fetchFunction: FetchFunction | undefined) {
    settings.fetchFunction = fetchFunction;
  },
};
