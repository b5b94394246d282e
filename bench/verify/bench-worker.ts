/**
 * Starts bench/workerd/verify-bench.ts under `wrangler dev` on a free port,
 * configured like the API in the preview stack: keys from the site's JWKS,
 * the site as issuer and the API as audience, so the site's real tokens pass.
 */
import { createWriteStream } from "node:fs";
import { freePort, waitFor } from "../../scripts/lib/ports.ts";
import { startGroup } from "../../scripts/lib/process-group.ts";

export interface BenchWorker {
  url: string;
  stop(): Promise<void>;
}

/** wrangler's own entry point, run on this Node (24), wherever npm's PATH is or is not set. */
export const WRANGLER = "node_modules/wrangler/bin/wrangler.js";

export async function startBenchWorker(urls: { site: string; api: string }, logFile: string): Promise<BenchWorker> {
  const [port, inspectorPort] = [await freePort(), await freePort()];
  const vars = {
    AUTH_JWKS_URL: `${urls.site}/api/auth/jwks`,
    AUTH_ISSUER: urls.site,
    AUTH_AUDIENCE: urls.api,
    // Required by the API's config schema; these routes never touch a database.
    DATABASE_URL: "postgresql://bench:bench@localhost/unused",
  };
  const log = createWriteStream(logFile);
  const worker = startGroup(
    "verify-worker",
    process.execPath,
    [
      WRANGLER,
      "dev",
      "--config",
      "bench/workerd/wrangler.jsonc",
      "--ip",
      "localhost",
      "--port",
      String(port),
      "--inspector-port",
      String(inspectorPort),
      "--show-interactive-dev-session=false",
      // No per-request log line: printing it would be measured too.
      "--log-level",
      "warn",
      ...Object.entries(vars).flatMap(([key, value]) => ["--var", `${key}:${value}`]),
    ],
    { output: (_name, line) => log.write(`${line}\n`) },
  );
  const stop = async () => {
    await worker.stop();
    await new Promise((resolve) => log.end(resolve));
  };
  const url = `http://localhost:${port}`;
  try {
    await waitFor(`${url}/bare`, { alive: worker.alive, timeoutMs: 60_000, name: "the verification Worker" });
  } catch (error) {
    await stop();
    throw error;
  }
  return { url, stop };
}
