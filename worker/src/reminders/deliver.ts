/**
 * Sends one reminder to a user's browsers as Web Push (RFC 8291 body, RFC
 * 8292 VAPID, worker/src/push/), and sorts the push services' answers: a
 * 404/410 means the subscription is gone, a 429/5xx asks for a retry.
 */
import type { Config } from "../env.ts";
import { buildPushRequest, pushOutcome } from "../push/request.ts";
import { importVapidKeys, type VapidSigner } from "../push/vapid.ts";
import type { StoredSubscription } from "../push-subscriptions/queries.ts";
import type { ReminderEntry } from "./reminder-book.ts";

/** A push service that has not answered in this time is retried later. */
export const PUSH_TIMEOUT_MS = 10_000;
/** The message waits at least this long for an offline browser (more when the task is due later). */
export const MIN_TTL_SECONDS = 60;

export interface DeliveryReport {
  delivered: string[];
  gone: string[];
  retry: string[];
  /** The longest wait a push service asked for with Retry-After (RFC 8030 §8.4), in ms; 0 when none did. */
  retryAfterMs: number;
}

/** Retry-After as seconds or an HTTP date, in ms from `now`; 0 when absent or unreadable. */
export function retryAfterMs(header: string | null, now: number): number {
  if (!header) return 0;
  if (/^\d+$/.test(header.trim())) return Number(header.trim()) * 1000;
  const at = Date.parse(header);
  return Number.isNaN(at) ? 0 : Math.max(0, at - now);
}

const signers = new WeakMap<Config, Promise<VapidSigner>>();

/** The VAPID signer for this configuration, imported once; null when no key pair is configured. */
export function signerFor(config: Config): Promise<VapidSigner> | null {
  const { VAPID_PUBLIC_KEY: publicKey, VAPID_PRIVATE_KEY: privateKey } = config;
  if (!publicKey || !privateKey) return null;
  let signer = signers.get(config);
  if (!signer) {
    signer = importVapidKeys({ publicKey, privateKey });
    signers.set(config, signer);
  }
  return signer;
}

/** What the service worker receives: enough to show the notification and open the task. */
export function payloadOf(entry: ReminderEntry): string {
  return JSON.stringify({
    taskId: entry.taskId,
    title: entry.title,
    dueAt: entry.dueAt,
    url: `/tasks?task=${entry.taskId}`,
  });
}

/** Sends `entry` to each subscription (to `entry.only` on a retry) and reports what each answered. */
export async function deliver(
  entry: ReminderEntry,
  subscriptions: readonly StoredSubscription[],
  vapid: { signer: VapidSigner; subject: string },
  now: number,
): Promise<DeliveryReport> {
  const report: DeliveryReport = { delivered: [], gone: [], retry: [], retryAfterMs: 0 };
  const targets = entry.only ? subscriptions.filter((s) => entry.only?.includes(s.id)) : subscriptions;
  const ttlSeconds = Math.max(
    MIN_TTL_SECONDS,
    Math.min(28 * 86_400, Math.ceil((Date.parse(entry.dueAt) - now) / 1000)),
  );
  const payload = payloadOf(entry);
  await Promise.all(
    targets.map(async (subscription) => {
      try {
        const { url, init } = await buildPushRequest(
          { endpoint: subscription.endpoint, keys: { p256dh: subscription.p256dh, auth: subscription.auth } },
          { payload, ttlSeconds, urgency: "high", topic: entry.taskId.replaceAll("-", "") },
          { ...vapid, now },
        );
        const response = await fetch(url, { ...init, signal: AbortSignal.timeout(PUSH_TIMEOUT_MS) });
        await response.body?.cancel();
        const outcome = pushOutcome(response.status);
        if (outcome === "rejected") {
          console.error(`A push service refused a reminder (${response.status}); not retried`);
        } else {
          report[outcome === "delivered" ? "delivered" : outcome].push(subscription.id);
          if (outcome === "retry") {
            report.retryAfterMs = Math.max(report.retryAfterMs, retryAfterMs(response.headers.get("retry-after"), now));
          }
        }
      } catch (error) {
        console.error("Could not reach a push service; retrying later", error);
        report.retry.push(subscription.id);
      }
    }),
  );
  return report;
}
