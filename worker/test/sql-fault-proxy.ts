/**
 * One route through test-support/sql-fault-proxy.ts, steered from inside
 * workerd: the Worker's database behind a network that can go down, answer
 * errors, slow down, or lose replies. Each test takes a fresh one.
 */
import { inject } from "vitest";
import type { Bindings } from "../src/env.ts";
import { testBindings } from "./harness.ts";

/** How the route behaves; test-support/sql-fault-proxy.ts declares the same list. */
export type FaultMode =
  | "pass" // forwards every request and relays the answer
  | "down" // closes the connection without answering
  | "error" // answers 503, as a gateway in front of a dead database does
  | "slow" // waits `delayMs` before forwarding; a request whose client left meanwhile is never forwarded
  | "lost-reply"; // forwards (so the statement runs and commits), then drops the connection instead of answering

export interface ProxyCounts {
  received: number;
  /** Handed to the real endpoint, so possibly applied. */
  forwarded: number;
  /** Held back by "slow" until the client gave up, and never forwarded. */
  dropped: number;
}

export interface FaultyDatabase {
  /** The Worker's bindings with the database behind this route. */
  readonly bindings: Bindings;
  setMode(mode: FaultMode, delayMs?: number): Promise<void>;
  counts(): Promise<ProxyCounts>;
}

export function newFaultyDatabase(): FaultyDatabase {
  const id = crypto.randomUUID();
  const origin = inject("sqlFaultProxyOrigin");
  return {
    bindings: testBindings({ NEON_HTTP_ENDPOINT: `${origin}/sql/${id}` }),
    async setMode(mode, delayMs) {
      const response = await fetch(`${origin}/control/${id}`, {
        method: "PUT",
        body: JSON.stringify({ mode, delayMs }),
      });
      if (response.status !== 204) throw new Error(`proxy control failed: ${response.status} ${await response.text()}`);
    },
    async counts() {
      return (await (await fetch(`${origin}/control/${id}`)).json()) as ProxyCounts;
    },
  };
}
