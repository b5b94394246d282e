/**
 * The preview stack the load test and Lighthouse run against, started by
 * scripts/lib/stack.ts (local SQL endpoint on in-memory PGlite, the API under
 * `wrangler dev`, the production site build under `wrangler dev`) on ports of
 * the bench's own, so it never collides with `npm run dev` or the e2e tests.
 */
import { createWriteStream } from "node:fs";
import { portInUse } from "../../scripts/lib/ports.ts";
import { type Stack, type StackOptions, startStack } from "../../scripts/lib/stack.ts";

export const BENCH_PORTS = { site: 4341, api: 8807, sql: 5500 } as const;

export interface PreviewStack {
  site: string;
  api: string;
  /** The SQL endpoint's own origin (for /stats), never a proxy's. */
  sql: string;
  /** The connection string the SQL endpoint accepts (it carries the run's password); /stats wants it. */
  databaseUrl: string;
  /** Where this stack's build is (`.artifacts/preview-4341`). */
  buildDir: string;
  stop(): Promise<void>;
  /** The stack itself, for what the fields above leave out (e.g. the proxied SQL endpoint). */
  stack: Stack;
}

/**
 * Starts the preview stack on the bench's own ports, its output to `logFile`. `sqlProxy` puts a
 * proxy between the API/site and the SQL endpoint (see scripts/lib/stack.ts).
 */
export async function startPreviewStack(
  logFile: string,
  { sqlProxy, timeoutMs = 180_000 }: Pick<StackOptions, "sqlProxy" | "timeoutMs"> = {},
): Promise<PreviewStack> {
  for (const port of Object.values(BENCH_PORTS)) {
    if (await portInUse(port)) throw new Error(`port ${port} is busy: is another bench (or its stack) running?`);
  }
  const log = createWriteStream(logFile);
  let stack: Stack;
  try {
    stack = await startStack({
      mode: "preview",
      ports: { ...BENCH_PORTS },
      sqlData: ":memory:",
      // Users sign up from addresses of their own in CF-Connecting-IP, trusted as in production.
      clientIpHeader: "cf-connecting-ip",
      output: (name, line) => log.write(`[${name}] ${line}\n`),
      timeoutMs,
      ...(sqlProxy ? { sqlProxy } : {}),
    });
  } catch (error) {
    log.end();
    throw new Error(`the preview stack did not start; see ${logFile}`, { cause: error });
  }
  return {
    site: stack.urls.site,
    api: stack.urls.api,
    sql: stack.urls.sql,
    databaseUrl: stack.urls.databaseUrl,
    buildDir: stack.buildDir ?? "",
    stack,
    async stop() {
      await stack.stop();
      await new Promise((resolve) => log.end(resolve));
    },
  };
}
