/**
 * Part 6: CPU per request, per route, of the API inside workerd.
 *
 * The API's bundle in a bare workerd (./workerd-api.ts) talks to a replay endpoint
 * (./sql-replay.ts) that answers every query from a recording at once, so the
 * only work left is the Worker's. What is timed is CPU, not wall time: the
 * nanoseconds workerd's threads spent on CPU (./process-cpu.ts) from before a
 * request until workerd is idle again after its answer, so work the Worker does
 * after answering (waitUntil: live sync's publish to the user's Durable Object)
 * counts too. Requests go one at a time, each route once per round in a new
 * random order, after a recording round and warm-up rounds. Nothing is
 * subtracted: GET /health is measured alongside as the runtime's own floor.
 */
import { loadavg } from "node:os";
import { join } from "node:path";
import type { PreviewStack } from "../support/stack.ts";
import { percentile, shuffled, summarize } from "../support/stats.ts";
import { seedTasks, signUpUser } from "../support/users.ts";
import { canMeasureCpu } from "./process-cpu.ts";
import { type CpuRoute, cpuRoutes, type RouteTargets } from "./routes.ts";
import { type ReplayCounts, startSqlReplay } from "./sql-replay.ts";
import { untilIdle } from "./until-idle.ts";
import { startWorkerdApi } from "./workerd-api.ts";

/** Tasks the user has; the list route lists them all and the change feed reports their creation. */
const LISTED = 50;

export interface CpuOptions {
  /** Measured requests per route. */
  samples: number;
  /** Unmeasured rounds (every route once) after the recording round: JIT, caches, the JWKS. */
  warmupRounds: number;
}

export interface CpuRow {
  route: string;
  n: number;
  medianMs: number;
  p99Ms: number;
  minMs: number;
  maxMs: number;
}

export interface CpuResult extends CpuOptions {
  rows: CpuRow[];
  /** What the replay endpoint did while the samples were taken (recorded and passed through should be 0). */
  replayWhileMeasured: ReplayCounts;
  /** Distinct SQL answers recorded in all. */
  recordings: number;
  /** Samples where workerd had not gone idle within the wait (their reading is a lower bound). */
  unsettled: number;
  /** The machine's 1-minute load average as sampling began and ended: CPU time inflates on a busy machine. */
  loadAverage: { start: number; end: number };
}

async function send(base: string, route: CpuRoute): Promise<Response> {
  const { method, path, headers, body } = route.request();
  const response = await fetch(`${base}${path}`, {
    method,
    ...(headers ? { headers } : {}),
    ...(body ? { body } : {}),
  });
  if (response.status !== route.expect) {
    throw new Error(`${route.name} answered ${response.status}, not ${route.expect}: ${await response.text()}`);
  }
  return response;
}

async function realJson<T>(response: Promise<Response>): Promise<{ body: T; etag: string | null }> {
  const answer = await response;
  if (!answer.ok) throw new Error(`preparing the CPU bench: ${answer.url} answered ${answer.status}`);
  return { body: (await answer.json()) as T, etag: answer.headers.get("etag") };
}

/** A user with LISTED tasks, made through the preview API (the real database), and what the routes act on. */
async function prepare(stack: PreviewStack): Promise<RouteTargets> {
  const user = await signUpUser(stack.site, "cpu");
  const auth = { headers: { authorization: `Bearer ${user.token}` } };
  const feed = await realJson<{ cursor: string }>(fetch(`${stack.api}/api/${user.id}/changes`, auth));
  const ids = await seedTasks(stack.api, user, LISTED);
  const [readId, replaceId, completeId] = ids;
  if (!readId || !replaceId || !completeId) throw new Error("seeding the CPU bench's tasks failed");
  const replaced = await realJson(fetch(`${stack.api}/api/${user.id}/tasks/${replaceId}`, auth));
  if (!replaced.etag) throw new Error("GET task answered without an ETag");
  return {
    user,
    listed: LISTED,
    readId,
    replaceId,
    replaceEtag: replaced.etag,
    completeId,
    feedSince: feed.body.cursor,
  };
}

export async function measureCpu(
  stack: PreviewStack,
  dir: string,
  options: CpuOptions,
  progress: (line: string) => void,
): Promise<CpuResult> {
  if (!canMeasureCpu()) throw new Error("needs Linux's per-thread /proc/<pid>/task/<tid>/schedstat");
  const targets = await prepare(stack);
  const replay = await startSqlReplay(`${stack.sql}/sql`);
  try {
    const api = await startWorkerdApi({
      site: stack.site,
      audience: stack.api,
      sqlEndpoint: replay.endpoint,
      databaseUrl: stack.databaseUrl,
      dir: join(dir, "cpu-api"),
    });
    try {
      // The recording round, in order: the create's answer names the task every delete then removes.
      let created: string | undefined;
      const routes = cpuRoutes(targets, () => {
        if (!created) throw new Error("DELETE before the recorded POST");
        return created;
      });
      for (const route of routes) {
        const response = await send(api.url, route);
        if (route.expect === 201) created = ((await response.json()) as { id: string }).id;
        else await response.arrayBuffer();
      }
      progress(`  recorded ${replay.size()} SQL answers; ${options.warmupRounds} warm-up rounds…`);

      const samples = new Map<string, number[]>(routes.map((route) => [route.name, []]));
      let unsettled = 0;
      let before: ReplayCounts = { ...replay.counts };
      let loadAtStart = loadavg()[0] ?? Number.NaN;
      const rounds = options.warmupRounds + options.samples;
      for (let round = 0; round < rounds; round++) {
        if (round === options.warmupRounds) {
          before = { ...replay.counts };
          loadAtStart = loadavg()[0] ?? Number.NaN;
        }
        for (const route of shuffled(routes)) {
          const start = (await untilIdle(api.pid)).ns;
          await (await send(api.url, route)).arrayBuffer();
          const end = await untilIdle(api.pid);
          if (round < options.warmupRounds) continue;
          if (!end.settled) unsettled++;
          samples.get(route.name)?.push(end.ns - start);
        }
        const done = round + 1 - options.warmupRounds;
        if (done > 0 && done % 50 === 0) progress(`  ${done} of ${options.samples} measured rounds`);
      }
      const after = replay.counts;
      return {
        ...options,
        rows: routes.map((route) => {
          const ms = (samples.get(route.name) ?? []).map((ns) => ns / 1e6);
          const { median, min, max, n } = summarize(ms);
          return { route: route.name, n, medianMs: median, p99Ms: percentile(ms, 0.99), minMs: min, maxMs: max };
        }),
        replayWhileMeasured: {
          recorded: after.recorded - before.recorded,
          replayed: after.replayed - before.replayed,
          passedThrough: after.passedThrough - before.passedThrough,
        },
        recordings: replay.size(),
        unsettled,
        loadAverage: { start: loadAtStart, end: loadavg()[0] ?? Number.NaN },
      };
    } finally {
      await api.stop();
    }
  } finally {
    await replay.close();
  }
}
