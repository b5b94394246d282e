-- Bounds on what one user can grow (issue 11, OWASP API4), enforced by the database so that
-- every insert path, present and future, is covered within its own statement: no extra round
-- trip. Self-contained: it names only tables created by 0000 and 0001.
--
-- A due date must be an instant in the years 1900-9999 (UTC). Earlier values could be stored
-- through the idempotent create (a BC timestamp), and broke the owner's list for good; they are
-- cleared first, since no client can read or repair them.
UPDATE "tasks" SET "due_at" = NULL
WHERE "due_at" < '1900-01-01T00:00:00Z'::timestamptz OR "due_at" >= '10000-01-01T00:00:00Z'::timestamptz;
--> statement-breakpoint
ALTER TABLE "tasks" ADD CONSTRAINT "tasks_due_at_range"
  CHECK ("due_at" >= '1900-01-01T00:00:00Z'::timestamptz AND "due_at" < '10000-01-01T00:00:00Z'::timestamptz);
--> statement-breakpoint
-- At most TG_ARGV[0] rows per user in the trigger's table. Runs once per statement over the rows
-- it inserted, so a bulk insert costs one count per user, not one per row. The advisory lock
-- (per table and user, held to the end of the transaction) serialises a user's concurrent
-- inserts, so two of them cannot both see room for one more: under READ COMMITTED the count
-- that follows the lock sees whatever the previous holder committed. The violation is reported
-- as a check violation (23514) named TG_ARGV[1], which the API maps to its own problem.
CREATE OR REPLACE FUNCTION "enforce_rows_per_user"() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
  owner text;
  total bigint;
  cap bigint := TG_ARGV[0]::bigint;
BEGIN
  FOR owner IN SELECT DISTINCT "user_id" FROM inserted LOOP
    PERFORM pg_advisory_xact_lock(hashtext(TG_TABLE_NAME), hashtext(owner));
    EXECUTE format('SELECT count(*) FROM (SELECT 1 FROM %I.%I WHERE "user_id" = $1 LIMIT $2) AS capped',
                   TG_TABLE_SCHEMA, TG_TABLE_NAME)
      INTO total USING owner, cap + 1;
    IF total > cap THEN
      RAISE EXCEPTION 'at most % rows per user in %', cap, TG_TABLE_NAME
        USING ERRCODE = 'check_violation', CONSTRAINT = TG_ARGV[1], TABLE = TG_TABLE_NAME;
    END IF;
  END LOOP;
  RETURN NULL;
END
$$;
--> statement-breakpoint
-- 10,000 tasks per user (MAX_TASKS_PER_USER in worker/src/tasks/bounds.ts).
CREATE TRIGGER "tasks_per_user_limit" AFTER INSERT ON "tasks"
  REFERENCING NEW TABLE AS inserted
  FOR EACH STATEMENT EXECUTE FUNCTION "enforce_rows_per_user"('10000', 'tasks_per_user_limit');
--> statement-breakpoint
-- 10,000 live Idempotency-Keys per user: keys live 24 hours and a task can be created and
-- deleted again and again, so the task cap alone does not bound them
-- (MAX_IDEMPOTENCY_KEYS_PER_USER in worker/src/tasks/bounds.ts).
CREATE TRIGGER "idempotency_keys_per_user_limit" AFTER INSERT ON "idempotency_keys"
  REFERENCING NEW TABLE AS inserted
  FOR EACH STATEMENT EXECUTE FUNCTION "enforce_rows_per_user"('10000', 'idempotency_keys_per_user_limit');
