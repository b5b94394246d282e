/**
 * Part 3a: what each Worker uploads, from `wrangler deploy --dry-run`, which
 * bundles exactly as a deploy would but stops before uploading. Cloudflare's
 * size limit applies to the gzipped upload, which is what wrangler reports.
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { gzipSync } from "node:zlib";
import { WRANGLER } from "../verify/bench-worker.ts";

/** Workers Free and Paid limits on a Worker's gzipped size (developers.cloudflare.com/workers/platform/limits). */
export const LIMITS = { freeGzipBytes: 3 * 1024 * 1024, paidGzipBytes: 10 * 1024 * 1024 } as const;

export interface WorkerBundle {
  name: string;
  config: string;
  /** wrangler's "Total Upload" figures. */
  uploadBytes: number;
  uploadGzipBytes: number;
  modules: number;
  /** The three largest modules: what to look at first to slim the Worker. */
  largest: { file: string; bytes: number; gzipBytes: number }[];
}

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? files(path) : [path];
  });
}

/**
 * `wrangler deploy --dry-run` for `config` into `outdir`: the exact modules a deploy would upload
 * (`extra` adds flags, e.g. `--minify=false`). Answers wrangler's output; throws if it failed.
 */
export function dryRunBundle(config: string, outdir: string, extra: readonly string[] = []): string {
  const result = spawnSync(
    process.execPath,
    [WRANGLER, "deploy", "--dry-run", "--outdir", outdir, "--config", config, ...extra],
    { encoding: "utf8", env: { ...process.env, WRANGLER_SEND_METRICS: "false" } },
  );
  const output = `${result.stdout}${result.stderr}`;
  if (result.status !== 0) throw new Error(`wrangler deploy --dry-run --config ${config} failed:\n${output}`);
  return output;
}

export function measureWorkerBundle(name: string, config: string): WorkerBundle {
  const outdir = mkdtempSync(join(tmpdir(), "bench-bundle-"));
  try {
    const output = dryRunBundle(config, outdir);
    const upload = /Total Upload: ([\d.]+) KiB \/ gzip: ([\d.]+) KiB/.exec(output);
    if (!upload) throw new Error(`wrangler deploy --dry-run --config ${config} printed no upload size:\n${output}`);
    // Source maps and wrangler's README are written beside the bundle but not uploaded as code.
    const modules = files(outdir)
      .filter((path) => /\.(m?js|cjs|wasm)$/.test(path))
      .map((path) => {
        const bytes = readFileSync(path);
        return { file: relative(outdir, path), bytes: bytes.length, gzipBytes: gzipSync(bytes).length };
      })
      .sort((a, b) => b.bytes - a.bytes);
    return {
      name,
      config,
      uploadBytes: Math.round(Number(upload[1]) * 1024),
      uploadGzipBytes: Math.round(Number(upload[2]) * 1024),
      modules: modules.length,
      largest: modules.slice(0, 3),
    };
  } finally {
    rmSync(outdir, { recursive: true, force: true });
  }
}
