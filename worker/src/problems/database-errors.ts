/**
 * Maps database failures onto problems. A driver that cannot reach Postgres
 * means 503 with Retry-After; a token for a deleted user trips the owner's
 * foreign key, which is an authentication failure, not a server error; a
 * value Postgres refuses as data is the client's, so 422, never 500.
 */
import { MAX_IDEMPOTENCY_KEYS_PER_USER, MAX_TASKS_PER_USER } from "../tasks/bounds.ts";
import { ProblemError } from "./problem-error.ts";

interface PgFault {
  name?: unknown;
  code?: unknown;
  constraint?: unknown;
  message?: unknown;
}

function faultsOf(error: unknown): PgFault[] {
  const chain: PgFault[] = [];
  let current: unknown = error;
  while (typeof current === "object" && current !== null && chain.length < 5) {
    chain.push(current as PgFault);
    current = (current as { cause?: unknown }).cause;
  }
  return chain;
}

/** Foreign keys from a row to its owner: violated only when the token's user has been deleted. */
const OWNER_KEYS = new Set(["tasks_user_id_user_id_fk", "idempotency_keys_user_id_user_id_fk"]);

/** The per-user caps of db/migrations/0003_per_user_bounds.sql, raised as check violations (23514). */
function limitProblem(constraint: unknown, cause: unknown): ProblemError | undefined {
  if (constraint === "tasks_per_user_limit") {
    return new ProblemError("TASK_LIMIT_REACHED", {
      detail: `A list holds at most ${MAX_TASKS_PER_USER.toLocaleString("en")} tasks; delete some to add more.`,
      cause,
    });
  }
  if (constraint === "idempotency_keys_per_user_limit") {
    return new ProblemError("RATE_LIMITED", {
      detail: `At most ${MAX_IDEMPOTENCY_KEYS_PER_USER.toLocaleString("en")} Idempotency-Keys per 24 hours; retry later.`,
      headers: { "retry-after": "3600" },
      cause,
    });
  }
  return undefined;
}

export function problemFromDatabaseError(error: unknown): ProblemError | undefined {
  for (const fault of faultsOf(error)) {
    if (fault.code === "23503" && typeof fault.constraint === "string" && OWNER_KEYS.has(fault.constraint)) {
      return new ProblemError("INVALID_TOKEN", {
        detail: "The access token's user no longer exists.",
        headers: { "www-authenticate": 'Bearer error="invalid_token"' },
        cause: error,
      });
    }
    if (fault.code === "23514") {
      const limit = limitProblem(fault.constraint, error);
      if (limit) return limit;
    }
    // Class 22 is "data exception", 23514 a check the schema should have made: a value Postgres refused.
    if (typeof fault.code === "string" && (fault.code.startsWith("22") || fault.code === "23514")) {
      return new ProblemError("VALIDATION_FAILED", {
        detail: "A value in the request cannot be stored.",
        cause: error,
      });
    }
    const message = typeof fault.message === "string" ? fault.message : "";
    // The driver's own words for an unreachable endpoint, or our timeout firing mid-response.
    const unreachable =
      message.startsWith("Error connecting to database") ||
      message.startsWith("Server error (HTTP status") ||
      fault.name === "TimeoutError" ||
      fault.name === "AbortError";
    if (unreachable) {
      return new ProblemError("DATABASE_UNAVAILABLE", {
        detail: "The database is unavailable; try again shortly.",
        headers: { "retry-after": "2" },
        cause: error,
      });
    }
  }
  return undefined;
}
