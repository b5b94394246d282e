/**
 * Part 3c: the API Worker's startup CPU, from `wrangler check startup` (issue 14: at most 25 ms on
 * the bench machine). It profiles the module's top-level evaluation in a local workerd; the
 * figure is the profile's active time, garbage collection included, as the lowest of a few runs,
 * since a busy machine only ever adds to it.
 *
 * Beside it, the startup work without the sampler's first gap. workerd's profiler samples about
 * every 1.1 ms, but its first sample after the request arrives comes some 15-18 ms late, and that
 * whole interval is counted as active whenever the sample lands in the Worker's code. The gap does
 * not depend on the Worker: a module whose only startup work is a 2 ms loop reports 21-30 ms
 * "Active", and one with no startup work reports 0. So the work is the active time of every other
 * sample, and it is what a change to the Worker moves.
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { median } from "../support/stats.ts";
import { WRANGLER } from "../verify/bench-worker.ts";

export interface WorkerStartup {
  config: string;
  /** Active startup CPU per run, in milliseconds, as wrangler prints it. */
  runsMs: number[];
  bestMs: number;
  /** Per run: the active time less the sampler's late first sample (see above). */
  workMs: number[];
  medianWorkMs: number;
}

/** A sampled interval this long (the sampler's is about 1.1 ms) is the profiler's gap, not work. */
const GAP_MS = 8;

interface CpuProfile {
  nodes: { id: number; callFrame: { functionName: string } }[];
  samples: number[];
  timeDeltas: number[];
}

/** wrangler's active time (every sample but idle ones), less any interval of GAP_MS or more. */
export function startupWorkMs(profile: CpuProfile): number {
  const names = new Map(profile.nodes.map((node) => [node.id, node.callFrame.functionName]));
  let work = 0;
  profile.timeDeltas.forEach((delta, index) => {
    const idle = names.get(profile.samples[index] ?? -1) === "(idle)";
    if (!idle && delta < GAP_MS * 1000) work += delta;
  });
  return work / 1000;
}

export function measureWorkerStartup(config: string, runs = 5): WorkerStartup {
  const dir = mkdtempSync(join(tmpdir(), "bench-startup-"));
  try {
    const runsMs: number[] = [];
    const workMs: number[] = [];
    for (let run = 0; run < runs; run++) {
      const outfile = join(dir, `startup-${run}.cpuprofile`);
      const result = spawnSync(
        process.execPath,
        [WRANGLER, "check", "startup", "--config", config, "--outfile", outfile],
        {
          encoding: "utf8",
        },
      );
      const active = /Active:\s*([\d.]+)\s*ms/.exec(`${result.stdout}${result.stderr}`);
      if (!active) throw new Error(`wrangler check startup printed no active time:\n${result.stderr}`);
      runsMs.push(Number(active[1]));
      workMs.push(startupWorkMs(JSON.parse(readFileSync(outfile, "utf8")) as CpuProfile));
    }
    return { config, runsMs, bestMs: Math.min(...runsMs), workMs, medianWorkMs: median(workMs) };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
