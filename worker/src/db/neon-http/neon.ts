/**
 * `neon(connectionString)`: the query function drizzle's neon-http driver and the API call. It
 * sends `sql\`…\`` and `sql.query(text, params, options)` one HTTP request each, and
 * `sql.transaction([...])` as one request that the endpoint runs as one transaction.
 */
import { httpQuery, type QueryOptions, type TransactionOptions } from "./http-query.ts";
import { NeonQueryPromise, type QueryData, SqlTemplate, UnsafeRawSql } from "./query-promise.ts";

const NOT_A_TRANSACTION = "transaction() expects an array of queries, or a function returning an array of queries";

export interface QueryFunction {
  (strings: TemplateStringsArray, ...values: unknown[]): NeonQueryPromise;
  query(text: string, params?: unknown[], options?: QueryOptions): NeonQueryPromise;
  unsafe(rawSql: string): UnsafeRawSql;
  transaction(
    queries: NeonQueryPromise[] | ((sql: QueryFunction) => NeonQueryPromise[]),
    options?: TransactionOptions,
  ): Promise<unknown[]>;
}

export function neon(connectionString?: string | TransactionOptions, options: TransactionOptions = {}): QueryFunction {
  let neonOptions = options;
  if (typeof connectionString !== "string") {
    neonOptions = connectionString ?? {};
    connectionString = undefined;
  }
  const url = connectionString;
  const execute = (
    queryData: QueryData | QueryData[],
    opts?: QueryOptions | QueryOptions[],
    txn?: TransactionOptions,
  ) => httpQuery(url, neonOptions, queryData, opts, txn);

  const sql = ((strings: TemplateStringsArray, ...values: unknown[]) => {
    if (!(Array.isArray(strings) && Array.isArray((strings as { raw?: unknown }).raw) && Array.isArray(values))) {
      throw new Error(
        // biome-ignore lint/suspicious/noTemplateCurlyInString: the official driver's words, which show a template.
        'This function can now be called only as a tagged-template function: sql`SELECT ${value}`, not sql("SELECT $1", [value], options). For a conventional function call with value placeholders ($1, $2, etc.), use sql.query("SELECT $1", [value], options).',
      );
    }
    return new NeonQueryPromise(execute, new SqlTemplate(strings, values));
  }) as QueryFunction;
  sql.query = (text, params, queryOptions) =>
    new NeonQueryPromise(execute, { query: text, params: params ?? [] }, queryOptions);
  sql.unsafe = (rawSql) => new UnsafeRawSql(rawSql);
  sql.transaction = async (queriesOrFn, transactionOptions) => {
    const queries = typeof queriesOrFn === "function" ? queriesOrFn(sql) : queriesOrFn;
    if (!Array.isArray(queries)) throw new Error(NOT_A_TRANSACTION);
    for (const query of queries) if (!(query instanceof NeonQueryPromise)) throw new Error(NOT_A_TRANSACTION);
    return (await execute(
      queries.map((query) => query.queryData),
      queries.map((query) => query.opts ?? {}),
      transactionOptions,
    )) as unknown[];
  };
  return sql;
}
