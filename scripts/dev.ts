/**
 * `npm run dev`: the local SQL endpoint (PGlite, kept in .data/), the API
 * (`wrangler dev`, :8787) and the site (`astro dev`, :4321), with migrations
 * applied. Ctrl-C, or the parent going away, stops all three.
 *
 * `npm run preview` (--preview): the same, but the site is the production
 * build (`astro build`) served by `wrangler dev`, as it will run on Cloudflare.
 *
 * DEV_SQL_DATA=:memory:  start from an empty in-memory database (the e2e tests use it)
 * SITE_PORT, API_PORT, SQL_PORT  other ports (preview only; dev's site port is fixed)
 * DEV_SQL_PASSWORD       the SQL endpoint's password (default: a new random one per run)
 * DEV_CLIENT_IP_HEADER   the header the site's rate limits trust for the client's address, as
 *                        production trusts CF-Connecting-IP (default: none, since any local
 *                        client can send that header; the e2e tests and the bench set it)
 *
 * The SQL endpoint runs any SQL it is sent, so each run gives it a fresh random password and
 * hands the connection string only to the API and the site: to `wrangler dev` as `--var`, and
 * to `astro dev` in web/.dev.vars, the only place its Cloudflare plugin reads values from.
 */
import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";

const preview = process.argv.includes("--preview");
const ports = {
  site: Number(process.env.SITE_PORT ?? 4321),
  api: Number(process.env.API_PORT ?? 8787),
  sql: Number(process.env.SQL_PORT ?? 5480),
};
const SITE_URL = `http://localhost:${ports.site}`;
const API_URL = `http://localhost:${ports.api}`;
const SQL_URL = `http://127.0.0.1:${ports.sql}`;
const customPorts = ports.site !== 4321 || ports.api !== 8787 || ports.sql !== 5480;
if (customPorts && !preview) {
  console.error("Other ports need --preview: astro dev reads its origins from web/wrangler.jsonc.");
  process.exit(2);
}

/** `--var` flags (wrangler hides their values in its output). */
function varFlags(values: Record<string, string>): string[] {
  return Object.entries(values).flatMap(([key, value]) => ["--var", `${key}:${value}`]);
}
/** `--var` flags, only when the ports differ from the defaults in the Wrangler files. */
function portVars(values: Record<string, string>): string[] {
  return customPorts ? varFlags(values) : [];
}
const previewDir = resolve(".artifacts", `preview-${ports.site}`);
const sqlPassword = process.env.DEV_SQL_PASSWORD || randomBytes(24).toString("base64url");
/** Values of this run only, which every run passes explicitly. */
const perRun = {
  DATABASE_URL: `postgresql://local:${encodeURIComponent(sqlPassword)}@localhost:${ports.sql}/todo`,
  // Empty means "trust no header" (web/src/lib/site-env-schema.ts).
  CLIENT_IP_HEADER: process.env.DEV_CLIENT_IP_HEADER ?? "",
};
// DEV_SQL_ENDPOINT: where the Workers send SQL instead (the bench's latency proxy in front of it).
const endpoint = { NEON_HTTP_ENDPOINT: process.env.DEV_SQL_ENDPOINT || `${SQL_URL}/sql` };

const children: ChildProcess[] = [];
let stopping = false;

const DEV_VARS = "web/.dev.vars";
const PER_RUN_NOTE = "# Below: written by npm run dev on every run (the SQL endpoint's password changes each time).";

/** Local secrets are generated once into the git-ignored web/.dev.vars, never committed. */
function ensureDevVars() {
  if (!existsSync(DEV_VARS)) {
    writeFileSync(DEV_VARS, `BETTER_AUTH_SECRET=${randomBytes(32).toString("base64url")}\n`);
    console.log("Created web/.dev.vars with a fresh BETTER_AUTH_SECRET.");
  }
}

/**
 * Puts this run's values into web/.dev.vars for `astro dev`, keeping every other line. Only
 * `npm run dev` does this (its ports are fixed, so one runs per checkout at a time); previews
 * pass `--var` instead and leave the file alone.
 */
