/**
 * Every problem the API can answer with, declared once. `type` is a URI
 * reference per code (RFC 9457 §3.1.1); `code` repeats it for machines.
 */
export const problemCodes = {
  UNAUTHENTICATED: { status: 401, title: "Authentication required" },
  INVALID_TOKEN: { status: 401, title: "Invalid access token" },
  FORBIDDEN: { status: 403, title: "Forbidden" },
  TASK_NOT_FOUND: { status: 404, title: "Task not found" },
  NOT_FOUND: { status: 404, title: "Not found" },
  DELETION_NOT_FOUND: { status: 404, title: "Deletion not found" },
  METHOD_NOT_ALLOWED: { status: 405, title: "Method not allowed" },
  IDEMPOTENCY_KEY_IN_USE: { status: 409, title: "A request with this Idempotency-Key is in progress" },
  TASK_LIMIT_REACHED: { status: 409, title: "Task limit reached" },
  RESTORE_EXPIRED: { status: 410, title: "Too late to restore" },
  CURSOR_EXPIRED: { status: 410, title: "Change cursor expired" },
  PRECONDITION_FAILED: { status: 412, title: "The task has changed" },
  IDEMPOTENCY_KEY_REUSED: { status: 422, title: "Idempotency-Key reused with a different request" },
  MALFORMED_REQUEST: { status: 400, title: "Malformed request" },
  PAYLOAD_TOO_LARGE: { status: 413, title: "Request body too large" },
  UNSUPPORTED_MEDIA_TYPE: { status: 415, title: "Unsupported media type" },
  VALIDATION_FAILED: { status: 422, title: "Validation failed" },
  UPGRADE_REQUIRED: { status: 426, title: "WebSocket upgrade required" },
  RATE_LIMITED: { status: 429, title: "Too many requests" },
  AUTH_UNAVAILABLE: { status: 503, title: "Authentication keys unavailable" },
  DATABASE_UNAVAILABLE: { status: 503, title: "Database unavailable" },
  INTERNAL: { status: 500, title: "Internal server error" },
} as const satisfies Record<string, { status: number; title: string }>;

export type ProblemCode = keyof typeof problemCodes;

/** `TASK_NOT_FOUND` -> `/problems/task-not-found` */
export function problemType(code: ProblemCode): string {
  return `/problems/${code.toLowerCase().replaceAll("_", "-")}`;
}
