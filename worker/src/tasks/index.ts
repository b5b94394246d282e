/** The tasks router: the routes under /api/{userId}/tasks (see specs/001-tasks-api). */
import type { AppEnv } from "../env.ts";
import { etagOf } from "../http/preconditions.ts";
import { openApiRouter } from "../openapi/router.ts";
import { ProblemError } from "../problems/problem-error.ts";
import { RESTORE_WINDOW_MINUTES } from "./bounds.ts";
import { bulkTasksRoute, restoreTaskRoute } from "./bulk-routes.ts";
import { listTaskCompletionsRoute, undoTaskCompletionRoute } from "./completion-routes.ts";
import type { WriteOutcome } from "./queries.ts";
import {
  completeTaskRoute,
  createTaskRoute,
  deleteTaskRoute,
  getTaskRoute,
  listTasksRoute,
  replaceTaskRoute,
} from "./routes.ts";
import { toTaskDto } from "./task-dto.ts";

/** The queries, drizzle and the tables, loaded by the first request that needs them (./data.ts). */
const data = () => import("./data.ts");

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

const tooLate = (what: string) =>
  new ProblemError("RESTORE_EXPIRED", {
    detail: `${what} was deleted more than ${RESTORE_WINDOW_MINUTES} minutes ago and can no longer be restored.`,
  });

function taskPath(userId: string, id: string): string {
  return `/api/${encodeURIComponent(userId)}/tasks/${id}`;
}

// c.var.db is the database as c.var.userId sees it: row-level security backs every user_id filter.
export const tasksRouter = openApiRouter<AppEnv>()
  .openapi(listTasksRoute, async (c) => {
    const { listTasks } = await data();
    const page = await listTasks(c.var.db, c.var.userId, c.req.valid("query"));
    if (page.nextCursor) {
      const next = new URL(c.req.url);
      next.searchParams.set("cursor", page.nextCursor);
      c.header("link", `<${next.pathname}${next.search}>; rel="next"`);
    }
    return c.json({ items: page.rows.map(toTaskDto), nextCursor: page.nextCursor, counts: page.counts }, 200);
  })
  .openapi(createTaskRoute, async (c) => {
    const key = c.req.valid("header")["idempotency-key"];
    const { createTaskOnce } = await data();
    const { task, replayed } = await createTaskOnce(c.var.db, c.var.userId, key, c.req.valid("json"));
    c.header("location", taskPath(c.var.userId, task.id));
    c.header("etag", etagOf(task.version));
    if (replayed) c.header("idempotent-replayed", "true");
    return c.json(task, 201);
  })
  .openapi(getTaskRoute, async (c) => {
    const { id } = c.req.valid("param");
    const { findTask } = await data();
    const row = await findTask(c.var.db, c.var.userId, id);
    if (!row) throw notFound(id);
    c.header("etag", etagOf(row.version));
    return c.json(toTaskDto(row), 200);
  })
  .openapi(replaceTaskRoute, async (c) => {
    const { id } = c.req.valid("param");
    const precondition = c.req.valid("header")["if-match"];
    const { replaceOrAdvance } = await data();
    const row = settled(await replaceOrAdvance(c.var.db, c.var.userId, id, c.req.valid("json"), precondition), id);
    c.header("etag", etagOf(row.version));
    return c.json(toTaskDto(row), 200);
  })
  .openapi(deleteTaskRoute, async (c) => {
    const { id } = c.req.valid("param");
    const { deleteTask } = await data();
    settled(await deleteTask(c.var.db, c.var.userId, id, c.req.valid("header")["if-match"]), id);
    return c.body(null, 204);
  })
  .openapi(completeTaskRoute, async (c) => {
    const { id } = c.req.valid("param");
    const precondition = c.req.valid("header")["if-match"];
    // Without a body the validator passes {}: no `completed` means "toggle".
    const body: { completed?: boolean } = c.req.valid("json");
    const { setCompletionOrAdvance } = await data();
    const row = settled(await setCompletionOrAdvance(c.var.db, c.var.userId, id, body.completed, precondition), id);
    c.header("etag", etagOf(row.version));
    return c.json(toTaskDto(row), 200);
  })
  .openapi(listTaskCompletionsRoute, async (c) => {
    const { id } = c.req.valid("param");
    const { listCompletions } = await data();
    const records = await listCompletions(c.var.db, c.var.userId, id);
    if (!records) throw notFound(id);
    const items = records.map((r) => ({ completedAt: r.completedAt.toISOString(), dueAt: r.dueAt.toISOString() }));
    return c.json({ items }, 200);
  })
  .openapi(undoTaskCompletionRoute, async (c) => {
    const { id } = c.req.valid("param");
    const { undoLatestCompletion } = await data();
    const result = await undoLatestCompletion(c.var.db, c.var.userId, id, c.req.valid("header")["if-match"]);
    if (result.kind === "no-completion") {
      throw new ProblemError("COMPLETION_NOT_FOUND", { detail: `Task ${id} has no completion to undo.` });
    }
    const row = settled(result, id);
    c.header("etag", etagOf(row.version));
    return c.json(toTaskDto(row), 200);
  })
  .openapi(restoreTaskRoute, async (c) => {
    const { id } = c.req.valid("param");
    const { restoreTask } = await data();
    const result = await restoreTask(c.var.db, c.var.userId, id, c.req.valid("header")["if-match"]);
    if (result.kind === "expired") throw tooLate(`Task ${id}`);
    const row = settled(result, id);
    c.header("etag", etagOf(row.version));
    return c.json(toTaskDto(row), 200);
  })
  .openapi(bulkTasksRoute, async (c) => {
    const input = c.req.valid("json");
    const key = c.req.valid("header")["idempotency-key"];
    const { fingerprint, keyInProgress, keyReused, runBulk } = await data();
    const claim = key ? { key, requestHash: await fingerprint({ bulk: input }) } : undefined;
    const result = await runBulk(c.var.db, c.var.userId, input, claim);
    switch (result.kind) {
      case "in-progress":
        throw keyInProgress();
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
