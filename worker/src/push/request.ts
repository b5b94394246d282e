/**
 * One Web Push request, ready for `fetch`: the encrypted body, the VAPID
 * `Authorization`, `TTL`, and optionally `Urgency` and `Topic` (RFC 8030),
 * and what the push service's answer means for the subscription.
 */
import { fromBase64Url } from "./base64url.ts";
import { encryptPayload } from "./encrypt.ts";
import { type VapidSigner, vapidAuthorization } from "./vapid.ts";

export interface PushTarget {
  endpoint: string;
  keys: { p256dh: string; auth: string };
}

export interface PushMessage {
  /** The text the service worker receives (JSON, for the notification). */
  payload: string;
  /** Seconds the push service may hold the message while the browser is offline (RFC 8030 §5.2). */
  ttlSeconds: number;
  urgency?: "very-low" | "low" | "normal" | "high";
  /** Replaces an undelivered message with the same topic (≤ 32 base64url characters), e.g. the task's reminder. */
  topic?: string;
}

export interface PushRequest {
  url: string;
  init: { method: "POST"; headers: Record<string, string>; body: Uint8Array };
}

/** The longest TTL we ask for: four weeks, as browsers' push services cap it anyway. */
export const MAX_TTL_SECONDS = 28 * 24 * 60 * 60;

/** Builds the request; the endpoint must already have passed the endpoint policy. */
export async function buildPushRequest(
  target: PushTarget,
  message: PushMessage,
  vapid: { signer: VapidSigner; subject: string; now: number },
): Promise<PushRequest> {
  const p256dh = fromBase64Url(target.keys.p256dh);
  const auth = fromBase64Url(target.keys.auth);
  if (!p256dh || !auth) throw new Error("The subscription's keys are not base64url");
  if (!Number.isInteger(message.ttlSeconds) || message.ttlSeconds < 0 || message.ttlSeconds > MAX_TTL_SECONDS) {
    throw new RangeError(`TTL must be a whole number of seconds from 0 to ${MAX_TTL_SECONDS}`);
  }
  if (message.topic !== undefined && !/^[A-Za-z0-9_-]{1,32}$/.test(message.topic)) {
    throw new Error("Topic must be 1 to 32 base64url characters");
  }
  const body = await encryptPayload(new TextEncoder().encode(message.payload), { p256dh, auth });
  const headers: Record<string, string> = {
    authorization: await vapidAuthorization(vapid.signer, {
      endpoint: target.endpoint,
      subject: vapid.subject,
      now: vapid.now,
    }),
    "content-encoding": "aes128gcm",
    "content-type": "application/octet-stream",
    ttl: String(message.ttlSeconds),
  };
  if (message.urgency) headers.urgency = message.urgency;
  if (message.topic) headers.topic = message.topic;
  return { url: target.endpoint, init: { method: "POST", headers, body } };
}

/**
 * What a push service's status means:
 * - `delivered`: accepted (201, or any 2xx);
 * - `gone`: 404 or 410, the subscription has expired or was removed: delete it;
 * - `retry`: 429 or 5xx, try again later (honour Retry-After);
 * - `rejected`: anything else (400 bad request, 403 VAPID refused, 413 too large): a bug or a
 *   key mismatch on our side; log it, and do not retry the same request.
 */
export function pushOutcome(status: number): "delivered" | "gone" | "retry" | "rejected" {
  if (status >= 200 && status < 300) return "delivered";
  if (status === 404 || status === 410) return "gone";
  if (status === 429 || status >= 500) return "retry";
  return "rejected";
}
