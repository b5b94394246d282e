/**
 * Starts the whole stack the way a developer does (`npm run dev`, or
 * `npm run preview` for the production build), on an empty in-memory
 * database, for the browser journeys; stops it afterwards.
 *
 * vitest runs every project's global setup, one after another, before any test file. The dev
 * stack is started here and waited for, as before. The preview is not waited for: its production
 * build is the slowest start of all, so it builds while the test files before its journeys run,
 * and each journey file waits until it serves (test-support/e2e-stack-ready.ts). Where the stack
 * will serve is known before it starts, so the journeys get their URLs at once.
 */
import { randomBytes } from "node:crypto";
import { createWriteStream, mkdirSync, rmSync, writeFileSync } from "node:fs";
import type { TestProject } from "vitest/node";
import { portInUse } from "../scripts/lib/ports.ts";
import { type Stack, stackUrls, startStack } from "../scripts/lib/stack.ts";
import type { StackReadiness } from "./e2e-stack-ready.ts";

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
  // Says when the stack serves, or why it never will; a previous run's answer must not count.
  const readyFile = `.artifacts/e2e-stack-${mode}.ready.json`;
  rmSync(readyFile, { force: true });
  const settle = (readiness: StackReadiness) => writeFileSync(readyFile, JSON.stringify(readiness));

  const sqlPassword = randomBytes(24).toString("base64url");
  const urls = stackUrls(ports, sqlPassword);
  project.provide("siteUrl", urls.site);
  project.provide("apiUrl", urls.api);
  project.provide("stack", mode);
  // e2e/round-trips.preview.test.ts reads the SQL endpoint's /stats, which wants this run's password.
  project.provide("sqlUrl", urls.sql);
  project.provide("databaseUrl", urls.databaseUrl);
  project.provide("stackReadyFile", readyFile);

  let failure: unknown;
  const starting: Promise<Stack | undefined> = startStack({
    mode,
    ports,
    sqlData: ":memory:",
    sqlPassword,
    // As in production: the journeys send CF-Connecting-IP themselves, as Cloudflare would, so
    // each browser context has its own rate-limit bucket.
    clientIpHeader: "cf-connecting-ip",
    output: (name, line) => log.write(`[${name}] ${line}\n`),
  }).then(
    (stack) => {
      void stack.crashed.then((why) => log.write(`\n${why}: the journeys that follow will fail.\n`));
      settle({ ready: true });
      return stack;
    },
    (error: unknown) => {
      failure = error;
      settle({ ready: false, error: error instanceof Error ? error.message : String(error) });
      return undefined;
    },
  );
  if (mode === "dev" && !(await starting)) throw failure;

  return async () => {
    await (await starting)?.stop();
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
    /** Where the global setup writes whether the stack serves (a `StackReadiness`). */
    stackReadyFile: string;
  }
}
