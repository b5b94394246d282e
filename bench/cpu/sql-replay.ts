/**
 * A loopback SQL-over-HTTP endpoint that answers the API from recordings, so
 * a bench can time the Worker's own CPU with a database that answers at once.
 *
 * It speaks only the wire protocol (see /work/shared/NEON-HTTP.md), never the
 * driver: the first request with a given key is passed through to the real
 * local endpoint and its answer recorded; every later request with that key
 * gets the recorded bytes back without touching the database. Any client
 * speaking the same protocol (the Neon driver, or a leaner transport) works.
 *
 * The key is the query texts (and the headers that change the answer's shape
 * or the batch's transaction), NOT the parameters: task ids, idempotency keys
 * and user ids differ on every request, while a route's SQL text does not.
 * So a replayed answer is the recorded one, whatever the parameters: a create
 * returns the first task created again, a delete "deletes" the first task
 * again. That is right for CPU (the Worker does the same work on the same
 * rows) and wrong for anything else. A route whose SQL text changes with its
 * input would miss and pass through: `counts.passedThrough` shows it.
 */
import { createServer, type IncomingMessage } from "node:http";
import { listenOnLoopback, readBody, sendJson } from "../../test-support/http-helpers.ts";

/** Request headers that change what an answer looks like, or how a batch runs: part of the key. */
const SHAPING_HEADERS = [
  "neon-array-mode",
  "neon-raw-text-output",
  "neon-batch-isolation-level",
  "neon-batch-read-only",
  "neon-batch-deferrable",
] as const;

/** Hop-by-hop and per-connection headers, never forwarded. */
const NOT_FORWARDED = new Set(["host", "connection", "content-length", "keep-alive", "transfer-encoding"]);

type Headers = Readonly<Record<string, string | string[] | undefined>>;

/**
 * What identifies an answer: the query text (one query) or the texts in order (a batch), with
 * the shaping headers. Undefined when the body is not a query this protocol knows: never replayed.
 */
export function replayKey(body: string, headers: Headers): string | undefined {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    return undefined;
  }
  if (typeof parsed !== "object" || parsed === null) return undefined;
  const { query, queries } = parsed as { query?: unknown; queries?: unknown };
  let texts: string[] | string;
  if (typeof query === "string") {
    texts = query;
  } else if (Array.isArray(queries) && queries.length > 0) {
    const list = queries.map((q: unknown) => (q as { query?: unknown } | null)?.query);
    if (!list.every((text): text is string => typeof text === "string")) return undefined;
    texts = list;
  } else {
    return undefined;
  }
  const shaping = SHAPING_HEADERS.map((name) => {
    const value = headers[name];
    return typeof value === "string" ? value.toLowerCase() : null;
  });
  return JSON.stringify([texts, shaping]);
}

/** An answer as the real endpoint gave it, byte for byte. */
export interface Recording {
  status: number;
  contentType: string;
  body: Buffer;
}

export interface ReplayCounts {
  /** Answers fetched from the real endpoint and kept. */
  recorded: number;
  /** Answers sent from a recording, without touching the database. */
  replayed: number;
  /** Requests forwarded and not kept: no key (not a query) or a non-2xx answer. */
  passedThrough: number;
}

export interface SqlReplay {
  /** The URL to give the API as NEON_HTTP_ENDPOINT. */
  readonly endpoint: string;
  /** Running totals; copy them before and after a phase to see what it did. */
  readonly counts: Readonly<ReplayCounts>;
  /** How many distinct answers are recorded. */
  size(): number;
  close(): Promise<void>;
}

/** The request as the client sent it, minus hop-by-hop headers, to the real endpoint. */
async function forward(upstream: string, req: IncomingMessage, body: Buffer): Promise<Recording> {
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers)) {
    if (typeof value === "string" && !NOT_FORWARDED.has(name)) headers.set(name, value);
  }
  const answer = await fetch(upstream, { method: "POST", headers, body: new Uint8Array(body) });
  return {
    status: answer.status,
    contentType: answer.headers.get("content-type") ?? "application/json",
    body: Buffer.from(await answer.arrayBuffer()),
  };
}

/**
 * Starts the replay endpoint in front of `upstream` (the real endpoint's /sql URL). Only 2xx
 * answers are recorded: an error is passed on as it came and asked for again next time.
 */
export async function startSqlReplay(upstream: string): Promise<SqlReplay> {
  const recordings = new Map<string, Recording>();
  const counts: ReplayCounts = { recorded: 0, replayed: 0, passedThrough: 0 };

  const server = createServer((req, res) => {
    if (req.method !== "POST") return sendJson(res, 405, { message: "POST only" });
    const serve = async () => {
      const body = await readBody(req);
      const key = replayKey(body.toString("utf8"), req.headers);
      let answer = key === undefined ? undefined : recordings.get(key);
      if (answer) {
        counts.replayed++;
      } else {
        answer = await forward(upstream, req, body);
        if (key !== undefined && answer.status >= 200 && answer.status < 300) {
          recordings.set(key, answer);
          counts.recorded++;
        } else {
          counts.passedThrough++;
        }
      }
      res.writeHead(answer.status, { "content-type": answer.contentType, "content-length": answer.body.length });
      res.end(answer.body);
    };
    // The replay's own failure (the real endpoint unreachable): a gateway error, as Neon's proxy would.
    serve().catch((error: unknown) => {
      if (!res.headersSent && !res.destroyed) sendJson(res, 502, { message: String(error) });
    });
  });
  const listening = await listenOnLoopback(server);
  return {
    endpoint: `${listening.origin}/sql`,
    counts,
    size: () => recordings.size,
    close: () => listening.close(),
  };
}
