import { defineConfig } from "drizzle-kit";

// Migrations are generated from db/schema and applied with `npm run db:migrate`.
export default defineConfig({
  dialect: "postgresql",
  schema: ["./db/schema/auth.ts", "./db/schema/tasks.ts", "./db/schema/changes.ts", "./db/schema/push.ts"],
  out: "./db/migrations",
});
