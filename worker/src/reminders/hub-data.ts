/**
 * What a user's hub asks of Postgres, with drizzle and the tables behind it:
 * hub-reminders.ts imports this module when the hub first reads or deletes
 * something, not when the Worker (which exports the hub's class) loads
 * (issue 14; see tasks/data.ts).
 */
export { databaseFor } from "../db/client.ts";
export { deleteSubscriptions } from "../push-subscriptions/queries.ts";
export { checkDue, upcomingPlans } from "./hub-queries.ts";
