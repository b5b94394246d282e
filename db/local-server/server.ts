/**
 * The local, Neon-compatible SQL-over-HTTP endpoint. The Worker and the site
 * use drizzle's neon-http driver against it exactly as they do against Neon;
 * only `neonConfig.fetchEndpoint` differs.
 */
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import type { SqlBackend } from "./backend.ts";
import { decodeRequest, encodeError, encodeResult, ProtocolError } from "./protocol.ts";

/** Larger bodies are refused: nothing the app sends comes near it. */
const MAX_BODY_BYTES = 8 * 1024 * 1024;

export interface LocalSqlServer {
  /** The URL to give `neonConfig.fetchEndpoint`, e.g. http://127.0.0.1:5480/sql */
  readonly url: string;
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

export async function startLocalSqlServer(
  backend: SqlBackend,
  { port = 0, host = "127.0.0.1" }: { port?: number; host?: string } = {},
): Promise<LocalSqlServer> {
  const stats = { requests: 0 };
  const perConnection = new Map<string, number>();

  const server = createServer(async (req, res) => {
    const path = new URL(req.url ?? "/", "http://local").pathname;
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
    stats,
    requestsFor: (connectionString) => perConnection.get(connectionKey(connectionString)) ?? 0,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
