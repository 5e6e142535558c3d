CREATE TABLE "calendar_feeds" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"user_id" uuid NOT NULL,
	"token_hash" text NOT NULL,
	"token" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now(),
	"rotated_at" timestamp with time zone
);
--> statement-breakpoint
ALTER TABLE "calendar_feeds" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "calendar_integrations" ADD COLUMN "last_error" text;--> statement-breakpoint
ALTER TABLE "communication_logs" ADD COLUMN "idempotency_key" text;--> statement-breakpoint
ALTER TABLE "events" ADD COLUMN "customer_phone_hash" text;--> statement-breakpoint
ALTER TABLE "events" ADD COLUMN "customer_email_hash" text;--> statement-breakpoint
ALTER TABLE "events" ADD COLUMN "calendar_sequence" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "calendar_feeds" ADD CONSTRAINT "calendar_feeds_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "calendar_feeds_user_id_key" ON "calendar_feeds" USING btree ("user_id");--> statement-breakpoint
CREATE UNIQUE INDEX "calendar_feeds_token_hash_key" ON "calendar_feeds" USING btree ("token_hash");--> statement-breakpoint
CREATE UNIQUE INDEX "calendar_integrations_user_id_integration_type_key" ON "calendar_integrations" USING btree ("user_id","integration_type");--> statement-breakpoint
CREATE UNIQUE INDEX "communication_logs_idempotency_key_key" ON "communication_logs" USING btree ("idempotency_key");--> statement-breakpoint
CREATE INDEX "idx_events_user_id_customer_phone_hash" ON "events" USING btree ("user_id","customer_phone_hash");--> statement-breakpoint
CREATE POLICY "Users can access own calendar feed" ON "calendar_feeds" AS PERMISSIVE FOR ALL TO public USING (auth.uid() = user_id);