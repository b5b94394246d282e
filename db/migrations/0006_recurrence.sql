CREATE TABLE "task_completions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"user_id" text NOT NULL,
	"task_id" uuid NOT NULL,
	"completed_at" timestamp with time zone DEFAULT now() NOT NULL,
	"due_at" timestamp with time zone NOT NULL,
	"closed_series" boolean DEFAULT false NOT NULL
);
--> statement-breakpoint
ALTER TABLE "tasks" ADD COLUMN "repeat" text;--> statement-breakpoint
ALTER TABLE "tasks" ADD COLUMN "time_zone" text;--> statement-breakpoint
ALTER TABLE "tasks" ADD COLUMN "repeat_from" text DEFAULT 'due' NOT NULL;--> statement-breakpoint
ALTER TABLE "tasks" ADD COLUMN "reminders" jsonb DEFAULT '[]'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "tasks" ADD COLUMN "occurrences_done" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "task_completions" ADD CONSTRAINT "task_completions_user_id_user_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."user"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "task_completions" ADD CONSTRAINT "task_completions_task_id_tasks_id_fk" FOREIGN KEY ("task_id") REFERENCES "public"."tasks"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "task_completions_user_task_idx" ON "task_completions" USING btree ("user_id","task_id","completed_at" DESC NULLS LAST,"id" DESC NULLS LAST);--> statement-breakpoint
ALTER TABLE "tasks" ADD CONSTRAINT "tasks_repeat_from_check" CHECK ("tasks"."repeat_from" in ('due', 'completion'));--> statement-breakpoint
ALTER TABLE "tasks" ADD CONSTRAINT "tasks_repeat_length" CHECK (char_length("tasks"."repeat") <= 256);--> statement-breakpoint
ALTER TABLE "tasks" ADD CONSTRAINT "tasks_time_zone_length" CHECK (char_length("tasks"."time_zone") <= 64);--> statement-breakpoint
ALTER TABLE "tasks" ADD CONSTRAINT "tasks_reminders_count" CHECK (jsonb_typeof("tasks"."reminders") = 'array' and jsonb_array_length("tasks"."reminders") <= 5);--> statement-breakpoint
ALTER TABLE "tasks" ADD CONSTRAINT "tasks_occurrences_done_range" CHECK ("tasks"."occurrences_done" >= 0);--> statement-breakpoint
-- Everything below is hand-written (issue 15, spec 004 FR-008). Completions are history, so they
-- are trimmed rather than refused: a task keeps its newest 100 (MAX_COMPLETIONS_PER_TASK in
-- worker/src/tasks/completion-queries.ts), a user their newest 10,000, within the inserting
-- statement, so a daily task never stops being completable and the table never grows unbounded.
CREATE FUNCTION "task_completions_trim"() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
  owner text;
  task uuid;
BEGIN
  FOR owner, task IN SELECT DISTINCT i."user_id", i."task_id" FROM inserted i LOOP
    DELETE FROM "task_completions" WHERE "id" IN (
      SELECT c."id" FROM "task_completions" c WHERE c."user_id" = owner AND c."task_id" = task
      ORDER BY c."completed_at" DESC, c."id" DESC OFFSET 100);
  END LOOP;
  -- Once per user, not per task: a bulk completion inserts many rows for one user.
  FOR owner IN SELECT DISTINCT i."user_id" FROM inserted i LOOP
    IF EXISTS (SELECT 1 FROM "task_completions" c WHERE c."user_id" = owner OFFSET 10000) THEN
      DELETE FROM "task_completions" WHERE "id" IN (
        SELECT c."id" FROM "task_completions" c WHERE c."user_id" = owner
        ORDER BY c."completed_at" DESC, c."id" DESC OFFSET 10000);
    END IF;
  END LOOP;
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER "task_completions_trim" AFTER INSERT ON "task_completions"
  REFERENCING NEW TABLE AS inserted
  FOR EACH STATEMENT EXECUTE FUNCTION "task_completions_trim"();
--> statement-breakpoint
-- Row-level security, as 0004 does for the other per-user tables (ADR 0007).
GRANT SELECT, INSERT, UPDATE, DELETE ON "task_completions" TO "todo_api_user";
--> statement-breakpoint
ALTER TABLE "task_completions" ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE "task_completions" FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY "task_completions_owner" ON "task_completions" FOR ALL TO PUBLIC
  USING ("user_id" = nullif(current_setting('app.user_id', true), ''))
  WITH CHECK ("user_id" = nullif(current_setting('app.user_id', true), ''));
