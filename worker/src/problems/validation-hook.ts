/**
 * The one validation hook: every zod issue becomes an entry in a 422
 * problem's `errors`, so a client learns about every field at fault at once.
 */
import type * as z from "zod/mini";
import "./english-messages.ts";
import { type FieldError, ProblemError } from "./problem-error.ts";

export type Target = "json" | "query" | "param" | "header" | "form" | "cookie";

const prefix: Record<Target, string> = {
  json: "#",
  query: "#/query",
  param: "#/path",
  header: "#/header",
  form: "#",
  cookie: "#/cookie",
};

function escapeSegment(segment: PropertyKey): string {
  return String(segment).replaceAll("~", "~0").replaceAll("/", "~1");
}

export function toFieldErrors(target: Target, issues: readonly z.core.$ZodIssue[]): FieldError[] {
  return issues.flatMap((issue) => {
    const base = `${prefix[target]}${issue.path.map((s) => `/${escapeSegment(s)}`).join("")}`;
    // An unknown field is reported at its own pointer, one entry per key.
    if (issue.code === "unrecognized_keys") {
      return issue.keys.map((key) => ({ pointer: `${base}/${escapeSegment(key)}`, detail: "Unknown field" }));
    }
    return [{ pointer: base, detail: issue.message }];
  });
}

/** The 422 for a failed validation: every issue, at its pointer. */
export function validationProblem(target: Target, error: z.core.$ZodError): ProblemError {
  return new ProblemError("VALIDATION_FAILED", {
    detail: "The request has invalid fields; see errors.",
    errors: toFieldErrors(target, error.issues),
  });
}

/** The hook every route's validators use (./openapi/router.ts): throw the 422 for any failed validation. */
export function validationHook(
  result: { success: true } | { success: false; error: z.core.$ZodError; target: Target },
) {
  if (!result.success) throw validationProblem(result.target, result.error);
}
