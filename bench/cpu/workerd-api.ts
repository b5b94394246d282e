/**
 * The API's own bundle in a bare workerd, for the CPU bench only.
 *
 * Not `wrangler dev`: its workerd also runs a dev proxy, an entry Worker and
 * an inspector, and a Worker that only answers "ok" cost about 5 ms of CPU per
 * request there against about 1 ms in a bare workerd on the same machine, so
 * it would drown the API's own cost. Here workerd runs exactly what
 * `wrangler deploy --dry-run` bundles, with the compatibility date, flags,
 * vars, Durable Objects and rate limits read from wrangler.jsonc on every run
 * (so what is added there is measured without touching this file), except:
 * - the database is the replay endpoint (./sql-replay.ts), which answers at once;
 * - API_RATE_LIMIT is the bench's own limiter (./workerd-config.ts), with a
 *   limit far past what the bench sends, so no answer is a 429;
 * - the Durable Object keeps its storage in memory.
 * The workerd process is this group's leader, so its pid is the one to time.
 */
import { createWriteStream, mkdirSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import { experimental_readRawConfig } from "wrangler";
import { freePort, waitFor } from "../../scripts/lib/ports.ts";
import { startGroup } from "../../scripts/lib/process-group.ts";
import { dryRunBundle } from "../size/worker-bundles.ts";
import { RATE_LIMITER_SOURCE, workerdConfig } from "./workerd-config.ts";

/** Requests per minute per user for the bench's limiter: the bench sends a few thousand in all. */
const BENCH_RATE_LIMIT = 1_000_000;

export interface WorkerdApi {
  url: string;
  /** The workerd process running the API. */
  pid: number;
  stop(): Promise<void>;
}

export interface WorkerdApiOptions {
  /** The site's origin: keys come from its JWKS, and it is the tokens' issuer. */
  site: string;
  /** The audience the site's tokens name (the preview API's origin). */
  audience: string;
  /** NEON_HTTP_ENDPOINT: the replay endpoint. */
  sqlEndpoint: string;
  /** DATABASE_URL: the connection string the real endpoint accepts, passed on by the replay. */
  databaseUrl: string;
  /** Where the bundle, the config and the log go (emptied first). */
  dir: string;
}

interface RawApiConfig {
  compatibility_date?: string;
  compatibility_flags?: string[];
  vars?: Record<string, string>;
  durable_objects?: { bindings?: { name: string; class_name: string }[] };
  ratelimits?: { name: string }[];
}

/** The workerd that wrangler itself runs (the `workerd` package's default export is the binary's path). */
function workerdBinary(): string {
  const fromWrangler = createRequire(createRequire(import.meta.url).resolve("wrangler/package.json"));
  return (fromWrangler("workerd") as { default: string }).default;
}

/** `wrangler deploy --dry-run`: the exact modules a deploy would upload. */
function bundle(outdir: string): string[] {
  dryRunBundle("wrangler.jsonc", outdir);
  const modules = readdirSync(outdir).filter((name) => /\.m?js$/.test(name));
  // The entry point first: workerd takes the first module as the main one.
  return modules.sort((a, b) => Number(b === "index.js") - Number(a === "index.js"));
}

export async function startWorkerdApi(options: WorkerdApiOptions): Promise<WorkerdApi> {
  rmSync(options.dir, { recursive: true, force: true });
  mkdirSync(options.dir, { recursive: true });
  const modules = bundle(options.dir);
  const raw = experimental_readRawConfig({ config: "wrangler.jsonc" }).rawConfig as RawApiConfig;
  if (!raw.compatibility_date) throw new Error("wrangler.jsonc names no compatibility_date");
  writeFileSync(join(options.dir, "limiter.js"), RATE_LIMITER_SOURCE);
  const port = await freePort();
  const config = workerdConfig({
    modules,
    compatibilityDate: raw.compatibility_date,
    compatibilityFlags: raw.compatibility_flags ?? [],
    vars: {
      ...raw.vars,
      NEON_HTTP_ENDPOINT: options.sqlEndpoint,
      DATABASE_URL: options.databaseUrl,
      AUTH_JWKS_URL: `${options.site}/api/auth/jwks`,
      AUTH_ISSUER: options.site,
      AUTH_AUDIENCE: options.audience,
      ALLOWED_ORIGINS: options.site,
    },
    durableObjects: (raw.durable_objects?.bindings ?? []).map((b) => ({ binding: b.name, className: b.class_name })),
    rateLimits: (raw.ratelimits ?? []).map((r) => ({ binding: r.name, limit: BENCH_RATE_LIMIT })),
    rateLimiterModule: "limiter.js",
    address: `127.0.0.1:${port}`,
  });
  // The config holds the SQL endpoint's password: it lives only as long as this run's folder.
  writeFileSync(join(options.dir, "config.capnp"), config, { mode: 0o600 });

  const log = createWriteStream(join(options.dir, "workerd.log"));
  const workerd = startGroup("cpu-api", workerdBinary(), ["serve", "--experimental", "config.capnp"], {
    cwd: options.dir,
    output: (_name, line) => log.write(`${line}\n`),
  });
  const stop = async () => {
    await workerd.stop();
    await new Promise((done) => log.end(done));
  };
  const url = `http://127.0.0.1:${port}`;
  try {
    await waitFor(`${url}/health`, { alive: workerd.alive, timeoutMs: 60_000, name: "the API in workerd" });
    return { url, pid: workerd.pid, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}
