/**
 * Starts the whole stack the way a developer does (`npm run dev`, or
 * `npm run preview` for the production build), on an empty in-memory
 * database, for the browser journeys; stops it afterwards.
 */
import { createWriteStream, mkdirSync } from "node:fs";
import type { TestProject } from "vitest/node";
import { portInUse } from "../scripts/lib/ports.ts";
import { startStack } from "../scripts/lib/stack.ts";

export default async function setup(project: TestProject) {
  const mode = project.config.env.E2E_STACK === "preview" ? "preview" : "dev";
  // E2E_PORT_OFFSET moves both stacks, so two checkouts can run their journeys side by side.
  const offset = Number(process.env.E2E_PORT_OFFSET ?? 0);
  const base = mode === "preview" ? { site: 4331, api: 8797, sql: 5490 } : { site: 4321, api: 8787, sql: 5480 };
  const ports = { site: base.site + offset, api: base.api + offset, sql: base.sql + offset };
  for (const port of Object.values(ports)) {
    if (await portInUse(port)) {
      throw new Error(`Port ${port} is busy: stop \`npm run ${mode}\` before running the e2e tests.`);
    }
  }
  // Keep the stack's output for whoever investigates a failure.
  mkdirSync(".artifacts", { recursive: true });
  const log = createWriteStream(`.artifacts/e2e-stack-${mode}.log`);
  const stack = await startStack({
    mode,
    ports,
    sqlData: ":memory:",
    // As in production: the journeys send CF-Connecting-IP themselves, as Cloudflare would, so
    // each browser context has its own rate-limit bucket.
    clientIpHeader: "cf-connecting-ip",
    output: (name, line) => log.write(`[${name}] ${line}\n`),
  });
  void stack.crashed.then((why) => log.write(`\n${why}: the journeys that follow will fail.\n`));
  project.provide("siteUrl", stack.urls.site);
  project.provide("apiUrl", stack.urls.api);
  project.provide("stack", mode);
  // e2e/round-trips.preview.test.ts reads the SQL endpoint's /stats, which wants this run's password.
  project.provide("sqlUrl", stack.urls.sql);
  project.provide("databaseUrl", stack.urls.databaseUrl);

  return async () => {
    await stack.stop();
    await new Promise((resolve) => log.end(resolve));
  };
}

declare module "vitest" {
  export interface ProvidedContext {
    /** The site under test, e.g. http://localhost:4321 */
    siteUrl: string;
    /** The API the site calls, e.g. http://localhost:8787 */
    apiUrl: string;
    /** Which stack the journeys run against: `npm run dev`, or the production build. */
    stack: "dev" | "preview";
    /** The local SQL endpoint, e.g. http://127.0.0.1:5480 (its /stats counts round trips). */
    sqlUrl: string;
    /** The connection string with this run's password, which /stats wants. */
    databaseUrl: string;
  }
}
