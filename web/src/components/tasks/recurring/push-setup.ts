/**
 * "Turn on notifications", as one function over the browser's parts, passed
 * in so the outcomes are tested in Node: asks for permission (only when
 * called, from the button's click), registers `/sw.js`, subscribes with the
 * API's VAPID key and hands the subscription to the API. Every way it can
 * end has its own words for the person.
 */

/** The parts of the browser and the API this needs; `null` where the browser lacks them. */
export interface PushParts {
  requestPermission: (() => Promise<NotificationPermission>) | null;
  /** Registers the service worker and waits until it is active. */
  register: (() => Promise<{ pushManager: PushManagerLike }>) | null;
  vapidPublicKey(): Promise<string>;
  saveSubscription(subscription: PushSubscriptionJSON): Promise<void>;
}

export interface PushManagerLike {
  subscribe(options: { userVisibleOnly: true; applicationServerKey: Uint8Array<ArrayBuffer> }): Promise<{
    toJSON(): PushSubscriptionJSON;
  }>;
}

export type PushOutcome = "on" | "unsupported" | "denied" | "dismissed" | "failed";

export const pushWords = {
  on: "Notifications are on: reminders will reach this browser, even when this page is closed.",
  unsupported: "This browser cannot show notifications from this site, so reminders show only while this page is open.",
  denied:
    "Notifications are blocked for this site. Allow them in your browser’s site settings, then press “Turn on notifications” again.",
  dismissed: "Notifications were not turned on. Press “Turn on notifications” again when you want them.",
  failed: (reason: string) =>
    `Could not turn on notifications${reason ? `: ${reason.replace(/\.$/, "")}` : ""}. Reminders still show while this page is open.`,
} as const;

/** A base64url string as bytes, as `applicationServerKey` takes a VAPID key. */
export function base64UrlBytes(text: string): Uint8Array<ArrayBuffer> {
  const base64 = text
    .replace(/-/g, "+")
    .replace(/_/g, "/")
    .padEnd(Math.ceil(text.length / 4) * 4, "=");
  const binary = atob(base64);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

export async function turnOnNotifications(parts: PushParts): Promise<{ outcome: PushOutcome; message: string }> {
  const end = (outcome: Exclude<PushOutcome, "failed">) => ({ outcome, message: pushWords[outcome] });
  if (!parts.requestPermission || !parts.register) return end("unsupported");
  const permission = await parts.requestPermission();
  if (permission === "denied") return end("denied");
  if (permission !== "granted") return end("dismissed");
  try {
    const [registration, key] = await Promise.all([parts.register(), parts.vapidPublicKey()]);
    const subscription = await registration.pushManager.subscribe({
      userVisibleOnly: true,
      applicationServerKey: base64UrlBytes(key),
    });
    await parts.saveSubscription(subscription.toJSON());
    return end("on");
  } catch (reason) {
    return { outcome: "failed", message: pushWords.failed(reason instanceof Error ? reason.message : "") };
  }
}
