/**
 * test-support/push-service.ts, steered from inside workerd: make a browser
 * subscription there, read what it received, make it answer 404/410, or
 * refuse the next few pushes with 429 or 503.
 */
import { inject } from "vitest";

/** What the fake recorded of one push request (test-support/push-service.ts declares the same). */
export interface ReceivedPush {
  status: number;
  ttl: string | null;
  urgency: string | null;
  topic: string | null;
  vapid:
    | { ok: true; claims: { aud: string; exp: number; sub: string }; publicKey: string }
    | { ok: false; error: string };
  text: string | null;
  error?: string;
}

export interface FakeSubscription {
  /** What the browser's PushSubscription.toJSON() would give: endpoint and keys. */
  json: { endpoint: string; expirationTime: null; keys: { p256dh: string; auth: string } };
  received(): Promise<ReceivedPush[]>;
  /** From now on the fake answers pushes to this subscription with this status. */
  answerWith(status: 201 | 404 | 410): Promise<void>;
  /** The next `count` pushes are answered `status` (with Retry-After, in seconds, when given), then as before. */
  failNext(count: number, status: 429 | 503, retryAfter?: number): Promise<void>;
}

async function change(origin: string, id: string, body: unknown): Promise<void> {
  const answer = await fetch(`${origin}/subscriptions/${id}`, { method: "PUT", body: JSON.stringify(body) });
  if (answer.status !== 204) throw new Error(`push service: ${answer.status}`);
}

export async function newFakeSubscription(applicationServerKey?: string): Promise<FakeSubscription> {
  const origin = inject("pushServiceOrigin");
  const response = await fetch(`${origin}/subscriptions`, {
    method: "POST",
    body: JSON.stringify(applicationServerKey ? { applicationServerKey } : {}),
  });
  if (response.status !== 201) throw new Error(`push service: ${response.status} ${await response.text()}`);
  const { id, subscription } = (await response.json()) as { id: string; subscription: FakeSubscription["json"] };
  return {
    json: subscription,
    async received() {
      const messages = await fetch(`${origin}/subscriptions/${id}/messages`);
      return ((await messages.json()) as { messages: ReceivedPush[] }).messages;
    },
    answerWith: (status) => change(origin, id, { status }),
    failNext: (count, status, retryAfter) => change(origin, id, { failNext: { count, status, retryAfter } }),
  };
}
