/** The table part 6 prints: CPU per request per route against issue 14's goal of p99 ≤ 1 ms. */
import { table, times } from "../support/format.ts";
import type { CpuResult } from "./measure-cpu.ts";

/** Issue 14's goal: every route's p99 within a tenth of the Free plan's 10 ms of CPU per request. */
export const CPU_GOAL_MS = 1;

const ms = (value: number) => (Number.isFinite(value) ? value.toFixed(2) : "—");

export function cpuTable(result: CpuResult): string {
  const { rows, samples, warmupRounds, replayWhileMeasured: replay, recordings, unsettled, loadAverage } = result;
  const floor = rows[0]?.medianMs ?? Number.NaN;
  const over = rows.filter((row) => row.p99Ms > CPU_GOAL_MS).map((row) => row.route);
  return table(
    `6. CPU per request inside workerd (the API's deploy bundle in a bare workerd; SQL answered from recordings; ${samples} samples per route, one request at a time)`,
    ["route", "median ms", "p99 ms", "min–max ms", `p99 / ${CPU_GOAL_MS} ms goal`, "median − floor"],
    rows.map((row, i) => [
      row.route,
      ms(row.medianMs),
      ms(row.p99Ms),
      `${ms(row.minMs)}–${ms(row.maxMs)}`,
      times(row.p99Ms / CPU_GOAL_MS),
      i === 0 ? "" : ms(row.medianMs - floor),
    ]),
    [
      "CPU = nanoseconds on CPU of all workerd's threads (/proc/<pid>/task/*/schedstat), from before each request until",
      "workerd is idle after its answer, so waitUntil work counts. Nothing is subtracted: /health (no auth, no SQL) is",
      "the runtime's own floor per request (HTTP, the isolate, Hono's router and the global middleware); the last",
      "column shows each route's median above the floor's median, for reading only: the goal applies to the p99 as measured.",
      "workerd also runs what Cloudflare runs elsewhere: a bench-only per-user counter behind the rate-limit binding (far",
      "past what the bench sends) and, after writes, the user's Durable Object (live publish). Tokens are the site's (EdDSA).",
      `SQL: ${recordings} distinct answers recorded once from PGlite, replayed by query text (parameters ignored); while`,
      `measuring, ${replay.replayed} replayed, ${replay.recorded} recorded, ${replay.passedThrough} passed through. ${warmupRounds} warm-up rounds first.`,
      `Load average (1 min) ${loadAverage.start.toFixed(1)} as sampling began, ${loadAverage.end.toFixed(1)} as it ended: on a busy machine CPU time inflates.`,
      ...(unsettled > 0 ? [`${unsettled} samples: workerd not idle within 2 s; those readings are lower bounds.`] : []),
      over.length === 0
        ? `Every route's p99 is within the ${CPU_GOAL_MS} ms goal.`
        : `Over the ${CPU_GOAL_MS} ms goal at p99: ${over.join(", ")}.`,
    ],
  );
}
