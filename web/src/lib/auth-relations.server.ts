/**
 * Drizzle relations between Better Auth's tables. With them, and Better
 * Auth's `advanced.database.joins`, a session is read with its user (and a
 * user with their accounts) in one SQL statement instead of two: one round
 * trip to the database, wherever the visitor is (issue 13).
 */
import { relations } from "drizzle-orm";
import { account, authSchema, session, user } from "../../../db/schema/auth.ts";

const userRelations = relations(user, ({ many }) => ({ sessions: many(session), accounts: many(account) }));
const sessionRelations = relations(session, ({ one }) => ({
  user: one(user, { fields: [session.userId], references: [user.id] }),
}));
const accountRelations = relations(account, ({ one }) => ({
  user: one(user, { fields: [account.userId], references: [user.id] }),
}));

/** Better Auth's tables with their relations, for `drizzle({ schema })`. */
export const authSchemaWithRelations = { ...authSchema, userRelations, sessionRelations, accountRelations };
