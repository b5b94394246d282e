/** Task shapes as the API returns them, inferred from the Worker's routes (see lib/tasks-client.ts). */
import type { Task } from "../../lib/tasks-client.ts";

export type { Task, TaskCounts, TaskList } from "../../lib/tasks-client.ts";
export type Priority = Task["priority"];
