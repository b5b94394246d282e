/**
 * The local transport: messages stay in this isolate's memory, newest first,
 * for `GET /dev/mail.json` and `/dev/mail`. Development, preview and tests
 * only; a production configuration cannot select it (site-env.server.ts).
 */
import type { Mail, Mailer } from "./mailer.ts";

export interface OutboxMessage extends Mail {
  sentAt: string;
}

/** Enough for any journey; older messages fall off so memory stays bounded. */
const KEEP = 200;

// On globalThis, so a module reloaded by the dev server still sees the same outbox.
const key = Symbol.for("todo.mail.outbox");
const store = globalThis as typeof globalThis & { [key]?: OutboxMessage[] };

function messages(): OutboxMessage[] {
  store[key] ??= [];
  return store[key];
}

export function createOutbox(): Mailer {
  return {
    kind: "outbox",
    async send(mail) {
      const list = messages();
      list.unshift({ ...mail, sentAt: new Date().toISOString() });
      list.length = Math.min(list.length, KEEP);
    },
  };
}

/** Recent messages, newest first. */
export function outboxMessages(): OutboxMessage[] {
  return [...messages()];
}
