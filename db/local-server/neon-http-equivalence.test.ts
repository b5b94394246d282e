/**
 * The Worker's lean Neon transport (worker/src/db/neon-http, ADR 0012) against the official
 * `@neondatabase/serverless`, on this endpoint over PGlite and over PostgreSQL: the same query
 * through both must send the same request (but for the application_name) and come back with the
 * same values, or fail with the same error, field for field. The official driver's parsers are
 * configured as drizzle's neon-http driver configures them, as they are in the Worker.
 */

import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import * as official from "@neondatabase/serverless";
import { drizzle } from "drizzle-orm/neon-http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { unstable_readConfig } from "wrangler";
import * as lean from "../../worker/src/db/neon-http/index.ts";
import { migrateDatabase } from "../migrate.ts";
import type { SqlBackend } from "./backend.ts";
import { CORPUS_SETUP, FAILING_QUERIES, LITERAL_SELECTS, PARAMETERS } from "./neon-http-corpus.ts";
import { createPgliteBackend } from "./pglite-backend.ts";
import { createPostgresBackend } from "./postgres-backend.ts";
import { startPostgresCluster } from "./postgres-cluster.ts";
import { type LocalSqlServer, startLocalSqlServer } from "./server.ts";

type Neon = typeof official.neon;
type Sql = official.NeonQueryFunction<false, false>;
interface Sent {
  url: string;
  method: unknown;
  headers: Record<string, string>;
  body: unknown;
}

/** One driver under comparison, and the requests it sent through `record`, its fetchFunction. */
function driver(neon: Neon) {
  const sent: Sent[] = [];
  const record = (url: string, init: RequestInit) => {
    const headers = { ...(init.headers as Record<string, string>) };
    // The one intended difference: each names itself in pg_stat_activity.
    const connection = new URL(headers["Neon-Connection-String"] ?? "");
    connection.searchParams.delete("application_name");
    headers["Neon-Connection-String"] = connection.href;
    sent.push({ url, method: init.method, headers, body: init.body });
    return fetch(url, init);
  };
  return { neon, sent, record };
}

const drivers = { official: driver(official.neon), lean: driver(lean.neon as Neon) };

/** The types drizzle's neon-http driver keeps as text (NeonHttpDriver.initMappers). */
const DRIZZLE_TEXT_TYPES = [1082, 1114, 1184, 1186, 1231, 1115, 1182, 1185, 1187];

// The Node suites share one module graph (isolate: false), so what this file sets on the official
// driver's globals it puts back for the files after it (protocol.test.ts reads timestamps as Dates).
beforeAll(() => {
  const saved = {
    fetchEndpoint: official.neonConfig.fetchEndpoint,
    fetchFunction: official.neonConfig.fetchFunction,
    parsers: DRIZZLE_TEXT_TYPES.map((oid) => [oid, official.types.getTypeParser(oid)] as const),
  };
  official.neonConfig.fetchFunction = drivers.official.record;
  lean.neonConfig.fetchFunction = drivers.lean.record;
  // As in the Worker, where drizzle's neon-http driver sets its parsers at construction.
  drizzle({ client: official.neon("postgresql://user:password@localhost/db") });
  return () => {
    official.neonConfig.fetchEndpoint = saved.fetchEndpoint;
    official.neonConfig.fetchFunction = saved.fetchFunction;
    for (const [oid, parse] of saved.parsers) official.types.setTypeParser(oid, parse);
    lean.neonConfig.fetchEndpoint = undefined;
    lean.neonConfig.fetchFunction = undefined;
  };
});

/** Values as compared: bytes as bytes (the official Buffer is a Uint8Array), no parser internals. */
function comparable(value: unknown): unknown {
  if (ArrayBuffer.isView(value))
    return { bytes: Array.from(new Uint8Array(value.buffer, value.byteOffset, value.byteLength)) };
  if (Array.isArray(value)) return value.map(comparable);
  if (value instanceof Date || value === null || typeof value !== "object") return value;
  return Object.fromEntries(
    Object.entries(value)
      .filter(([key]) => key !== "_parsers" && key !== "_types")
      .map(([key, inner]) => [key, comparable(inner)]),
  );
}

/** An error as compared: its class, message, every own field, and what it wraps. */
function errorShape(error: unknown): unknown {
  if (!(error instanceof Error)) return { thrown: error };
  const fields = Object.fromEntries(
    Object.entries(error).map(([key, value]) => [key, key === "sourceError" ? String(value) : value]),
  );
  return { class: error.constructor.name, name: error.name, message: error.message, fields };
}

