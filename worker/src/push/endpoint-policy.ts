/**
 * Which push endpoints the API will send to: a subscription's endpoint is a
 * URL a client chose, and the API later POSTs to it, so an open list would
 * let anyone make the Worker call any host (SSRF). In production only https
 * on the browsers' push services; in development and preview also plain
 * http on loopback, where the tests run a fake push service.
 */

/**
 * The browsers' push services. A leading `*.` matches any subdomain (not the
 * bare domain). Overridable with PUSH_SERVICE_HOSTS (comma-separated).
 */
export const DEFAULT_PUSH_SERVICE_HOSTS = [
  "fcm.googleapis.com", // Chrome, and Chromium-based browsers but Edge
  "updates.push.services.mozilla.com", // Firefox (Mozilla autopush)
  "web.push.apple.com", // Safari, macOS 13+ and iOS 16.4+
  "*.notify.windows.com", // Edge (Windows Push Notification Services)
] as const;

export const MAX_ENDPOINT_LENGTH = 2048;

const LOOPBACK = new Set(["127.0.0.1", "[::1]", "localhost"]);

export interface EndpointPolicyOptions {
  /** Host names or `*.suffix` patterns; DEFAULT_PUSH_SERVICE_HOSTS when omitted. */
  hosts?: readonly string[];
  /** Development and preview only: also accept http and https on loopback, any port. */
  allowLoopback: boolean;
}

export type EndpointCheck = { ok: true; url: URL } | { ok: false; reason: string };

/** Parses PUSH_SERVICE_HOSTS: lower-cased, trimmed, blanks dropped; each a host name or `*.` plus one. */
export function parseHostList(value: string): string[] {
  const hosts = value
    .split(",")
    .map((host) => host.trim().toLowerCase())
    .filter((host) => host !== "");
  for (const host of hosts) {
    if (!/^(\*\.)?[a-z0-9-]+(\.[a-z0-9-]+)+$/.test(host))
      throw new Error(`PUSH_SERVICE_HOSTS: "${host}" is not a host name`);
  }
  return hosts;
}

function matches(pattern: string, hostname: string): boolean {
  return pattern.startsWith("*.")
    ? hostname.endsWith(pattern.slice(1)) && hostname.length > pattern.length - 1
    : hostname === pattern;
}

/** Builds the check once (from env, per isolate) and returns it. */
export function endpointPolicy(options: EndpointPolicyOptions): (endpoint: string) => EndpointCheck {
  const hosts = (options.hosts ?? DEFAULT_PUSH_SERVICE_HOSTS).map((host) => host.toLowerCase());
  return function checkPushEndpoint(endpoint) {
    if (endpoint.length > MAX_ENDPOINT_LENGTH)
      return { ok: false, reason: `Must be at most ${MAX_ENDPOINT_LENGTH} characters` };
    let url: URL;
    try {
      url = new URL(endpoint);
    } catch {
      return { ok: false, reason: "Must be an absolute URL" };
    }
    if (url.username !== "" || url.password !== "" || url.hash !== "") {
      return { ok: false, reason: "Must not carry credentials or a fragment" };
    }
    if (
      options.allowLoopback &&
      LOOPBACK.has(url.hostname) &&
      (url.protocol === "http:" || url.protocol === "https:")
    ) {
      return { ok: true, url };
    }
    // https on the default port only: URL drops an explicit :443, so any port left is another one.
    if (url.protocol !== "https:" || url.port !== "")
      return { ok: false, reason: "Must be an https URL of a known push service" };
    if (!hosts.some((pattern) => matches(pattern, url.hostname))) {
      return { ok: false, reason: "Must be an endpoint of a known push service" };
    }
    return { ok: true, url };
  };
}
