CREATE TABLE "change_sequences" (
	"user_id" text PRIMARY KEY NOT NULL,
	"last_seq" bigint DEFAULT 0 NOT NULL,
	"tx" "xid8",
	"tx_base" bigint DEFAULT 0 NOT NULL,
	"purged_through" bigint DEFAULT 0 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "task_changes" (
	"user_id" text NOT NULL,
	"seq" bigint NOT NULL,
	"task_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"version" integer NOT NULL,
	"task" jsonb,
	"changed_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "task_changes_user_id_seq_pk" PRIMARY KEY("user_id","seq"),
	CONSTRAINT "task_changes_kind_check" CHECK ("task_changes"."kind" in ('created', 'updated', 'deleted'))
);
--> statement-breakpoint
ALTER TABLE "change_sequences" ADD CONSTRAINT "change_sequences_user_id_user_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."user"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "task_changes" ADD CONSTRAINT "task_changes_user_id_user_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."user"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "task_changes_user_changed_idx" ON "task_changes" USING btree ("user_id","changed_at");--> statement-breakpoint
-- Live sync and the change feed (issue 16, ADR 0009). Everything below is hand-written: triggers
-- on "tasks" record each change in "task_changes" inside the statement that makes it, so every
-- write path (single, bulk, restore, and any added later) feeds the log with no extra round trip.
--
-- Sequence numbers are per user. The counter row is updated (and so locked until commit) by the
-- first change a transaction makes, so one user's writes commit in sequence order and a reader
-- that has seen change n has seen every change before it.
CREATE FUNCTION "next_task_changes"(owner text, total bigint) RETURNS bigint
LANGUAGE plpgsql AS $$
DECLARE
  base bigint;
BEGIN
  INSERT INTO "change_sequences" AS s ("user_id", "last_seq", "tx", "tx_base")
  VALUES (owner, total, pg_current_xact_id(), 0)
  ON CONFLICT ("user_id") DO UPDATE SET
    "last_seq" = s."last_seq" + total,
    -- Where the counter stood before this transaction's first change, so a write reads back
    -- exactly its own changes (worker/src/live/own-changes.ts).
    "tx_base" = CASE WHEN s."tx" = pg_current_xact_id() THEN s."tx_base" ELSE s."last_seq" END,
    "tx" = pg_current_xact_id()
  RETURNING s."last_seq" - total INTO base;
  RETURN base;
END
$$;
--> statement-breakpoint
-- Changes are kept 7 days (CHANGE_RETENTION_DAYS in worker/src/live/feed-queries.ts). Each write
-- purges at most 500 of its user's older ones, through the (user_id, changed_at) index, so it
-- never scans the whole log. The helpers are plpgsql so that their plans are cached per session. purged_through remembers the highest sequence number purged: a
-- cursor below it has missed changes and is answered 410.
CREATE FUNCTION "purge_task_changes"(owner text) RETURNS void
LANGUAGE plpgsql AS $$
BEGIN
  -- Usually there is nothing to purge, and the index says so at once.
  IF NOT EXISTS (
    SELECT 1 FROM "task_changes" WHERE "user_id" = owner AND "changed_at" < now() - interval '7 days'
  ) THEN
    RETURN;
  END IF;
  WITH purged AS (
    DELETE FROM "task_changes"
    WHERE "user_id" = owner AND "seq" IN (
      SELECT "seq" FROM "task_changes"
      WHERE "user_id" = owner AND "changed_at" < now() - interval '7 days'
      ORDER BY "changed_at" LIMIT 500)
    RETURNING "seq")
  UPDATE "change_sequences"
  SET "purged_through" = greatest("purged_through", (SELECT max("seq") FROM purged))
  WHERE "user_id" = owner AND EXISTS (SELECT 1 FROM purged);
END
$$;
--> statement-breakpoint
-- A new task: "created", with the row as inserted.
CREATE FUNCTION "task_changes_on_insert"() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
  owner text;
  total bigint;
  base bigint;
BEGIN
  FOR owner, total IN SELECT i."user_id", count(*) FROM inserted i GROUP BY i."user_id" LOOP
    base := next_task_changes(owner, total);
    INSERT INTO "task_changes" ("user_id", "seq", "task_id", "kind", "version", "task")
    SELECT owner, base + row_number() OVER (ORDER BY i."id"), i."id", 'created', i."version", to_jsonb(i)
    FROM inserted i WHERE i."user_id" = owner;
    PERFORM purge_task_changes(owner);
  END LOOP;
  RETURN NULL;
END
$$;
--> statement-breakpoint
-- A changed task: "deleted" when it was (soft) deleted, "created" when a deletion was undone
-- (the task comes back with its id and version), "updated" when its version moved. An update
-- that changed nothing (completing a completed task) records nothing.
CREATE FUNCTION "task_changes_on_update"() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
  owner text;
  total bigint;
  base bigint;
BEGIN
  FOR owner, total IN
    SELECT n."user_id", count(*) FROM updated n JOIN previous o ON o."id" = n."id"
    WHERE (o."deleted_at" IS NULL) <> (n."deleted_at" IS NULL)
       OR (n."deleted_at" IS NULL AND n."version" <> o."version")
    GROUP BY n."user_id"
  LOOP
    base := next_task_changes(owner, total);
    INSERT INTO "task_changes" ("user_id", "seq", "task_id", "kind", "version", "task")
    SELECT owner, base + row_number() OVER (ORDER BY n."id"), n."id",
      CASE WHEN n."deleted_at" IS NOT NULL THEN 'deleted' WHEN o."deleted_at" IS NOT NULL THEN 'created' ELSE 'updated' END,
      n."version",
      CASE WHEN n."deleted_at" IS NOT NULL THEN NULL ELSE to_jsonb(n) END
    FROM updated n JOIN previous o ON o."id" = n."id"
    WHERE n."user_id" = owner
      AND ((o."deleted_at" IS NULL) <> (n."deleted_at" IS NULL)
        OR (n."deleted_at" IS NULL AND n."version" <> o."version"));
    PERFORM purge_task_changes(owner);
  END LOOP;
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER "task_changes_on_insert" AFTER INSERT ON "tasks"
  REFERENCING NEW TABLE AS inserted
  FOR EACH STATEMENT EXECUTE FUNCTION "task_changes_on_insert"();
--> statement-breakpoint
CREATE TRIGGER "task_changes_on_update" AFTER UPDATE ON "tasks"
  REFERENCING OLD TABLE AS previous NEW TABLE AS updated
  FOR EACH STATEMENT EXECUTE FUNCTION "task_changes_on_update"();
--> statement-breakpoint
-- Row-level security, as 0004 does for the other per-user tables (the triggers run as the
-- request's role, todo_api_user, so they are bound by it too).
GRANT SELECT, INSERT, UPDATE, DELETE ON "task_changes", "change_sequences" TO "todo_api_user";
--> statement-breakpoint
ALTER TABLE "task_changes" ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE "task_changes" FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE "change_sequences" ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE "change_sequences" FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY "task_changes_owner" ON "task_changes" FOR ALL TO PUBLIC
  USING ("user_id" = nullif(current_setting('app.user_id', true), ''))
  WITH CHECK ("user_id" = nullif(current_setting('app.user_id', true), ''));
--> statement-breakpoint
CREATE POLICY "change_sequences_owner" ON "change_sequences" FOR ALL TO PUBLIC
  USING ("user_id" = nullif(current_setting('app.user_id', true), ''))
  WITH CHECK ("user_id" = nullif(current_setting('app.user_id', true), ''));
