/**
 * The local, Neon-compatible SQL-over-HTTP endpoint. The Worker and the site
 * use drizzle's neon-http driver against it exactly as they do against Neon;
 * only `neonConfig.fetchEndpoint` differs.
 *
 * It runs any SQL it is sent, so it serves this machine's programs only:
 * - the connection string (Neon-Connection-String) must carry this run's password,
 *   which only the programs started with it know;
 * - the Host must be a loopback name, so a DNS-rebinding page cannot reach it;
 * - a request with an Origin comes from a browser, and is refused: a cross-site
 *   `fetch(…, {mode: "no-cors"})` needs no preflight and would otherwise run.
 * Only GET /health (readiness, and nothing else) needs no password.
 */
import { randomBytes, timingSafeEqual } from "node:crypto";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import type { SqlBackend } from "./backend.ts";
import { decodeRequest, encodeError, encodeResult, ProtocolError } from "./protocol.ts";

/** Larger bodies are refused: nothing the app sends comes near it. */
const MAX_BODY_BYTES = 8 * 1024 * 1024;

export interface LocalSqlServer {
  /** The URL to give `neonConfig.fetchEndpoint`, e.g. http://127.0.0.1:5480/sql */
  readonly url: string;
  /** A connection string the endpoint accepts: `postgresql://local:<password>@localhost:<port>/todo`. */
  readonly connectionString: string;
  /** Round trips (HTTP requests to /sql) served so far; tests use it to count them. */
  readonly stats: { requests: number };
  /** Round trips per connection string, so concurrent tests can each count their own. */
  requestsFor(connectionString: string): number;
  close(): Promise<void>;
}

function send(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { "content-type": "application/json", "content-length": Buffer.byteLength(text) });
  res.end(text);
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_BODY_BYTES) throw new ProtocolError("request body too large");
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString("utf8");
}

/** Host header values that name this machine: a rebound DNS name never does. */
const LOOPBACK_HOST = /^(localhost|127\.0\.0\.1|\[::1\])(:\d{1,5})?$/i;

/** The password in a connection string, or undefined when it does not parse. */
function passwordOf(connectionString: string | string[] | undefined): string | undefined {
  if (typeof connectionString !== "string") return undefined;
  try {
    return decodeURIComponent(new URL(connectionString).password);
  } catch {
    return undefined;
  }
}

function samePassword(given: string | undefined, expected: Buffer): boolean {
  if (given === undefined) return false;
  const bytes = Buffer.from(given);
  return bytes.length === expected.length && timingSafeEqual(bytes, expected);
}

/** Why a request may not be served, or undefined when it may. */
function refusal(req: IncomingMessage, path: string, password: Buffer): [number, string] | undefined {
  if (!LOOPBACK_HOST.test(req.headers.host ?? "")) return [403, "this endpoint serves loopback Host names only"];
  if (req.headers.origin !== undefined) return [403, "browsers may not use this endpoint"];
  if (req.method === "GET" && path === "/health") return undefined;
  if (!samePassword(passwordOf(req.headers["neon-connection-string"]), password)) {
    return [401, "password authentication failed: send this run's connection string in Neon-Connection-String"];
  }
  return undefined;
}

/** The driver appends `application_name`; the key is the connection string without it. */
function connectionKey(connectionString: string): string {
  try {
    const url = new URL(connectionString);
    url.searchParams.delete("application_name");
    return url.toString();
  } catch {
    return connectionString;
  }
}

/** A fresh password for one run of the endpoint. */
export function newSqlPassword(): string {
  return randomBytes(24).toString("base64url");
}

/**
 * Serves `backend` on loopback. `password` is what connection strings must
 * carry: pass the one the clients were given, or let the endpoint pick one
 * and hand out its `connectionString`.
 */
export async function startLocalSqlServer(
  backend: SqlBackend,
  {
    port = 0,
    host = "127.0.0.1",
    password = newSqlPassword(),
  }: { port?: number; host?: string; password?: string } = {},
): Promise<LocalSqlServer> {
  if (password.length < 16) throw new Error("the local SQL endpoint's password must be at least 16 characters");
  const expected = Buffer.from(password);
  const stats = { requests: 0 };
  const perConnection = new Map<string, number>();

  const server = createServer(async (req, res) => {
    const path = new URL(req.url ?? "/", "http://local").pathname;
    const refused = refusal(req, path, expected);
    if (refused) {
      req.resume();
      return send(res, refused[0], { message: refused[1] });
    }
    if (req.method === "GET" && path === "/health") return send(res, 200, { status: "ok", backend: backend.name });
    if (req.method === "GET" && path === "/stats") {
      const connection = new URL(req.url ?? "/", "http://local").searchParams.get("connection");
      return send(res, 200, connection ? { requests: perConnection.get(connectionKey(connection)) ?? 0 } : stats);
    }
    if (path !== "/sql") return send(res, 404, { message: "not found" });
    if (req.method !== "POST") return send(res, 405, { message: "use POST" });

    stats.requests++;
    const connection = req.headers["neon-connection-string"];
    if (typeof connection === "string") {
      const key = connectionKey(connection);
      perConnection.set(key, (perConnection.get(key) ?? 0) + 1);
    }
    try {
      const request = decodeRequest(await readBody(req), req.headers);
      if (request.kind === "single") return send(res, 200, encodeResult(await backend.query(request.query)));
      const results = await backend.batch(request.queries, request.options);
      return send(res, 200, { results: results.map(encodeResult) });
    } catch (error) {
      // Postgres errors and malformed requests alike are 400s the driver can read.
      return send(res, 400, encodeError(error));
    }
  });

  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, host, resolve);
  });
  const { port: boundPort } = server.address() as AddressInfo;

  return {
    url: `http://${host}:${boundPort}/sql`,
    connectionString: `postgresql://local:${encodeURIComponent(password)}@localhost:${boundPort}/todo`,
    stats,
    requestsFor: (connectionString) => perConnection.get(connectionKey(connectionString)) ?? 0,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
