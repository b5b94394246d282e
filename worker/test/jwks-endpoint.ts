/**
 * One key-set URL of test-support/jwks-server.ts, steered from inside
 * workerd. Each test takes a fresh one: the Worker caches key sets per URL
 * for the isolate's lifetime, so a shared URL would share that cache.
 */
import { inject } from "vitest";
import type { TestKey } from "./tokens.ts";

/** How the endpoint answers; test-support/jwks-server.ts declares the same list. */
export type JwksMode =
  | "up" // 200 with the published keys
  | "error" // 503
  | "reset" // drops the connection
  | "hang" // never answers
  | "garbage" // 200 with HTML
  | "redirect"; // 302 to `location`

export interface JwksEndpoint {
  /** The key set's URL, for AUTH_JWKS_URL (or a token's `jku`). */
  readonly url: string;
  publish(...keys: TestKey[]): Promise<void>;
  setMode(mode: JwksMode, location?: string): Promise<void>;
  /** How many times the key set has been fetched. */
  requests(): Promise<number>;
}

export async function newJwksEndpoint(...keys: TestKey[]): Promise<JwksEndpoint> {
  const id = crypto.randomUUID();
  const origin = inject("jwksServerOrigin");
  const steer = async (change: Record<string, unknown>) => {
    const response = await fetch(`${origin}/control/${id}`, { method: "PUT", body: JSON.stringify(change) });
    if (response.status !== 204) throw new Error(`JWKS control failed: ${response.status} ${await response.text()}`);
  };
  const endpoint: JwksEndpoint = {
    url: `${origin}/jwks/${id}`,
    publish: (...published) => steer({ keys: published.map((key) => key.publicJwk) }),
    setMode: (mode, location) => steer({ mode, location }),
    async requests() {
      const response = await fetch(`${origin}/control/${id}`);
      return ((await response.json()) as { requests: number }).requests;
    },
  };
  await endpoint.publish(...keys);
  return endpoint;
}
