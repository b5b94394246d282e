/**
 * The one way to start the whole stack: the local SQL endpoint (migrations
 * applied), the API under `wrangler dev`, and the site, either under `astro dev`
 * (mode "dev") or as its production build under `wrangler dev` (mode "preview").
 * `npm run dev`, the browser journeys and the bench all start it through here,
 * and it counts as ready when every health check answers and every page renders.
 *
 * The SQL endpoint runs any SQL it is sent, so each run gives it a fresh random
 * password and hands the connection string only to the API and the site: to
 * `wrangler dev` as `--var`, and to `astro dev` in web/.dev.vars, the only place
 * its Cloudflare plugin reads values from. Values the Wrangler files already hold
 * (origins on the default ports) are passed only when this run's differ.
 */
import { randomBytes } from "node:crypto";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { generateVapidKeys } from "../../worker/src/push/vapid.ts";
import { claimDevStack, ensureDevVars, writePerRunDevVars } from "./dev-vars.ts";
import { waitFor } from "./ports.ts";
import { DEFAULT_PORTS, originsOf, type StackPorts, type StackUrls, stackUrls } from "./stack-urls.ts";

export { DEFAULT_PORTS, type StackPorts, type StackUrls, stackUrls };

import { type Group, type OutputSink, printPrefixed, startGroup } from "./process-group.ts";

const ROOT = fileURLToPath(new URL("../..", import.meta.url));
const WRANGLER = join(ROOT, "node_modules/wrangler/bin/wrangler.js");
const ASTRO = join(ROOT, "node_modules/astro/bin/astro.mjs");
const DEV_VARS = join(ROOT, "web/.dev.vars");
/** Who runs this checkout's dev stack: a second one would rewrite web/.dev.vars under the first. */
const DEV_OWNER = join(ROOT, ".artifacts", "dev-stack.pid");
/** Pages asked for until they render before the stack counts as ready (see `warmUp`). */
const WARM_PAGES = ["/", "/sign-in", "/sign-up", "/tasks"];

/** Something in front of the SQL endpoint that the API and the site talk to instead. */
export interface SqlProxy {
  /** The URL the Workers get as NEON_HTTP_ENDPOINT, e.g. http://127.0.0.1:41236/sql/bench. */
  endpoint: string;
  /** Called by the stack's `stop()`, after the API and the site have stopped. */
  close(): Promise<void>;
}

export interface StackOptions {
  mode: "dev" | "preview";
  /** Default: DEFAULT_PORTS. */
  ports?: StackPorts;
  /** The PGlite data folder, or ":memory:" for an empty database (default .data/pglite, kept). */
  sqlData?: string;
  /** The SQL endpoint's password (default: a new random one). */
  sqlPassword?: string;
  /**
   * The header the site's rate limits trust for the client's address, as production trusts
   * CF-Connecting-IP (default: none, since any local client can send that header).
   */
  clientIpHeader?: string;
  /**
   * Puts a proxy between the API/site and the SQL endpoint (e.g. one that adds latency, for a
   * bench, e.g. test-support/sql-fault-proxy.ts). Called once the endpoint answers, with the
   * endpoint's URL (`http://127.0.0.1:<port>/sql`), which the proxy forwards to; the API and the
   * site get the `endpoint` it returns as NEON_HTTP_ENDPOINT. The stack closes it on `stop()`.
   */
  sqlProxy?: (sqlEndpoint: string) => Promise<SqlProxy>;
  /** Where the processes' output goes (default: this process's, each line prefixed). */
  output?: OutputSink;
  /** How long starting may take, the preview's build included (default 180 s). */
  timeoutMs?: number;
}

export interface Stack {
  urls: StackUrls;
  /** The preview's build folder (mode "preview" only). */
  buildDir?: string;
  /** Resolves, saying which and how, if a process exits while nobody asked it to stop. */
  crashed: Promise<string>;
  /** Stops every process (SIGTERM, SIGKILL after a few seconds), then closes the proxy. */
  stop(): Promise<void>;
}

/** The entries of `values` that differ from the Wrangler files' own. */
function differing(values: Record<string, string>, defaults: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(values).filter(([key, value]) => defaults[key] !== value));
}

/**
 * The VAPID key pair for reminders' Web Push: the environment's, when both are set (a browser's
 * subscription is bound to the public key, so keep one across restarts that way), else a fresh
 * pair per run. The private key is a secret and is never written to a file here.
 */
async function vapidPair(): Promise<{ VAPID_PUBLIC_KEY: string; VAPID_PRIVATE_KEY: string }> {
  const { VAPID_PUBLIC_KEY, VAPID_PRIVATE_KEY } = process.env;
  if (VAPID_PUBLIC_KEY && VAPID_PRIVATE_KEY) return { VAPID_PUBLIC_KEY, VAPID_PRIVATE_KEY };
  const keys = await generateVapidKeys();
  return { VAPID_PUBLIC_KEY: keys.publicKey, VAPID_PRIVATE_KEY: keys.privateKey };
}

/** `--var` flags (wrangler hides their values in its output). */
function varFlags(values: Record<string, string>): string[] {
  return Object.entries(values).flatMap(([key, value]) => ["--var", `${key}:${value}`]);
}

