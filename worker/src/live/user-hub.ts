/**
 * One Durable Object per user (ADR 0009): it holds that user's live sockets
 * and sends each committed change to all of them. Sockets are accepted with
 * the WebSocket Hibernation API, so an idle hub is evicted from memory while
 * its sockets stay open, and keep-alive pings are answered by the runtime
 * without waking it. The hub is named for the user, not for live sync, so
 * reminders (per-user alarms) can live here too.
 *
 * Only the Worker reaches it, after verifying the token and that the path is
 * the token's `sub`; each socket carries its token's expiry, and an alarm
 * closes it with 4001 when that passes.
 *
 * It also keeps the user's upcoming reminders (reminders/hub-reminders.ts,
 * ADR 0014): the one alarm rings at whichever comes first, a token expiry or
 * the next reminder.
 */
import { DurableObject } from "cloudflare:workers";
import type { Bindings } from "../env.ts";
import { HubReminders } from "../reminders/hub-reminders.ts";
import { needsResync, plansOf, type ReminderPlan } from "../reminders/plan.ts";
import type { ReminderEntry } from "../reminders/reminder-book.ts";
import type { LiveMessage } from "./events.ts";

/** Close code for a socket whose access token has expired: reconnect with a fresh token. */
export const TOKEN_EXPIRED = 4001;
/** A user's open sockets are bounded; a new one beyond this closes the oldest. */
export const MAX_SOCKETS_PER_USER = 32;
/** Clients send this text to keep the socket alive; the runtime answers PONG itself. */
export const PING = "ping";
export const PONG = "pong";

interface Attachment {
  /** When the socket's access token expires, in ms since the epoch. */
  expiresAt: number;
}

const expiryOf = (socket: WebSocket) => (socket.deserializeAttachment() as Attachment | null)?.expiresAt ?? 0;

export class UserHub extends DurableObject<Bindings> {
  private readonly reminders: HubReminders;

  constructor(ctx: DurableObjectState, env: Bindings) {
    super(ctx, env);
    ctx.setWebSocketAutoResponse(new WebSocketRequestResponsePair(PING, PONG));
    this.reminders = new HubReminders(ctx, env, (frame) => this.broadcast([frame]));
  }

  /** Opens a socket for the user; `expires` (ms) is the verified token's `exp`. Called by the Worker only. */
  override async fetch(request: Request): Promise<Response> {
    const expiresAt = Number(new URL(request.url).searchParams.get("expires"));
    if (request.headers.get("upgrade") !== "websocket" || !Number.isSafeInteger(expiresAt)) {
      return new Response(null, { status: 400 });
    }
    const open = this.ctx.getWebSockets();
    for (const socket of open.slice(0, Math.max(0, open.length - MAX_SOCKETS_PER_USER + 1))) {
      socket.close(1008, "too many sockets");
    }
    const { 0: client, 1: server } = new WebSocketPair();
    this.ctx.acceptWebSocket(server);
    server.serializeAttachment({ expiresAt } satisfies Attachment);
    await this.scheduleAlarm();
    return new Response(null, { status: 101, webSocket: client });
  }

  /**
   * Sends each message to every socket whose token is still valid, and re-plans the reminders of the
   * tasks they carry (RPC from the Worker, after a write commits). `owner` is the user the hub is for.
   */
  async publish(messages: LiveMessage[], owner?: string): Promise<void> {
    this.broadcast(messages.map((message) => JSON.stringify(message)));
    if (owner) this.reminders.own(owner);
    try {
      await this.reminders.plan(plansOf(messages), needsResync(messages), Date.now());
    } finally {
      await this.scheduleAlarm();
    }
  }

  /** Re-sends plans from Postgres (the daily Cron Trigger); idempotent. */
  async sync(owner: string, plans: ReminderPlan[]): Promise<void> {
    this.reminders.own(owner);
    const now = Date.now();
    this.reminders.book.apply(plans, now);
    this.reminders.book.prune(now);
    await this.scheduleAlarm();
  }

  /** The reminders waiting (tests and diagnostics). */
  async reminderState(): Promise<{ pending: ReminderEntry[] }> {
    return { pending: this.reminders.book.pending() };
  }

  private broadcast(frames: string[]): void {
    const now = Date.now();
    for (const socket of this.ctx.getWebSockets()) {
      if (expiryOf(socket) <= now) {
        socket.close(TOKEN_EXPIRED, "token expired");
        continue;
      }
      try {
        for (const frame of frames) socket.send(frame);
      } catch {
        // A socket that is closing; its close handler tidies up.
      }
    }
  }

  /** How many sockets are open (tests and diagnostics). */
  async sockets(): Promise<number> {
    return this.ctx.getWebSockets().length;
  }

  /** Closes the sockets whose tokens have expired, sends the reminders that are due, then waits for the next of either. */
  override async alarm(): Promise<void> {
    const now = Date.now();
    for (const socket of this.ctx.getWebSockets()) {
      if (expiryOf(socket) <= now) socket.close(TOKEN_EXPIRED, "token expired");
    }
    try {
      await this.reminders.fire(now);
    } finally {
      await this.scheduleAlarm();
    }
  }

  override async webSocketMessage(): Promise<void> {
    // Clients send nothing but keep-alive pings, which the runtime answers; anything else is ignored.
  }

  override async webSocketClose(socket: WebSocket, code: number): Promise<void> {
    try {
      // Complete the closing handshake (codes 1005 and 1006 cannot be sent back).
      socket.close(code === 1005 || code === 1006 ? 1000 : code, "closing");
    } catch {
      // Already closed.
    }
  }

  /** The one alarm: the earliest of the sockets' token expiries and the next reminder. */
  private async scheduleAlarm(): Promise<void> {
    const now = Date.now();
    const next = Math.min(
      ...this.ctx
        .getWebSockets()
        .map(expiryOf)
        .filter((at) => at > now),
      this.reminders.book.nextAt() ?? Number.POSITIVE_INFINITY,
    );
    if (Number.isFinite(next)) await this.ctx.storage.setAlarm(next);
    else await this.ctx.storage.deleteAlarm();
  }
}
