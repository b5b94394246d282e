// Covers 003 FR-045.
import { describe, expect, it } from "vitest";
import { base64UrlBytes, type PushParts, pushWords, turnOnNotifications } from "./push-setup.ts";

const KEY = "BNcRdreALRFXTkOOUHK1EtK2wtaz5Ry4YfYCA_0QTpQtUbVlUls0VJXg7A8u-Ts1XbjhazAkj7I99e8QcYP7DkM";

function browser(permission: NotificationPermission, overrides: Partial<PushParts> = {}) {
  const saved: PushSubscriptionJSON[] = [];
  const asked: string[] = [];
  const parts: PushParts = {
    requestPermission: async () => {
      asked.push("permission");
      return permission;
    },
    register: async () => ({
      pushManager: {
        subscribe: async ({ applicationServerKey }) => ({
          toJSON: () => ({ endpoint: `http://127.0.0.1/push/${applicationServerKey.length}`, keys: {} }),
        }),
      },
    }),
    vapidPublicKey: async () => KEY,
    saveSubscription: async (s) => {
      saved.push(s);
    },
    ...overrides,
  };
  return { parts, saved, asked };
}

describe("turnOnNotifications", () => {
  it("subscribes with the VAPID key's 65 bytes and saves the subscription once granted", async () => {
    const { parts, saved } = browser("granted");
    expect(await turnOnNotifications(parts)).toEqual({ outcome: "on", message: pushWords.on });
    expect(saved).toEqual([{ endpoint: "http://127.0.0.1/push/65", keys: {} }]);
  });

  it("says so when the browser has no notifications or no service workers, without asking", async () => {
    const { parts, asked } = browser("granted", { register: null });
    expect((await turnOnNotifications(parts)).outcome).toBe("unsupported");
    expect(asked).toEqual([]);
    expect((await turnOnNotifications({ ...parts, requestPermission: null })).message).toBe(pushWords.unsupported);
  });

  it("tells a refusal from a dismissed prompt, and saves nothing", async () => {
    const denied = browser("denied");
    expect(await turnOnNotifications(denied.parts)).toEqual({ outcome: "denied", message: pushWords.denied });
    const dismissed = browser("default");
    expect((await turnOnNotifications(dismissed.parts)).outcome).toBe("dismissed");
    expect([...denied.saved, ...dismissed.saved]).toEqual([]);
  });

  it("gives the reason when subscribing fails (no push service, say)", async () => {
    const { parts } = browser("granted", {
      register: async () => ({
        pushManager: {
          subscribe: () => Promise.reject(new DOMException("Registration failed - push service error", "AbortError")),
        },
      }),
    });
    expect(await turnOnNotifications(parts)).toEqual({
      outcome: "failed",
      message:
        "Could not turn on notifications: Registration failed - push service error. Reminders still show while this page is open.",
    });
  });
});

describe("base64UrlBytes", () => {
  it("decodes unpadded base64url", () => {
    expect([...base64UrlBytes("_-8")]).toEqual([255, 239]);
  });
});
