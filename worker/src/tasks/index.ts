/** The tasks router: the routes under /api/{userId}/tasks (see specs/001-tasks-api). */
import { OpenAPIHono } from "@hono/zod-openapi";
import type { Context } from "hono";
import { databaseFor } from "../db/client.ts";
import { type AppEnv, configFor } from "../env.ts";
import { etagOf, parseIfMatch } from "../http/preconditions.ts";
import { publishChanges } from "../live/own-changes.ts";
import { ProblemError } from "../problems/problem-error.ts";
import { validationHook } from "../problems/validation-hook.ts";
import { runBulk } from "./bulk-queries.ts";
import { bulkTasksRoute, restoreTaskRoute } from "./bulk-routes.ts";
import type { BulkInput } from "./bulk-schemas.ts";
import { restoreTask } from "./deletion-queries.ts";
import { fingerprint, replayedTask } from "./idempotency.ts";
import { listTasks } from "./list-queries.ts";
import {
  createTask,
  createTaskIdempotently,
  deleteTask,
  findTask,
  replaceTask,
  setCompletion,
  toTaskDto,
  type WriteOutcome,
} from "./queries.ts";
import { RESTORE_WINDOW_MINUTES } from "./retention.ts";
import {
  completeTaskRoute,
  createTaskRoute,
  deleteTaskRoute,
  getTaskRoute,
  listTasksRoute,
  replaceTaskRoute,
} from "./routes.ts";
import type { CreateTaskInput } from "./schemas.ts";

/**
 * The database as the caller sees it: row-level security backs every `user_id` filter below. A
 * write's transaction also reads back the changes it made, which go to the user's live sockets.
 */
const db = (c: Context<AppEnv>) =>
  databaseFor(configFor(c.env), c.var.userId, c.req.method === "GET" ? undefined : publishChanges(c, c.var.userId));

const notFound = (id: string) => new ProblemError("TASK_NOT_FOUND", { detail: `No task ${id} in your list.` });

/** The changed row, or the problem a refused conditional write deserves. */
function settled(outcome: WriteOutcome, id: string) {
  if (outcome.kind === "done") return outcome.row;
  if (outcome.kind === "missing") throw notFound(id);
  throw new ProblemError("PRECONDITION_FAILED", {
    detail: `The task is now at version ${outcome.current.version}; fetch it, then retry with If-Match: ${etagOf(outcome.current.version)}.`,
    headers: { etag: etagOf(outcome.current.version) },
  });
}

const inProgress = () =>
  new ProblemError("IDEMPOTENCY_KEY_IN_USE", {
    detail: "Another request with this Idempotency-Key has not finished; retry shortly.",
    headers: { "retry-after": "1" },
  });

const keyReused = (what: string) =>
  new ProblemError("IDEMPOTENCY_KEY_REUSED", {
    detail: `This Idempotency-Key was used with a different body; use a new key for a new ${what}.`,
    errors: [{ pointer: "#/header/idempotency-key", detail: "Already used with a different request body" }],
  });

const tooLate = (what: string) =>
  new ProblemError("RESTORE_EXPIRED", {
    detail: `${what} was deleted more than ${RESTORE_WINDOW_MINUTES} minutes ago and can no longer be restored.`,
  });

function taskPath(userId: string, id: string): string {
  return `/api/${encodeURIComponent(userId)}/tasks/${id}`;
}

