/**
 * Web Push message encryption, RFC 8291 (`aes128gcm`, RFC 8188), on WebCrypto
 * alone so it runs in workerd: the `web-push` package needs Node's crypto.
 * Tested against RFC 8291's Appendix A vector (encrypt.test.ts), which is why
 * the sender's key pair and the salt can be passed in.
 */
import { concat } from "./base64url.ts";

/** The record size written in the header; one record holds the whole message. */
const RECORD_SIZE = 4096;
/** Header: salt (16) + record size (4) + key id length (1) + the sender's public key (65). */
const HEADER_LENGTH = 86;
/** The most plaintext one record can carry: the record size less the padding delimiter and the GCM tag. */
export const MAX_PLAINTEXT_BYTES = RECORD_SIZE - HEADER_LENGTH - 1 - 16;

/** The subscriber's keys from its PushSubscription: `p256dh` (65-byte uncompressed P-256 point) and `auth` (16 bytes). */
export interface SubscriberKeys {
  p256dh: Uint8Array;
  auth: Uint8Array;
}

/** Fixed inputs, for the RFC's test vector only; a real message gets a fresh key pair and salt. */
export interface EncryptionFixture {
  sender: { privateKey: CryptoKey; publicKey: Uint8Array };
  salt: Uint8Array;
}

const text = (value: string) => new TextEncoder().encode(value);

async function hkdf(salt: Uint8Array, ikm: ArrayBuffer | Uint8Array, info: Uint8Array, bytes: number) {
  const key = await crypto.subtle.importKey("raw", ikm, "HKDF", false, ["deriveBits"]);
  return crypto.subtle.deriveBits({ name: "HKDF", hash: "SHA-256", salt, info }, key, bytes * 8);
}

async function newSender(): Promise<EncryptionFixture["sender"]> {
  const pair = (await crypto.subtle.generateKey({ name: "ECDH", namedCurve: "P-256" }, true, [
    "deriveBits",
  ])) as CryptoKeyPair;
  const publicKey = new Uint8Array((await crypto.subtle.exportKey("raw", pair.publicKey)) as ArrayBuffer);
  return { privateKey: pair.privateKey, publicKey };
}

/** Encrypts one push message body for a subscriber: the `aes128gcm` content coding, header included. */
export async function encryptPayload(
  plaintext: Uint8Array,
  subscriber: SubscriberKeys,
  fixture?: EncryptionFixture,
): Promise<Uint8Array> {
  if (plaintext.length > MAX_PLAINTEXT_BYTES)
    throw new RangeError(`A push message holds at most ${MAX_PLAINTEXT_BYTES} bytes`);
  const sender = fixture?.sender ?? (await newSender());
  const salt = fixture?.salt ?? crypto.getRandomValues(new Uint8Array(16));
  const subscriberKey = await crypto.subtle.importKey(
    "raw",
    subscriber.p256dh,
    { name: "ECDH", namedCurve: "P-256" },
    false,
    [],
  );
  // WebCrypto names the peer's key `public`; the Workers types call it `$public`, so it is passed untyped.
  const ecdh = { name: "ECDH", public: subscriberKey };
  const sharedSecret = await crypto.subtle.deriveBits(ecdh, sender.privateKey, 256);
  // RFC 8291 §3.4: IKM = HKDF(auth_secret, ecdh_secret, "WebPush: info" || 0x00 || ua_public || as_public, 32).
  const keyInfo = concat(text("WebPush: info\0"), subscriber.p256dh, sender.publicKey);
  const ikm = await hkdf(subscriber.auth, sharedSecret, keyInfo, 32);
  // RFC 8188 §2.2-2.3: the content key and nonce, from the salt.
  const cek = await hkdf(salt, ikm, text("Content-Encoding: aes128gcm\0"), 16);
  const nonce = await hkdf(salt, ikm, text("Content-Encoding: nonce\0"), 12);
  const key = await crypto.subtle.importKey("raw", cek, "AES-GCM", false, ["encrypt"]);
  // One record, the last: the plaintext, then the delimiter 0x02, and no padding.
  const record = concat(plaintext, new Uint8Array([2]));
  const ciphertext = new Uint8Array(await crypto.subtle.encrypt({ name: "AES-GCM", iv: nonce }, key, record));
  const header = new Uint8Array(HEADER_LENGTH);
  header.set(salt, 0);
  new DataView(header.buffer).setUint32(16, RECORD_SIZE);
  header[20] = sender.publicKey.length;
  header.set(sender.publicKey, 21);
  return concat(header, ciphertext);
}
