/**
 * A message built by buildPushRequest, sent from workerd to the loopback fake
 * push service (test-support/push-service.ts), which verifies its VAPID JWT
 * and decrypts it with the subscription's private keys, as a browser would.
 */
import { describe, expect, it } from "vitest";
import { newFakeSubscription } from "../../test/push-service-client.ts";
import { endpointPolicy } from "./endpoint-policy.ts";
import { buildPushRequest, pushOutcome } from "./request.ts";
import { PushSubscriptionBody } from "./schemas.ts";
import { generateVapidKeys, importVapidKeys } from "./vapid.ts";

const subject = "mailto:reminders@example.com";
const development = endpointPolicy({ allowLoopback: true });

/** Sends with a fresh VAPID key pair, i.e. not the one the subscription may be bound to. */
async function send(subscription: { endpoint: string; keys: { p256dh: string; auth: string } }, payload: string) {
  const keys = await generateVapidKeys();
  const signer = await importVapidKeys(keys);
  const request = await buildPushRequest(
    subscription,
    { payload, ttlSeconds: 600, urgency: "high", topic: "reminder-1" },
    { signer, subject, now: Date.now() },
  );
  const response = await fetch(request.url, request.init);
  return { response, keys };
}

describe("a push message, through the loopback fake push service", () => {
  it("arrives once, with a VAPID JWT that verifies, and decrypts to the text naming the task", async () => {
    const keys = await generateVapidKeys();
    const fake = await newFakeSubscription(keys.publicKey);
    // The subscription the browser would POST passes the body schema and the development allow-list.
    expect(PushSubscriptionBody().parse(fake.json)).toEqual(fake.json);
    expect(development(fake.json.endpoint).ok).toBe(true);
    const signer = await importVapidKeys(keys);
    const payload = JSON.stringify({ title: "Water the plants", body: "Due at 09:00" });
    const request = await buildPushRequest(
      fake.json,
      { payload, ttlSeconds: 600 },
      { signer, subject, now: Date.now() },
    );
    const response = await fetch(request.url, request.init);
    expect(response.status).toBe(201);
    expect(pushOutcome(response.status)).toBe("delivered");
    const received = await fake.received();
    expect(received).toHaveLength(1);
    expect(received[0]).toMatchObject({
      status: 201,
      ttl: "600",
      text: payload,
      vapid: { ok: true, publicKey: keys.publicKey },
    });
    const vapid = received[0]?.vapid;
    if (!vapid?.ok) throw new Error("VAPID refused");
    expect(vapid.claims.aud).toBe(new URL(fake.json.endpoint).origin);
    expect(vapid.claims.sub).toBe(subject);
    expect(vapid.claims.exp * 1000 - Date.now()).toBeLessThanOrEqual(24 * 3600 * 1000);
  });

  it("carries Urgency and Topic, and is refused with another application server key", async () => {
    const bound = await generateVapidKeys();
    const fake = await newFakeSubscription(bound.publicKey);
    const { response } = await send(fake.json, "Pay the rent");
    expect(response.status).toBe(403);
    expect(pushOutcome(response.status)).toBe("rejected");
    const [record] = await fake.received();
    expect(record).toMatchObject({ urgency: "high", topic: "reminder-1", text: "Pay the rent", vapid: { ok: false } });
  });

  it("says gone when the push service answers 404 or 410", async () => {
    for (const status of [404, 410] as const) {
      const fake = await newFakeSubscription();
      await fake.answerWith(status);
      const { response } = await send(fake.json, "Call mum");
      expect(response.status).toBe(status);
      expect(pushOutcome(response.status)).toBe("gone");
    }
  });
});
