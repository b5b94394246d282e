/**
 * A faulty network between the Worker and the local SQL endpoint, for the
 * outage tests: real HTTP, real dropped connections, real delays. The tests
 * run inside workerd, not in this process, so they steer it over HTTP:
 * - `POST /sql/<id>`     forwarded to the real endpoint according to `<id>`'s mode
 * - `PUT  /control/<id>` `{ mode?, delayMs? }` changes how `<id>` behaves
 * - `GET  /control/<id>` what happened to `<id>`'s requests so far (ProxyCounts)
 * Each test uses its own `<id>` (as its NEON_HTTP_ENDPOINT), so tests running
 * side by side never share a mode.
 */
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import { listenOnLoopback, readBody, sendJson } from "./http-helpers.ts";

/** How an endpoint behaves; worker/test/sql-fault-proxy.ts declares the same list. */
const MODES = ["pass", "down", "error", "slow", "lost-reply"] as const;
type FaultMode = (typeof MODES)[number];

interface ProxyCounts {
  /** Requests that arrived. */
  received: number;
  /** Requests handed to the real endpoint (so possibly applied). */
  forwarded: number;
  /** Requests held back in "slow" mode whose client gave up first: never forwarded. */
  dropped: number;
}

interface Endpoint extends ProxyCounts {
  mode: FaultMode;
  delayMs: number;
}

export interface SqlFaultProxy {
  /** e.g. http://127.0.0.1:41236 */
  readonly origin: string;
  close(): Promise<void>;
}

const send = sendJson;

/** The request as the driver sent it, minus hop-by-hop headers, to the real endpoint. */
async function forward(upstream: string, req: IncomingMessage, body: Buffer): Promise<Response> {
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers)) {
    if (typeof value === "string" && !["host", "connection", "content-length", "keep-alive"].includes(name)) {
      headers.set(name, value);
    }
  }
  return fetch(upstream, { method: "POST", headers, body: new Uint8Array(body) });
}

async function relay(from: Response, res: ServerResponse): Promise<void> {
  const text = Buffer.from(await from.arrayBuffer());
  res.writeHead(from.status, {
    "content-type": from.headers.get("content-type") ?? "application/json",
    "content-length": text.length,
  });
  res.end(text);
}

/** Resolves after `ms`, or early with false when the client has closed the connection. */
function waitUnlessClientLeaves(res: ServerResponse, ms: number): Promise<boolean> {
  return new Promise((resolve) => {
    const timer = setTimeout(() => {
      res.off("close", onClose);
      resolve(true);
    }, ms);
    const onClose = () => {
      clearTimeout(timer);
      resolve(false);
    };
    res.once("close", onClose);
  });
}

async function serveSql(upstream: string, endpoint: Endpoint, req: IncomingMessage, res: ServerResponse) {
  endpoint.received++;
  if (endpoint.mode === "down") {
    // The server is gone: the connection closes without a word.
    req.socket.destroy();
    return;
  }
  const body = await readBody(req);
  switch (endpoint.mode) {
    case "error":
      // What a gateway in front of a dead database answers.
      return send(res, 503, { message: "database unavailable" });
    case "slow":
      if (!(await waitUnlessClientLeaves(res, endpoint.delayMs))) {
        endpoint.dropped++;
        return;
      }
      break;
    case "pass":
    case "lost-reply":
      break;
  }
  endpoint.forwarded++;
  const answer = await forward(upstream, req, body);
  if (endpoint.mode === "lost-reply") {
    // The statement ran (and committed); the answer never makes it back.
    await answer.arrayBuffer();
    req.socket.destroy();
    return;
  }
  await relay(answer, res);
}

async function control(endpoint: Endpoint, req: IncomingMessage, res: ServerResponse): Promise<void> {
  if (req.method === "GET") {
    const { received, forwarded, dropped } = endpoint;
    return send(res, 200, { received, forwarded, dropped } satisfies ProxyCounts);
  }
  if (req.method !== "PUT") return send(res, 405);
  const change: unknown = JSON.parse((await readBody(req)).toString("utf8") || "{}");
  const { mode, delayMs } = (typeof change === "object" && change !== null ? change : {}) as Record<string, unknown>;
  if (mode !== undefined) {
    if (!MODES.includes(mode as FaultMode))
      return send(res, 400, { message: `mode must be one of ${MODES.join(", ")}` });
    endpoint.mode = mode as FaultMode;
  }
  if (delayMs !== undefined) {
    if (typeof delayMs !== "number" || delayMs < 0) return send(res, 400, { message: "delayMs must be ≥ 0" });
    endpoint.delayMs = delayMs;
  }
  return send(res, 204);
}

/** Starts the proxy in front of `upstream`, the real endpoint's /sql URL. */
export async function startSqlFaultProxy(upstream: string): Promise<SqlFaultProxy> {
  const endpoints = new Map<string, Endpoint>();
  const endpointFor = (id: string) => {
    let endpoint = endpoints.get(id);
    if (!endpoint) {
      endpoint = { mode: "pass", delayMs: 0, received: 0, forwarded: 0, dropped: 0 };
      endpoints.set(id, endpoint);
    }
    return endpoint;
  };

  const server = createServer((req, res) => {
    const [, kind, id, ...rest] = new URL(req.url ?? "/", "http://local").pathname.split("/");
    if (!id || rest.length > 0) return send(res, 404);
    const fail = (status: number) => (error: unknown) => {
      if (!res.headersSent && !res.destroyed) send(res, status, { message: String(error) });
    };
    if (kind === "sql" && req.method === "POST") {
      // The proxy's own failure (the real endpoint unreachable): a gateway error, as Neon's proxy would.
      serveSql(upstream, endpointFor(id), req, res).catch(fail(502));
      return;
    }
    if (kind === "control") {
      control(endpointFor(id), req, res).catch(fail(400));
      return;
    }
    return send(res, 404);
  });
  return listenOnLoopback(server);
}
