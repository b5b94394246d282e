/** Idempotency-Key support for POST /tasks: request fingerprints and replays. */
import { base64url } from "jose";
import type { CreateTaskInput, TaskDto } from "./schemas.ts";

/** SHA-256 of the normalised body: key order is fixed by the schema, so equal requests hash equally. */
export async function fingerprint(input: CreateTaskInput | { bulk: unknown }): Promise<string> {
  const digest = await crypto.subtle.digest("SHA-256", new TextEncoder().encode(JSON.stringify(input)));
  return base64url.encode(new Uint8Array(digest));
}

/** The first response, rebuilt from what was stored with the key: the task as it was created. */
export function replayedTask(taskId: string, request: CreateTaskInput, createdAt: Date): TaskDto {
  const created = createdAt.toISOString();
  return {
    id: taskId,
    title: request.title,
    description: request.description,
    completed: false,
    completedAt: null,
    priority: request.priority,
    tags: request.tags,
    dueAt: request.dueAt ? new Date(request.dueAt).toISOString() : null,
    createdAt: created,
    updatedAt: created,
    version: 1,
  };
}
