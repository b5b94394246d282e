/**
 * Request timing from outside the Worker, and the two ways the bench turns
 * noisy latencies into costs: paired requests (A then B, order shuffled) and
 * K-fold loops differenced against an empty loop.
 */
import { median, shuffled } from "../support/stats.ts";

export interface Sample {
  ms: number;
  /** How far Date.now() moved inside the Worker, as a loop route reports it. */
  clockMs: number;
}

/** One GET with the bearer token, timed in Node from send to the last byte. */
export async function timedGet(url: string, token: string): Promise<Sample> {
  const started = performance.now();
  const response = await fetch(url, { headers: { authorization: `Bearer ${token}` } });
  const body = await response.text();
  const ms = performance.now() - started;
  if (!response.ok) throw new Error(`${url} answered ${response.status}: ${body}`);
  const clockMs = body.startsWith("{") ? ((JSON.parse(body) as { clockMs?: number }).clockMs ?? 0) : 0;
  return { ms, clockMs };
}

/**
 * `pairs` back-to-back requests to `a` and `b`, in random order each time.
 * Returns the round's median latency of each and the median of the paired differences (b − a),
 * which cancels most of the drift a difference of separate medians would keep.
 */
export async function pairedRound(a: string, b: string, token: string, pairs: number) {
  const as: number[] = [];
  const bs: number[] = [];
  const diffs: number[] = [];
  for (let i = 0; i < pairs; i++) {
    const times = new Map<string, number>();
    for (const url of shuffled([a, b])) times.set(url, (await timedGet(url, token)).ms);
    const [ta, tb] = [times.get(a) ?? Number.NaN, times.get(b) ?? Number.NaN];
    as.push(ta);
    bs.push(tb);
    diffs.push(tb - ta);
  }
  return { a: median(as), b: median(bs), diff: median(diffs) };
}

/** `count` requests to `url`; the median latency and median in-Worker clock movement. */
export async function medianOf(url: string, token: string, count: number) {
  const samples: Sample[] = [];
  for (let i = 0; i < count; i++) samples.push(await timedGet(url, token));
  return { ms: median(samples.map((s) => s.ms)), clockMs: median(samples.map((s) => s.clockMs)) };
}
