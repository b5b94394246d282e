/** The request builder's own checks, and what each push service status means. */
import { describe, expect, it } from "vitest";
import { buildPushRequest, MAX_TTL_SECONDS, pushOutcome } from "./request.ts";
import { generateVapidKeys, importVapidKeys } from "./vapid.ts";

const target = {
  endpoint: "https://fcm.googleapis.com/fcm/send/abc",
  keys: {
    p256dh: "BCVxsr7N_eNgVRqvHtD0zTZsEc6-VV-JvLexhqUzORcxaOzi6-AYWXvTBHm4bjyPjs7Vd8pZGH6SRpkNtoIAiw4",
    auth: "BTBZMqHH6r4Tts7J_aSIgg",
  },
};

describe("buildPushRequest", () => {
  it("sets TTL, the content coding, Urgency, Topic and a VAPID Authorization", async () => {
    const signer = await importVapidKeys(await generateVapidKeys());
    const vapid = { signer, subject: "mailto:ops@example.com", now: Date.parse("2026-06-01T09:00:00Z") };
    const request = await buildPushRequest(
      target,
      { payload: "Water the plants", ttlSeconds: 60, urgency: "high", topic: "0b0f8a4e5c394d6c9a512a7f4c1b9e11" },
      vapid,
    );
    expect(request.url).toBe(target.endpoint);
    expect(request.init.headers).toMatchObject({
      ttl: "60",
      "content-encoding": "aes128gcm",
      "content-type": "application/octet-stream",
      urgency: "high",
      topic: "0b0f8a4e5c394d6c9a512a7f4c1b9e11",
    });
    expect(request.init.headers.authorization).toMatch(/^vapid t=[\w-]+\.[\w-]+\.[\w-]+, k=[\w-]{87}$/);
    expect(request.init.body.length).toBe(86 + "Water the plants".length + 17);
    for (const ttlSeconds of [-1, 1.5, MAX_TTL_SECONDS + 1]) {
      await expect(buildPushRequest(target, { payload: "x", ttlSeconds }, vapid)).rejects.toThrow(/TTL/);
    }
    await expect(
      buildPushRequest(target, { payload: "x", ttlSeconds: 60, topic: "has spaces" }, vapid),
    ).rejects.toThrow(/Topic/);
  });
});

// Covers 004 FR-024.
describe("pushOutcome", () => {
  it.each([
    [201, "delivered"],
    [202, "delivered"],
    [404, "gone"],
    [410, "gone"],
    [429, "retry"],
    [503, "retry"],
    [400, "rejected"],
    [403, "rejected"],
    [413, "rejected"],
  ] as const)("reads %i as %s", (status, outcome) => {
    expect(pushOutcome(status)).toBe(outcome);
  });
});
