/**
 * Better Auth's `user` table, on its own so that the API Worker, which needs it only as the
 * target of its foreign keys, does not build Better Auth's other tables at startup (building a
 * drizzle table costs about a millisecond there; issue 14). ./auth.ts re-exports it with the rest.
 */
import { boolean, pgTable, text, timestamp } from "drizzle-orm/pg-core";

export const user = pgTable("user", {
  id: text("id").primaryKey(),
  name: text("name").notNull(),
  email: text("email").notNull().unique(),
  emailVerified: boolean("email_verified").notNull().default(false),
  image: text("image"),
  createdAt: timestamp("created_at").notNull().defaultNow(),
  updatedAt: timestamp("updated_at")
    .notNull()
    .defaultNow()
    .$onUpdate(() => new Date()),
});