export const tasksRouter = new OpenAPIHono<AppEnv>({ defaultHook: validationHook })
  .openapi(listTasksRoute, async (c) => {
    const page = await listTasks(db(c), c.var.userId, c.req.valid("query"));
    if (page.nextCursor) {
      const next = new URL(c.req.url);
      next.searchParams.set("cursor", page.nextCursor);
      c.header("link", `<${next.pathname}${next.search}>; rel="next"`);
    }
    return c.json({ items: page.rows.map(toTaskDto), nextCursor: page.nextCursor, counts: page.counts }, 200);
  })
  .openapi(createTaskRoute, async (c) => {
    const input: CreateTaskInput = c.req.valid("json");
    const key = c.req.valid("header")["idempotency-key"];
    const userId = c.var.userId;
    if (!key) {
      const row = await createTask(db(c), userId, input);
      c.header("location", taskPath(userId, row.id));
      c.header("etag", etagOf(row.version));
      return c.json(toTaskDto(row), 201);
    }
    const requestHash = await fingerprint(input);
    const result = await createTaskIdempotently(db(c), userId, key, requestHash, input);
    if (result.kind === "in-progress") throw inProgress();
    if (result.kind === "created") {
      c.header("location", taskPath(userId, result.row.id));
      c.header("etag", etagOf(result.row.version));
      return c.json(toTaskDto(result.row), 201);
    }
    if (result.requestHash !== requestHash) throw keyReused("task");
    c.header("location", taskPath(userId, result.taskId));
    c.header("etag", etagOf(1));
    c.header("idempotent-replayed", "true");
    return c.json(replayedTask(result.taskId, result.request as CreateTaskInput, result.createdAt), 201);
  })
  .openapi(getTaskRoute, async (c) => {
    const { id } = c.req.valid("param");
    const row = await findTask(db(c), c.var.userId, id);
    if (!row) throw notFound(id);
    c.header("etag", etagOf(row.version));
    return c.json(toTaskDto(row), 200);
  })
  .openapi(replaceTaskRoute, async (c) => {
    const { id } = c.req.valid("param");
    const precondition = parseIfMatch(c.req.valid("header")["if-match"]);
    const row = settled(await replaceTask(db(c), c.var.userId, id, c.req.valid("json"), precondition), id);
    c.header("etag", etagOf(row.version));
    return c.json(toTaskDto(row), 200);
  })
  .openapi(deleteTaskRoute, async (c) => {
    const { id } = c.req.valid("param");
    const precondition = parseIfMatch(c.req.valid("header")["if-match"]);
    settled(await deleteTask(db(c), c.var.userId, id, precondition), id);
    return c.body(null, 204);
  })
  .openapi(completeTaskRoute, async (c) => {
    const { id } = c.req.valid("param");
    const precondition = parseIfMatch(c.req.valid("header")["if-match"]);
    // Without a body the validator skips validation and passes {}: that means "toggle".
    const { completed } = c.req.valid("json") as { completed?: boolean };
    const row = settled(await setCompletion(db(c), c.var.userId, id, completed, precondition), id);
    c.header("etag", etagOf(row.version));
    return c.json(toTaskDto(row), 200);
  })
  .openapi(restoreTaskRoute, async (c) => {
    const { id } = c.req.valid("param");
    const precondition = parseIfMatch(c.req.valid("header")["if-match"]);
    const result = await restoreTask(db(c), c.var.userId, id, precondition);
    if (result.kind === "expired") throw tooLate(`Task ${id}`);
    const row = settled(result, id);
    c.header("etag", etagOf(row.version));
    return c.json(toTaskDto(row), 200);
  })
  .openapi(bulkTasksRoute, async (c) => {
    const input: BulkInput = c.req.valid("json");
    const key = c.req.valid("header")["idempotency-key"];
    const claim = key ? { key, requestHash: await fingerprint({ bulk: input }) } : undefined;
    const result = await runBulk(db(c), c.var.userId, input, claim);
    switch (result.kind) {
      case "in-progress":
        throw inProgress();
      case "expired":
        throw tooLate("This batch");
      case "unknown-deletion":
        throw new ProblemError("DELETION_NOT_FOUND", { detail: "No bulk deletion with this deletionId in your list." });
      case "replay":
        if (result.requestHash !== claim?.requestHash) throw keyReused("bulk action");
        c.header("idempotent-replayed", "true");
        break;
      case "done":
        break;
    }
    const { count, deletionId, counts } = result;
    return c.json({ action: input.action, count, deletionId, counts }, 200);
  });
