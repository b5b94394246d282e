/**
 * The contract between the Neon-compatible HTTP front end and whatever Postgres
 * actually runs the SQL (embedded PGlite, or a real server through `pg`).
 * Values always travel as Postgres text, exactly as Neon's proxy returns them.
 */

/** One statement as the Neon driver sends it: parameters are strings or null. */
export interface SqlQuery {
  query: string;
  params: readonly (string | null)[];
}

/** Column metadata; the driver picks its value parser from `dataTypeID`. */
export interface SqlField {
  name: string;
  dataTypeID: number;
}

export interface SqlResult {
  command: string;
  rowCount: number | null;
  fields: SqlField[];
  /** Each row as an array of Postgres text values (null for SQL NULL). */
  rows: (string | null)[][];
}

export type IsolationLevel = "ReadUncommitted" | "ReadCommitted" | "RepeatableRead" | "Serializable";

export interface BatchOptions {
  isolationLevel?: IsolationLevel | undefined;
  readOnly?: boolean | undefined;
  deferrable?: boolean | undefined;
}

export interface SqlBackend {
  /** A short name for logs and test titles. */
  readonly name: string;
  query(q: SqlQuery): Promise<SqlResult>;
  /** Runs every statement in one transaction; rolls back on the first error. */
  batch(queries: readonly SqlQuery[], options: BatchOptions): Promise<SqlResult[]>;
  close(): Promise<void>;
}

const isolationSql: Record<IsolationLevel, string> = {
  ReadUncommitted: "READ UNCOMMITTED",
  ReadCommitted: "READ COMMITTED",
  RepeatableRead: "REPEATABLE READ",
  Serializable: "SERIALIZABLE",
};

/** The `SET TRANSACTION` statement for a batch's options, or null when it needs none. */
export function transactionModeSql(options: BatchOptions): string | null {
  const modes: string[] = [];
  if (options.isolationLevel) modes.push(`ISOLATION LEVEL ${isolationSql[options.isolationLevel]}`);
  if (options.readOnly !== undefined) modes.push(options.readOnly ? "READ ONLY" : "READ WRITE");
  if (options.deferrable !== undefined) modes.push(options.deferrable ? "DEFERRABLE" : "NOT DEFERRABLE");
  return modes.length > 0 ? `SET TRANSACTION ${modes.join(", ")}` : null;
}
