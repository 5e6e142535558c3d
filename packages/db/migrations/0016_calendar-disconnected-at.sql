ALTER TABLE "calendar_integrations" ADD COLUMN "disconnected_at" timestamp with time zone;--> statement-breakpoint
-- Connections that stopped working before this column existed: their "reconnect" email's key
-- named the deactivation's updated_at, so that value keeps a notice already sent (or still
-- being retried) from going out twice. Connections switched off for the other provider have no
-- error, and no disconnection.
UPDATE "calendar_integrations" SET "disconnected_at" = "updated_at"
WHERE "is_active" = false AND "last_error" IS NOT NULL;
