/** The table part 5 prints: round trips per page view against issue 13's goals, and /tasks under latency. */
import { ROUND_TRIP_GOALS } from "../../test-support/page-round-trips.ts";
import { num, spread, table } from "../support/format.ts";
import type { DataPathResult } from "./measure-data-path.ts";

export function dataPathTable(result: DataPathResult): string {
  const counts = table(
    "5a. SQL round trips per page view (local SQL endpoint /stats, one signed-in person, fewest of 3 tries)",
    ["request", "round trips", "goal (at most)"],
    Object.entries(ROUND_TRIP_GOALS).map(([key, { label, goal }]) => [
      label,
      String(result.roundTrips[key as keyof typeof ROUND_TRIP_GOALS]),
      String(goal),
    ]),
  );
  const { latencyMs, samples, ttfbMs, ratio, sequentialRoundTrips } = result;
  const latency = table(
    `5b. /tasks time to first byte, ${latencyMs} ms added per SQL round trip (latency proxy before the SQL endpoint; ${samples} alternated samples)`,
    ["measure", "median (min–max)"],
    [
      ["TTFB, no added latency", spread(ttfbMs.base, " ms")],
      [`TTFB, +${latencyMs} ms per round trip`, spread(ttfbMs.delayed, " ms")],
      [`TTFB / ${latencyMs} ms (floor 1)`, spread(ratio, "", 2)],
      ["round trips on the critical path: (TTFB − base) / latency", spread(sequentialRoundTrips, "", 2)],
    ],
    [
      `The proxy holds each SQL request ${latencyMs} ms, from the site and the API alike, as a trip from a far Cloudflare`,
      `location to one Neon region would. The session cache is renewed (GET /api/auth/token) before each sample. ${num(ratio.median)}× is the ratio asked for.`,
    ],
  );
  return `${counts}\n${latency}`;
}
