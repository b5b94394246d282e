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
-- At most 10,000 rows per user in each table. The triggers run once per statement over the rows
-- it inserted, so a bulk insert costs one count per user, not one per row. The advisory lock (per
-- table and user, held to the end of the transaction) serialises a user's concurrent inserts, so
-- two of them cannot both see room for one more: under READ COMMITTED the count that follows the
-- lock sees whatever the previous holder committed. A violation is reported as a check violation
-- (23514) named after the trigger, which the API maps to its own problem. Static SQL, one function
-- per table, so the count's plan is prepared once per connection.
CREATE FUNCTION "tasks_per_user_limit"() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
  owner text;
BEGIN
  FOR owner IN SELECT DISTINCT "user_id" FROM inserted LOOP
    PERFORM pg_advisory_xact_lock(hashtext('tasks'), hashtext(owner));
    IF (SELECT count(*) FROM (SELECT 1 FROM "tasks" WHERE "user_id" = owner LIMIT 10001) AS capped) > 10000 THEN
      RAISE EXCEPTION 'at most 10000 tasks per user'
        USING ERRCODE = 'check_violation', CONSTRAINT = 'tasks_per_user_limit', TABLE = 'tasks';
    END IF;
  END LOOP;
  RETURN NULL;
END
$$;
--> statement-breakpoint
-- MAX_TASKS_PER_USER in worker/src/tasks/bounds.ts.
CREATE TRIGGER "tasks_per_user_limit" AFTER INSERT ON "tasks"
  REFERENCING NEW TABLE AS inserted
  FOR EACH STATEMENT EXECUTE FUNCTION "tasks_per_user_limit"();
--> statement-breakpoint
-- Live Idempotency-Keys: keys live 24 hours and a task can be created and deleted again and again,
-- so the task cap alone does not bound them (MAX_IDEMPOTENCY_KEYS_PER_USER in worker/src/tasks/bounds.ts).
CREATE FUNCTION "idempotency_keys_per_user_limit"() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
  owner text;
BEGIN
  FOR owner IN SELECT DISTINCT "user_id" FROM inserted LOOP
    PERFORM pg_advisory_xact_lock(hashtext('idempotency_keys'), hashtext(owner));
    IF (SELECT count(*) FROM (SELECT 1 FROM "idempotency_keys" WHERE "user_id" = owner LIMIT 10001) AS capped) > 10000 THEN
      RAISE EXCEPTION 'at most 10000 live Idempotency-Keys per user'
        USING ERRCODE = 'check_violation', CONSTRAINT = 'idempotency_keys_per_user_limit', TABLE = 'idempotency_keys';
    END IF;
  END LOOP;
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER "idempotency_keys_per_user_limit" AFTER INSERT ON "idempotency_keys"
  REFERENCING NEW TABLE AS inserted
  FOR EACH STATEMENT EXECUTE FUNCTION "idempotency_keys_per_user_limit"();
