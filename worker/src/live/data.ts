/**
 * What the change feed's handler asks of the database, with drizzle and the
 * tables behind it: live/index.ts imports this module on the feed's first
 * request, not when the Worker loads (issue 14; see tasks/data.ts).
 */
export { cursorOf, eventOf } from "./events.ts";
export { readFeed } from "./feed-queries.ts";
