/** Hands committed changes to the user's hub, which sends them to each of their sockets. */
import type { Bindings } from "../env.ts";
import type { LiveMessage } from "./events.ts";

/** The one hub (Durable Object) per user: live sockets and reminders. */
export function hubFor(env: Bindings, userId: string) {
  return env.USER_HUB.get(env.USER_HUB.idFromName(userId));
}

/**
 * Never throws: the change is committed and in the feed whatever happens here,
 * and a client that missed the message catches up from its cursor.
 */
export async function publish(env: Bindings, userId: string, messages: LiveMessage[]): Promise<void> {
  try {
    await hubFor(env, userId).publish(messages, userId);
  } catch (error) {
    console.error("Could not publish changes to the user's hub", error);
  }
}