function writePerRunDevVars() {
  const kept = readFileSync(DEV_VARS, "utf8")
    .split("\n")
    .filter((line) => line !== PER_RUN_NOTE && !Object.keys(perRun).some((key) => line.startsWith(`${key}=`)))
    .join("\n")
    .trimEnd();
  const lines = Object.entries(perRun)
    .filter(([, value]) => value !== "")
    .map(([key, value]) => `${key}=${value}`);
  writeFileSync(DEV_VARS, `${kept}\n${PER_RUN_NOTE}\n${lines.join("\n")}\n`, { mode: 0o600 });
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

/**
 * Asks for each page until it renders: the first requests make Vite pre-bundle
 * the site's dependencies, and a page asked for meanwhile can fail. Nobody
 * should meet that, so "ready" is announced only afterwards.
 */
async function warmUp(timeoutMs = 120_000) {
  const deadline = Date.now() + timeoutMs;
  for (const path of ["/", "/sign-in", "/sign-up", "/tasks"]) {
    while (!stopping) {
      const response = await fetch(`${SITE_URL}${path}`, { redirect: "manual" }).catch(() => undefined);
      if (response && response.status < 500) break;
      if (Date.now() > deadline) throw new Error(`the site keeps failing on ${path}`);
      await new Promise((r) => setTimeout(r, 500));
    }
  }
}

async function main() {
  ensureDevVars();
  if (!preview) writePerRunDevVars();
  start("sql", process.execPath, ["db/local-server/main.ts"], {
    LOCAL_SQL_PORT: String(ports.sql),
    LOCAL_SQL_DATA: process.env.DEV_SQL_DATA ?? ".data/pglite",
    LOCAL_SQL_PASSWORD: sqlPassword,
  });
  await waitFor(`${SQL_URL}/health`, "the local SQL endpoint");
  const wranglerDev = ["dev", "--ip", "localhost", "--show-interactive-dev-session=false"];
  start("api", "wrangler", [
    ...wranglerDev,
    "--config",
    "wrangler.toml",
    "--port",
    String(ports.api),
    ...varFlags({ DATABASE_URL: perRun.DATABASE_URL }),
    ...portVars({
      ...endpoint,
      AUTH_JWKS_URL: `${SITE_URL}/api/auth/jwks`,
      AUTH_ISSUER: SITE_URL,
      AUTH_AUDIENCE: API_URL,
      ALLOWED_ORIGINS: SITE_URL,
    }),
  ]);
  if (preview) {
    console.log("Building the site…");
    // Each preview builds into a folder of its own (per port), so two previews, or a preview and
    // the bench, never replace the files the other is serving.
    const build = spawnSync("astro", ["build", "--root", "web", "--outDir", previewDir], {
      stdio: "inherit",
      env: { ...process.env, API_ORIGIN: API_URL, ASTRO_BUILD_CACHE: join(previewDir, ".vite") },
    });
    if (build.status !== 0) throw new Error("astro build failed.");
    start("site", "wrangler", [
      ...wranglerDev,
      "--config",
      join(previewDir, "server", "wrangler.json"),
      "--port",
      String(ports.site),
      // The build copies web/.dev.vars next to its wrangler.json; these take precedence over it.
      ...varFlags(perRun),
      ...portVars({ ...endpoint, SITE_ORIGIN: SITE_URL, API_ORIGIN: API_URL }),
    ]);
  } else {
    // --ignore-lock: astro stays in the foreground as our child, whoever runs it.
    start("site", "astro", ["dev", "--root", "web", "--port", String(ports.site), "--ignore-lock"]);
  }
  await Promise.all([waitFor(`${API_URL}/health`, "the API"), waitFor(SITE_URL, "the site")]);
  await warmUp();
  if (!stopping) {
    console.log(
      `\n  Site  ${SITE_URL}${preview ? " (production build)" : ""}\n  API   ${API_URL}  (OpenAPI: ${API_URL}/openapi.json)\n  SQL   ${SQL_URL}/sql\n\n  Ctrl-C stops all three.\n`,
    );
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  stop(1);
});
