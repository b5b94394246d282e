/** Task shapes as the API returns them, inferred from the Worker's routes. */
import type { InferResponseType } from "hono/client";
import type { Api } from "../../lib/api.ts";

type TaskRoutes = Api["api"][":userId"]["tasks"];

export type TaskList = InferResponseType<TaskRoutes["$get"], 200>;
export type Task = TaskList["items"][number];
export type TaskCounts = NonNullable<TaskList["counts"]>;
export type Priority = Task["priority"];
