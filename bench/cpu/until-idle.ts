/**
 * Waits until a process has gone quiet, so a CPU reading taken then includes
 * all the work a request caused, the part after its answer too (waitUntil).
 * Quiet means: no thread runnable (state R in /proc/<pid>/task/<tid>/stat) and
 * no CPU added between two readings a millisecond apart. On a busy machine a
 * runnable thread may wait for a core; checking the state keeps that from
 * looking idle.
 */
import { readdirSync, readFileSync } from "node:fs";
import { setTimeout as sleep } from "node:timers/promises";
import { cpuNs } from "./process-cpu.ts";

/** Give up waiting after this long; the reading is then a lower bound (`settled: false`). */
const MAX_WAIT_MS = 2_000;

/** Whether any thread of `pid` is running or waiting for a core. */
function anyRunnable(pid: number): boolean {
  for (const tid of readdirSync(`/proc/${pid}/task`)) {
    try {
      const stat = readFileSync(`/proc/${pid}/task/${tid}/stat`, "utf8");
      if (stat.slice(stat.lastIndexOf(")") + 2, stat.lastIndexOf(")") + 3) === "R") return true;
    } catch {
      // The thread ended meanwhile.
    }
  }
  return false;
}

/** The process's CPU nanoseconds once it is quiet, and whether it got quiet in time. */
export async function untilIdle(pid: number): Promise<{ ns: number; settled: boolean }> {
  const deadline = Date.now() + MAX_WAIT_MS;
  let last = cpuNs(pid);
  while (Date.now() < deadline) {
    await sleep(1);
    const now = cpuNs(pid);
    if (now === last && !anyRunnable(pid)) return { ns: now, settled: true };
    last = now;
  }
  return { ns: last, settled: false };
}
