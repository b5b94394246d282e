/**
 * The one Workers runtime type the API's auth code names (env.ts's service
 * binding). The root tsconfig checks bench/ with DOM types, which clash with
 * the full Workers types, yet bench/workerd/verify-bench.ts imports that code,
 * so it is declared here. worker/tsconfig.json still checks the real thing.
 */
interface Fetcher {
  fetch(input: RequestInfo | URL, init?: RequestInit): Promise<Response>;
}
