/**
 * Values the tables and the API's schemas share. They live apart from the
 * tables so the API Worker can validate requests without loading drizzle's
 * table builders, which it defers to its first query (issue 14: startup).
 */

export const taskPriorities = ["none", "low", "medium", "high"] as const;
export type TaskPriority = (typeof taskPriorities)[number];
export const repeatFroms = ["due", "completion"] as const;

/** At most this many push subscriptions per user (a per-user cap trigger, as for tasks). */
export const MAX_PUSH_SUBSCRIPTIONS_PER_USER = 20;
