/**
 * Row-level security, the second isolation layer under every query's
 * `user_id = …` (ADR 0007, db/migrations/0004_row_level_security.sql).
 *
 * `asUser` wraps a Neon HTTP query function so that everything sent through
 * it runs in a transaction that first sets `app.user_id` to the caller and
 * switches to a role without BYPASSRLS, in one statement. A single query
 * becomes a batch of two statements and a batch gets one more at its head:
 * still one HTTP request, so still one SQL round trip. drizzle never sees the difference,
 * and a query that forgets its `user_id` filter still sees only the caller's
 * rows.
 */
import { type NeonQueryFunction, NeonQueryPromise } from "./neon-http/index.ts";

/** The NOLOGIN, NOBYPASSRLS role the migration creates and grants to the connecting role. */
export const ROW_SECURITY_ROLE = "todo_api_user";

type Client = NeonQueryFunction<false, false>;
type Transaction = Client["transaction"];
type Query = Client["query"];

/**
 * One more statement at the end of every transaction, and what to do with its rows: how a write
 * reads back the changes it made for live sync (worker/src/live/own-changes.ts), in the same round trip.
 */
export interface Epilogue {
  text: string;
  params: unknown[];
  receive(rows: unknown[]): void;
}

/** A query function like `client`, whose every statement runs as `userId` under row-level security. */
export function asUser(client: Client, userId: string, epilogue?: Epilogue): Client {
  // The driver's query() with its option generics erased: drizzle picks array mode per query.
  const plainQuery = client.query as (
    text: string,
    params?: unknown[],
    options?: unknown,
  ) => NeonQueryPromise<false, false>;
  // One statement: `set_config('role', …, true)` is what `set local role …` does. Both settings
  // are local to the transaction, so they end with it.
  const prologue = () => [
    client.query(`select set_config('app.user_id', $1, true), set_config('role', '${ROW_SECURITY_ROLE}', true)`, [
      userId,
    ]),
  ];

  const transaction = (async (queries, options) => {
    if (!Array.isArray(queries)) throw new Error("asUser: pass transaction() an array of queries");
    const head = prologue();
    const tail = epilogue ? [plainQuery(epilogue.text, epilogue.params, { arrayMode: false, fullResults: false })] : [];
    const results = await client.transaction([...head, ...queries, ...tail], options);
    if (epilogue) epilogue.receive(results.at(-1) as unknown[]);
    return results.slice(head.length, head.length + queries.length);
  }) as Transaction;

  const query = ((text, params, options) =>
    new NeonQueryPromise(
      async () => {
        // Each query's own options (array mode, full results) shape its result inside a transaction too.
        const [result] = await transaction([plainQuery(text, params, options)]);
        return result;
      },
      { query: text, params: params ?? [] },
      options,
    )) as Query;

  const refuseTemplate = () => {
    throw new Error("asUser: call .query(text, params), as drizzle does");
  };
  return Object.assign(refuseTemplate, { query, transaction, unsafe: client.unsafe }) as unknown as Client;
}
