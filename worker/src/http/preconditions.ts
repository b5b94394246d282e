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

/**
 * At most this many entity tags in one If-Match. Each becomes a query
 * parameter, and Postgres takes at most 65,535 per statement; no client
 * needs more than a few.
 */
export const MAX_IF_MATCH_TAGS = 64;

export function parseIfMatch(header: string | undefined): Precondition {
  if (header === undefined) return { kind: "none" };
  if (header.trim() === "*") return { kind: "exists" };
  const parts = header.split(",");
  if (parts.length > MAX_IF_MATCH_TAGS) {
    throw new ProblemError("VALIDATION_FAILED", {
      detail: `If-Match may list at most ${MAX_IF_MATCH_TAGS} entity tags.`,
      errors: [{ pointer: "#/header/if-match", detail: `At most ${MAX_IF_MATCH_TAGS} entity tags` }],
    });
  }
  const versions = new Set<number>();
  for (const part of parts) {
    const match = ENTITY_TAG.exec(part);
    if (!match) {
      throw new ProblemError("VALIDATION_FAILED", {
        detail: 'If-Match must be * or a list of entity tags, e.g. "3".',
        errors: [{ pointer: "#/header/if-match", detail: "Malformed entity tag" }],
      });
    }
    // Weak tags never match under strong comparison; tags we never issued can't match either.
    if (!match[1] && /^\d{1,9}$/.test(match[2] ?? "")) versions.add(Number(match[2]));
  }
  return { kind: "versions", versions: [...versions] };
}
