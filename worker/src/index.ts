import { app } from "./app.ts";
import type { Bindings } from "./env.ts";
import { scheduled } from "./reminders/cron.ts";

/** HTTP is the Hono app; the daily Cron Trigger re-sends upcoming reminders (reminders/cron.ts). */
export default { fetch: app.fetch, scheduled } satisfies ExportedHandler<Bindings>;
/** The per-user Durable Object (live sockets; wrangler.jsonc's USER_HUB binding names this export). */
export { UserHub } from "./live/user-hub.ts";
