/**
 * PGlite (Postgres compiled to WASM) behind the local SQL-over-HTTP endpoint.
 * PGlite is one connection, so requests serialise; its own mutex orders them.
 */
import { PGlite, type Results, type Transaction } from "@electric-sql/pglite";
import { type SqlBackend, type SqlQuery, type SqlResult, transactionModeSql } from "./backend.ts";

type Parsers = Record<number, (value: string) => string>;

/**
 * Every built-in type OID parses to itself: the endpoint must hand Postgres text
 * through untouched. (PGlite merges custom parsers over its defaults by key, so
 * each OID it knows must be overridden explicitly; unknown OIDs stay text anyway.)
 */
async function rawTextParsers(db: PGlite): Promise<Parsers> {
  const { rows } = await db.query<{ oid: number }>("select oid::int as oid from pg_type");
  const identity = (value: string) => value;
  return Object.fromEntries(rows.map((r) => [r.oid, identity]));
}

function toResult(result: Results<unknown[]>): SqlResult {
  return {
    command: result.command ?? "",
    rowCount: result.rowCount ?? result.affectedRows ?? null,
    fields: result.fields.map((f) => ({ name: f.name, dataTypeID: f.dataTypeID })),
    rows: result.rows as (string | null)[][],
  };
}

async function run(db: PGlite | Transaction, parsers: Parsers, q: SqlQuery): Promise<SqlResult> {
  const result = await db.query<unknown[]>(q.query, [...q.params], { rowMode: "array", parsers });
  return toResult(result);
}

/** Opens PGlite in memory (no `dataDir`) or persisted in a folder. */
export async function createPgliteBackend(dataDir?: string): Promise<SqlBackend> {
  const db = await PGlite.create(dataDir ? { dataDir } : {});
  const parsers = await rawTextParsers(db);
  return {
    name: "pglite",
    query: (q) => run(db, parsers, q),
    batch: (queries, options) =>
      db.transaction(async (tx) => {
        const mode = transactionModeSql(options);
        if (mode) await tx.exec(mode);
        const results: SqlResult[] = [];
        for (const q of queries) results.push(await run(tx, parsers, q));
        return results;
      }),
    close: () => db.close(),
  };
}
