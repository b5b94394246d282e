/**
 * Part 1: what JWT verification costs inside workerd.
 *
 * bench/workerd/verify-bench.ts runs under `wrangler dev` (workerd) with the
 * API's own requireUser and verifyAccessToken. On Cloudflare the clock inside
 * a request stands still until I/O (a Spectre mitigation), so costs are timed
 * from outside, in Node, and isolated by differencing:
 * - end to end: a route behind requireUser vs a bare route, requested in pairs;
 *   the HTTP round trip's jitter is of the same order as the cost, so this is
 *   only a sanity check;
 * - amplified: one request running the step K times vs one running K empty
 *   awaits, divided by K, which cancels the round trip entirely.
 * Every round visits the variants in a new random order; the report gives the
 * median and range over rounds. Loops also return how far the in-Worker clock
 * moved, as a cross-check where it moves at all.
 */
import { join } from "node:path";
import type { Summary } from "../support/stats.ts";
import { shuffled, summarize } from "../support/stats.ts";
import type { BenchUser } from "../support/users.ts";
import { startBenchWorker } from "./bench-worker.ts";
import { medianOf, pairedRound, timedGet } from "./sampling.ts";

/** What the loops run, the project's code first; raw jose per algorithm is the reference. */
export const LOOP_IMPLS = ["require-user", "verify-access-token", "EdDSA", "ES256", "RS256"] as const;
export type LoopImpl = (typeof LOOP_IMPLS)[number];

export interface VerifyOptions {
  /** Steps per request in the loop routes. */
  k: number;
  rounds: number;
  /** Requests per loop variant per round, and request pairs per round end to end. */
  perRound: number;
}

export interface VerifyResult extends VerifyOptions {
  /** End to end, per round medians, ms. */
  bareMs: Summary;
  requireUserMs: Summary;
  /** Median paired difference (requireUser − bare) per round, ms. */
  endToEndOverheadMs: Summary;
  /** Microseconds per step from outside: (K-loop − empty loop) / K. */
  perStepUs: Record<LoopImpl, Summary>;
  /** The same from the in-Worker clock (1 ms resolution), where it moves. */
  inWorkerUs: Record<LoopImpl, Summary>;
  /** Each step's cost over raw jose EdDSA's, per round. */
  vsEdDSA: Record<LoopImpl, Summary>;
  /** Whether Date.now() inside the Worker advanced during the loops. */
  inWorkerClockMoves: boolean;
}

function byImpl(make: (impl: LoopImpl) => Summary): Record<LoopImpl, Summary> {
  return Object.fromEntries(LOOP_IMPLS.map((impl) => [impl, make(impl)])) as Record<LoopImpl, Summary>;
}

export async function measureVerify(
  urls: { site: string; api: string },
  user: BenchUser,
  logDir: string,
  options: VerifyOptions,
): Promise<VerifyResult> {
  const worker = await startBenchWorker(urls, join(logDir, "verify-worker.log"));
  try {
    const { k, rounds, perRound } = options;
    const bare = `${worker.url}/bare`;
    const guarded = `${worker.url}/api/${user.id}/ping`;
    const loopUrl = (impl: LoopImpl | "none") => `${worker.url}/loop/${impl}/${user.id}?n=${k}`;
    const loops = ["none", ...LOOP_IMPLS] as const;
    // Warm-up: JIT, the JWKS fetch and key import, the algorithm fixtures.
    for (const url of [bare, guarded, ...loops.map(loopUrl)])
      for (let i = 0; i < 10; i++) await timedGet(url, user.token);

    const endToEnd: { a: number; b: number; diff: number }[] = [];
    const loopMs = new Map<string, number[]>(loops.map((l) => [l, []]));
    const clockMs = new Map<string, number[]>(loops.map((l) => [l, []]));
    for (let round = 0; round < rounds; round++) {
      for (const variant of shuffled(["end-to-end", ...loops] as const)) {
        if (variant === "end-to-end") {
          endToEnd.push(await pairedRound(bare, guarded, user.token, perRound * 2));
          continue;
        }
        const { ms, clockMs: clock } = await medianOf(loopUrl(variant), user.token, perRound);
        loopMs.get(variant)?.push(ms);
        clockMs.get(variant)?.push(clock);
      }
    }

    const at = (name: string, r: number) => loopMs.get(name)?.[r] ?? Number.NaN;
    const stepUs = (impl: LoopImpl, r: number) => ((at(impl, r) - at("none", r)) / k) * 1000;
    const overRounds = (fn: (r: number) => number) => summarize(Array.from({ length: rounds }, (_, r) => fn(r)));
    const inWorker = (impl: LoopImpl) => (clockMs.get(impl) ?? []).map((ms) => (ms / k) * 1000);
    return {
      ...options,
      bareMs: summarize(endToEnd.map((p) => p.a)),
      requireUserMs: summarize(endToEnd.map((p) => p.b)),
      endToEndOverheadMs: summarize(endToEnd.map((p) => p.diff)),
      perStepUs: byImpl((impl) => overRounds((r) => stepUs(impl, r))),
      inWorkerUs: byImpl((impl) => summarize(inWorker(impl))),
      vsEdDSA: byImpl((impl) => overRounds((r) => stepUs(impl, r) / stepUs("EdDSA", r))),
      inWorkerClockMoves: LOOP_IMPLS.some((impl) => inWorker(impl).some((us) => us > 0)),
    };
  } finally {
    await worker.stop();
  }
}
