/**
 * The push subscription routes and the VAPID public key, in workerd against
 * both databases: a browser's PushSubscription JSON is stored (201, an upsert
 * per endpoint), refused off the allow-list, and deleted only by its owner.
 */
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { pushSubscriptions } from "../../../db/schema/push.ts";
import { MAX_PUSH_SUBSCRIPTIONS_PER_USER } from "../../../db/schema/values.ts";
import { bearer, jsonBody, request, signUpUser, type TestUser, testBindings } from "../../test/harness.ts";
import { newFakeSubscription } from "../../test/push-service-client.ts";
import { databaseFor } from "../db/client.ts";
import { configFor } from "../env.ts";

const path = (user: TestUser) => `/api/${user.id}/push-subscriptions`;

async function subscribe(user: TestUser, body: unknown) {
  return request(path(user), bearer(user, jsonBody(body)));
}

/** The ids Postgres holds for `user`, read as that user. */
async function stored(user: TestUser): Promise<string[]> {
  const rows = await databaseFor(configFor(testBindings()), user.id)
    .select({ id: pushSubscriptions.id })
    .from(pushSubscriptions);
  return rows.map((row) => row.id);
}

describe("push subscriptions", () => {
  // Covers 004 FR-025, 004 FR-023, 001 FR-081.
  it("stores a browser's subscription (201 with its id), and upserts the same endpoint", async () => {
    const user = await signUpUser();
    const fake = await newFakeSubscription(env.VAPID_PUBLIC_KEY);
    const first = await subscribe(user, fake.json);
    expect(first.status).toBe(201);
    const { id } = (await first.json()) as { id: string };
    expect(id).toMatch(/^[0-9a-f-]{36}$/);
    expect(await stored(user)).toEqual([id]);

    const again = await subscribe(user, { ...fake.json, keys: (await newFakeSubscription()).json.keys });
    expect(again.status).toBe(201);
    expect(await again.json()).toEqual({ id });
    expect(await stored(user)).toEqual([id]);
  });

  // Covers 004 FR-022.
  it("refuses endpoints off the allow-list with a 422 at #/endpoint", async () => {
    const user = await signUpUser();
    const { keys } = (await newFakeSubscription()).json;
    for (const endpoint of [
      "https://push.attacker.example/send/1",
      "http://fcm.googleapis.com/fcm/send/abc",
      "http://169.254.169.254/latest/meta-data",
      "https://user:pass@fcm.googleapis.com/fcm/send/abc",
    ]) {
      const response = await subscribe(user, { endpoint, keys });
      expect(response.status, endpoint).toBe(422);
      const problem = (await response.json()) as { errors: { pointer: string }[] };
      expect(problem.errors.map((error) => error.pointer)).toEqual(["#/endpoint"]);
    }
    expect(await stored(user)).toEqual([]);
  });

  // Covers 004 FR-023.
  it("refuses unknown fields and malformed keys, each at its pointer", async () => {
    const user = await signUpUser();
    const { json } = await newFakeSubscription();
    const unknown = await subscribe(user, { ...json, extra: 1 });
    expect(unknown.status).toBe(422);
    expect(((await unknown.json()) as { errors: { pointer: string }[] }).errors).toEqual([
      expect.objectContaining({ pointer: "#/extra" }),
    ]);
    const badKey = await subscribe(user, { ...json, keys: { ...json.keys, p256dh: "AAAA" } });
    expect(badKey.status).toBe(422);
    expect(((await badKey.json()) as { errors: { pointer: string }[] }).errors).toEqual([
      expect.objectContaining({ pointer: "#/keys/p256dh" }),
    ]);
  });

  // Covers 004 FR-025.
  it("answers 401 without a token and 403 on another user's path", async () => {
    const [owner, other] = await Promise.all([signUpUser(), signUpUser()]);
    const { json } = await newFakeSubscription();
    expect((await request(path(owner), jsonBody(json))).status).toBe(401);
    expect((await request(path(owner), bearer(other, jsonBody(json)))).status).toBe(403);
  });

  // Covers 004 FR-025.
  it("deletes a subscription for its owner only: 204, then 404; another user's id is a 404", async () => {
    const [owner, other] = await Promise.all([signUpUser(), signUpUser()]);
    const { json } = await newFakeSubscription();
    const { id } = (await (await subscribe(owner, json)).json()) as { id: string };
    const remove = (user: TestUser) => request(`${path(user)}/${id}`, bearer(user, { method: "DELETE" }));
    expect((await remove(other)).status).toBe(404);
    expect(await stored(owner)).toEqual([id]);
    expect((await remove(owner)).status).toBe(204);
    expect(await stored(owner)).toEqual([]);
    expect((await remove(owner)).status).toBe(404);
  });

  // Covers 004 FR-025.
  it(`keeps at most ${MAX_PUSH_SUBSCRIPTIONS_PER_USER} subscriptions per user (409), while re-subscribing still works`, async () => {
    const user = await signUpUser();
    const { json } = await newFakeSubscription();
    const endpoint = (n: number) => `${json.endpoint}-${n}`;
    for (let n = 0; n < MAX_PUSH_SUBSCRIPTIONS_PER_USER; n++) {
      expect((await subscribe(user, { ...json, endpoint: endpoint(n) })).status).toBe(201);
    }
    const over = await subscribe(user, { ...json, endpoint: endpoint(MAX_PUSH_SUBSCRIPTIONS_PER_USER) });
    expect(over.status).toBe(409);
    expect(((await over.json()) as { code: string }).code).toBe("PUSH_SUBSCRIPTION_LIMIT_REACHED");
    expect((await subscribe(user, { ...json, endpoint: endpoint(0) })).status).toBe(201);
  });

  // Covers 004 FR-026.
  it("publishes the VAPID public key without a token, cacheable", async () => {
    const response = await request("/api/push/vapid-public-key");
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ publicKey: env.VAPID_PUBLIC_KEY });
    expect(response.headers.get("cache-control")).toBe("public, max-age=3600");
  });

  // Covers 001 FR-081.
  it("hides every other user's subscriptions from a query that forgets its user filter (row-level security)", async () => {
    const [alice, bob] = await Promise.all([signUpUser("Alice"), signUpUser("Bob")]);
    const { id: aliceId } = (await (await subscribe(alice, (await newFakeSubscription()).json)).json()) as {
      id: string;
    };
    const { id: bobId } = (await (await subscribe(bob, (await newFakeSubscription()).json)).json()) as { id: string };
    const asBob = databaseFor(configFor(testBindings()), bob.id);
    const seen = await asBob.select({ id: pushSubscriptions.id }).from(pushSubscriptions);
    expect(seen.map((row) => row.id)).toEqual([bobId]);
    expect(seen.map((row) => row.id)).not.toContain(aliceId);
  });
});
