/** The task list and the add form, talking to the API through the typed client. */
import { type SubmitEvent, useEffect, useMemo, useState } from "react";
import { SignedOutError } from "../lib/access-token.ts";
import { createApi } from "../lib/api.ts";

interface Task {
  id: string;
  title: string;
  description: string | null;
  completed: boolean;
}

interface Props {
  userId: string;
  apiOrigin: string;
}

function problemText(body: unknown, fallback: string): string {
  const detail = (body as { detail?: unknown; errors?: { detail: string }[] } | null) ?? {};
  if (Array.isArray(detail.errors) && detail.errors.length > 0) return detail.errors.map((e) => e.detail).join(" ");
  return typeof detail.detail === "string" ? detail.detail : fallback;
}

/**
 * A failed call's message for the person. A lapsed session is explained with a
 * link rather than a redirect, which could race a navigation already under way
 * (such as signing out).
 */
function toFailure(reason: unknown): Failure {
  return {
    message: reason instanceof Error ? reason.message : "Something went wrong.",
    signedOut: reason instanceof SignedOutError,
  };
}

interface Failure {
  message: string;
  signedOut: boolean;
}

export function TaskBoard({ userId, apiOrigin }: Props) {
  // The client is a proxy: take the tasks endpoint once, so effects see a stable reference.
  const tasksApi = useMemo(() => createApi(apiOrigin).api[":userId"].tasks, [apiOrigin]);
  const [tasks, setTasks] = useState<Task[] | null>(null);
  const [failure, setFailure] = useState<Failure | null>(null);
  const [title, setTitle] = useState("");
  const [status, setStatus] = useState("");
  // Until hydrated, the form must not submit natively (it would reload the page and lose the input).
  const [hydrated, setHydrated] = useState(false);
  useEffect(() => setHydrated(true), []);

  useEffect(() => {
    tasksApi
      .$get({ param: { userId }, query: {} })
      .then(async (response) => {
        if (!response.ok) throw new Error(problemText(await response.json(), "Could not load your tasks."));
        const body = await response.json();
        setTasks(body.items);
      })
      .catch((reason: unknown) => setFailure(toFailure(reason)));
  }, [tasksApi, userId]);

  async function add(event: SubmitEvent<HTMLFormElement>) {
    event.preventDefault();
    const trimmed = title.trim();
    if (!trimmed) return;
    setFailure(null);
    try {
      // A fresh key per task: if the request is retried (after a 401, say), no duplicate is created.
      const response = await tasksApi.$post({
        param: { userId },
        header: { "idempotency-key": crypto.randomUUID() },
        json: { title: trimmed },
      });
      if (!response.ok) throw new Error(problemText(await response.json(), "Could not add the task."));
      const task = await response.json();
      setTasks((current) => [task, ...(current ?? [])]);
      setTitle("");
      setStatus(`Added “${task.title}”.`);
    } catch (reason) {
      setFailure(toFailure(reason));
    }
  }

  return (
    <section aria-labelledby="tasks-heading">
      <h1 id="tasks-heading">Your tasks</h1>
      <form className="new-task" onSubmit={add}>
        <label htmlFor="new-task-title">New task</label>
        <input
          id="new-task-title"
          name="title"
          value={title}
          onChange={(e) => setTitle(e.target.value)}
          placeholder="What needs doing?"
          maxLength={200}
          autoComplete="off"
        />
        <button type="submit" disabled={!hydrated}>
          Add task
        </button>
      </form>
      {failure && (
        <p className="form-error" role="alert">
          {failure.message}
          {failure.signedOut && (
            <>
              {" "}
              <a href="/sign-in?returnTo=/tasks">Sign in again</a>
            </>
          )}
        </p>
      )}
      <p className="visually-hidden" role="status" aria-live="polite">
        {status}
      </p>
      {tasks === null ? (
        <p aria-busy="true">Loading your tasks…</p>
      ) : tasks.length === 0 ? (
        <p>No tasks yet. Add your first one above.</p>
      ) : (
        <ul aria-label="Tasks" className="task-list">
          {tasks.map((task) => (
            <li key={task.id}>{task.title}</li>
          ))}
        </ul>
      )}
    </section>
  );
}
