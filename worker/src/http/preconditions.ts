/**
 * ETags and If-Match (RFC 9110 §13.1.1). A task's ETag is its version as a
 * strong validator; If-Match uses strong comparison, so weak tags never match.
 */
import { ProblemError } from "../problems/problem-error.ts";

/** What a write requires of the current version: nothing, that the task exists, or one of these versions. */
export type Precondition = { kind: "none" } | { kind: "exists" } | { kind: "versions"; versions: number[] };

export function etagOf(version: number): string {
  return `"${version}"`;
}

const ENTITY_TAG = /^\s*(W\/)?"([^"]*)"\s*$/;

export function parseIfMatch(header: string | undefined): Precondition {
  if (header === undefined) return { kind: "none" };
  if (header.trim() === "*") return { kind: "exists" };
  const versions: number[] = [];
  for (const part of header.split(",")) {
    const match = ENTITY_TAG.exec(part);
    if (!match) {
      throw new ProblemError("VALIDATION_FAILED", {
        detail: 'If-Match must be * or a list of entity tags, e.g. "3".',
        errors: [{ pointer: "#/header/if-match", detail: "Malformed entity tag" }],
      });
    }
    // Weak tags never match under strong comparison; tags we never issued can't match either.
    if (!match[1] && /^\d{1,9}$/.test(match[2] ?? "")) versions.push(Number(match[2]));
  }
  return { kind: "versions", versions };
}
