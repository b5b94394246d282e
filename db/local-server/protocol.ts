/**
 * Neon's SQL-over-HTTP wire format (as `@neondatabase/serverless` 1.2 speaks it): decoding a
 * request into queries, and encoding results and Postgres errors the way
 * `@neondatabase/serverless` expects to read them.
 */
import type { BatchOptions, IsolationLevel, SqlQuery, SqlResult } from "./backend.ts";

export type SqlRequest =
  | { kind: "single"; query: SqlQuery }
  | { kind: "batch"; queries: SqlQuery[]; options: BatchOptions };

/** A request the endpoint cannot make sense of; answered with 400 like a Postgres error. */
export class ProtocolError extends Error {
  override name = "ProtocolError";
}

const isolationLevels = new Set<string>(["ReadUncommitted", "ReadCommitted", "RepeatableRead", "Serializable"]);

function toParam(value: unknown): string | null {
  if (value === null || value === undefined) return null;
  if (typeof value === "string") return value;
  if (typeof value === "number" || typeof value === "boolean" || typeof value === "bigint") return String(value);
  return JSON.stringify(value);
}

function toQuery(value: unknown): SqlQuery {
  if (typeof value !== "object" || value === null) throw new ProtocolError("each query must be an object");
  const { query, params } = value as { query?: unknown; params?: unknown };
  if (typeof query !== "string") throw new ProtocolError("query must be a string");
  if (params !== undefined && !Array.isArray(params)) throw new ProtocolError("params must be an array");
  return { query, params: (params ?? []).map(toParam) };
}

function booleanHeader(value: string | undefined): boolean | undefined {
  return value === undefined ? undefined : value.toLowerCase() === "true";
}

/** Decodes a POST body plus the Neon-Batch-* headers. */
export function decodeRequest(body: string, headers: Record<string, string | string[] | undefined>): SqlRequest {
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch {
    throw new ProtocolError("request body is not valid JSON");
  }
  if (typeof json === "object" && json !== null && "queries" in json) {
    const { queries } = json as { queries: unknown };
    if (!Array.isArray(queries)) throw new ProtocolError("queries must be an array");
    const header = (name: string) => {
      const v = headers[name];
      return Array.isArray(v) ? v[0] : v;
    };
    const level = header("neon-batch-isolation-level");
    if (level !== undefined && !isolationLevels.has(level)) throw new ProtocolError(`unknown isolation level ${level}`);
    return {
      kind: "batch",
      queries: queries.map(toQuery),
      options: {
        isolationLevel: level as IsolationLevel | undefined,
        readOnly: booleanHeader(header("neon-batch-read-only")),
        deferrable: booleanHeader(header("neon-batch-deferrable")),
      },
    };
  }
  return { kind: "single", query: toQuery(json) };
}

/** One result as Neon's proxy renders it, always in array mode with text values. */
export function encodeResult(result: SqlResult) {
  return {
    command: result.command,
    rowCount: result.rowCount,
    rowAsArray: true,
    fields: result.fields.map((f) => ({
      name: f.name,
      dataTypeID: f.dataTypeID,
      tableID: 0,
      columnID: 0,
      dataTypeSize: -1,
      dataTypeModifier: -1,
      format: "text",
    })),
    rows: result.rows,
  };
}

const errorFields = [
  "code",
  "detail",
  "hint",
  "position",
  "severity",
  "where",
  "table",
  "column",
  "schema",
  "dataType",
  "constraint",
  "routine",
] as const;

/** A Postgres error (from pg or PGlite) in the body the driver turns into a NeonDbError. */
export function encodeError(error: unknown): Record<string, unknown> {
  const source = (typeof error === "object" && error !== null ? error : {}) as Record<string, unknown>;
  const body: Record<string, unknown> = { message: error instanceof Error ? error.message : String(error) };
  for (const field of errorFields) {
    if (source[field] !== undefined) body[field] = source[field];
  }
  return body;
}
