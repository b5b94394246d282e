/**
 * Turns any thrown error into an RFC 9457 `application/problem+json` response.
 * Unknown errors are logged with their cause and become a generic 500, so no
 * internal detail ever reaches a client.
 */
import type { Context } from "hono";
import { HTTPException } from "hono/http-exception";
import { type ProblemCode, problemCodes, problemType } from "./codes.ts";
import { problemFromDatabaseError } from "./database-errors.ts";
import { ProblemError } from "./problem-error.ts";

/** The problem document; also the OpenAPI schema's shape. */
export interface ProblemBody {
  type: string;
  title: string;
  status: number;
  detail?: string;
  code: ProblemCode;
  instance?: string;
  errors?: { pointer: string; detail: string }[];
}

export function problemResponse(c: Context, problem: ProblemError): Response {
  const { code, status } = problem;
  const body: ProblemBody = { type: problemType(code), title: problemCodes[code].title, status, code };
  if (problem.detail) body.detail = problem.detail;
  if (problem.errors) body.errors = problem.errors;
  body.instance = new URL(c.req.url).pathname;
  return new Response(JSON.stringify(body), {
    status,
    headers: { ...problem.headers, "content-type": "application/problem+json" },
  });
}

/** Statuses Hono's own middleware and validators raise, mapped onto our codes and words. */
const fromHttpStatus: Partial<Record<number, { code: ProblemCode; detail: string }>> = {
  400: { code: "MALFORMED_REQUEST", detail: "The request body is not valid JSON." },
  401: { code: "UNAUTHENTICATED", detail: "Send an access token as a Bearer token." },
  404: { code: "NOT_FOUND", detail: "No such route." },
  413: { code: "PAYLOAD_TOO_LARGE", detail: "The request body is too large." },
  415: { code: "UNSUPPORTED_MEDIA_TYPE", detail: "Send the request body as application/json." },
};

/** `app.onError` */
export function renderError(error: Error, c: Context): Response {
  if (error instanceof ProblemError) {
    if (error.status >= 500) console.error(`${error.code}:`, error.cause ?? error);
    return problemResponse(c, error);
  }
  if (error instanceof HTTPException) {
    const known = fromHttpStatus[error.status];
    if (known) return problemResponse(c, new ProblemError(known.code, { detail: known.detail, cause: error }));
  }
  const fromDatabase = problemFromDatabaseError(error);
  if (fromDatabase) {
    if (fromDatabase.status >= 500) console.error(`${fromDatabase.code}:`, error);
    return problemResponse(c, fromDatabase);
  }
  console.error("Unhandled error:", error);
  return problemResponse(c, new ProblemError("INTERNAL"));
}