/** Starts the stack and resolves once it serves; throws (having stopped what it started) if it cannot. */
export async function startStack(options: StackOptions): Promise<Stack> {
  const { mode, ports = DEFAULT_PORTS, output = printPrefixed, timeoutMs = 180_000 } = options;
  const deadline = Date.now() + timeoutMs;
  const password = options.sqlPassword || randomBytes(24).toString("base64url");
  const urls = stackUrls(ports, password);
  const { databaseUrl } = urls;
  const perRun = {
    DATABASE_URL: databaseUrl,
    // Empty means "trust no header" (web/src/lib/site-env-schema.ts).
    CLIENT_IP_HEADER: options.clientIpHeader ?? "",
  };

  const groups: Group[] = [];
  let proxy: SqlProxy | undefined;
  let stopping = false;
  let crash: string | undefined;
  let reportCrash: (why: string) => void = () => undefined;
  const crashed = new Promise<string>((resolve) => {
    reportCrash = resolve;
  });
  // The last lines printed, for the error when starting fails.
  const tail: string[] = [];
  const sink: OutputSink = (name, line, stream) => {
    tail.push(`[${name}] ${line}`);
    if (tail.length > 60) tail.shift();
    output(name, line, stream);
  };
  const launch = (name: string, args: string[], env: NodeJS.ProcessEnv = {}, expectExit = false) => {
    const group = startGroup(name, process.execPath, args, { env, cwd: ROOT, output: sink });
    groups.push(group);
    if (!expectExit) {
      void group.exited.then((code) => {
        if (stopping || crash) return;
        crash = `${name} exited (${code})`;
        reportCrash(crash);
      });
    }
    return group;
  };
  const until = (url: string, name: string) =>
    waitFor(url, { name, alive: () => crash === undefined && !stopping, timeoutMs: deadline - Date.now() });
  const release = mode === "dev" ? claimDevStack(DEV_OWNER) : () => undefined;
  const stop = async () => {
    stopping = true;
    await Promise.all(groups.map((group) => group.stop(5000)));
    await proxy?.close();
    proxy = undefined;
    release();
  };

  const buildDir = mode === "preview" ? join(ROOT, ".artifacts", `preview-${ports.site}`) : undefined;
  try {
    ensureDevVars(DEV_VARS);
    launch("sql", ["db/local-server/main.ts"], {
      LOCAL_SQL_PORT: String(ports.sql),
      LOCAL_SQL_DATA: options.sqlData ?? ".data/pglite",
      LOCAL_SQL_PASSWORD: password,
    });
    await until(`${urls.sql}/health`, "the local SQL endpoint");
    if (options.sqlProxy) proxy = await options.sqlProxy(urls.sqlEndpoint);
    const sqlEndpoint = proxy?.endpoint ?? urls.sqlEndpoint;
    const defaults = originsOf(DEFAULT_PORTS, `http://127.0.0.1:${DEFAULT_PORTS.sql}/sql`);
    const origins = originsOf(ports, sqlEndpoint);
    const siteOverrides = differing(origins.site, defaults.site);
    // Only `npm run dev`'s site reads web/.dev.vars; previews pass `--var` and leave it alone.
    if (mode === "dev") {
      writePerRunDevVars(DEV_VARS, { ...perRun, ...siteOverrides }, Object.keys(origins.site));
    }

    const wranglerDev = [WRANGLER, "dev", "--ip", "localhost", "--show-interactive-dev-session=false"];
    launch("api", [
      ...wranglerDev,
      ...["--config", "wrangler.jsonc", "--port", String(ports.api)],
      ...varFlags({ DATABASE_URL: databaseUrl, ...(await vapidPair()), ...differing(origins.api, defaults.api) }),
    ]);
    if (buildDir) {
      // Each preview builds into a folder of its own (per port), so two previews, or a preview and
      // the bench, never replace the files the other is serving.
      const build = launch(
        "build",
        [ASTRO, "build", "--root", "web", "--outDir", buildDir],
        { API_ORIGIN: urls.api, ASTRO_BUILD_CACHE: join(buildDir, ".vite") },
        true,
      );
      const status = await Promise.race([build.exited, crashed]);
      if (status !== 0) throw new Error(crash ?? `astro build failed (${status})`);
      launch("site", [
        ...wranglerDev,
        ...["--config", join(buildDir, "server", "wrangler.json"), "--port", String(ports.site)],
        // The build copies web/.dev.vars next to its wrangler.json; these take precedence over it.
        ...varFlags({ ...perRun, ...siteOverrides }),
      ]);
    } else {
      // --ignore-lock: astro stays in the foreground as our child, whoever runs it.
      launch("site", [ASTRO, "dev", "--root", "web", "--port", String(ports.site), "--ignore-lock"]);
    }
    await Promise.all([until(`${urls.api}/health`, "the API"), until(urls.site, "the site")]);
    // The first requests make Vite pre-bundle the site's dependencies, and a page asked for
    // meanwhile can fail: nobody should meet that, so each page is asked for until it renders.
    for (const path of WARM_PAGES) await until(`${urls.site}${path}`, `the site's ${path}`);
    if (crash) throw new Error(crash);
    return { urls: { ...urls, sqlEndpoint }, ...(buildDir ? { buildDir } : {}), crashed, stop };
  } catch (error) {
    await stop();
    const message = error instanceof Error ? error.message : String(error);
    throw new Error(`The ${mode} stack did not start: ${message}\n--- its last output ---\n${tail.join("\n")}`, {
      cause: error,
    });
  }
}
