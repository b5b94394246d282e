/**
 * Turns any thrown error into an RFC 9457 `application/problem+json` response.
 * Unknown errors are logged with their cause and become a generic 500, so no
 * internal detail ever reaches a client.
 */
import type { Context } from "hono";
import { HTTPException } from "hono/http-exception";
import { codesWithStatus, problemCodes, problemType } from "./codes.ts";
import { problemFromDatabaseError } from "./database-errors.ts";
import { ProblemError } from "./problem-error.ts";
import type { ProblemBody } from "./problem-schema.ts";

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

/** Hono's own middleware and validators raise HTTPExceptions: each becomes the first code of its status. */
function fromHttpException(error: HTTPException): ProblemError | undefined {
  const [code] = error.status < 500 ? codesWithStatus(error.status) : [];
  return code ? new ProblemError(code, { detail: problemCodes[code].description, cause: error }) : undefined;
}

/** `app.onError` */
export function renderError(error: Error, c: Context): Response {
  if (error instanceof ProblemError) {
    if (error.status >= 500) console.error(`${error.code}:`, error.cause ?? error);
    return problemResponse(c, error);
  }
  const fromHono = error instanceof HTTPException ? fromHttpException(error) : undefined;
  if (fromHono) return problemResponse(c, fromHono);
  const fromDatabase = problemFromDatabaseError(error);
  if (fromDatabase) {
    if (fromDatabase.status >= 500) console.error(`${fromDatabase.code}:`, error);
    return problemResponse(c, fromDatabase);
  }
  console.error("Unhandled error:", error);
  return problemResponse(c, new ProblemError("INTERNAL"));
}
