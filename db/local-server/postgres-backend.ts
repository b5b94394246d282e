/**
 * A real PostgreSQL server behind the same endpoint, through `pg`, so that
 * every suite can be run against the database production actually uses.
 */
import pg from "pg";
import { type SqlBackend, type SqlQuery, type SqlResult, transactionModeSql } from "./backend.ts";

/** Hand every value back as the text Postgres sent. */
const rawText = { getTypeParser: () => (value: string) => value };

async function run(client: pg.Pool | pg.PoolClient, q: SqlQuery): Promise<SqlResult> {
  const result = await client.query<(string | null)[]>({
    text: q.query,
    values: [...q.params],
    rowMode: "array",
    types: rawText,
  });
  return {
    command: result.command,
    rowCount: result.rowCount,
    fields: result.fields.map((f) => ({ name: f.name, dataTypeID: f.dataTypeID })),
    rows: result.rows,
  };
}

export function createPostgresBackend(connectionString: string): SqlBackend {
  const pool = new pg.Pool({ connectionString, max: 10 });
  return {
    name: "postgres",
    query: (q) => run(pool, q),
    async batch(queries, options) {
      const client = await pool.connect();
      try {
        await client.query("BEGIN");
        const mode = transactionModeSql(options);
        if (mode) await client.query(mode);
        const results: SqlResult[] = [];
        for (const q of queries) results.push(await run(client, q));
        await client.query("COMMIT");
        return results;
      } catch (error) {
        await client.query("ROLLBACK").catch(() => {});
        throw error;
      } finally {
        client.release();
      }
    },
    close: () => pool.end(),
  };
}
