/**
 * RFC 8291's Appendix A vector, byte for byte, inside workerd: the same
 * WebCrypto the Durable Object will send with.
 */
import { describe, expect, it } from "vitest";
import { fromBase64Url, toBase64Url } from "./base64url.ts";
import { encryptPayload, MAX_PLAINTEXT_BYTES } from "./encrypt.ts";

// RFC 8291, Appendix A (https://www.rfc-editor.org/rfc/rfc8291#appendix-A), copied verbatim.
const VECTOR = {
  plaintext: "When I grow up, I want to be a watermelon",
  asPublic: "BP4z9KsN6nGRTbVYI_c7VJSPQTBtkgcy27mlmlMoZIIgDll6e3vCYLocInmYWAmS6TlzAC8wEqKK6PBru3jl7A8",
  asPrivate: "yfWPiYE-n46HLnH0KqZOF1fJJU3MYrct3AELtAQ-oRw",
  uaPublic: "BCVxsr7N_eNgVRqvHtD0zTZsEc6-VV-JvLexhqUzORcxaOzi6-AYWXvTBHm4bjyPjs7Vd8pZGH6SRpkNtoIAiw4",
  authSecret: "BTBZMqHH6r4Tts7J_aSIgg",
  salt: "DGv6ra1nlYgDCS1FRnbzlw",
  body:
    "DGv6ra1nlYgDCS1FRnbzlwAAEABBBP4z9KsN6nGRTbVYI_c7VJSPQTBtkgcy27mlmlMoZIIgDll6e3vCYLocInmYWAmS6TlzAC8wEqKK6PBru3jl7A_" +
    "yl95bQpu6cVPTpK4Mqgkf1CXztLVBSt2Ks3oZwbuwXPXLWyouBWLVWGNWQexSgSxsj_Qulcy4a-fN",
};

const bytes = (text: string) => {
  const value = fromBase64Url(text);
  if (!value) throw new Error(`not base64url: ${text}`);
  return value;
};

async function senderFromVector() {
  const point = bytes(VECTOR.asPublic);
  const jwk = {
    kty: "EC",
    crv: "P-256",
    d: VECTOR.asPrivate,
    x: toBase64Url(point.slice(1, 33)),
    y: toBase64Url(point.slice(33)),
  };
  const privateKey = await crypto.subtle.importKey("jwk", jwk, { name: "ECDH", namedCurve: "P-256" }, false, [
    "deriveBits",
  ]);
  return { privateKey, publicKey: point };
}

const subscriber = () => ({ p256dh: bytes(VECTOR.uaPublic), auth: bytes(VECTOR.authSecret) });

// Covers 004 FR-020.
describe("aes128gcm encryption (RFC 8291)", () => {
  it("produces RFC 8291 Appendix A's message exactly from its keys and salt", async () => {
    const body = await encryptPayload(new TextEncoder().encode(VECTOR.plaintext), subscriber(), {
      sender: await senderFromVector(),
      salt: bytes(VECTOR.salt),
    });
    expect(toBase64Url(body)).toBe(VECTOR.body);
  });

  it("uses a fresh key pair and salt for every message", async () => {
    const plaintext = new TextEncoder().encode("Water the plants");
    const [first, second] = await Promise.all([
      encryptPayload(plaintext, subscriber()),
      encryptPayload(plaintext, subscriber()),
    ]);
    expect(first.length).toBe(86 + plaintext.length + 1 + 16);
    expect(toBase64Url(first.slice(0, 16))).not.toBe(toBase64Url(second.slice(0, 16)));
    expect(toBase64Url(first.slice(21, 86))).not.toBe(toBase64Url(second.slice(21, 86)));
  });

  it("refuses a message larger than one 4096-byte record", async () => {
    await expect(encryptPayload(new Uint8Array(MAX_PLAINTEXT_BYTES + 1), subscriber())).rejects.toThrow(RangeError);
    const largest = await encryptPayload(new Uint8Array(MAX_PLAINTEXT_BYTES), subscriber());
    expect(largest.length).toBe(4096);
  });
});
