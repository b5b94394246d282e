/**
 * The bench's replay endpoint, in front of a real local SQL endpoint (PGlite),
 * driven by the Neon driver the API uses: what it records, what it replays,
 * and what it must never keep.
 */
import { neon, neonConfig } from "@neondatabase/serverless";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { SqlBackend } from "../../db/local-server/backend.ts";
import { createPgliteBackend } from "../../db/local-server/pglite-backend.ts";
import { type LocalSqlServer, startLocalSqlServer } from "../../db/local-server/server.ts";
import { replayKey, type SqlReplay, startSqlReplay } from "./sql-replay.ts";

describe("replayKey", () => {
  const driverHeaders = { "neon-array-mode": "true", "neon-raw-text-output": "true" };

  it("keys a query on its text, not its parameters", () => {
    const a = replayKey(JSON.stringify({ query: "select $1", params: ["a"] }), driverHeaders);
    const b = replayKey(JSON.stringify({ query: "select $1", params: ["b"] }), driverHeaders);
    expect(a).toBeDefined();
    expect(a).toBe(b);
    expect(replayKey(JSON.stringify({ query: "select $1 + 0", params: ["a"] }), driverHeaders)).not.toBe(a);
  });

  it("keys a batch on its texts in order, apart from the same texts sent one by one", () => {
    const batch = (texts: string[]) =>
      replayKey(JSON.stringify({ queries: texts.map((query) => ({ query, params: [] })) }), driverHeaders);
    expect(batch(["select 1", "select 2"])).toBe(batch(["select 1", "select 2"]));
    expect(batch(["select 1", "select 2"])).not.toBe(batch(["select 2", "select 1"]));
    expect(batch(["select 1"])).not.toBe(replayKey(JSON.stringify({ query: "select 1" }), driverHeaders));
  });

  it("tells apart requests whose headers change the answer's shape or the transaction", () => {
    const body = JSON.stringify({ query: "select 1", params: [] });
    const arrays = replayKey(body, driverHeaders);
    expect(replayKey(body, { ...driverHeaders, "neon-array-mode": "false" })).not.toBe(arrays);
    expect(replayKey(body, { ...driverHeaders, "neon-batch-read-only": "true" })).not.toBe(arrays);
    // Headers that do not shape the answer (the connection string) are not part of it.
    expect(replayKey(body, { ...driverHeaders, "neon-connection-string": "postgresql://x:y@z/db" })).toBe(arrays);
  });

  it("has no key for what is not a query", () => {
    for (const body of ["", "not json", "null", "[]", '{"query":1}', '{"queries":[]}', '{"queries":[{"q":"x"}]}']) {
      expect(replayKey(body, driverHeaders), body).toBeUndefined();
    }
  });
});

describe("the replay endpoint in front of the local SQL endpoint", () => {
  let backend: SqlBackend;
  let server: LocalSqlServer;
  let replay: SqlReplay;
  let sql: ReturnType<typeof neon>;

  beforeAll(async () => {
    backend = await createPgliteBackend();
    server = await startLocalSqlServer(backend);
    replay = await startSqlReplay(server.url);
    neonConfig.fetchEndpoint = replay.endpoint;
    sql = neon(server.connectionString);
    await sql.query("create table notes (id int primary key, body text not null)");
    // PGlite starts in seconds on an idle machine, in tens of seconds on a shared one.
  }, 90_000);

  afterAll(async () => {
    await replay?.close();
    await server?.close();
    await backend?.close();
  });

  it("records the first answer, then answers the same query text from the recording", async () => {
    const insert = "insert into notes (id, body) values ($1, $2) returning id, body";
    const first = await sql.query(insert, [1, "first"]);
    const before = { ...replay.counts };
    const databaseBefore = server.stats.requests;
    const second = await sql.query(insert, [2, "second"]);
    expect(first).toEqual([{ id: 1, body: "first" }]);
    // The recorded row, whatever the parameters: the database never saw the second insert.
    expect(second).toEqual(first);
    expect(replay.counts.replayed).toBe(before.replayed + 1);
    expect(server.stats.requests).toBe(databaseBefore);
    // Asked directly, the database holds only the first row (the count query itself is recorded now).
    expect(await sql.query("select count(*)::int as n from notes")).toEqual([{ n: 1 }]);
  });

  it("records a batch as one answer and replays it whole", async () => {
    const batch = () =>
      sql.transaction([
        sql.query("select body from notes where id = $1", [1]),
        sql.query("select count(*)::int as n from notes where id > $1", [0]),
      ]);
    const first = await batch();
    const recorded = replay.size();
    expect(await batch()).toEqual(first);
    expect(first).toEqual([[{ body: "first" }], [{ n: 1 }]]);
    expect(replay.size()).toBe(recorded);
  });

  it("passes errors on as they came and never keeps them", async () => {
    const duplicate = "insert into notes (id, body) values (1, $1)";
    const before = { ...replay.counts };
    for (let attempt = 0; attempt < 2; attempt++) {
      await expect(sql.query(duplicate, ["again"])).rejects.toMatchObject({ code: "23505" });
    }
    expect(replay.counts.passedThrough).toBe(before.passedThrough + 2);
    expect(replay.counts.recorded).toBe(before.recorded);
  });

  it("forwards what is not a query without keeping it, and refuses other methods", async () => {
    const before = { ...replay.counts };
    const post = await fetch(replay.endpoint, {
      method: "POST",
      body: "not json",
      headers: { "neon-connection-string": server.connectionString },
    });
    expect(post.status).toBe(400);
    expect(replay.counts.passedThrough).toBe(before.passedThrough + 1);
    expect((await fetch(replay.endpoint)).status).toBe(405);
  });
});
