/**
 * Every problem the API can answer with, declared once: its status, title,
 * what it means (the OpenAPI response description, and the detail when the
 * thrower gives none) and the headers it carries. `type` is a URI reference
 * per code (RFC 9457 §3.1.1); `code` repeats it for machines.
 */
export interface ProblemHeaders {
  "Retry-After"?: true;
  "WWW-Authenticate"?: true;
  Allow?: true;
  Upgrade?: true;
  ETag?: true;
  RateLimit?: true;
  "RateLimit-Policy"?: true;
}

export interface ProblemDefinition {
  status: number;
  title: string;
  description: string;
  headers?: ProblemHeaders;
}

// Where two codes share a status, the first one listed is what Hono's own errors of that status become.
export const problemCodes = {
  MALFORMED_REQUEST: {
    status: 400,
    title: "Malformed request",
    description: "The request body is not valid JSON.",
  },
  UNAUTHENTICATED: {
    status: 401,
    title: "Authentication required",
    description: "Send an access token as a Bearer token.",
    headers: { "WWW-Authenticate": true },
  },
  INVALID_TOKEN: {
    status: 401,
    title: "Invalid access token",
    description: "The access token is invalid or expired.",
    headers: { "WWW-Authenticate": true },
  },
  FORBIDDEN: { status: 403, title: "Forbidden", description: "The path's user id is not the token's subject." },
  NOT_FOUND: { status: 404, title: "Not found", description: "No such route." },
  TASK_NOT_FOUND: { status: 404, title: "Task not found", description: "No such task in the caller's list." },
  PUSH_SUBSCRIPTION_NOT_FOUND: {
    status: 404,
    title: "Push subscription not found",
    description: "No such push subscription for the caller.",
  },
  DELETION_NOT_FOUND: {
    status: 404,
    title: "Deletion not found",
    description: "No bulk deletion with this deletionId in the caller's list.",
  },
  COMPLETION_NOT_FOUND: {
    status: 404,
    title: "Completion not found",
    description: "The task has no recorded completion to undo.",
  },
  METHOD_NOT_ALLOWED: {
    status: 405,
    title: "Method not allowed",
    description: "The route does not support this method; Allow lists those it does.",
    headers: { Allow: true },
  },
  IDEMPOTENCY_KEY_IN_USE: {
    status: 409,
    title: "A request with this Idempotency-Key is in progress",
    description: "A request with the same Idempotency-Key has not finished; retry after Retry-After seconds.",
    headers: { "Retry-After": true },
  },
  TASK_LIMIT_REACHED: {
    status: 409,
    title: "Task limit reached",
    description: "The list holds the most tasks it may.",
  },
  PUSH_SUBSCRIPTION_LIMIT_REACHED: {
    status: 409,
    title: "Push subscription limit reached",
    description: "The caller has the most push subscriptions allowed; delete one to add another.",
  },
  RESTORE_EXPIRED: {
    status: 410,
    title: "Too late to restore",
    description: "Deleted too long ago: the restore window has passed.",
  },
  CURSOR_EXPIRED: {
    status: 410,
    title: "Change cursor expired",
    description: "The cursor is older than the change feed keeps: load the list again and start from its cursor.",
  },
  PRECONDITION_FAILED: {
    status: 412,
    title: "The task has changed",
    description: "If-Match did not match: the task changed; the current ETag is in the ETag header.",
    headers: { ETag: true },
  },
  PAYLOAD_TOO_LARGE: { status: 413, title: "Request body too large", description: "The request body is too large." },
  UNSUPPORTED_MEDIA_TYPE: {
    status: 415,
    title: "Unsupported media type",
    description: "Send the request body as application/json.",
  },
  VALIDATION_FAILED: {
    status: 422,
    title: "Validation failed",
    description: "The request has invalid fields; every field at fault is listed in errors.",
  },
  IDEMPOTENCY_KEY_REUSED: {
    status: 422,
    title: "Idempotency-Key reused with a different request",
    description: "This Idempotency-Key was used with a different body.",
  },
  UPGRADE_REQUIRED: {
    status: 426,
    title: "WebSocket upgrade required",
    description: "This route only opens a WebSocket (Upgrade: websocket).",
    headers: { Upgrade: true },
  },
  RATE_LIMITED: {
    status: 429,
    title: "Too many requests",
    description: "Too many requests from this user; retry after Retry-After seconds.",
    headers: { "Retry-After": true, RateLimit: true, "RateLimit-Policy": true },
  },
  INTERNAL: {
    status: 500,
    title: "Internal server error",
    description: "Something failed on the server; nothing about it is revealed.",
  },
  AUTH_UNAVAILABLE: {
    status: 503,
    title: "Authentication keys unavailable",
    description: "The verification keys are unavailable; retry after Retry-After seconds.",
    headers: { "Retry-After": true },
  },
  PUSH_UNAVAILABLE: {
    status: 503,
    title: "Push unavailable",
    description: "This deployment has no VAPID key pair configured, so it cannot send reminders.",
  },
  DATABASE_UNAVAILABLE: {
    status: 503,
    title: "Database unavailable",
    description: "The database is unavailable; retry after Retry-After seconds.",
    headers: { "Retry-After": true },
  },
} as const satisfies Record<string, ProblemDefinition>;

export type ProblemCode = keyof typeof problemCodes;
export const PROBLEM_CODES = Object.keys(problemCodes) as [ProblemCode, ...ProblemCode[]];

/** `TASK_NOT_FOUND` -> `/problems/task-not-found` */
export function problemType(code: ProblemCode): string {
  return `/problems/${code.toLowerCase().replaceAll("_", "-")}`;
}

/** A code's entry, as the common shape (headers optional). */
export function problemDefinition(code: ProblemCode): ProblemDefinition {
  return problemCodes[code];
}

/** The codes a status can carry, in table order. */
export function codesWithStatus(status: number): ProblemCode[] {
  return PROBLEM_CODES.filter((code) => problemCodes[code].status === status);
}
