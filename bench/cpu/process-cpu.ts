/**
 * CPU time of one process, from Linux's scheduler statistics: the first field
 * of /proc/<pid>/task/<tid>/schedstat is the nanoseconds that thread has run.
 * Summed over every thread it is the process's CPU, at nanosecond resolution
 * (utime/stime in /proc/<pid>/stat count 10 ms ticks, too coarse for a request).
 */
import { readdirSync, readFileSync } from "node:fs";

/** Nanoseconds on CPU so far, summed over the process's threads (a thread that just exited is lost). */
export function cpuNs(pid: number): number {
  let total = 0;
  for (const tid of readdirSync(`/proc/${pid}/task`)) {
    try {
      total += Number(readFileSync(`/proc/${pid}/task/${tid}/schedstat`, "utf8").split(" ")[0]);
    } catch {
      // The thread ended between the listing and the read.
    }
  }
  return total;
}

/** Whether this machine exposes per-thread scheduler statistics (Linux with /proc). */
export function canMeasureCpu(): boolean {
  try {
    return Number.isFinite(cpuNs(process.pid));
  } catch {
    return false;
  }
}
