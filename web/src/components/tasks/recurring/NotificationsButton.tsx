/**
 * One button, "Turn on notifications": the browser's permission prompt
 * appears only after its click (never on page load). What happened is said
 * in a status line; push-setup.ts holds the steps and their words.
 */
import { useState } from "react";
import { createPushClient } from "../../../lib/push-client.ts";
import { type PushParts, turnOnNotifications } from "./push-setup.ts";

interface Props {
  userId: string;
  apiOrigin: string;
  /** Disabled until the island has hydrated. */
  hydrated: boolean;
}

/** The browser's parts, or null where it lacks them (no Notification, service workers or Push API). */
function browserParts(apiOrigin: string, userId: string): PushParts {
  const supported =
    typeof Notification !== "undefined" && "serviceWorker" in navigator && typeof PushManager !== "undefined";
  const push = createPushClient(apiOrigin, userId);
  return {
    requestPermission: supported ? () => Notification.requestPermission() : null,
    register: supported
      ? async () => {
          await navigator.serviceWorker.register("/sw.js");
          return navigator.serviceWorker.ready;
        }
      : null,
    vapidPublicKey: push.vapidPublicKey,
    saveSubscription: push.saveSubscription,
  };
}

export function NotificationsButton({ userId, apiOrigin, hydrated }: Props) {
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState("");

  async function turnOn() {
    setBusy(true);
    setMessage("");
    try {
      setMessage((await turnOnNotifications(browserParts(apiOrigin, userId))).message);
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className="notifications">
      <button type="button" className="quiet" disabled={!hydrated || busy} onClick={() => void turnOn()}>
        Turn on notifications
      </button>
      <p role="status" className="hint">
        {message}
      </p>
    </div>
  );
}
