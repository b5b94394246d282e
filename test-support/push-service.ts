/**
 * A fake push service on loopback, for the tests inside workerd (issue 15):
 * it plays both the push service and the browser behind it. Written on
 * Node's crypto and jose, independently of worker/src/push, so a message
 * that round-trips proves the Worker's encryption and VAPID, not a mirror.
 * - `POST /subscriptions` makes a browser subscription: `{ id, subscription }`,
 *   where `subscription` is what `PushSubscription.toJSON()` gives. The private
 *   keys stay here. Body (optional): `{ applicationServerKey }`, the VAPID
 *   public key the subscription is bound to, as browsers bind it.
 * - `POST /push/<id>` is the endpoint: checks the VAPID JWT (ES256 for this
 *   origin, `exp` within 24 h, `sub`), `TTL` and `aes128gcm`, decrypts, records,
 *   and answers 201, or 400/403 for a bad request, or the status set below.
 * - `PUT /subscriptions/<id>` `{ status }`: answer pushes with 404 or 410 from now on; or
 *   `{ failNext: { count, status, retryAfter? } }`: answer the next `count` pushes with 429 or 503
 *   (and `Retry-After: <retryAfter>` seconds), then as before. Either way the push is still recorded.
 * - `GET /subscriptions/<id>/messages`: `{ messages: PushRecord[] }`, in arrival order.
 */
import { createDecipheriv, createECDH, hkdfSync, randomBytes, randomUUID } from "node:crypto";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import { decodeProtectedHeader, importJWK, jwtVerify } from "jose";
import { listenOnLoopback, readBody, sendJson } from "./http-helpers.ts";

/** What the fake saw of one push request. */
export interface PushRecord {
  /** The status it answered. */
  status: number;
  ttl: string | null;
  urgency: string | null;
  topic: string | null;
  /** The verified JWT's claims, or why it was refused. */
  vapid:
    | { ok: true; claims: { aud: string; exp: number; sub: string }; publicKey: string }
    | { ok: false; error: string };
  /** The decrypted text, or null when it could not be decrypted. */
  text: string | null;
  error?: string;
}

interface Subscription {
  ecdh: ReturnType<typeof createECDH>;
  auth: Buffer;
  applicationServerKey: string | null;
  status: 201 | 404 | 410;
  /** Pushes still to refuse with a retry answer, and how. */
  failNext: { count: number; status: 429 | 503; retryAfter?: number } | null;
  messages: PushRecord[];
}

export interface PushService {
  /** e.g. http://127.0.0.1:41236 */
  readonly origin: string;
  close(): Promise<void>;
}

const MAX_VAPID_LIFETIME_SECONDS = 24 * 60 * 60;

/** RFC 8291 §3.4 and RFC 8188, the browser's half. */
export function decryptAes128gcm(body: Buffer, ecdh: ReturnType<typeof createECDH>, auth: Buffer): string {
  if (body.length < 86 + 17) throw new Error("body shorter than a header and one record");
  const salt = body.subarray(0, 16);
  const recordSize = body.readUInt32BE(16);
  const keyIdLength = body[20] ?? 0;
  if (keyIdLength !== 65) throw new Error(`key id is ${keyIdLength} bytes, not a P-256 point`);
  const senderPublic = body.subarray(21, 86);
  const ciphertext = body.subarray(86);
  if (ciphertext.length > recordSize) throw new Error("more than one record");
  const shared = ecdh.computeSecret(senderPublic);
  const label = (text: string, ...parts: Buffer[]) => Buffer.concat([Buffer.from(`${text}\0`), ...parts]);
  const ikm = Buffer.from(
    hkdfSync("sha256", shared, auth, label("WebPush: info", ecdh.getPublicKey(), senderPublic), 32),
  );
  const key = Buffer.from(hkdfSync("sha256", ikm, salt, label("Content-Encoding: aes128gcm"), 16));
  const nonce = Buffer.from(hkdfSync("sha256", ikm, salt, label("Content-Encoding: nonce"), 12));
  const decipher = createDecipheriv("aes-128-gcm", key, nonce);
  decipher.setAuthTag(ciphertext.subarray(ciphertext.length - 16));
  const record = Buffer.concat([decipher.update(ciphertext.subarray(0, ciphertext.length - 16)), decipher.final()]);
  // The last record ends with 0x02, then zero padding.
  let end = record.length - 1;
  while (end >= 0 && record[end] === 0) end--;
  if (record[end] !== 2) throw new Error("no last-record delimiter");
  return record.subarray(0, end).toString("utf8");
}

