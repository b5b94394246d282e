/**
 * Opaque keyset cursors: the last row's sort key (as Postgres text, so no
 * precision is lost) and id, bound to the sort they were made for.
 */
import { base64url } from "jose";
import { ProblemError } from "../problems/problem-error.ts";

export interface Cursor {
  sort: string;
  order: "asc" | "desc";
  key: string;
  id: string;
}

const encoder = new TextEncoder();
const decoder = new TextDecoder();

export function encodeCursor(cursor: Cursor): string {
  return base64url.encode(encoder.encode(JSON.stringify([cursor.sort, cursor.order, cursor.key, cursor.id])));
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function invalid(detail: string): ProblemError {
  return new ProblemError("VALIDATION_FAILED", {
    detail,
    errors: [{ pointer: "#/query/cursor", detail }],
  });
}

/** Decodes a cursor and checks it belongs to the requested sort and order. */
export function decodeCursor(text: string, sort: string, order: "asc" | "desc"): Cursor {
  let parts: unknown;
  try {
    parts = JSON.parse(decoder.decode(base64url.decode(text)));
  } catch {
    throw invalid("Not a cursor from this API; use nextCursor as given.");
  }
  if (!Array.isArray(parts) || parts.length !== 4 || !parts.every((p) => typeof p === "string")) {
    throw invalid("Not a cursor from this API; use nextCursor as given.");
  }
  const [cursorSort, cursorOrder, key, id] = parts as [string, string, string, string];
  if (!UUID.test(id)) throw invalid("Not a cursor from this API; use nextCursor as given.");
  if (cursorSort !== sort || cursorOrder !== order) {
    throw invalid("This cursor belongs to another sort order; start again without a cursor.");
  }
  return { sort, order, key, id };
}
