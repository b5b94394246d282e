/**
 * The push endpoint allow-list against SSRF, and the PushSubscription body:
 * production takes https on the browsers' push services only; development
 * and preview also take loopback; anything else is a 422 at `endpoint`.
 */
import { describe, expect, it } from "vitest";
import { toFieldErrors } from "../problems/validation-hook.ts";
import { endpointPolicy, parseHostList } from "./endpoint-policy.ts";
import { withEndpointPolicy } from "./schemas.ts";

const production = endpointPolicy({ allowLoopback: false });
const development = endpointPolicy({ allowLoopback: true });

const browsers = [
  "https://fcm.googleapis.com/fcm/send/dQw4w9WgXcQ:APA91bH",
  "https://updates.push.services.mozilla.com/wpush/v2/gAAAAABk",
  "https://web.push.apple.com/QGuQyavXutnMH7p",
  "https://wns2-par02p.notify.windows.com/w/?token=BQYAAAD",
];

const refusedEverywhere = [
  "https://evil.example.com/fcm.googleapis.com",
  "https://fcm.googleapis.com.evil.example/x",
  "https://notify.windows.com/w", // the bare domain of a *. pattern
  "https://evil-notify.windows.com/w",
  "http://fcm.googleapis.com/fcm/send/x", // plain http
  "https://fcm.googleapis.com:8443/fcm/send/x", // another port
  "https://user:pass@fcm.googleapis.com/fcm/send/x",
  "https://fcm.googleapis.com/fcm/send/x#frag",
  "https://169.254.169.254/latest/meta-data",
  "http://10.0.0.1/",
  "file:///etc/passwd",
  "ftp://127.0.0.1/",
  "not a url",
  `https://fcm.googleapis.com/${"a".repeat(2048)}`,
];

const loopback = ["http://127.0.0.1:41234/push/abc", "http://localhost:8080/push/abc", "http://[::1]:9000/push"];

// Covers 004 FR-022.
describe("the push endpoint allow-list", () => {
  it("accepts the browsers' push services everywhere", () => {
    for (const endpoint of browsers) {
      expect(production(endpoint).ok, endpoint).toBe(true);
      expect(development(endpoint).ok, endpoint).toBe(true);
    }
  });

  it("accepts loopback only in development and preview", () => {
    for (const endpoint of loopback) {
      expect(production(endpoint).ok, endpoint).toBe(false);
      expect(development(endpoint).ok, endpoint).toBe(true);
    }
    // 2130706433 is 127.0.0.1 written as one number; URL normalises it, so it is loopback too.
    expect(production("https://2130706433/push").ok).toBe(false);
  });

  it("refuses every other host, scheme, port, credential and fragment", () => {
    for (const endpoint of refusedEverywhere) {
      expect(production(endpoint).ok, endpoint).toBe(false);
      expect(development(endpoint).ok, endpoint).toBe(false);
    }
  });

  it("takes its list from configuration", () => {
    const hosts = parseHostList(" push.example.net, *.push.example.org ,");
    expect(hosts).toEqual(["push.example.net", "*.push.example.org"]);
    const custom = endpointPolicy({ hosts, allowLoopback: false });
    expect(custom("https://push.example.net/x").ok).toBe(true);
    expect(custom("https://eu.push.example.org/x").ok).toBe(true);
    expect(custom(browsers[0] ?? "").ok).toBe(false);
    expect(() => parseHostList("https://push.example.net")).toThrow(/not a host name/);
  });
});

// Covers 004 FR-023.
describe("the PushSubscription body", () => {
  const Body = withEndpointPolicy(production);
  const keys = {
    p256dh: "BCVxsr7N_eNgVRqvHtD0zTZsEc6-VV-JvLexhqUzORcxaOzi6-AYWXvTBHm4bjyPjs7Vd8pZGH6SRpkNtoIAiw4",
    auth: "BTBZMqHH6r4Tts7J_aSIgg",
  };
  const pointers = (body: unknown) => {
    const result = Body.safeParse(body);
    return result.success ? [] : toFieldErrors("json", result.error.issues).map((error) => error.pointer);
  };

  it("takes what a browser's PushSubscription.toJSON() gives", () => {
    expect(pointers({ endpoint: browsers[0], expirationTime: null, keys })).toEqual([]);
    expect(pointers({ endpoint: browsers[2], keys })).toEqual([]);
  });

  it("refuses an endpoint off the list, bad keys and unknown fields, each at its pointer", () => {
    expect(pointers({ endpoint: "https://evil.example.com/x", keys })).toEqual(["#/endpoint"]);
    expect(pointers({ endpoint: browsers[0], keys: { ...keys, p256dh: keys.auth } })).toEqual(["#/keys/p256dh"]);
    expect(pointers({ endpoint: browsers[0], keys: { ...keys, auth: `${keys.auth}=` } })).toEqual(["#/keys/auth"]);
    expect(pointers({ endpoint: browsers[0], keys: { ...keys, extra: 1 } })).toEqual(["#/keys/extra"]);
    expect(pointers({ endpoint: browsers[0], keys, userId: "x" })).toEqual(["#/userId"]);
    expect(pointers({ endpoint: `https://fcm.googleapis.com/${"a".repeat(2048)}`, keys })).toEqual(["#/endpoint"]);
  });
});
