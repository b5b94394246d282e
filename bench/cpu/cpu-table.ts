/** The table part 6 prints: CPU per request per route against issue 14's goal of p99 ≤ 1 ms. */
import { table, times } from "../support/format.ts";
import type { CpuResult } from "./measure-cpu.ts";

/** Issue 14's goal: every route's p99 within a tenth of the Free plan's 10 ms of CPU per request. */
export const CPU_GOAL_MS = 1;

const ms = (value: number) => (Number.isFinite(value) ? value.toFixed(2) : "—");

export function cpuTable(result: CpuResult): string {
  const { rows, samples, warmupRounds, replayWhileMeasured: replay, recordings, unsettled } = result;
  const over = rows.filter((row) => row.p99Ms > CPU_GOAL_MS).map((row) => row.route);
  return table(
    `6. CPU per request inside workerd (the API's deploy bundle in a bare workerd; SQL answered from recordings; ${samples} samples per route, one request at a time)`,
    ["route", "median ms", "p99 ms", "min–max ms", `p99 / ${CPU_GOAL_MS} ms goal`],
    rows.map((row) => [
      row.route,
      ms(row.medianMs),
      ms(row.p99Ms),
      `${ms(row.minMs)}–${ms(row.maxMs)}`,
      times(row.p99Ms / CPU_GOAL_MS),
    ]),
    [
      "CPU = nanoseconds on CPU of all workerd's threads (/proc/<pid>/task/*/schedstat), from before each request until",
      "workerd is idle after its answer, so waitUntil work counts. Nothing is subtracted: /health (no auth, no SQL) is",
      "the runtime's own floor per request (HTTP, the isolate, Hono's router and the global middleware).",
      "workerd also runs what Cloudflare runs elsewhere: the rate limiter binding and, after writes, the user's Durable",
      "Object (live publish). Tokens are real (the site's EdDSA); the per-user limit is raised for this copy of the API.",
      `SQL: ${recordings} distinct answers recorded once from PGlite, replayed by query text (parameters ignored); while`,
      `measuring, ${replay.replayed} replayed, ${replay.recorded} recorded, ${replay.passedThrough} passed through. ${warmupRounds} warm-up rounds first.`,
      ...(unsettled > 0 ? [`${unsettled} samples: workerd not idle within 2 s; those readings are lower bounds.`] : []),
      over.length === 0
        ? `Every route's p99 is within the ${CPU_GOAL_MS} ms goal.`
        : `Over the ${CPU_GOAL_MS} ms goal at p99: ${over.join(", ")}.`,
    ],
  );
}
