/**
 * PGlite (Postgres compiled to WASM) behind the local SQL-over-HTTP endpoint.
 * PGlite is one connection, so requests serialise; its own mutex orders them.
 */
import { PGlite, type Results, type Transaction } from "@electric-sql/pglite";
import { type SqlBackend, type SqlQuery, type SqlResult, transactionModeSql } from "./backend.ts";

type Identity = Record<number, (value: string) => string>;

/**
 * Every built-in type OID parses and serialises to itself: values cross the
 * endpoint as Postgres text in both directions. (PGlite merges these over its
 * defaults by key, so each OID must be named; unknown OIDs stay text anyway.)
 */
async function textIdentity(db: PGlite): Promise<Identity> {
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

async function run(db: PGlite | Transaction, text: Identity, q: SqlQuery): Promise<SqlResult> {
  const result = await db.query<unknown[]>(q.query, [...q.params], {
    rowMode: "array",
    parsers: text,
    serializers: text,
  });
  return toResult(result);
}

/** Opens PGlite in memory (no `dataDir`) or persisted in a folder. */
export async function createPgliteBackend(dataDir?: string): Promise<SqlBackend> {
  const db = await PGlite.create(dataDir ? { dataDir } : {});
  const text = await textIdentity(db);
  return {
    name: "pglite",
    query: (q) => run(db, text, q),
    batch: (queries, options) =>
      db.transaction(async (tx) => {
        const mode = transactionModeSql(options);
        if (mode) await tx.exec(mode);
        const results: SqlResult[] = [];
        for (const q of queries) results.push(await run(tx, text, q));
        return results;
      }),
    close: () => db.close(),
  };
}
