/**
 * Part 3c: the API Worker's startup CPU, from `wrangler check startup` (issue 14: at most 25 ms on
 * the bench machine). It profiles the module's top-level evaluation in a local workerd; the
 * figure is the profile's active time, garbage collection included, as the lowest of a few runs,
 * since a busy machine only ever adds to it.
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { WRANGLER } from "../verify/bench-worker.ts";

export interface WorkerStartup {
  config: string;
  /** Active startup CPU per run, in milliseconds. */
  runsMs: number[];
  bestMs: number;
}

export function measureWorkerStartup(config: string, runs = 3): WorkerStartup {
  const dir = mkdtempSync(join(tmpdir(), "bench-startup-"));
  try {
    const runsMs: number[] = [];
    for (let run = 0; run < runs; run++) {
      const result = spawnSync(
        process.execPath,
        [WRANGLER, "check", "startup", "--config", config, "--outfile", join(dir, `startup-${run}.cpuprofile`)],
        { encoding: "utf8" },
      );
      const active = /Active:\s*([\d.]+)\s*ms/.exec(`${result.stdout}${result.stderr}`);
      if (!active) throw new Error(`wrangler check startup printed no active time:\n${result.stderr}`);
      runsMs.push(Number(active[1]));
    }
    return { config, runsMs, bestMs: Math.min(...runsMs) };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
