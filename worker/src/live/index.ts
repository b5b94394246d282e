/**
 * Live sync's router (issue 16, specs/001-tasks-api): the WebSocket at
 * /api/{userId}/live, handed to the user's hub, and the change feed at
 * /api/{userId}/changes. Both sit behind the same token and `sub` checks as
 * every /api/{userId}/* route (app.ts).
 */
import type { AppEnv } from "../env.ts";
import { openApiRouter } from "../openapi/router.ts";
import { ProblemError } from "../problems/problem-error.ts";
import { hubFor } from "./publish.ts";
import { changesRoute } from "./routes.ts";
import { BEARER_PROTOCOL, isWebSocketUpgrade } from "./subprotocol.ts";

/** The feed's queries, drizzle and the tables, loaded by the feed's first request (./data.ts). */
const data = () => import("./data.ts");

export const liveRouter = openApiRouter<AppEnv>()
  .openapi(changesRoute, async (c) => {
    const { since } = c.req.valid("query");
    const userId = c.var.userId;
    const { cursorOf, eventOf, readFeed } = await data();
    const feed = await readFeed(c.var.db, userId, since === undefined ? undefined : Number(since));
    if (feed.kind === "expired") {
      throw new ProblemError("CURSOR_EXPIRED", {
        detail:
          "Some changes after this cursor are no longer kept (or it was never issued); reload the list, then follow the feed from a new cursor.",
      });
    }
    if (feed.kind === "current") return c.json({ items: [], cursor: cursorOf(feed.cursor) }, 200);
    return c.json({ items: feed.changes.map(eventOf), cursor: cursorOf(feed.cursor) }, 200);
  })
  .get("/api/:userId/live", async (c) => {
    if (!isWebSocketUpgrade(c.req.raw)) {
      throw new ProblemError("UPGRADE_REQUIRED", {
        detail: "Open a WebSocket here, with the token in Sec-WebSocket-Protocol: bearer, <token>.",
        headers: { upgrade: "websocket" },
      });
    }
    const offered = c.req.header("sec-websocket-protocol");
    // Typed as workerd's Response even where the site's type check reads this file with the DOM's.
    const answer: Response & { webSocket?: WebSocket | null } = await hubFor(c.env, c.var.userId).fetch(
      // The socket closes when the token requireUser verified (from Authorization, else the subprotocol) expires.
      `https://user-hub/connect?expires=${c.var.tokenExpiresAt}`,
      {
        headers: { upgrade: "websocket" },
      },
    );
    if (answer.status !== 101 || !answer.webSocket)
      throw new Error(`The user's hub refused a socket (${answer.status})`);
    // A fresh response, so the global middleware can still set its headers on it.
    return new Response(null, {
      status: 101,
      webSocket: answer.webSocket,
      headers: offered === undefined ? {} : { "sec-websocket-protocol": BEARER_PROTOCOL },
    } as ResponseInit);
  });
