/**
 * Part 2: the API under load, against the preview stack (`wrangler dev` and
 * the local SQL endpoint on PGlite), with autocannon in this process.
 * For each concurrency, every scenario runs `repetitions` short times, the
 * scenarios shuffled within each repetition: an endpoint and the /health
 * ceiling are measured minutes apart at most, so their ratio survives the
 * machine's drift better than either number. SQL round trips come from the
 * local endpoint's /stats, read before and after each run.
 */
import autocannon, { type Result } from "autocannon";
import type { Summary } from "../support/stats.ts";
import { median, shuffled, summarize } from "../support/stats.ts";
import type { Scenario } from "./scenarios.ts";

export interface LoadOptions {
  concurrency: readonly number[];
  /** Seconds per run. */
  duration: number;
  /** Runs per scenario and concurrency. */
  repetitions: number;
  /** Seconds of warm-up per scenario, before the first measured run. */
  warmup: number;
}

export interface LoadRow {
  scenario: string;
  connections: number;
  /** Requests completed per second, over the repetitions. */
  rps: Summary;
  /** Over /health's req/s in the same repetition. */
  vsHealth: Summary;
  /** Medians over the repetitions of each run's latency percentiles. */
  latencyMs: { p50: number; p99: number; max: number };
  requests: number;
  /** Responses without the expected status, plus connection errors and timeouts. */
  errors: number;
  statusCodes: Record<string, number>;
  sqlRoundTripsPerRequest: number;
}

interface Run {
  rps: number;
  result: Result;
  sql: number;
}

/** Where the SQL endpoint is, and the connection string (with its password) it wants even for /stats. */
interface SqlEndpoint {
  sql: string;
  databaseUrl: string;
}

async function sqlRequests({ sql, databaseUrl }: SqlEndpoint): Promise<number> {
  const response = await fetch(`${sql}/stats`, { headers: { "neon-connection-string": databaseUrl } });
  return ((await response.json()) as { requests: number }).requests;
}

/**
 * The SQL request count once it stops moving: requests autocannon left in
 * flight still reach the database after it returns, and must be counted
 * with their own run, not the next one.
 */
async function settledSqlRequests(sql: SqlEndpoint, timeoutMs = 5000): Promise<number> {
  const deadline = Date.now() + timeoutMs;
  let previous = await sqlRequests(sql);
  while (Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 200));
    const current = await sqlRequests(sql);
    if (current === previous) return current;
    previous = current;
  }
  return previous;
}

async function measuredRun(
  urls: { api: string } & SqlEndpoint,
  scenario: Scenario,
  connections: number,
  seconds: number,
) {
  const before = await settledSqlRequests(urls);
  const result = await autocannon({
    url: urls.api,
    connections,
    duration: seconds,
    timeout: 20,
    requests: scenario.requests,
  });
  const sql = (await settledSqlRequests(urls)) - before;
  return { rps: result.requests.total / result.duration, result, sql };
}

function rowOf(scenario: Scenario, connections: number, runs: Run[], health: Run[]): LoadRow {
  const statusCodes: Record<string, number> = {};
  for (const { result } of runs) {
    for (const [code, stats] of Object.entries(result.statusCodeStats)) {
      statusCodes[code] = (statusCodes[code] ?? 0) + Number(stats.count);
    }
  }
  const unexpected = Object.entries(statusCodes)
    .filter(([code]) => Number(code) !== scenario.expect)
    .reduce((sum, [, count]) => sum + count, 0);
  const failures = runs.reduce((sum, { result }) => sum + result.errors + result.timeouts, 0);
  const sent = runs.reduce((sum, { result }) => sum + result.requests.sent, 0);
  const sql = runs.reduce((sum, run) => sum + run.sql, 0);
  return {
    scenario: scenario.name,
    connections,
    rps: summarize(runs.map((run) => run.rps)),
    vsHealth: summarize(runs.map((run, i) => run.rps / (health[i]?.rps ?? Number.NaN))),
    latencyMs: {
      p50: median(runs.map(({ result }) => result.latency.p50)),
      p99: median(runs.map(({ result }) => result.latency.p99)),
      max: Math.max(...runs.map(({ result }) => result.latency.max)),
    },
    requests: sent,
    errors: unexpected + failures,
    statusCodes,
    sqlRoundTripsPerRequest: sent > 0 ? Math.round((sql / sent) * 100) / 100 : Number.NaN,
  };
}

/** `list[0]` is the ceiling the others are compared with. */
export async function measureLoad(
  urls: { api: string } & SqlEndpoint,
  list: readonly Scenario[],
  options: LoadOptions,
  progress: (line: string) => void,
): Promise<LoadRow[]> {
  for (const scenario of list)
    await autocannon({ url: urls.api, connections: 10, duration: options.warmup, requests: scenario.requests });
  const rows: LoadRow[] = [];
  for (const connections of options.concurrency) {
    const runs = new Map<Scenario, Run[]>(list.map((scenario) => [scenario, []]));
    for (let rep = 0; rep < options.repetitions; rep++) {
      for (const scenario of shuffled(list)) {
        runs.get(scenario)?.push(await measuredRun(urls, scenario, connections, options.duration));
      }
    }
    const health = list[0] ? (runs.get(list[0]) ?? []) : [];
    for (const scenario of list) {
      const row = rowOf(scenario, connections, runs.get(scenario) ?? [], health);
      rows.push(row);
      progress(`  ${scenario.name} × ${connections}: ${Math.round(row.rps.median)} req/s`);
    }
  }
  return rows;
}
