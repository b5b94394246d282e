/**
 * VAPID (RFC 8292): the application server proves who it is to a push
 * service with an ES256 JWT for the endpoint's origin, valid for at most a
 * day, sent as `Authorization: vapid t=<jwt>, k=<public key>`. "Now" is
 * passed in, never read here, so tests and the Durable Object decide it.
 */
import { concat, fromBase64Url, toBase64Url } from "./base64url.ts";

/** A VAPID key pair as web-push tools print it: base64url public point (65 bytes) and private scalar (32 bytes). */
export interface VapidKeys {
  publicKey: string;
  privateKey: string;
}

export interface VapidSigner {
  /** The base64url public key: the `k` parameter, and the site's `applicationServerKey`. */
  publicKey: string;
  privateKey: CryptoKey;
}

/** RFC 8292 §2: a push service must refuse an `exp` more than 24 hours ahead. */
export const MAX_VAPID_LIFETIME_SECONDS = 24 * 60 * 60;
/** Ours: 12 hours, half the limit, so a clock a little ahead of the push service's is still accepted. */
export const DEFAULT_VAPID_LIFETIME_SECONDS = 12 * 60 * 60;

/** Imports a VAPID key pair for signing; throws if either half is malformed or they do not match. */
export async function importVapidKeys(keys: VapidKeys): Promise<VapidSigner> {
  const point = fromBase64Url(keys.publicKey);
  const scalar = fromBase64Url(keys.privateKey);
  if (point?.length !== 65 || point[0] !== 4 || scalar?.length !== 32) {
    throw new Error("VAPID keys must be a base64url P-256 public point (65 bytes) and private key (32 bytes)");
  }
  const jwk = {
    kty: "EC",
    crv: "P-256",
    x: toBase64Url(point.slice(1, 33)),
    y: toBase64Url(point.slice(33)),
    d: keys.privateKey,
  };
  const privateKey = await crypto.subtle.importKey("jwk", jwk, { name: "ECDSA", namedCurve: "P-256" }, false, ["sign"]);
  return { publicKey: keys.publicKey, privateKey };
}

/** A fresh VAPID key pair, e.g. for tests or a one-off `wrangler secret put`. */
export async function generateVapidKeys(): Promise<VapidKeys> {
  const pair = (await crypto.subtle.generateKey({ name: "ECDSA", namedCurve: "P-256" }, true, [
    "sign",
    "verify",
  ])) as CryptoKeyPair;
  const publicKey = new Uint8Array((await crypto.subtle.exportKey("raw", pair.publicKey)) as ArrayBuffer);
  const jwk = (await crypto.subtle.exportKey("jwk", pair.privateKey)) as JsonWebKey;
  return { publicKey: toBase64Url(publicKey), privateKey: jwk.d ?? "" };
}

const json = (value: unknown) => toBase64Url(new TextEncoder().encode(JSON.stringify(value)));

export interface VapidClaims {
  /** The push endpoint; its origin becomes `aud`. */
  endpoint: string;
  /** Who to contact about this sender: a `mailto:` or `https:` URL. */
  subject: string;
  /** Milliseconds since the epoch. */
  now: number;
  /** At most MAX_VAPID_LIFETIME_SECONDS; DEFAULT_VAPID_LIFETIME_SECONDS when omitted. */
  lifetimeSeconds?: number;
}

/** The `Authorization` header value for one push request. */
export async function vapidAuthorization(signer: VapidSigner, claims: VapidClaims): Promise<string> {
  const lifetime = claims.lifetimeSeconds ?? DEFAULT_VAPID_LIFETIME_SECONDS;
  if (!(lifetime > 0 && lifetime <= MAX_VAPID_LIFETIME_SECONDS)) {
    throw new RangeError(`A VAPID token lives at most ${MAX_VAPID_LIFETIME_SECONDS} s`);
  }
  if (!/^(mailto:|https:\/\/)\S+$/.test(claims.subject))
    throw new Error("The VAPID subject must be a mailto: or https: URL");
  const payload = {
    aud: new URL(claims.endpoint).origin,
    exp: Math.floor(claims.now / 1000) + Math.floor(lifetime),
    sub: claims.subject,
  };
  const signingInput = `${json({ typ: "JWT", alg: "ES256" })}.${json(payload)}`;
  // WebCrypto's ECDSA signature is r || s (64 bytes), which is exactly JWS's ES256 form.
  const signature = await crypto.subtle.sign(
    { name: "ECDSA", hash: "SHA-256" },
    signer.privateKey,
    new TextEncoder().encode(signingInput),
  );
  const token = `${signingInput}.${toBase64Url(concat(new Uint8Array(signature)))}`;
  return `vapid t=${token}, k=${signer.publicKey}`;
}
