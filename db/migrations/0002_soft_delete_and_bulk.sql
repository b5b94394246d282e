ALTER TABLE "idempotency_keys" ADD COLUMN "response" jsonb;--> statement-breakpoint
ALTER TABLE "tasks" ADD COLUMN "deleted_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "tasks" ADD COLUMN "deletion_id" uuid;--> statement-breakpoint
CREATE INDEX "tasks_user_deleted_idx" ON "tasks" USING btree ("user_id","deleted_at") WHERE "tasks"."deleted_at" is not null;--> statement-breakpoint
CREATE INDEX "tasks_user_deletion_idx" ON "tasks" USING btree ("user_id","deletion_id") WHERE "tasks"."deletion_id" is not null;