async function outcome(run: () => unknown): Promise<unknown> {
  try {
    return { value: comparable(await run()) };
  } catch (error) {
    return { error: errorShape(error) };
  }
}

describe("the API Worker's bundle", () => {
  it("gets the transport under test in place of the package, in every environment", () => {
    const config = fileURLToPath(new URL("../../wrangler.jsonc", import.meta.url));
    const transport = fileURLToPath(new URL("../../worker/src/db/neon-http/index.ts", import.meta.url));
    for (const env of [{}, { env: "production" }]) {
      const { alias } = unstable_readConfig({ config, ...env }, { hideWarnings: true });
      expect(resolve(dirname(config), alias?.["@neondatabase/serverless"] ?? "")).toBe(transport);
    }
  });
});

const backends: Record<string, () => Promise<{ backend: SqlBackend; stop?: () => void }>> = {
  pglite: async () => ({ backend: await createPgliteBackend() }),
  postgres: async () => {
    const cluster = await startPostgresCluster();
    return { backend: createPostgresBackend(cluster.connectionString), stop: () => cluster.stop() };
  },
};

describe.each(Object.keys(backends))("the lean Neon transport against the official driver, on %s", (name) => {
  let server: LocalSqlServer;
  let backend: SqlBackend;
  let stop: (() => void) | undefined;

  /**
   * Runs `run` through the official driver, then the lean one, and expects the same outcome from
   * the same requests. Returns the official outcome, for the case to check it is the one meant.
   */
  async function same(run: (sql: Sql) => unknown, connectionString = server.connectionString): Promise<unknown> {
    const outcomes = [];
    for (const { neon, sent } of [drivers.official, drivers.lean]) {
      sent.length = 0;
      outcomes.push(await outcome(() => run(neon(connectionString))));
    }
    expect(outcomes[1]).toStrictEqual(outcomes[0]);
    expect(drivers.lean.sent).toStrictEqual(drivers.official.sent);
    return outcomes[0];
  }

  beforeAll(async () => {
    const open = backends[name];
    if (!open) throw new Error(`unknown backend ${name}`);
    ({ backend, stop } = await open());
    server = await startLocalSqlServer(backend);
    official.neonConfig.fetchEndpoint = server.url;
    lean.neonConfig.fetchEndpoint = server.url;
    // The schema's own tables and row-level security, for the policy's refusal.
    await migrateDatabase({ databaseUrl: server.connectionString, endpoint: server.url });
    const sql = official.neon(server.connectionString);
    for (const statement of CORPUS_SETUP) await sql.query(statement);
  });

  afterAll(async () => {
    await server?.close();
    await backend?.close();
    stop?.();
  });

  it("reads every column type, NULLs included, in every result shape", async () => {
    for (const options of [
      undefined,
      { arrayMode: true, fullResults: true },
      { fullResults: true },
      { arrayMode: true },
    ]) {
      const result = await same((sql) => sql.query("select * from corpus order by id", [], options));
      expect(result).toHaveProperty("value");
    }
  });

  it("reads values no column holds: nested and bounded arrays, points, ranges, times, json", async () => {
    for (const query of LITERAL_SELECTS) {
      await same((sql) => sql.query(query));
      await same((sql) => sql.query(query, [], { arrayMode: true, fullResults: true }));
    }
  });

  it("sends parameters of every kind as the official driver prepares them", async () => {
    for (const [value, type] of PARAMETERS) {
      await same((sql) => sql`select ${value}::${sql.unsafe(type)} as v`);
      await same((sql) => sql.query(`select $1::${type} as v`, [value], { arrayMode: true, fullResults: true }));
    }
  });

  it("composes templates from raw fragments and nested queries, and refuses a nested query with parameters", async () => {
    await same((sql) => sql`select ${sql.unsafe("1 + 1")} as two, ${"x"}::text as x`);
    await same((sql) => sql`select n + ${1} as m from (${sql`select ${41}::int as n`}) as inner_query`);
    await same((sql) => sql`select * from (${sql.query("select 1 as n")}) as plain`);
    expect(await same((sql) => sql`select ${sql.query("select $1::int", [1])}`)).toHaveProperty("error");
    expect(await same((sql) => (sql as unknown as (text: string) => unknown)("select 1"))).toHaveProperty("error");
  });

  it("fails with the same NeonDbError, every Postgres field included", async () => {
    const codes = [];
    for (const query of FAILING_QUERIES) {
      const result = (await same((sql) => sql.query(query))) as { error?: { fields: { code?: string } } };
      codes.push(result.error?.fields.code);
    }
    expect(codes).toEqual(["42601", "42P01", "23505", "23514", "22P02", "22012", "23502", "P0001"]);
  });

  it("refuses a row-level-security violation the same way", async () => {
    const result = (await same((sql) =>
      sql.transaction([
        sql.query("select set_config('app.user_id', $1, true), set_config('role', 'todo_api_user', true)", ["alice"]),
        sql.query("insert into tasks (id, user_id, title) values (gen_random_uuid(), $1, 'x')", ["bob"]),
      ]),
    )) as { error?: { fields: { code?: string } } };
    expect(result.error?.fields.code).toBe("42501");
  });

  it("runs a batch as one transaction, with the isolation level, access mode and deferrability asked for", async () => {
    const settings =
      "select current_setting('transaction_isolation') as isolation, current_setting('transaction_read_only') as read_only, current_setting('transaction_deferrable') as deferrable";
    for (const options of [
      undefined,
      { isolationLevel: "Serializable", readOnly: true, deferrable: true },
      { isolationLevel: "RepeatableRead", readOnly: false },
      { isolationLevel: "ReadUncommitted", arrayMode: true, fullResults: true },
    ] as const) {
      await same((sql) =>
        sql.transaction([sql.query(settings), sql`select txid_current() = txid_current() as one`], options),
      );
    }
    // drizzle's own way: each query's options inside the batch's (the official types cannot mix them).
    await same((sql) =>
      sql.transaction(
        [
          sql.query(settings, [], { arrayMode: false, fullResults: true }),
          sql.query("select 1 as n", [], { arrayMode: true, fullResults: true }),
        ] as unknown as official.NeonQueryPromise<false, false>[],
        { arrayMode: true, fullResults: true },
      ),
    );
    await same((sql) => sql.transaction((txn) => [txn`select ${1}::int as n`, txn.query("select 2 as m")]));
    expect(await same((sql) => sql.transaction("not queries" as never))).toHaveProperty("error");
  });

  it("rolls a failed batch back, and refuses writes in a read-only one", async () => {
    const failed = await same((sql) =>
      sql.transaction([sql.query("insert into corpus (id) values (900)"), sql.query("select 1 / 0")]),
    );
    expect(failed).toHaveProperty("error");
    expect(await same((sql) => sql.query("select count(*)::int as n from corpus where id = 900"))).toEqual({
      value: [{ n: 0 }],
    });
    const readOnly = (await same((sql) =>
      sql.transaction([sql.query("update corpus set label = label where id = 1")], { readOnly: true }),
    )) as { error?: { fields: { code?: string } } };
    expect(readOnly.error?.fields.code).toBe("25006");
  });

  it("gives drizzle the same rows and batch results", async () => {
    await same((sql) => drizzle({ client: sql }).execute("select * from corpus order by id"));
    await same((sql) => {
      const db = drizzle({ client: sql });
      return db.batch([db.execute("select id, tags from corpus where id = 3"), db.execute("select 1 as n")]);
    });
  });

  it("fails the same way when the endpoint cannot be reached or refuses the request", async () => {
    const refused = await same((sql) => sql.query("select 1"), server.connectionString.replace(/:[^:@/]+@/, ":wrong@"));
    expect(JSON.stringify(refused)).toContain("HTTP status 401");
    try {
      official.neonConfig.fetchEndpoint = "http://127.0.0.1:9/sql";
      lean.neonConfig.fetchEndpoint = "http://127.0.0.1:9/sql";
      const unreachable = await same((sql) => sql.query("select 1"));
      expect(JSON.stringify(unreachable)).toContain("Error connecting to database");
    } finally {
      official.neonConfig.fetchEndpoint = server.url;
      lean.neonConfig.fetchEndpoint = server.url;
    }
  });

  it("refuses the same malformed connection strings", async () => {
    for (const connectionString of [
      "not a url",
      "mysql://user:pw@host/db",
      "postgresql://host/db",
      "postgresql://user:pw@host",
    ]) {
      expect(await same((sql) => sql.query("select 1"), connectionString)).toHaveProperty("error");
    }
    // A parameter that cannot be prepared fails first, whatever the connection string.
    const circular: { toPostgres(): unknown } = { toPostgres: () => circular };
    expect(await same((sql) => sql`select ${circular}`, "not a url")).toMatchObject({
      error: { message: expect.stringContaining("circular reference") },
    });
  });
});
