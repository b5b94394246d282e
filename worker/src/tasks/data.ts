/**
 * What the task handlers ask of the database: the queries and, through them,
 * drizzle and the tables. The router (./index.ts) imports this module on the
 * first request that reaches a handler, not when the Worker loads: building
 * drizzle's tables was the largest part of startup (issue 14), and a 401, a
 * 422, a preflight or /health never needs them. Import it only dynamically
 * from the Worker's code; openapi/startup.test.ts fails when a table is built at load.
 */
export { runBulk } from "./bulk-queries.ts";
export { replaceOrAdvance, setCompletionOrAdvance } from "./completion.ts";
export { listCompletions, undoLatestCompletion } from "./completion-queries.ts";
export { restoreTask } from "./deletion-queries.ts";
export { createTaskOnce, fingerprint, keyInProgress, keyReused } from "./idempotency.ts";
export { listTasks } from "./list-queries.ts";
export { deleteTask, findTask } from "./queries.ts";
