/**
 * Where a stack serves: its ports, its URLs and the origins each Worker is told, all known before
 * anything starts (./stack.ts starts it; the browser journeys read the URLs while the preview builds).
 */
export interface StackPorts {
  site: number;
  api: number;
  sql: number;
}

/** The ports web/wrangler.jsonc and wrangler.jsonc name, which `npm run dev` uses. */
export const DEFAULT_PORTS: Readonly<StackPorts> = { site: 4321, api: 8787, sql: 5480 };

export interface StackUrls {
  site: string;
  api: string;
  /** The SQL endpoint's own origin (/health, /stats); never the proxy's. */
  sql: string;
  /** Where the API and the site send SQL (NEON_HTTP_ENDPOINT): through the proxy if there is one. */
  sqlEndpoint: string;
  /** The connection string the endpoint accepts (it carries this run's password). */
  databaseUrl: string;
}

/** The origins and endpoint each Worker must be told for a stack on `ports`. */
export function originsOf(ports: StackPorts, sqlEndpoint: string) {
  const site = `http://localhost:${ports.site}`;
  const api = `http://localhost:${ports.api}`;
  return {
    api: {
      NEON_HTTP_ENDPOINT: sqlEndpoint,
      AUTH_JWKS_URL: `${site}/api/auth/jwks`,
      AUTH_ISSUER: site,
      AUTH_AUDIENCE: api,
      ALLOWED_ORIGINS: site,
    },
    site: { NEON_HTTP_ENDPOINT: sqlEndpoint, SITE_ORIGIN: site, API_ORIGIN: api },
  };
}

/**
 * Where a stack on `ports` with SQL password `password` will serve, known before it starts (the
 * browser journeys hand these to their tests while the preview is still building). Without a proxy,
 * `sqlEndpoint` is the endpoint's own `/sql`.
 */
export function stackUrls(ports: StackPorts, password: string): StackUrls {
  const sql = `http://127.0.0.1:${ports.sql}`;
  return {
    site: `http://localhost:${ports.site}`,
    api: `http://localhost:${ports.api}`,
    sql,
    sqlEndpoint: `${sql}/sql`,
    databaseUrl: `postgresql://local:${encodeURIComponent(password)}@localhost:${ports.sql}/todo`,
  };
}
