/**
 * The requests the CPU bench times, one per route a person's session makes,
 * plus GET /health as the runtime's own floor (no auth, no database) and a
 * request the validator refuses after authentication (no database).
 * Each route sends the same shape of request every time, so its SQL text is
 * the same and the replay endpoint answers it from one recording.
 */
import { randomUUID } from "node:crypto";
import type { BenchUser } from "../support/users.ts";

export interface RouteRequest {
  method: string;
  path: string;
  headers?: Record<string, string>;
  body?: string;
}

export interface CpuRoute {
  name: string;
  /** The status every answer must have; anything else fails the bench. */
  expect: number;
  /** A new request each time (e.g. a fresh Idempotency-Key). */
  request(): RouteRequest;
}

/** What the routes act on: tasks of `user`, made through the real API before recording. */
export interface RouteTargets {
  user: BenchUser;
  /** How many tasks the user has, all listed by the list route. */
  listed: number;
  /** Read by GET. */
  readId: string;
  /** Replaced by PUT, with If-Match. */
  replaceId: string;
  /** Its ETag when the first (recorded) PUT is sent. */
  replaceEtag: string;
  /** Toggled by PATCH …/complete. */
  completeId: string;
  /** The change feed's cursor from before the tasks were made, so the feed lists them all. */
  feedSince: string;
}

const json = (value: unknown) => JSON.stringify(value);

/**
 * In the order the recording round visits them: the create is recorded before the delete, which
 * removes the task the recorded create made (`deleteId()`), so the list keeps `listed` rows.
 */
export function cpuRoutes(t: RouteTargets, deleteId: () => string): CpuRoute[] {
  const api = `/api/${t.user.id}`;
  const auth = { authorization: `Bearer ${t.user.token}` };
  const withJson = { ...auth, "content-type": "application/json" };
  const fields = {
    title: "CPU bench task",
    description: "Sent by the CPU bench, answered from a recording.",
    priority: "medium",
    tags: ["bench", "cpu"],
    dueAt: "2026-12-24T09:00:00.000Z",
  };
  return [
    { name: "GET /health (floor)", expect: 200, request: () => ({ method: "GET", path: "/health" }) },
    {
      // Refused by the route's validator, after the token check and the rate limit, before any SQL:
      // what a request costs without the database path, to read the routes below against.
      name: "GET task, bad id (422, no SQL)",
      expect: 422,
      request: () => ({ method: "GET", path: `${api}/tasks/not-a-uuid`, headers: auth }),
    },
    {
      name: `GET tasks (list of ${t.listed})`,
      expect: 200,
      request: () => ({ method: "GET", path: `${api}/tasks?limit=${t.listed}`, headers: auth }),
    },
    {
      name: "GET task",
      expect: 200,
      request: () => ({ method: "GET", path: `${api}/tasks/${t.readId}`, headers: auth }),
    },
    {
      name: `GET changes (${t.listed} events)`,
      expect: 200,
      request: () => ({ method: "GET", path: `${api}/changes?since=${t.feedSince}`, headers: auth }),
    },
    {
      name: "PUT task (If-Match)",
      expect: 200,
      request: () => ({
        method: "PUT",
        path: `${api}/tasks/${t.replaceId}`,
        headers: { ...withJson, "if-match": t.replaceEtag },
        body: json({ ...fields, title: "CPU bench task, replaced", completed: false }),
      }),
    },
    {
      name: "PATCH complete (toggle)",
      expect: 200,
      request: () => ({ method: "PATCH", path: `${api}/tasks/${t.completeId}/complete`, headers: auth }),
    },
    {
      name: "POST task (Idempotency-Key)",
      expect: 201,
      request: () => ({
        method: "POST",
        path: `${api}/tasks`,
        headers: { ...withJson, "idempotency-key": randomUUID() },
        body: json(fields),
      }),
    },
    {
      name: "DELETE task",
      expect: 204,
      request: () => ({ method: "DELETE", path: `${api}/tasks/${deleteId()}`, headers: auth }),
    },
  ];
}
