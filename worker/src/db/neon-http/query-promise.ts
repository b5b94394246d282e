/**
 * A query before it is sent: its text and parameters (a tagged template or `query(text,
 * params)`), and the lazy thenable that sends it when awaited. Lazy, so that
 * `transaction([...])` can collect queries without running them, as the official driver does.
 */
import type { QueryOptions } from "./http-query.ts";

/** `query(text, params)`: text with $1, $2 … placeholders. */
export interface ParameterizedQuery {
  query: string;
  params: unknown[];
}

/** A raw SQL fragment for a template (`sql.unsafe(...)`): trusted text only. */
export class UnsafeRawSql {
  sql: string;
  constructor(sql: string) {
    this.sql = sql;
  }
}

export type QueryData = SqlTemplate | ParameterizedQuery;
type Execute = (queryData: QueryData, opts?: QueryOptions) => Promise<unknown>;

/**
 * Sends its query each time it is awaited (then/catch/finally), like the official class: it is
 * a thenable, not a Promise, and holds what `transaction()` needs (`queryData`, `opts`).
 */
export class NeonQueryPromise {
  execute: Execute;
  queryData: QueryData;
  opts: QueryOptions | undefined;
  constructor(execute: Execute, queryData: QueryData, opts?: QueryOptions) {
    this.execute = execute;
    this.queryData = queryData;
    this.opts = opts;
  }
  // biome-ignore lint/suspicious/noThenProperty: a thenable on purpose, as the official driver's.
  then<A = unknown, B = never>(
    resolve?: ((value: unknown) => A | PromiseLike<A>) | null,
    reject?: ((reason: unknown) => B | PromiseLike<B>) | null,
  ): Promise<A | B> {
    return this.execute(this.queryData, this.opts).then(resolve, reject);
  }
  catch<B = never>(reject?: ((reason: unknown) => B | PromiseLike<B>) | null): Promise<unknown> {
    return this.execute(this.queryData, this.opts).catch(reject);
  }
  finally(onFinally?: (() => void) | null): Promise<unknown> {
    return this.execute(this.queryData, this.opts).finally(onFinally);
  }
}

/** sql`…${value}…`: each value becomes a $n parameter, except raw fragments and nested queries. */
export class SqlTemplate {
  strings: readonly string[];
  values: unknown[];
  constructor(strings: readonly string[], values: unknown[]) {
    this.strings = strings;
    this.values = values;
  }
  toParameterizedQuery(result: ParameterizedQuery = { query: "", params: [] }): ParameterizedQuery {
    const { strings, values } = this;
    for (let i = 0; i < strings.length; i++) {
      result.query += strings[i];
      if (i >= values.length) continue;
      const value = values[i];
      if (value instanceof UnsafeRawSql) {
        result.query += value.sql;
      } else if (value instanceof NeonQueryPromise) {
        if (value.queryData instanceof SqlTemplate) {
          value.queryData.toParameterizedQuery(result);
        } else {
          if (value.queryData.params?.length) throw new Error("This query is not composable");
          result.query += value.queryData.query;
        }
      } else {
        result.params.push(value);
        result.query += `$${result.params.length}`;
        if (ArrayBuffer.isView(value)) result.query += "::bytea";
      }
    }
    return result;
  }
}
