-- Row-level security on every per-user table: a second, independent isolation layer under
-- the API's `WHERE user_id = …` (ADR 0007). Self-contained: it names only tables created by
-- 0000 and 0001; a later per-user table needs the same four statements.
--
-- The API runs each request's statements in one batch (one transaction, one round trip) that
-- starts with
--   select set_config('app.user_id', <the token's sub>, true), set_config('role', 'todo_api_user', true)
-- (the second is what `set local role todo_api_user` does), so its queries run as a role that cannot bypass RLS, whatever role the connection string
-- names (on Neon, one that belongs to neon_superuser, which has BYPASSRLS).
--
-- The role is cluster-wide, so it may already exist (another database, an earlier run).
DO $$
BEGIN
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'todo_api_user') THEN
    CREATE ROLE "todo_api_user" NOLOGIN NOBYPASSRLS;
  END IF;
END
$$;
--> statement-breakpoint
-- The connecting role (the one that runs migrations, as the API and Better Auth do) may switch
-- to it. A superuser may anyway; Neon's owner role needs the membership.
GRANT "todo_api_user" TO CURRENT_USER;
--> statement-breakpoint
GRANT USAGE ON SCHEMA "public" TO "todo_api_user";
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE, DELETE ON "tasks", "idempotency_keys" TO "todo_api_user";
--> statement-breakpoint
-- FORCE: without it the tables' owner, the very role the API connects as, bypasses the policies.
ALTER TABLE "tasks" ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE "tasks" FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE "idempotency_keys" ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE "idempotency_keys" FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
-- After a transaction that set it, current_setting('app.user_id', true) reads '' rather than
-- NULL; nullif makes both mean "nobody", so a statement without the setting sees no rows.
CREATE POLICY "tasks_owner" ON "tasks" FOR ALL TO PUBLIC
  USING ("user_id" = nullif(current_setting('app.user_id', true), ''))
  WITH CHECK ("user_id" = nullif(current_setting('app.user_id', true), ''));
--> statement-breakpoint
CREATE POLICY "idempotency_keys_owner" ON "idempotency_keys" FOR ALL TO PUBLIC
  USING ("user_id" = nullif(current_setting('app.user_id', true), ''))
  WITH CHECK ("user_id" = nullif(current_setting('app.user_id', true), ''));
