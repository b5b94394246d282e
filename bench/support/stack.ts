/**
 * The preview stack the load test and Lighthouse run against: `scripts/dev.ts
 * --preview` (local SQL endpoint on in-memory PGlite, the API under
 * `wrangler dev`, the production site build under `wrangler dev`) on ports of
 * the bench's own, so it never collides with `npm run dev` or the e2e tests.
 */
import { randomBytes } from "node:crypto";
import { portInUse, type Started, startGroup } from "./processes.ts";

export const BENCH_PORTS = { site: 4341, api: 8807, sql: 5500 } as const;

export interface PreviewStack {
  site: string;
  api: string;
  sql: string;
  /** The connection string the SQL endpoint accepts (it carries the run's password); /stats wants it. */
  databaseUrl: string;
  process: Started;
}

const READY = "Ctrl-C stops all three";
/** Starts `scripts/dev.ts --preview` on the bench's own ports; its build goes to .artifacts/preview-4341. */
export async function startPreviewStack(logFile: string, timeoutMs = 180_000): Promise<PreviewStack> {
  for (const port of Object.values(BENCH_PORTS)) {
    if (await portInUse(port)) throw new Error(`port ${port} is busy: is another bench (or its stack) running?`);
  }
  const password = randomBytes(24).toString("base64url");
  const started = startGroup(
    process.execPath,
    ["scripts/dev.ts", "--preview"],
    {
      SITE_PORT: String(BENCH_PORTS.site),
      API_PORT: String(BENCH_PORTS.api),
      SQL_PORT: String(BENCH_PORTS.sql),
      DEV_SQL_DATA: ":memory:",
      DEV_SQL_PASSWORD: password,
      // Users sign up from addresses of their own in CF-Connecting-IP, trusted as in production.
      DEV_CLIENT_IP_HEADER: "cf-connecting-ip",
    },
    logFile,
  );
  const deadline = Date.now() + timeoutMs;
  while (!started.output().includes(READY)) {
    if (!started.alive()) throw new Error(`the preview stack exited before it was ready; see ${logFile}`);
    if (Date.now() > deadline) {
      await started.stop();
      throw new Error(`the preview stack was not ready within ${timeoutMs / 1000} s; see ${logFile}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  return {
    site: `http://localhost:${BENCH_PORTS.site}`,
    api: `http://localhost:${BENCH_PORTS.api}`,
    sql: `http://127.0.0.1:${BENCH_PORTS.sql}`,
    databaseUrl: `postgresql://local:${password}@localhost:${BENCH_PORTS.sql}/todo`,
    process: started,
  };
}
