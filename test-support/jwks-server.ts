/**
 * A key-set host the Worker tests steer, to test JWKS resilience honestly:
 * real HTTP, real outages. The tests run inside workerd, not in this process,
 * so they steer it over HTTP too:
 * - `GET  /jwks/<id>`    the key set, served according to the endpoint's mode
 * - `PUT  /control/<id>` `{ keys?, mode?, location? }` changes what it serves
 * - `GET  /control/<id>` `{ requests }`: how often `/jwks/<id>` was fetched
 * Each test uses its own `<id>`, because the Worker caches key sets per URL.
 */
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import { listenOnLoopback, readBody, sendJson } from "./http-helpers.ts";

/** How an endpoint answers; worker/test/jwks-endpoint.ts declares the same list. */
const MODES = ["up", "error", "reset", "hang", "garbage", "redirect"] as const;
type JwksMode = (typeof MODES)[number];

interface Endpoint {
  keys: unknown[];
  mode: JwksMode;
  /** Where "redirect" points. */
  location: string;
  requests: number;
}

export interface JwksServer {
  /** e.g. http://127.0.0.1:41235 */
  readonly origin: string;
  close(): Promise<void>;
}

const send = sendJson;

async function readJson(req: IncomingMessage): Promise<Record<string, unknown>> {
  const value: unknown = JSON.parse((await readBody(req)).toString("utf8") || "{}");
  if (typeof value !== "object" || value === null) throw new Error("body must be a JSON object");
  return value as Record<string, unknown>;
}

function serveKeySet(endpoint: Endpoint, req: IncomingMessage, res: ServerResponse): void {
  endpoint.requests++;
  switch (endpoint.mode) {
    case "up":
      send(res, 200, { keys: endpoint.keys });
      break;
    case "error":
      send(res, 503, { message: "down for maintenance" });
      break;
    case "reset":
      req.socket.destroy();
      break;
    case "hang":
      break; // never answers; close() ends the connection
    case "garbage":
      res.writeHead(200, { "content-type": "text/html" }).end("<html>not a key set</html>");
      break;
    case "redirect":
      res.writeHead(302, { location: endpoint.location }).end();
      break;
  }
}

async function control(endpoint: Endpoint, req: IncomingMessage, res: ServerResponse): Promise<void> {
  if (req.method === "GET") return send(res, 200, { requests: endpoint.requests });
  if (req.method !== "PUT") return send(res, 405);
  const { keys, mode, location } = await readJson(req);
  if (keys !== undefined) {
    if (!Array.isArray(keys)) return send(res, 400, { message: "keys must be an array" });
    endpoint.keys = keys;
  }
  if (mode !== undefined) {
    if (!MODES.includes(mode as JwksMode))
      return send(res, 400, { message: `mode must be one of ${MODES.join(", ")}` });
    endpoint.mode = mode as JwksMode;
  }
  if (typeof location === "string") endpoint.location = location;
  return send(res, 204);
}

export async function startJwksServer(): Promise<JwksServer> {
  const endpoints = new Map<string, Endpoint>();
  const endpointFor = (id: string) => {
    let endpoint = endpoints.get(id);
    if (!endpoint) {
      endpoint = { keys: [], mode: "up", location: "", requests: 0 };
      endpoints.set(id, endpoint);
    }
    return endpoint;
  };

  const server = createServer((req, res) => {
    const [, kind, id, ...rest] = new URL(req.url ?? "/", "http://local").pathname.split("/");
    if (!id || rest.length > 0) return send(res, 404);
    if (kind === "jwks" && req.method === "GET") return serveKeySet(endpointFor(id), req, res);
    if (kind === "control") {
      control(endpointFor(id), req, res).catch((error: unknown) => send(res, 400, { message: String(error) }));
      return;
    }
    return send(res, 404);
  });
  return listenOnLoopback(server);
}
