/**
 * Opaque keyset cursors: the last row's sort key (as Postgres text, so no
 * precision is lost) and id, bound to the sort they were made for. The
 * `cursor` query parameter is decoded by its zod schema (`cursorParam`); that
 * it belongs to the requested sort is checked by the list query's schema.
 */
// The push module's base64url, not jose's: the list query's schema reads cursors, and jose need not load
// before a token arrives (issue 14: startup).
import * as z from "zod/mini";
import { lazy } from "../openapi/lazy.ts";
import { fromBase64Url, toBase64Url } from "../push/base64url.ts";

export interface Cursor {
  sort: string;
  order: "asc" | "desc";
  key: string;
  id: string;
}

const encoder = new TextEncoder();
const decoder = new TextDecoder();

export function encodeCursor(cursor: Cursor): string {
  return toBase64Url(encoder.encode(JSON.stringify([cursor.sort, cursor.order, cursor.key, cursor.id])));
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** What every cursor this API writes looks like (base64url); anything else is refused as it decodes. */
export const CURSOR_PATTERN = "^[A-Za-z0-9_-]+$";

export const NOT_A_CURSOR = "Not a cursor from this API; use nextCursor as given.";
export const CURSOR_OF_ANOTHER_SORT = "This cursor belongs to another sort order; start again without a cursor.";

function decode(text: string): Cursor | undefined {
  const bytes = fromBase64Url(text);
  if (!bytes) return undefined;
  let parts: unknown;
  try {
    parts = JSON.parse(decoder.decode(bytes));
  } catch {
    return undefined;
  }
  if (!Array.isArray(parts) || parts.length !== 4 || !parts.every((p) => typeof p === "string")) return undefined;
  const [sort, order, key, id] = parts as [string, string, string, string];
  if (!UUID.test(id) || (order !== "asc" && order !== "desc")) return undefined;
  return { sort, order, key, id };
}

/**
 * `?cursor=`: an opaque string in the document, a decoded Cursor to the handler.
 * (zod/mini's transform has no `ctx.addIssue`; the issue goes straight into the payload.)
 */
export const cursorParam = lazy(() =>
  z
    .pipe(
      z.string().check(z.maxLength(512)),
      z.transform((text: string, payload) => {
        const cursor = decode(text);
        if (!cursor) {
          payload.issues.push({ code: "custom", message: NOT_A_CURSOR, input: text });
          return z.NEVER;
        }
        return cursor;
      }),
    )
    .check(z.meta({ description: "Opaque; from nextCursor", pattern: CURSOR_PATTERN })),
);
