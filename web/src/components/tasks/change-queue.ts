/**
 * The order and the versions of changes to tasks. Changes to one task go out
 * one after another, so a quick second change builds on the first; each
 * carries in If-Match the version the server last confirmed, not a stale
 * copy's; and when a task turns out to have changed elsewhere (412), the
 * changes queued before that are dropped, since they were made against a
 * version the person no longer sees.
 */
import { etagOf } from "#api/client";
import type { Task } from "./types.ts";

export function createChangeQueue(initial: Task[] = []) {
  const versions = new Map(initial.map((t) => [t.id, t.version]));
  const queues = new Map<string, Promise<unknown>>();
  const conflicts = new Map<string, number>();
  // Deletions this tab sent whose live echo has not come yet (see ownDeletionEcho).
  const ownDeletions = new Map<string, number>();
  const generation = (id: string) => conflicts.get(id) ?? 0;

  return {
    /** Records the version the server answered with; returns the task. */
    confirmed(task: Task): Task {
      versions.set(task.id, task.version);
      return task;
    },
    /** The version the server last confirmed for task `id` (0 when none has been). */
    version(id: string): number {
      return versions.get(id) ?? 0;
    },
    /** The server moved each of these tasks on by one version (a bulk action). */
    bumped(tasks: Task[]): void {
      for (const t of tasks) versions.set(t.id, (versions.get(t.id) ?? t.version) + 1);
    },
    /** The If-Match for a change to `task`. */
    etag(task: Task): string {
      return etagOf(versions.get(task.id) ?? task.version);
    },
    /** Runs `run` after every change to task `id` queued before it has settled, whatever their outcome. */
    serial<T>(id: string, run: () => Promise<T>): Promise<T> {
      const next = (queues.get(id) ?? Promise.resolve()).then(run, run);
      queues.set(id, next);
      return next;
    },
    /**
     * Like `serial`, for a change made now: `run` is told whether the task
     * turned out to have changed elsewhere between now and its turn.
     */
    change<T>(id: string, run: (stale: boolean) => Promise<T>): Promise<T> {
      const seen = generation(id);
      return this.serial(id, () => run(generation(id) !== seen));
    },
    /** This tab is deleting task `id`: its live echo will be no news. */
    deleting(id: string): void {
      ownDeletions.set(id, (ownDeletions.get(id) ?? 0) + 1);
    },
    /** A deletion of task `id` was refused: no echo will come for it. */
    notDeleting(id: string): void {
      const n = ownDeletions.get(id) ?? 0;
      if (n <= 1) ownDeletions.delete(id);
      else ownDeletions.set(id, n - 1);
    },
    /**
     * Whether a live `task.deleted` for `id` is the echo of this tab's own deletion, which it
     * consumes. A restore keeps the task's version, so an echo that arrives after Undo has put
     * the task back cannot be told from a new deletion by version; this tells them apart.
     */
    ownDeletionEcho(id: string): boolean {
      if (!ownDeletions.has(id)) return false;
      this.notDeleting(id);
      return true;
    },
    /** The task changed elsewhere: changes made before now are stale. */
    conflicted(id: string): void {
      conflicts.set(id, generation(id) + 1);
    },
  };
}

export type ChangeQueue = ReturnType<typeof createChangeQueue>;
