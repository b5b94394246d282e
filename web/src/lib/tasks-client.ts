/**
 * The tasks API for one person, as the island and the server render both use
 * it: each call returns what the API answered, or throws one `ApiProblem`
 * (a refused answer, an unreachable API, or a session that has ended), so no
 * caller reads a status code or parses a problem document itself.
 */

import type { ClientRequestOptions, InferRequestType, InferResponseType } from "hono/client";
import type { ApiClient, Problem } from "#api/client";
import { SignedOutError } from "./access-token.ts";

type TaskRoutes = ApiClient["api"][":userId"]["tasks"];
export type TaskList = InferResponseType<TaskRoutes["$get"], 200>;
export type Task = TaskList["items"][number];
export type TaskCounts = NonNullable<TaskList["counts"]>;
export type ListParams = InferRequestType<TaskRoutes["$get"]>["query"];
export type CreateFields = InferRequestType<TaskRoutes["$post"]>["json"];
export type ReplaceFields = InferRequestType<TaskRoutes[":id"]["$put"]>["json"];
export type BulkAction = InferRequestType<TaskRoutes["bulk"]["$post"]>["json"];
export type BulkResult = InferResponseType<TaskRoutes["bulk"]["$post"], 200>;

/** Why a call did not succeed. `status` is 0 when no answer came; `message` is a person's words, or "" when there are none. */
export class ApiProblem extends Error {
  override name = "ApiProblem";
  readonly status: number;
  readonly problem: Partial<Problem> | null;
  /** The session has ended: the page should offer to sign in again. */
  readonly signedOut: boolean;

  constructor(status: number, problem: Partial<Problem> | null, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.status = status;
    this.problem = problem;
    this.signedOut = options?.cause instanceof SignedOutError;
  }

  /** A refused answer: its field errors' words, else its detail. */
  static answered(status: number, body: unknown): ApiProblem {
    const problem = body !== null && typeof body === "object" ? (body as Partial<Problem>) : null;
    return new ApiProblem(status, problem, wordsOf(problem));
  }

  /** No answer at all (the network, or no token to send). */
  static unanswered(reason: unknown): ApiProblem {
    return new ApiProblem(0, null, reason instanceof Error ? reason.message : "", { cause: reason });
  }
}

function wordsOf(problem: Partial<Problem> | null): string {
  if (Array.isArray(problem?.errors) && problem.errors.length > 0) return problem.errors.map((e) => e.detail).join(" ");
  return typeof problem?.detail === "string" ? problem.detail : "";
}

interface Answer {
  ok: boolean;
  status: number;
  json(): Promise<unknown>;
}

/** The answer when it succeeded; otherwise the one ApiProblem (every client of the API's routes uses it). */
export async function succeeded<R extends Answer>(sending: Promise<R>): Promise<Extract<R, { ok: true }>> {
  let response: R;
  try {
    response = await sending;
  } catch (reason) {
    throw ApiProblem.unanswered(reason);
  }
  if (!response.ok) throw ApiProblem.answered(response.status, await response.json().catch(() => null));
  return response as Extract<R, { ok: true }>;
}

/** Deletions, restores and bulk actions outlive the page: leaving it right after does not cancel them. */
const outlivesPage: ClientRequestOptions = { init: { keepalive: true } };

export function createTasksClient(api: ApiClient, userId: string) {
  const tasks = api.api[":userId"].tasks;
  const param = { userId };
  const json = <R extends Answer>(sending: Promise<R>) =>
    succeeded(sending).then((response) => response.json()) as ReturnType<Extract<R, { ok: true }>["json"]>;

  return {
    list: (query: ListParams) => json(tasks.$get({ param, query })),
    get: (id: string) => json(tasks[":id"].$get({ param: { userId, id } })),
    /** A fresh idempotency key per task: a retried request (after a 401, say) cannot create a duplicate. */
    create: (fields: CreateFields) =>
      json(tasks.$post({ param, header: { "idempotency-key": crypto.randomUUID() }, json: fields })),
    replace: (id: string, ifMatch: string, fields: ReplaceFields) =>
      json(tasks[":id"].$put({ param: { userId, id }, header: { "if-match": ifMatch }, json: fields })),
    complete: (id: string, ifMatch: string, completed: boolean) =>
      json(
        tasks[":id"].complete.$patch({ param: { userId, id }, header: { "if-match": ifMatch }, json: { completed } }),
      ),
    /** True once deleted; false when it was already gone (404). */
    async remove(id: string, ifMatch: string): Promise<boolean> {
      try {
        await succeeded(tasks[":id"].$delete({ param: { userId, id }, header: { "if-match": ifMatch } }, outlivesPage));
        return true;
      } catch (problem) {
        if (problem instanceof ApiProblem && problem.status === 404) return false;
        throw problem;
      }
    },
    /** Takes back the latest completion of a repeating task (issue 15): the task as it was, one version on. */
    undoCompletion: (id: string, ifMatch: string) =>
      json(tasks[":id"].completions.latest.$delete({ param: { userId, id }, header: { "if-match": ifMatch } })),
    restore: (id: string) => json(tasks[":id"].restore.$post({ param: { userId, id }, header: {} }, outlivesPage)),
    bulk: (action: BulkAction): Promise<BulkResult> =>
      json(tasks.bulk.$post({ param, header: { "idempotency-key": crypto.randomUUID() }, json: action }, outlivesPage)),
  };
}

export type TasksClient = ReturnType<typeof createTasksClient>;
