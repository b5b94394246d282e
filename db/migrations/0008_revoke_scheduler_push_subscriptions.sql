-- The daily re-send of reminders reads tasks only: since ADR 0014's amendment the user's hub reads
-- the subscriptions itself, as the user, right before sending. So the scheduler role no longer
-- needs every user's push endpoints and keys (migration 0007 granted them); least privilege takes
-- them back.
DROP POLICY "push_subscriptions_reminder_scheduler" ON "push_subscriptions";
--> statement-breakpoint
REVOKE SELECT ("user_id", "id", "endpoint", "p256dh", "auth") ON "push_subscriptions" FROM "todo_reminder_scheduler";
