/**
 * The local endpoint must be indistinguishable from Neon's to
 * `@neondatabase/serverless`; each case runs against PGlite and a real
 * PostgreSQL server.
 */
import { type NeonQueryFunction, neon, neonConfig } from "@neondatabase/serverless";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { SqlBackend } from "./backend.ts";
import { createPgliteBackend } from "./pglite-backend.ts";
import { createPostgresBackend } from "./postgres-backend.ts";
import { type PostgresCluster, startPostgresCluster } from "./postgres-cluster.ts";
import { type LocalSqlServer, startLocalSqlServer } from "./server.ts";

const backends: Record<string, () => Promise<{ backend: SqlBackend; cleanup?: () => void }>> = {
  pglite: async () => ({ backend: await createPgliteBackend() }),
  postgres: async () => {
    const cluster: PostgresCluster = await startPostgresCluster();
    return { backend: createPostgresBackend(cluster.connectionString), cleanup: () => cluster.stop() };
  },
};

describe.each(Object.keys(backends))("local SQL endpoint on %s", (name) => {
  let server: LocalSqlServer;
  let backend: SqlBackend;
  let cleanup: (() => void) | undefined;
  let sql: NeonQueryFunction<false, false>;

  /** Posts a raw body the way the driver does: no content type, and the run's connection string. */
  const post = (body: unknown, headers: Record<string, string> = {}) =>
    fetch(server.url, {
      method: "POST",
      body: typeof body === "string" ? body : JSON.stringify(body),
      headers: {
        "Neon-Connection-String": server.connectionString,
        "Neon-Raw-Text-Output": "true",
        "Neon-Array-Mode": "true",
        ...headers,
      },
    });

  beforeAll(async () => {
    const open = backends[name];
    if (!open) throw new Error(`unknown backend ${name}`);
    const opened = await open();
    backend = opened.backend;
    cleanup = opened.cleanup;
    server = await startLocalSqlServer(backend);
    neonConfig.fetchEndpoint = server.url;
    sql = neon(server.connectionString);
    await sql`create table items (id int primary key, label text not null, tags text[], data jsonb, at timestamptz, raw bytea)`;
  });

  afterAll(async () => {
    await server.close();
    await backend.close();
    cleanup?.();
  });

  it("answers a single query with text values, type OIDs and the command tag", async () => {
    const response = await post({
      query: "select 1::int4 as n, 2::int8 as big, true as b, 'x'::text as t, null::int as z",
      params: [],
    });
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("application/json");
    const body = await response.json();
    expect(body).toMatchObject({
      command: "SELECT",
      rowCount: 1,
      rowAsArray: true,
      rows: [["1", "2", "t", "x", null]],
    });
    expect(body.fields.map((f: { dataTypeID: number }) => f.dataTypeID)).toEqual([23, 20, 16, 25, 23]);
    expect(body.fields[0]).toMatchObject({ name: "n", format: "text" });
  });

  it("round-trips every parameter kind the driver sends", async () => {
    const at = new Date("2026-01-02T03:04:05.678Z");
    await sql`insert into items values (1, ${"one"}, ${["a", "b,c"]}, ${{ k: [1, 2] }}, ${at}, ${new Uint8Array([1, 255])})`;
    const [row] = await sql`select * from items where id = ${1}`;
    expect(row).toEqual({ id: 1, label: "one", tags: ["a", "b,c"], data: { k: [1, 2] }, at, raw: expect.anything() });
  });

  it("takes rowCount from the command tag", async () => {
    const response = await post({
      query: "insert into items (id, label) values (10, 'a'), (11, 'b'), (12, 'c')",
      params: [],
    });
    expect(await response.json()).toMatchObject({ command: "INSERT", rowCount: 3, rows: [] });
  });

  it("runs a batch as one transaction and answers one result per query", async () => {
    const results = await sql.transaction([
      sql`insert into items (id, label) values (20, 'x')`,
      sql`select label from items where id = 20`,
    ]);
    expect(results[1]).toEqual([{ label: "x" }]);
  });

  it("rolls a batch back when any statement fails", async () => {
    await expect(
      sql.transaction([
        sql`insert into items (id, label) values (30, 'kept?')`,
        sql`insert into items (id, label) values (30, 'dup')`,
      ]),
    ).rejects.toMatchObject({ code: "23505" });
    expect(await sql`select count(*)::int as n from items where id = 30`).toEqual([{ n: 0 }]);
  });

  it("applies the batch isolation and read-only headers", async () => {
    const response = await post(
      {
        queries: [
          { query: "show transaction_isolation", params: [] },
          { query: "show transaction_read_only", params: [] },
        ],
      },
      { "Neon-Batch-Isolation-Level": "Serializable", "Neon-Batch-Read-Only": "true" },
    );
    const body = await response.json();
    expect(body.results.map((r: { rows: string[][] }) => r.rows[0]?.[0])).toEqual(["serializable", "on"]);
    const write = await post(
      { queries: [{ query: "insert into items (id, label) values (40, 'no')", params: [] }] },
      { "Neon-Batch-Read-Only": "true" },
    );
    expect(write.status).toBe(400);
    expect((await write.json()).code).toBe("25006");
  });

  it("reports Postgres errors as HTTP 400 with their fields", async () => {
    await sql`insert into items (id, label) values (50, 'first')`;
    const response = await post({ query: "insert into items (id, label) values ($1, $2)", params: ["50", "again"] });
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({
      message: expect.stringContaining("duplicate key"),
      code: "23505",
      constraint: "items_pkey",
      detail: "Key (id)=(50) already exists.",
      severity: "ERROR",
      table: "items",
    });
  });

  it("raises them through the driver as NeonDbError with the SQLSTATE", async () => {
    await expect(sql`select * from missing_table`).rejects.toMatchObject({ name: "NeonDbError", code: "42P01" });
  });

  it("answers a malformed body with 400, and only POST /sql", async () => {
    expect((await post("{not json")).status).toBe(400);
    expect((await post({ queries: "nope" })).status).toBe(400);
    const headers = { "Neon-Connection-String": server.connectionString };
    expect((await fetch(server.url, { headers })).status).toBe(405);
    expect((await fetch(server.url.replace("/sql", "/other"), { method: "POST", headers })).status).toBe(404);
  });

  it("counts round trips", async () => {
    const before = server.stats.requests;
    await sql`select 1`;
    await sql.transaction([sql`select 1`, sql`select 2`]);
    expect(server.stats.requests - before).toBe(2);
  });
});
