/**
 * The one seam between the site and the API: a typed `hono/client` for the
 * Worker's routes, the ETag a task's version travels as, the problem
 * document's shape, and the limits the site's forms repeat. Everything here is
 * types or plain values, so the browser bundle gets no zod and no server code.
 * The site imports it as `#api/client` (package.json `imports`).
 */
import { type ClientRequestOptions, hc } from "hono/client";
import type { AppType } from "./app.ts";

export { etagOf } from "./http/preconditions.ts";
export * from "./limits.ts";
export type { ProblemBody as Problem } from "./problems/problem-schema.ts";
// The recurrence rule's parser and its words, and reminder leads: plain functions with no zod,
// so the dashboard can check and describe a rule as the API will (about 2 KiB gzipped).
export { describeRule } from "./recurrence/describe.ts";
export { durationSeconds, MAX_REMINDERS } from "./recurrence/duration.ts";
export type { ByDay, Frequency, RecurrenceRule } from "./recurrence/rule.ts";
export { MAX_COUNT, MAX_INTERVAL, parseRule, WEEKDAYS } from "./recurrence/rule.ts";
export { instantAt, isTimeZone, wallClockAt } from "./recurrence/time-zone.ts";

/** A typed client for the API at `origin` (pass `fetch` or `headers` to authorize it). */
export function createApiClient(origin: string, options?: ClientRequestOptions) {
  return hc<AppType>(origin, options);
}

export type ApiClient = ReturnType<typeof createApiClient>;