async function verifyVapid(
  header: string | undefined,
  origin: string,
  expectedKey: string | null,
  now: number,
): Promise<PushRecord["vapid"]> {
  const match = /^vapid t=([\w-]+\.[\w-]+\.[\w-]+), k=([\w-]+)$/.exec(header ?? "");
  if (!match?.[1] || !match[2]) return { ok: false, error: "Authorization is not vapid t=…, k=…" };
  const [token, publicKey] = [match[1], match[2]];
  if (expectedKey !== null && publicKey !== expectedKey)
    return { ok: false, error: "k is not the subscription's applicationServerKey" };
  const point = Buffer.from(publicKey, "base64url");
  if (point.length !== 65 || point[0] !== 4) return { ok: false, error: "k is not an uncompressed P-256 point" };
  try {
    if (decodeProtectedHeader(token).typ !== "JWT") return { ok: false, error: "typ is not JWT" };
    const jwk = {
      kty: "EC",
      crv: "P-256",
      x: point.subarray(1, 33).toString("base64url"),
      y: point.subarray(33).toString("base64url"),
    };
    const { payload } = await jwtVerify(token, await importJWK(jwk, "ES256"), {
      algorithms: ["ES256"],
      audience: origin,
      requiredClaims: ["aud", "exp", "sub"],
      currentDate: new Date(now),
    });
    const exp = payload.exp ?? 0;
    if (exp > Math.floor(now / 1000) + MAX_VAPID_LIFETIME_SECONDS)
      return { ok: false, error: "exp is more than 24 hours ahead" };
    if (typeof payload.sub !== "string" || !/^(mailto:|https:\/\/)/.test(payload.sub))
      return { ok: false, error: "sub is not mailto: or https:" };
    return { ok: true, claims: { aud: origin, exp, sub: payload.sub }, publicKey };
  } catch (error) {
    return { ok: false, error: `JWT refused: ${(error as Error).message}` };
  }
}

async function receive(subscription: Subscription, origin: string, req: IncomingMessage, res: ServerResponse) {
  const body = await readBody(req);
  const header = (name: string) => (typeof req.headers[name] === "string" ? (req.headers[name] as string) : null);
  const record: PushRecord = {
    status: 201,
    ttl: header("ttl"),
    urgency: header("urgency"),
    topic: header("topic"),
    vapid: await verifyVapid(req.headers.authorization, origin, subscription.applicationServerKey, Date.now()),
    text: null,
  };
  try {
    record.text = decryptAes128gcm(body, subscription.ecdh, subscription.auth);
  } catch (error) {
    record.error = (error as Error).message;
  }
  const failure = subscription.failNext;
  if (failure && failure.count > 0) {
    failure.count--;
    record.status = failure.status;
    subscription.messages.push(record);
    res.writeHead(
      failure.status,
      failure.retryAfter === undefined ? {} : { "retry-after": String(failure.retryAfter) },
    );
    res.end();
    return;
  }
  if (subscription.status !== 201) record.status = subscription.status;
  else if (!record.vapid.ok) record.status = 403;
  else if (
    record.ttl === null ||
    !/^\d+$/.test(record.ttl) ||
    header("content-encoding") !== "aes128gcm" ||
    record.text === null
  ) {
    record.status = 400;
  }
  subscription.messages.push(record);
  sendJson(res, record.status);
}

export async function startPushService(): Promise<PushService> {
  const subscriptions = new Map<string, Subscription>();
  let origin = "";
  const server = createServer((req, res) => {
    const path = new URL(req.url ?? "/", "http://x").pathname;
    const [, collection, id, sub] = path.split("/");
    const subscription = id ? subscriptions.get(id) : undefined;
    const handle = async () => {
      if (req.method === "POST" && collection === "subscriptions" && !id) {
        const text = (await readBody(req)).toString("utf8");
        const options = (text ? JSON.parse(text) : {}) as { applicationServerKey?: string };
        const newId = randomUUID();
        const ecdh = createECDH("prime256v1");
        ecdh.generateKeys();
        const auth = randomBytes(16);
        subscriptions.set(newId, {
          ecdh,
          auth,
          applicationServerKey: options.applicationServerKey ?? null,
          status: 201,
          failNext: null,
          messages: [],
        });
        const keys = { p256dh: ecdh.getPublicKey().toString("base64url"), auth: auth.toString("base64url") };
        return sendJson(res, 201, {
          id: newId,
          subscription: { endpoint: `${origin}/push/${newId}`, expirationTime: null, keys },
        });
      }
      if (!subscription) return sendJson(res, 404, { error: "no such subscription" });
      if (req.method === "POST" && collection === "push" && !sub) return receive(subscription, origin, req, res);
      if (req.method === "PUT" && collection === "subscriptions" && !sub) {
        const change = JSON.parse((await readBody(req)).toString("utf8")) as {
          status?: 201 | 404 | 410;
          failNext?: Subscription["failNext"];
        };
        if (change.status !== undefined) subscription.status = change.status;
        if (change.failNext !== undefined) subscription.failNext = change.failNext;
        return sendJson(res, 204);
      }
      if (req.method === "GET" && collection === "subscriptions" && sub === "messages") {
        return sendJson(res, 200, { messages: subscription.messages });
      }
      return sendJson(res, 404, { error: "no such route" });
    };
    handle().catch((error: unknown) => sendJson(res, 500, { error: String(error) }));
  });
  const listening = await listenOnLoopback(server);
  origin = listening.origin;
  return { origin, close: listening.close };
}
