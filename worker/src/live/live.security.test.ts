/**
 * Who gets a socket and what the feed gives away: the token gets every check
 * an API request gets, before any upgrade; a socket outlives its token by no
 * more than the alarm that closes it (4001); a feed cursor older than the
 * changes kept is refused (410); and row-level security covers the log.
 */
import { runDurableObjectAlarm } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { decodeProtectedHeader } from "jose";
import { describe, expect, it, vi } from "vitest";
import { taskChanges } from "../../../db/schema/changes.ts";
import { connectingRole } from "../../test/database.ts";
import { bearer, bodyOf, createTask, request, signUpUser, testBindings } from "../../test/harness.ts";
import { accept, changesOf, upgrade } from "../../test/live-sockets.ts";
import { claimsFor, inlineJwksBindings, newSigningKey, nowSeconds, signToken } from "../../test/tokens.ts";
import { databaseFor } from "../db/client.ts";
import { configFor } from "../env.ts";
import { TOKEN_EXPIRED } from "./user-hub.ts";

async function expectProblem(response: Response, status: number, code: string) {
  expect(response.status).toBe(status);
  expect(response.webSocket ?? null).toBeNull();
  expect(response.headers.get("content-type")).toBe("application/problem+json");
  expect(await response.json()).toMatchObject({ status, code });
}

// Covers 001 FR-070.
describe("who gets a live socket", () => {
  it("answers a valid token in Sec-WebSocket-Protocol with the subprotocol bearer", async () => {
    const alice = await signUpUser("Alice");
    const response = await upgrade(`/api/${alice.id}/live`, alice.token);
    expect(response.status).toBe(101);
    expect(response.headers.get("sec-websocket-protocol")).toBe("bearer");
    accept(response).socket.close(1000);
  });

  it("gives a forged token no socket: 401", async () => {
    const alice = await signUpUser("Alice");
    // A key of its own under the real key id: the signature cannot match.
    const forger = await newSigningKey(String(decodeProtectedHeader(alice.token).kid));
    const forged = await signToken(forger, claimsFor(alice.id));
    await expectProblem(await upgrade(`/api/${alice.id}/live`, forged), 401, "INVALID_TOKEN");
    // A token with its signature cut off, too.
    const [head, body] = alice.token.split(".");
    await expectProblem(await upgrade(`/api/${alice.id}/live`, `${head}.${body}.`), 401, "INVALID_TOKEN");
  });

  it("gives Bob's token on Alice's path no socket: 403", async () => {
    const [alice, bob] = await Promise.all([signUpUser("Alice"), signUpUser("Bob")]);
    await expectProblem(await upgrade(`/api/${alice.id}/live`, bob.token), 403, "FORBIDDEN");
  });

  it("never takes the token from the URL", async () => {
    const alice = await signUpUser("Alice");
    const response = await request(`/api/${alice.id}/live?access_token=${alice.token}&token=${alice.token}`, {
      headers: { upgrade: "websocket" },
    });
    await expectProblem(response, 401, "UNAUTHENTICATED");
  });

  it("refuses a malformed subprotocol offer and a plain GET", async () => {
    const alice = await signUpUser("Alice");
    const offer = (protocols: string) =>
      request(`/api/${alice.id}/live`, { headers: { upgrade: "websocket", "sec-websocket-protocol": protocols } });
    await expectProblem(await offer("bearer"), 401, "INVALID_TOKEN");
    await expectProblem(await offer(`bearer, ${alice.token}, extra`), 401, "INVALID_TOKEN");
    await expectProblem(await request(`/api/${alice.id}/live`, bearer(alice)), 426, "UPGRADE_REQUIRED");
  });

  it("closes a socket with 4001 once its token expires", async () => {
    const key = await newSigningKey();
    const bindings = inlineJwksBindings([key]);
    const sub = `expiring-${crypto.randomUUID()}`;
    const token = await signToken(key, claimsFor(sub, { exp: nowSeconds() + 2 }));
    const response = await upgrade(`/api/${sub}/live`, token, bindings);
    expect(response.status).toBe(101);
    const listener = accept(response);
    const hub = env.USER_HUB.get(env.USER_HUB.idFromName(sub));
    // The hub's alarm is due when the token expires; run it until it has closed the socket.
    await vi.waitFor(
      async () => {
        await runDurableObjectAlarm(hub);
        expect(listener.closed?.code).toBe(TOKEN_EXPIRED);
      },
      { timeout: 15_000, interval: 250 },
    );
    expect(await hub.sockets()).toBe(0);
  });
});

describe("the change feed's cursors", () => {
  // Covers 001 FR-075.
  it("answers 410 CURSOR_EXPIRED for a cursor older than the changes kept, or never issued", async () => {
    const alice = await signUpUser("Alice");
    const task = await createTask(alice, { title: "Long ago" });
    const feed = (since: string) => request(`/api/${alice.id}/changes?since=${since}`, bearer(alice));
    const { cursor } = await bodyOf(await changesOf(alice), 200);
    expect((await feed("0")).status).toBe(200);

    // Eight days pass; the next write purges what is older than seven.
    await connectingRole().query(
      "update task_changes set changed_at = changed_at - interval '8 days' where user_id = $1",
      [alice.id],
    );
    await request(`/api/${alice.id}/tasks/${task.id}/complete`, bearer(alice, { method: "PATCH" }));
    await expectProblem(await feed("0"), 410, "CURSOR_EXPIRED");
    // The cursor of the last purged change still works: nothing after it is missing.
    const latest = await bodyOf(await changesOf(alice, cursor), 200);
    expect(latest.items.map((i) => i.type)).toEqual(["task.updated"]);

    await expectProblem(await feed("999999999"), 410, "CURSOR_EXPIRED");
  });

  it("refuses a malformed cursor and unknown parameters with 422", async () => {
    const alice = await signUpUser("Alice");
    for (const query of ["since=abc", "since=-1", "since=01", "since=1e3", "since=0&limit=5"]) {
      const response = await request(`/api/${alice.id}/changes?${query}`, bearer(alice));
      expect(response.status, query).toBe(422);
    }
  });

  // Covers 001 FR-078.
  it("keeps each person's change log to them, even for a query without a user filter", async () => {
    const [alice, bob] = await Promise.all([signUpUser("Alice"), signUpUser("Bob")]);
    await createTask(alice, { title: "Alice's" });
    await createTask(bob, { title: "Bob's" });
    const rows = await databaseFor(configFor(testBindings()), bob.id).select().from(taskChanges);
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.every((row) => row.userId === bob.id)).toBe(true);
  });
});
