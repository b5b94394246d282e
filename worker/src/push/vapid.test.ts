/** The VAPID header (RFC 8292), signed in workerd and verified with jose, independently. */
import { importJWK, jwtVerify } from "jose";
import { describe, expect, it } from "vitest";
import { fromBase64Url, toBase64Url } from "./base64url.ts";
import { generateVapidKeys, importVapidKeys, MAX_VAPID_LIFETIME_SECONDS, vapidAuthorization } from "./vapid.ts";

const endpoint = "https://fcm.googleapis.com/fcm/send/abc:123";
const subject = "mailto:reminders@example.com";

async function verify(header: string, publicKey: string, now: number) {
  const match = /^vapid t=([\w.-]+), k=([\w-]+)$/.exec(header);
  expect(match?.[2]).toBe(publicKey);
  const point = fromBase64Url(publicKey) ?? new Uint8Array();
  const key = await importJWK(
    { kty: "EC", crv: "P-256", x: toBase64Url(point.slice(1, 33)), y: toBase64Url(point.slice(33)) },
    "ES256",
  );
  return jwtVerify(match?.[1] ?? "", key, {
    algorithms: ["ES256"],
    audience: "https://fcm.googleapis.com",
    currentDate: new Date(now),
    requiredClaims: ["exp", "sub", "aud"],
  });
}

// Covers 004 FR-021.
describe("VAPID (RFC 8292)", () => {
  it("signs an ES256 JWT for the endpoint's origin, expiring within 24 hours, naming the sender", async () => {
    const keys = await generateVapidKeys();
    const signer = await importVapidKeys(keys);
    const now = Date.parse("2026-06-01T09:00:00Z");
    const { payload, protectedHeader } = await verify(
      await vapidAuthorization(signer, { endpoint, subject, now }),
      keys.publicKey,
      now,
    );
    expect(protectedHeader).toEqual({ typ: "JWT", alg: "ES256" });
    expect(payload.aud).toBe("https://fcm.googleapis.com");
    expect(payload.sub).toBe(subject);
    expect(payload.exp).toBe(now / 1000 + 12 * 3600);
  });

  it("allows at most 24 hours and refuses a subject that is not mailto: or https:", async () => {
    const signer = await importVapidKeys(await generateVapidKeys());
    const now = Date.parse("2026-06-01T09:00:00Z");
    const day = await vapidAuthorization(signer, {
      endpoint,
      subject,
      now,
      lifetimeSeconds: MAX_VAPID_LIFETIME_SECONDS,
    });
    expect(day).toMatch(/^vapid t=/);
    await expect(
      vapidAuthorization(signer, { endpoint, subject, now, lifetimeSeconds: MAX_VAPID_LIFETIME_SECONDS + 1 }),
    ).rejects.toThrow(RangeError);
    await expect(vapidAuthorization(signer, { endpoint, subject: "ops@example.com", now })).rejects.toThrow(/subject/);
  });

  it("refuses malformed or mismatched keys", async () => {
    const keys = await generateVapidKeys();
    const other = await generateVapidKeys();
    await expect(importVapidKeys({ publicKey: keys.publicKey, privateKey: "short" })).rejects.toThrow(/VAPID keys/);
    await expect(importVapidKeys({ publicKey: keys.publicKey, privateKey: other.privateKey })).rejects.toThrow();
  });
});
