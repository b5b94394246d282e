/**
 * `npm run dev`: the local SQL endpoint (PGlite, kept in .data/), the API
 * (`wrangler dev`, :8787) and the site (`astro dev`, :4321), with migrations
 * applied. Ctrl-C, or the parent going away, stops all three.
 *
 * `npm run preview` (--preview): the same, but the site is the production
 * build (`astro build`) served by `wrangler dev`, as it will run on Cloudflare.
 *
 * A thin command line over scripts/lib/stack.ts, which the tests and the bench call directly.
 *
 * DEV_SQL_DATA=:memory:  start from an empty in-memory database
 * SITE_PORT, API_PORT, SQL_PORT  other ports (so two checkouts can run side by side)
 * DEV_SQL_PASSWORD       the SQL endpoint's password (default: a new random one per run)
 * DEV_CLIENT_IP_HEADER   the header the site's rate limits trust for the client's address, as
 *                        production trusts CF-Connecting-IP (default: none, since any local
 *                        client can send that header; the e2e tests and the bench set it)
 */

import { stopAll } from "./lib/process-group.ts";
import { DEFAULT_PORTS, type Stack, startStack } from "./lib/stack.ts";

const preview = process.argv.includes("--preview");
const ports = {
  site: Number(process.env.SITE_PORT ?? DEFAULT_PORTS.site),
  api: Number(process.env.API_PORT ?? DEFAULT_PORTS.api),
  sql: Number(process.env.SQL_PORT ?? DEFAULT_PORTS.sql),
};

let stack: Stack | undefined;
let stopping = false;

async function stop(code: number) {
  if (stopping) return;
  stopping = true;
  // Before the stack is up, stop whatever it has started so far.
  await (stack ? stack.stop() : stopAll(5000)).catch(() => undefined);
  process.exit(code);
}

for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"] as const) process.on(signal, () => void stop(0));
// If whatever started us dies without a signal reaching us, stop anyway.
const parent = process.ppid;
setInterval(() => {
  if (process.ppid !== parent) void stop(0);
}, 1000).unref();

try {
  stack = await startStack({
    mode: preview ? "preview" : "dev",
    ports,
    sqlData: process.env.DEV_SQL_DATA ?? ".data/pglite",
    ...(process.env.DEV_SQL_PASSWORD ? { sqlPassword: process.env.DEV_SQL_PASSWORD } : {}),
    ...(process.env.DEV_CLIENT_IP_HEADER ? { clientIpHeader: process.env.DEV_CLIENT_IP_HEADER } : {}),
  });
} catch (error) {
  if (!stopping) {
    console.error(error instanceof Error ? error.message : error);
    await stop(1);
  }
}
if (stack && !stopping) {
  const { site, api, sqlEndpoint } = stack.urls;
  void stack.crashed.then((why) => {
    console.error(`${why}; stopping everything.`);
    void stop(1);
  });
  console.log(
    `\n  Site  ${site}${preview ? " (production build)" : ""}\n  API   ${api}  (OpenAPI: ${api}/openapi.json)\n  SQL   ${sqlEndpoint}\n\n  Ctrl-C stops all three.\n`,
  );
}
