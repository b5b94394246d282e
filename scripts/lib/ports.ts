/**
 * Ports and readiness, for everything that starts servers (the stack, the
 * bench's extra Worker): which port is free, whether one is taken, and
 * waiting until a URL answers.
 */
import { createConnection, createServer } from "node:net";

/** A TCP port nobody listens on right now (the OS picks it). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      const port = typeof address === "object" && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

function answers(port: number, host: string): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = createConnection({ port, host });
    socket.once("connect", () => {
      socket.destroy();
      resolve(true);
    });
    socket.once("error", () => resolve(false));
  });
}

/**
 * Whether something already listens on `port` on this machine. Both loopback addresses are
 * asked: `wrangler dev --ip localhost` may listen on ::1 alone.
 */
export async function portInUse(port: number): Promise<boolean> {
  const [v4, v6] = await Promise.all([answers(port, "127.0.0.1"), answers(port, "::1")]);
  return v4 || v6;
}

export interface WaitOptions {
  /** Give up after this long (default 120 s). */
  timeoutMs?: number;
  /** Checked between attempts: false means whoever should answer has gone, so stop waiting. */
  alive?: () => boolean;
  /** What is awaited, for the error message (default: the URL). */
  name?: string;
}

/** Polls `url` until it answers with a status below 500; throws on timeout or when `alive()` turns false. */
export async function waitFor(url: string, { timeoutMs = 120_000, alive, name = url }: WaitOptions = {}) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (alive && !alive()) throw new Error(`${name} stopped before it answered at ${url}`);
    const response = await fetch(url, { redirect: "manual", signal: AbortSignal.timeout(5000) }).catch(() => undefined);
    await response?.body?.cancel();
    if (response && response.status < 500) return;
    await new Promise((resolve) => setTimeout(resolve, 300));
  }
  throw new Error(`${name} did not answer at ${url} within ${timeoutMs / 1000} s`);
}
