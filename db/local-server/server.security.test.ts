/**
 * The local endpoint runs any SQL it is sent, so it must serve this machine's
 * own programs only: not a web page (cross-site, or through DNS rebinding),
 * and not anyone without this run's password. Requests are made with
 * node:http, which, unlike fetch, lets a test set Host.
 */
import { request } from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { SqlBackend } from "./backend.ts";
import { createPgliteBackend } from "./pglite-backend.ts";
import { type LocalSqlServer, startLocalSqlServer } from "./server.ts";

let backend: SqlBackend;
let server: LocalSqlServer;
let port: number;

beforeAll(async () => {
  backend = await createPgliteBackend();
  server = await startLocalSqlServer(backend);
  port = Number(new URL(server.url).port);
});

afterAll(async () => {
  await server?.close();
  await backend?.close();
});

interface Sent {
  method?: string;
  path?: string;
  headers?: Record<string, string>;
  body?: string;
}

function send({ method = "POST", path = "/sql", headers = {}, body }: Sent): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: "127.0.0.1", port, method, path, headers }, (res) => {
      let text = "";
      res.setEncoding("utf8");
      res.on("data", (chunk: string) => {
        text += chunk;
      });
      res.on("end", () => resolve({ status: res.statusCode ?? 0, body: text }));
    });
    req.on("error", reject);
    req.end(body);
  });
}

const query = (text: string) => JSON.stringify({ query: text, params: [] });
const withPassword = () => ({ "neon-connection-string": server.connectionString });

async function tableExists(name: string): Promise<boolean> {
  const response = await send({ headers: withPassword(), body: query(`select to_regclass('${name}') is not null`) });
  return (JSON.parse(response.body) as { rows: string[][] }).rows[0]?.[0] === "t";
}

describe("the local SQL endpoint", () => {
  it("runs SQL for a client holding this run's connection string", async () => {
    const response = await send({ headers: withPassword(), body: query("select 1") });
    expect(response.status).toBe(200);
  });

  it("gives every start a new random password, carried in its connection string", async () => {
    const other = await startLocalSqlServer(backend);
    try {
      expect(new URL(other.connectionString).password).not.toBe(new URL(server.connectionString).password);
      expect(decodeURIComponent(new URL(server.connectionString).password).length).toBeGreaterThanOrEqual(32);
    } finally {
      await other.close();
    }
  });

  it.each([
    ["no connection string", {}],
    ["the old fixed password", { "neon-connection-string": "postgresql://local:local@localhost/todo" }],
    ["a wrong password", { "neon-connection-string": "postgresql://local:not-the-password@localhost/todo" }],
    ["no password", { "neon-connection-string": "postgresql://local@localhost/todo" }],
    ["a string that is no URL", { "neon-connection-string": "local" }],
  ])("refuses SQL with %s: 401, and runs nothing", async (_, headers) => {
    const response = await send({ headers, body: query("create table refused_without_password (id int)") });
    expect(response.status).toBe(401);
    expect(await tableExists("refused_without_password")).toBe(false);
  });

  it("refuses a cross-site request (it carries Origin) even with the password, and runs nothing", async () => {
    // What `fetch(endpoint, {method: "POST", mode: "no-cors", body})` from any web page sends: no preflight.
    const response = await send({
      headers: { ...withPassword(), origin: "https://evil.example", "content-type": "text/plain;charset=UTF-8" },
      body: query("create table refused_cross_site (id int)"),
    });
    expect(response.status).toBe(403);
    expect(await tableExists("refused_cross_site")).toBe(false);
    const opaque = await send({ headers: { ...withPassword(), origin: "null" }, body: query("select 1") });
    expect(opaque.status).toBe(403);
  });

  it.each(["evil.example", `evil.example:${0}`, "127.0.0.1.nip.io", "localhost.evil.example"])(
    "refuses a foreign Host (DNS rebinding): %s",
    async (host) => {
      const response = await send({
        headers: { ...withPassword(), host },
        body: query("create table refused_foreign_host (id int)"),
      });
      expect(response.status).toBe(403);
      expect(await tableExists("refused_foreign_host")).toBe(false);
      expect((await send({ method: "GET", path: "/stats", headers: { ...withPassword(), host } })).status).toBe(403);
      expect((await send({ method: "GET", path: "/health", headers: { host } })).status).toBe(403);
    },
  );

  it("accepts every loopback Host name", async () => {
    for (const host of [`127.0.0.1:${port}`, `localhost:${port}`, `[::1]:${port}`, "LOCALHOST"]) {
      expect((await send({ headers: { ...withPassword(), host }, body: query("select 1") })).status).toBe(200);
    }
  });

  it("answers /stats only with the password", async () => {
    expect((await send({ method: "GET", path: "/stats" })).status).toBe(401);
    const counted = await send({ method: "GET", path: "/stats", headers: withPassword() });
    expect(counted.status).toBe(200);
    expect(JSON.parse(counted.body)).toHaveProperty("requests");
  });

  it("answers /health without the password, for readiness checks, and says nothing else", async () => {
    const response = await send({ method: "GET", path: "/health" });
    expect(response.status).toBe(200);
    expect(Object.keys(JSON.parse(response.body)).sort()).toEqual(["backend", "status"]);
  });

  it("asks for the password before saying whether a path exists", async () => {
    expect((await send({ method: "GET", path: "/anything" })).status).toBe(401);
  });
});
