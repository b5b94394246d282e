/**
 * The dashboard's live socket (issue 16): opens `GET /api/{userId}/live`
 * with the access token as the subprotocol `bearer, <token>`, hands each
 * event to `onEvents`, and keeps going: it reconnects with backoff after any
 * close (at once, with a fresh token, after 4001), when the network comes
 * back and when the tab becomes visible, and after each reconnection catches
 * up from its last cursor through the change feed. Other tabs of the same
 * browser have sockets of their own, so they hear the change too.
 */
import { useEffect, useRef, useState } from "react";
import { accessToken, SignedOutError } from "../../../lib/access-token.ts";
import { createApi } from "../../../lib/api.ts";
import { type LiveMessage, laterCursor, type TaskEvent } from "./apply-events.ts";

/** `connecting` until the first socket opens; `offline` while reconnecting after a loss. */
export type LiveStatus = "connecting" | "live" | "offline";

export interface LiveHandlers {
  /** Changes made anywhere, in order; apply them by version. */
  onEvents(events: TaskEvent[]): void;
  /** The feed cannot say what changed (its cursor expired, or a write was too large to send): reload the list. */
  onReload(): void;
  /** A message that is not about the list (a `reminder.due`, issue 15): not in the feed, so heard only while open. */
  onMessage?(message: unknown): void;
}

/** The API closes a socket with this code when its token expires. */
const TOKEN_EXPIRED = 4001;
const PING_MS = 30_000;
const MAX_BACKOFF_MS = 30_000;
/** The feed's page size: a shorter page is the last one. */
const FEED_PAGE = 500;

export function useLiveSocket(userId: string, apiOrigin: string, handlers: LiveHandlers): LiveStatus {
  const [status, setStatus] = useState<LiveStatus>("connecting");
  const latest = useRef(handlers);
  latest.current = handlers;

  useEffect(() => {
    if (typeof WebSocket === "undefined") return;
    const changes = createApi(apiOrigin).api[":userId"].changes;
    let cursor: string | null = null;
    let socket: WebSocket | undefined;
    let stopped = false;
    let failures = 0;
    /** Between asking for a token and having a socket. */
    let busy = false;
    let retry: ReturnType<typeof setTimeout> | undefined;
    let ping: ReturnType<typeof setInterval> | undefined;

    /** Everything after `cursor` (or, the first time, where the feed stands now). */
    const catchUp = async (): Promise<void> => {
      for (;;) {
        const since = cursor;
        const response = await changes.$get({ param: { userId }, query: since === null ? {} : { since } });
        if (response.status === 410) {
          cursor = null;
          latest.current.onReload();
          continue;
        }
        if (!response.ok) return;
        const page = (await response.json()) as { items: TaskEvent[]; cursor: string };
        if (stopped) return;
        if (page.items.length > 0) latest.current.onEvents(page.items);
        cursor = laterCursor(cursor, page.cursor);
        if (since === null || page.items.length < FEED_PAGE) return;
      }
    };

    const receive = (data: unknown) => {
      if (typeof data !== "string" || data === "pong") return;
      const parsed = JSON.parse(data) as { type?: unknown };
      const type = typeof parsed.type === "string" ? parsed.type : "";
      if (type !== "tasks.changed" && !type.startsWith("task.")) return latest.current.onMessage?.(parsed);
      const message = parsed as LiveMessage;
      if (message.type === "tasks.changed") latest.current.onReload();
      else latest.current.onEvents([message]);
      cursor = laterCursor(cursor, message.cursor);
    };

    const connect = async (fresh = false) => {
      retry = undefined;
      if (busy) return;
      busy = true;
      let token: string;
      try {
        token = await accessToken({ fresh });
      } catch (reason) {
        // Signed out: the board says so when its next request fails; a socket cannot help.
        if (reason instanceof SignedOutError) return;
        return reconnect(false);
      } finally {
        busy = false;
      }
      if (stopped) return;
      const url = new URL(`/api/${encodeURIComponent(userId)}/live`, apiOrigin);
      url.protocol = url.protocol === "https:" ? "wss:" : "ws:";
      const ws = new WebSocket(url, ["bearer", token]);
      socket = ws;
      ws.onopen = () => {
        if (stopped) return ws.close(1000);
        failures = 0;
        setStatus("live");
        ping = setInterval(() => ws.send("ping"), PING_MS);
        catchUp().catch(() => undefined);
      };
      ws.onmessage = (event) => receive(event.data);
      ws.onclose = (event) => {
        clearInterval(ping);
        if (socket !== ws || stopped) return;
        socket = undefined;
        setStatus("offline");
        reconnect(event.code === TOKEN_EXPIRED);
      };
    };

    const reconnect = (fresh: boolean) => {
      if (stopped || retry !== undefined) return;
      const delay = fresh ? 0 : Math.min(MAX_BACKOFF_MS, 500 * 2 ** failures++) * (0.5 + Math.random() / 2);
      retry = setTimeout(() => void connect(fresh), delay);
    };

    /** Back online, or back in view: try now rather than at the end of the backoff. */
    const now = () => {
      if (stopped || socket || busy || document.visibilityState !== "visible") return;
      clearTimeout(retry);
      retry = undefined;
      failures = 0;
      void connect();
    };

    void connect();
    window.addEventListener("online", now);
    document.addEventListener("visibilitychange", now);
    return () => {
      stopped = true;
      clearTimeout(retry);
      clearInterval(ping);
      window.removeEventListener("online", now);
      document.removeEventListener("visibilitychange", now);
      // Closing a socket that is still connecting makes the browser log an error; close it once open.
      if (socket?.readyState === WebSocket.OPEN) socket.close(1000);
    };
  }, [userId, apiOrigin]);

  return status;
}
