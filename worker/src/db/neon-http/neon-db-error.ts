/**
 * The error a query raises: the official driver's `NeonDbError`, field for field. A Postgres
 * error arrives as HTTP 400 with its fields (code, constraint, …) copied on; an unreachable
 * endpoint keeps the fetch failure as `sourceError`. drizzle wraps it, so the SQLSTATE is on
 * `cause.code`, and worker/src/problems/database-errors.ts reads it there.
 */

/** The Postgres error fields copied from a 400 answer, in the official driver's order. */
export const ERROR_FIELDS = [
  "severity",
  "code",
  "detail",
  "hint",
  "position",
  "internalPosition",
  "internalQuery",
  "where",
  "schema",
  "table",
  "column",
  "dataType",
  "constraint",
  "file",
  "line",
  "routine",
] as const;

type ErrorField = (typeof ERROR_FIELDS)[number];

export class NeonDbError extends Error implements Record<ErrorField, string | undefined> {
  // Own properties, all present even when undefined, as the official class declares them.
  override name = "NeonDbError" as const;
  severity: string | undefined = undefined;
  code: string | undefined = undefined;
  detail: string | undefined = undefined;
  hint: string | undefined = undefined;
  position: string | undefined = undefined;
  internalPosition: string | undefined = undefined;
  internalQuery: string | undefined = undefined;
  where: string | undefined = undefined;
  schema: string | undefined = undefined;
  table: string | undefined = undefined;
  column: string | undefined = undefined;
  dataType: string | undefined = undefined;
  constraint: string | undefined = undefined;
  file: string | undefined = undefined;
  line: string | undefined = undefined;
  routine: string | undefined = undefined;
  sourceError: unknown = undefined;
}
