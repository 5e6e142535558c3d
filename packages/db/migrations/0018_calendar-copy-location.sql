ALTER TABLE "events" ADD COLUMN "calendar_copy_integration_id" uuid;--> statement-breakpoint
ALTER TABLE "events" ADD COLUMN "calendar_copy_calendar_id" text;--> statement-breakpoint
ALTER TABLE "events" ADD CONSTRAINT "events_calendar_copy_integration_id_fkey" FOREIGN KEY ("calendar_copy_integration_id") REFERENCES "public"."calendar_integrations"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
-- Copies written before this column existed went to the connection events were syncing to:
-- the user's active one with a calendar chosen (the newest, as the worker picks it).
UPDATE "events" AS e
SET "calendar_copy_integration_id" = target.id, "calendar_copy_calendar_id" = target.calendar_id
FROM (
  SELECT DISTINCT ON (user_id) id, user_id, calendar_id
  FROM "calendar_integrations"
  WHERE integration_type IN ('google', 'outlook') AND is_active IS NOT FALSE AND calendar_id IS NOT NULL
  ORDER BY user_id, updated_at DESC
) AS target
WHERE e.user_id = target.user_id AND e.calendar_event_id IS NOT NULL;
