/**
 * Live sync from inside workerd: the upgrade goes through the app like any
 * request (the token in Sec-WebSocket-Protocol), and each socket records what
 * it hears so tests can poll for it; the change feed is read as a client that
 * was away reads it.
 */
import { expect } from "vitest";
import type { Bindings } from "../src/env.ts";
import type { LiveMessage } from "../src/live/events.ts";
import { clientFor, request, type TestUser } from "./harness.ts";

export interface Listener {
  socket: WebSocket;
  messages: LiveMessage[];
  /** Text frames that were not JSON (the keep-alive's "pong"). */
  texts: string[];
  closed?: { code: number; reason: string };
}

/** Asks for a socket on `path` with `token` offered as `bearer, <token>`. */
export async function upgrade(path: string, token: string, bindings?: Bindings): Promise<Response> {
  return request(path, { headers: { upgrade: "websocket", "sec-websocket-protocol": `bearer, ${token}` } }, bindings);
}

/** Opens `user`'s socket and listens on it. */
export async function listen(user: TestUser, bindings?: Bindings): Promise<Listener> {
  const response = await upgrade(`/api/${user.id}/live`, user.token, bindings);
  expect(response.status).toBe(101);
  return accept(response);
}

export function accept(response: Response): Listener {
  const socket = response.webSocket;
  if (!socket) throw new Error("no socket in the answer");
  socket.accept();
  const listener: Listener = { socket, messages: [], texts: [] };
  socket.addEventListener("message", (event) => {
    const text = String(event.data);
    try {
      listener.messages.push(JSON.parse(text) as LiveMessage);
    } catch {
      listener.texts.push(text);
    }
  });
  socket.addEventListener("close", (event) => {
    listener.closed = { code: event.code, reason: event.reason };
  });
  return listener;
}

/** `user`'s change feed through their typed client: the changes after `since`, or the current cursor without it. */
export function changesOf(user: TestUser, since?: string) {
  const query = since === undefined ? {} : { since };
  return clientFor(user).api[":userId"].changes.$get({ param: { userId: user.id }, query });
}
