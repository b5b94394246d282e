CREATE TABLE "push_subscriptions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"user_id" text NOT NULL,
	"endpoint" text NOT NULL,
	"p256dh" text NOT NULL,
	"auth" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "push_subscriptions" ADD CONSTRAINT "push_subscriptions_user_id_user_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."user"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "push_subscriptions_user_endpoint_idx" ON "push_subscriptions" USING btree ("user_id","endpoint");--> statement-breakpoint
CREATE INDEX "push_subscriptions_user_idx" ON "push_subscriptions" USING btree ("user_id","created_at");--> statement-breakpoint
-- Push subscriptions and reminder scheduling (issue 15, ADR 0014). Everything below is hand-written.
--
-- Row-level security, as 0004 does for every per-user table.
GRANT SELECT, INSERT, UPDATE, DELETE ON "push_subscriptions" TO "todo_api_user";
--> statement-breakpoint
ALTER TABLE "push_subscriptions" ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE "push_subscriptions" FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY "push_subscriptions_owner" ON "push_subscriptions" FOR ALL TO PUBLIC
  USING ("user_id" = nullif(current_setting('app.user_id', true), ''))
  WITH CHECK ("user_id" = nullif(current_setting('app.user_id', true), ''));
--> statement-breakpoint
-- At most 20 subscriptions per user (MAX_PUSH_SUBSCRIPTIONS_PER_USER in db/schema/push.ts), as 0003
-- bounds tasks: per statement, under a per-user advisory lock. An upsert of an existing endpoint
-- inserts nothing, so it is never refused.
CREATE FUNCTION "push_subscriptions_per_user_limit"() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
  owner text;
BEGIN
  FOR owner IN SELECT DISTINCT "user_id" FROM inserted LOOP
    PERFORM pg_advisory_xact_lock(hashtext('push_subscriptions'), hashtext(owner));
    IF (SELECT count(*) FROM (SELECT 1 FROM "push_subscriptions" WHERE "user_id" = owner LIMIT 21) AS capped) > 20 THEN
      RAISE EXCEPTION 'at most 20 push subscriptions per user'
        USING ERRCODE = 'check_violation', CONSTRAINT = 'push_subscriptions_per_user_limit', TABLE = 'push_subscriptions';
    END IF;
  END LOOP;
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER "push_subscriptions_per_user_limit" AFTER INSERT ON "push_subscriptions"
  REFERENCING NEW TABLE AS inserted
  FOR EACH STATEMENT EXECUTE FUNCTION "push_subscriptions_per_user_limit"();
--> statement-breakpoint
-- The daily re-send of reminders reads across users (worker/src/reminders/scheduler-queries.ts).
-- Rather than lift row-level security, it runs as its own role, which may only SELECT the columns a
-- reminder needs, through read-only policies; the API's role gains nothing.
DO $$
BEGIN
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'todo_reminder_scheduler') THEN
    CREATE ROLE "todo_reminder_scheduler" NOLOGIN NOBYPASSRLS;
  END IF;
END
$$;
--> statement-breakpoint
GRANT "todo_reminder_scheduler" TO CURRENT_USER;
--> statement-breakpoint
GRANT USAGE ON SCHEMA "public" TO "todo_reminder_scheduler";
--> statement-breakpoint
GRANT SELECT ("user_id", "id", "title", "due_at", "reminders", "version", "completed", "deleted_at") ON "tasks" TO "todo_reminder_scheduler";
--> statement-breakpoint
GRANT SELECT ("user_id", "id", "endpoint", "p256dh", "auth") ON "push_subscriptions" TO "todo_reminder_scheduler";
--> statement-breakpoint
CREATE POLICY "tasks_reminder_scheduler" ON "tasks" FOR SELECT TO "todo_reminder_scheduler" USING (true);
--> statement-breakpoint
CREATE POLICY "push_subscriptions_reminder_scheduler" ON "push_subscriptions" FOR SELECT TO "todo_reminder_scheduler" USING (true);
