/**
 * Idempotency-Key support for POST /tasks and POST /tasks/bulk: request
 * fingerprints, the problems a key can cause, and the idempotent create's
 * whole decision tree (`createTaskOnce`), so the router only routes.
 */
import { base64url } from "jose";
import type { Database } from "../db/client.ts";
import { ProblemError } from "../problems/problem-error.ts";
import { createTask, createTaskIdempotently } from "./queries.ts";
import { CreateTaskBody, type CreateTaskInput, type TaskDto } from "./schemas.ts";
import { toTaskDto } from "./task-dto.ts";

/** SHA-256 of the normalised body: key order is fixed by the schema, so equal requests hash equally. */
export async function fingerprint(input: CreateTaskInput | { bulk: unknown }): Promise<string> {
  const digest = await crypto.subtle.digest("SHA-256", new TextEncoder().encode(JSON.stringify(input)));
  return base64url.encode(new Uint8Array(digest));
}

export const keyInProgress = () =>
  new ProblemError("IDEMPOTENCY_KEY_IN_USE", {
    detail: "Another request with this Idempotency-Key has not finished; retry shortly.",
    headers: { "retry-after": "1" },
  });

export const keyReused = (what: string) =>
  new ProblemError("IDEMPOTENCY_KEY_REUSED", {
    detail: `This Idempotency-Key was used with a different body; use a new key for a new ${what}.`,
    errors: [{ pointer: "#/header/idempotency-key", detail: "Already used with a different request body" }],
  });

/** The first response, rebuilt from what was stored with the key: the task as it was created. */
function replayedTask(taskId: string, stored: unknown, createdAt: Date): TaskDto {
  // What was stored is the validated body; parsing it again is a no-op that gives it its type back.
  const request = CreateTaskBody().parse(stored);
  return toTaskDto({
    id: taskId,
    title: request.title,
    description: request.description,
    completed: false,
    completedAt: null,
    priority: request.priority,
    tags: request.tags,
    dueAt: request.dueAt ? new Date(request.dueAt) : null,
    repeat: request.repeat,
    timeZone: request.timeZone,
    repeatFrom: request.repeatFrom,
    reminders: request.reminders,
    createdAt,
    updatedAt: createdAt,
    version: 1,
  });
}

export interface CreatedTask {
  task: TaskDto;
  /** True when this answer replays the first one for the same key and body. */
  replayed: boolean;
}

/**
 * Creates the task, once per Idempotency-Key: the first request with a key
 * creates it, a repeat with the same body gets the first answer again, a
 * repeat with another body is refused (422), and one still in flight is 409.
 */
export async function createTaskOnce(
  db: Database,
  userId: string,
  key: string | undefined,
  input: CreateTaskInput,
): Promise<CreatedTask> {
  if (!key) return { task: toTaskDto(await createTask(db, userId, input)), replayed: false };
  const requestHash = await fingerprint(input);
  const result = await createTaskIdempotently(db, userId, key, requestHash, input);
  if (result.kind === "in-progress") throw keyInProgress();
  if (result.kind === "created") return { task: toTaskDto(result.row), replayed: false };
  if (result.requestHash !== requestHash) throw keyReused("task");
  return { task: replayedTask(result.taskId, result.request, result.createdAt), replayed: true };
}
