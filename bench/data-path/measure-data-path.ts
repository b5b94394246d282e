/**
 * Part 5: the site's data path (issue 13). Round trips per page view, counted
 * at the local SQL endpoint's /stats (test-support/page-round-trips.ts, as the
 * e2e test counts them), and the time to first byte of /tasks with a latency
 * proxy between both Workers and the SQL endpoint: every round trip to the
 * database then costs `latencyMs` more, as the trip from a far Cloudflare
 * location to one Neon region does. TTFB / latency is printed; the physical
 * floor is 1 (the API's one round trip), and (TTFB − TTFB without added
 * latency) / latency counts the round trips made one after another.
 */
import { countPageRoundTrips, type PageRoundTrips } from "../../test-support/page-round-trips.ts";
import type { Summary } from "../support/stats.ts";
import { summarize } from "../support/stats.ts";

export interface DataPathTarget {
  site: string;
  sql: string;
  databaseUrl: string;
  /** The latency proxy's control URL for the Workers' endpoint id (sql-fault-proxy's /control/<id>). */
  latencyControl: string;
}

export interface DataPathResult {
  roundTrips: PageRoundTrips;
  latencyMs: number;
  samples: number;
  /** /tasks time to first byte with no added latency, and with `latencyMs` per round trip. */
  ttfbMs: { base: Summary; delayed: Summary };
  /** delayed TTFB / latency: the ratio (floor 1). */
  ratio: Summary;
  /** (delayed − base median) / latency: round trips on /tasks's critical path. */
  sequentialRoundTrips: Summary;
}

async function setLatency(control: string, delayMs: number): Promise<void> {
  const response = await fetch(control, {
    method: "PUT",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(delayMs > 0 ? { mode: "slow", delayMs } : { mode: "pass", delayMs: 0 }),
  });
  if (response.status !== 204) throw new Error(`the latency proxy answered ${response.status}`);
}

function cookieOf(response: Response): string {
  return response.headers
    .getSetCookie()
    .map((cookie) => cookie.split(";")[0])
    .join("; ");
}

/** Signs a fresh person in; /api/auth/token then renews the 30 s session cache before each sample. */
async function signedInCookie(site: string): Promise<string> {
  const email = `bench-ttfb-${Date.now()}@example.test`;
  const headers = { "content-type": "application/json", origin: site, "cf-connecting-ip": "198.19.0.1" };
  const response = await fetch(`${site}/api/auth/sign-up/email`, {
    method: "POST",
    headers,
    body: JSON.stringify({ name: "Bench TTFB", email, password: "a long enough password" }),
  });
  if (!response.ok) throw new Error(`sign-up answered ${response.status}`);
  return cookieOf(response);
}

/** Milliseconds until the response's headers arrive (fetch resolves then), body drained after. */
async function ttfb(site: string, cookie: string): Promise<number> {
  const started = performance.now();
  const response = await fetch(`${site}/tasks`, { headers: { cookie, "cf-connecting-ip": "198.19.0.1" } });
  const elapsed = performance.now() - started;
  await response.arrayBuffer();
  if (response.status !== 200) throw new Error(`/tasks answered ${response.status}`);
  return elapsed;
}

export async function measureDataPath(
  target: DataPathTarget,
  { latencyMs, samples }: { latencyMs: number; samples: number },
): Promise<DataPathResult> {
  await setLatency(target.latencyControl, 0);
  const roundTrips = await countPageRoundTrips(target);
  let cookie = await signedInCookie(target.site);
  const base: number[] = [];
  const delayed: number[] = [];
  try {
    for (let i = 0; i < samples; i++) {
      // A fresh session cache, as the island's token renewal keeps it (ADR 0008).
      await setLatency(target.latencyControl, 0);
      const renewed = await fetch(`${target.site}/api/auth/token`, { headers: { cookie } });
      await renewed.arrayBuffer();
      cookie = cookieOf(renewed) ? mergeCookies(cookie, cookieOf(renewed)) : cookie;
      // Alternate, so drift on a shared machine hits both alike.
      base.push(await ttfb(target.site, cookie));
      await setLatency(target.latencyControl, latencyMs);
      delayed.push(await ttfb(target.site, cookie));
    }
  } finally {
    await setLatency(target.latencyControl, 0);
  }
  const baseMedian = summarize(base).median;
  return {
    roundTrips,
    latencyMs,
    samples,
    ttfbMs: { base: summarize(base), delayed: summarize(delayed) },
    ratio: summarize(delayed.map((ms) => ms / latencyMs)),
    sequentialRoundTrips: summarize(delayed.map((ms) => (ms - baseMedian) / latencyMs)),
  };
}

/** `a` with the cookies of `b` put in place of those with the same name. */
function mergeCookies(a: string, b: string): string {
  const jar = new Map<string, string>();
  for (const pair of [...a.split("; "), ...b.split("; ")]) {
    const name = pair.split("=")[0];
    if (name) jar.set(name, pair);
  }
  return [...jar.values()].join("; ");
}
