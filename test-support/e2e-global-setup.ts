/**
 * Starts the whole stack the way a developer does (`npm run dev`, or
 * `npm run preview` for the production build), on an empty in-memory
 * database, for the browser journeys; stops it afterwards.
 */
import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { createWriteStream, mkdirSync } from "node:fs";
import { createConnection } from "node:net";
import type { TestProject } from "vitest/node";

function portInUse(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = createConnection({ port, host: "127.0.0.1" });
    socket.once("connect", () => {
      socket.destroy();
      resolve(true);
    });
    socket.once("error", () => resolve(false));
  });
}

export default async function setup(project: TestProject) {
  const mode = project.config.env.E2E_STACK === "preview" ? "preview" : "dev";
  // E2E_PORT_OFFSET lets two checkouts run their journeys side by side.
  const offset = Number(process.env.E2E_PORT_OFFSET ?? 0);
  const base = mode === "preview" ? { site: 4331, api: 8797, sql: 5490 } : { site: 4321, api: 8787, sql: 5480 };
  const ports = { site: base.site + offset, api: base.api + offset, sql: base.sql + offset };
  for (const port of Object.values(ports)) {
    if (await portInUse(port)) {
      throw new Error(`Port ${port} is busy: stop \`npm run ${mode}\` before running the e2e tests.`);
    }
  }
  project.provide("siteUrl", `http://localhost:${ports.site}`);
  project.provide("apiUrl", `http://localhost:${ports.api}`);
  project.provide("stack", mode);
  // The SQL endpoint's password for this run, so e2e/round-trips.test.ts can read its /stats.
  const sqlPassword = randomBytes(24).toString("base64url");
  project.provide("sqlUrl", `http://127.0.0.1:${ports.sql}`);
  project.provide("databaseUrl", `postgresql://local:${sqlPassword}@localhost:${ports.sql}/todo`);
  const args = mode === "preview" ? ["scripts/dev.ts", "--preview"] : ["scripts/dev.ts"];
  const stack = spawn(process.execPath, args, {
    env: {
      ...process.env,
      DEV_SQL_DATA: ":memory:",
      DEV_SQL_PASSWORD: sqlPassword,
      // As in production: the journeys send CF-Connecting-IP themselves, as Cloudflare would, so
      // each browser context has its own rate-limit bucket.
      DEV_CLIENT_IP_HEADER: "cf-connecting-ip",
      SITE_PORT: String(ports.site),
      API_PORT: String(ports.api),
      SQL_PORT: String(ports.sql),
    },
    stdio: ["ignore", "pipe", "pipe"],
    detached: true,
  });
  let output = "";
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`The stack did not start in time:\n${output}`)), 180_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes("Ctrl-C stops all three")) {
        clearTimeout(timer);
        resolve();
      }
    };
    stack.stdout.on("data", onData);
    stack.stderr.on("data", onData);
    stack.once("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`The stack exited (${code}) before it was ready:\n${output}`));
    });
  });
  stack.removeAllListeners("exit");
  // Keep the stack's output for whoever investigates a failure.
  mkdirSync(".artifacts", { recursive: true });
  const log = createWriteStream(`.artifacts/e2e-stack-${mode}.log`);
  log.write(output);
  stack.stdout.pipe(log);
  stack.stderr.pipe(log);

  return async () => {
    if (stack.pid) process.kill(-stack.pid, "SIGTERM");
    await new Promise((resolve) => {
      if (stack.exitCode !== null) resolve(undefined);
      else stack.once("exit", resolve);
    });
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
