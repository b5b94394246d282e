import { app } from "./app.ts";

export default app;
/** The per-user Durable Object (live sockets; wrangler.jsonc's USER_HUB binding names this export). */
export { UserHub } from "./live/user-hub.ts";
