/** Turns each part's results into the plain-text tables `npm run bench` prints. */
import type { LighthouseResult } from "../lighthouse/audit-pages.ts";
import { CATEGORIES } from "../lighthouse/audit-pages.ts";
import type { LoadOptions, LoadRow } from "../load/measure-load.ts";
import type { PageScripts } from "../size/page-scripts.ts";
import { LIMITS, type WorkerBundle } from "../size/worker-bundles.ts";
import { kib, num, percent, spread, table, times } from "../support/format.ts";
import { LOOP_IMPLS, type LoopImpl, type VerifyResult } from "../verify/measure-verify.ts";

const IMPL_LABELS: Record<LoopImpl, string> = {
  "require-user": "requireUser middleware (real token)",
  "verify-access-token": "verifyAccessToken (real token, JWKS)",
  EdDSA: "jose jwtVerify EdDSA (Ed25519)",
  ES256: "jose jwtVerify ES256 (P-256)",
  RS256: "jose jwtVerify RS256 (2048-bit)",
};

export function verifyTable(v: VerifyResult): string {
  const rows = [
    ["end to end: GET bare route", spread(v.bareMs, " ms"), ""],
    [
      "end to end: GET behind requireUser",
      spread(v.requireUserMs, " ms"),
      times(v.requireUserMs.median / v.bareMs.median),
    ],
    ["end to end: paired difference", spread(v.endToEndOverheadMs, " ms"), ""],
    ...LOOP_IMPLS.map((impl) => [
      `per call: ${IMPL_LABELS[impl]}`,
      spread(v.perStepUs[impl], " µs"),
      times(v.vsEdDSA[impl].median),
    ]),
  ];
  const clock = v.inWorkerClockMoves
    ? `In-Worker clock MOVED during the loops in this local workerd (${LOOP_IMPLS.map((i) => `${i} ${num(v.inWorkerUs[i].median)} µs`).join(", ")}); on Cloudflare it stands still until I/O.`
    : "In-Worker clock stood still during the loops (frozen until I/O), as on Cloudflare: outside timing is the only one.";
  return table(
    `1. JWT verification inside workerd (wrangler dev): ${v.rounds} rounds, K = ${v.k} calls per loop request`,
    ["measure", "median (min–max)", "ratio"],
    rows,
    [
      "Timed from outside, in Node. Per call = (request running the step K times − request running K empty awaits) / K,",
      "which cancels the HTTP round trip; requireUser per call is the authentication overhead per API request.",
      "End to end = bare route vs the same Worker's route behind requireUser, in shuffled pairs: a sanity check only,",
      "as its range (HTTP jitter) dwarfs the cost. Ratios: vs bare latency; per call vs raw jose EdDSA.",
      clock,
    ],
  );
}

export function loadTable(rows: readonly LoadRow[], options: LoadOptions): string {
  return table(
    `2. API under load (autocannon; ${options.repetitions} × ${options.duration} s runs per row, interleaved; wrangler dev + SQL endpoint on PGlite)`,
    ["endpoint", "conns", "req/s median (min–max)", "vs /health", "p50 ms", "p99 ms", "SQL/req", "errors"],
    rows.map((r) => [
      r.scenario,
      String(r.connections),
      spread(r.rps, "", 3),
      times(r.vsHealth.median),
      num(r.latencyMs.p50),
      num(r.latencyMs.p99),
      num(r.sqlRoundTripsPerRequest),
      String(r.errors),
    ]),
    [
      "req/s: completed requests per second of each run; range over runs. vs /health: per repetition, then median.",
      "p50/p99: medians over runs. SQL/req: local SQL endpoint requests (/stats) per API request sent; the brief allows ≤ 1.",
      "The load generator, workerd, wrangler (logging every request) and PGlite share 2 cores: compare rows, not clouds.",
    ],
  );
}

export function sizeTable(bundles: readonly WorkerBundle[], pages: readonly PageScripts[]): string {
  const workers = table(
    "3a. Worker bundles (wrangler deploy --dry-run)",
    ["worker", "upload", "gzip", "of free 3 MiB", "of paid 10 MiB", "largest module (gzip)"],
    bundles.map((b) => [
      b.name,
      kib(b.uploadBytes),
      kib(b.uploadGzipBytes),
      percent(b.uploadGzipBytes, LIMITS.freeGzipBytes),
      percent(b.uploadGzipBytes, LIMITS.paidGzipBytes),
      b.largest[0] ? `${b.largest[0].file} (${kib(b.largest[0].gzipBytes)})` : "—",
    ]),
  );
  const browser = table(
    "3b. Browser JavaScript per page (/_astro/*.js referenced by the HTML, with their static imports)",
    ["page", "files", "raw", "gzip", "inline <script>"],
    pages.map((p) => [p.path, String(p.files.length), kib(p.bytes), kib(p.gzipBytes), kib(p.inlineBytes)]),
  );
  return `${workers}\n${browser}`;
}

export function lighthouseTable(result: LighthouseResult): string {
  if ("error" in result) return `\n4. Lighthouse: could not run — ${result.error}`;
  const runs = result.pages[0]?.runs ?? 0;
  return table(
    `4. Lighthouse (mobile defaults, simulated throttling; ${runs} run${runs === 1 ? "" : "s"} per page; scores 0–100)`,
    ["page", ...CATEGORIES, "LCP ms", "TBT ms"],
    result.pages.map((p) => [
      p.path,
      ...CATEGORIES.map((c) => spread(p.scores[c], "", 3)),
      spread(p.lcpMs, "", 3),
      spread(p.tbtMs, "", 3),
    ]),
    [
      ...(result.invalid ? [`INVALID: ${result.invalid}`] : []),
      ...result.pages
        .filter((p) => p.attempts > p.runs)
        .map((p) => `${p.path}: ${p.attempts - p.runs} failed run(s) retried (trace not recorded)`),
      ...result.pages.flatMap((p) =>
        CATEGORIES.filter((c) => p.failing[c].length > 0).map(
          (c) => `${p.path} ${c} below 100: ${p.failing[c].join(", ")}`,
        ),
      ),
    ],
  );
}
