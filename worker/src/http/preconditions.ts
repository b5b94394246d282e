/**
 * ETags and If-Match (RFC 9110 §13.1.1). A task's ETag is its version as a
 * strong validator; If-Match uses strong comparison, so weak tags never match.
 * The header is parsed by its zod schema (`ifMatchHeader`), so a malformed one
 * is a 422 from the validation hook like any other field.
 */
import * as z from "zod/mini";
import { lazy } from "../openapi/lazy.ts";

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

/** `If-Match` as a Precondition; an absent header is `{ kind: "none" }`. */
export const ifMatchHeader = lazy(() =>
  z.pipe(
    z.optional(z.string().check(z.maxLength(4096))),
    z.transform((header: string | undefined, payload): Precondition => {
      if (header === undefined) return { kind: "none" };
      if (header.trim() === "*") return { kind: "exists" };
      const parts = header.split(",");
      // zod/mini's transform has no ctx.addIssue: a refusal is pushed onto the payload's issues.
      if (parts.length > MAX_IF_MATCH_TAGS) {
        payload.issues.push({ code: "custom", message: `At most ${MAX_IF_MATCH_TAGS} entity tags`, input: header });
        return z.NEVER;
      }
      const versions = new Set<number>();
      for (const part of parts) {
        const match = ENTITY_TAG.exec(part);
        if (!match) {
          payload.issues.push({
            code: "custom",
            message: 'Malformed entity tag: use * or a list of tags, e.g. "3"',
            input: header,
          });
          return z.NEVER;
        }
        // Weak tags never match under strong comparison; tags we never issued can't match either.
        if (!match[1] && /^\d{1,9}$/.test(match[2] ?? "")) versions.add(Number(match[2]));
      }
      return { kind: "versions", versions: [...versions] };
    }),
  ),
);
