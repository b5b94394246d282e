/**
 * `npm run dev`: the local SQL endpoint (PGlite, kept in .data/), the API
 * (`wrangler dev`, :8787) and the site (`astro dev`, :4321), with migrations
 * applied. Ctrl-C, or the parent going away, stops all three.
 *
 * DEV_SQL_DATA=:memory: starts from an empty in-memory database (the e2e tests use it).
 */
import { type ChildProcess, spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync, writeFileSync } from "node:fs";

export const SITE_URL = "http://localhost:4321";
export const API_URL = "http://localhost:8787";
export const SQL_URL = "http://127.0.0.1:5480";

const children: ChildProcess[] = [];
let stopping = false;

/** Local secrets are generated once into git-ignored .dev.vars files, never committed. */
function ensureDevVars() {
  if (!existsSync("web/.dev.vars")) {
    writeFileSync("web/.dev.vars", `BETTER_AUTH_SECRET=${randomBytes(32).toString("base64url")}\n`);
    console.log("Created web/.dev.vars with a fresh BETTER_AUTH_SECRET.");
  }
}

function start(name: string, command: string, args: string[], env: NodeJS.ProcessEnv = {}) {
  // Each child leads its own process group so it can be stopped with everything it spawned.
  const child = spawn(command, args, {
    stdio: ["ignore", "pipe", "pipe"],
    detached: true,
    env: { ...process.env, ...env },
  });
  const prefix = `[${name}] `;
  const relay = (stream: NodeJS.WritableStream) => (chunk: Buffer) => {
    for (const line of chunk.toString().split("\n")) if (line.trim()) stream.write(`${prefix}${line}\n`);
  };
  child.stdout?.on("data", relay(process.stdout));
  child.stderr?.on("data", relay(process.stderr));
  child.on("exit", (code, signal) => {
    if (!stopping) {
      console.error(`${prefix}exited (${signal ?? code}); stopping everything.`);
      stop(1);
    }
  });
  children.push(child);
}

function stop(code = 0) {
  if (stopping) return;
  stopping = true;
  for (const child of children) {
    if (child.pid && child.exitCode === null) {
      try {
        process.kill(-child.pid, "SIGTERM");
      } catch {
        // Already gone.
      }
    }
  }
  setTimeout(() => {
    for (const child of children) {
      if (child.pid && child.exitCode === null) {
        try {
          process.kill(-child.pid, "SIGKILL");
        } catch {
          // Already gone.
        }
      }
    }
    process.exit(code);
  }, 3000).unref();
  void Promise.all(children.map((c) => (c.exitCode === null ? new Promise((r) => c.once("exit", r)) : null))).then(() =>
    process.exit(code),
  );
}

async function waitFor(url: string, name: string, timeoutMs = 120_000) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (stopping) return;
    try {
      const response = await fetch(url, { signal: AbortSignal.timeout(5000) });
      if (response.status < 500) return;
    } catch {
      // Not up yet.
    }
    await new Promise((r) => setTimeout(r, 300));
  }
  throw new Error(`${name} did not come up at ${url}`);
}

process.on("SIGINT", () => stop(0));
process.on("SIGTERM", () => stop(0));
process.on("SIGHUP", () => stop(0));
// If whatever started us dies without a signal reaching us, stop anyway.
const parent = process.ppid;
setInterval(() => {
  if (process.ppid !== parent) stop(0);
}, 1000).unref();

ensureDevVars();
start("sql", process.execPath, ["db/local-server/main.ts"], {
  LOCAL_SQL_PORT: "5480",
  LOCAL_SQL_DATA: process.env.DEV_SQL_DATA ?? ".data/pglite",
});
await waitFor(`${SQL_URL}/health`, "the local SQL endpoint");
start("api", "wrangler", [
  "dev",
  "--config",
  "wrangler.toml",
  "--port",
  "8787",
  "--ip",
  "localhost",
  "--show-interactive-dev-session=false",
]);
// --ignore-lock: astro stays in the foreground as our child, whoever runs it.
start("site", "astro", ["dev", "--root", "web", "--port", "4321", "--ignore-lock"]);
await Promise.all([waitFor(`${API_URL}/health`, "the API"), waitFor(SITE_URL, "the site")]);
if (!stopping) {
  console.log(
    `\n  Site  ${SITE_URL}\n  API   ${API_URL}  (OpenAPI: ${API_URL}/openapi.json)\n  SQL   ${SQL_URL}/sql\n\n  Ctrl-C stops all three.\n`,
  );
}
