CREATE TABLE "audit_logs" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"user_id" uuid,
	"action" text NOT NULL,
	"resource_type" text,
	"resource_id" uuid,
	"old_values" jsonb,
	"new_values" jsonb,
	"metadata" jsonb,
	"ip_address" "inet",
	"user_agent" text,
	"created_at" timestamp with time zone DEFAULT now()
);
--> statement-breakpoint
ALTER TABLE "audit_logs" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "accounts" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"user_id" uuid NOT NULL,
	"account_id" text NOT NULL,
	"provider_id" text NOT NULL,
	"access_token" text,
	"refresh_token" text,
	"id_token" text,
	"access_token_expires_at" timestamp with time zone,
	"refresh_token_expires_at" timestamp with time zone,
	"scope" text,
	"password" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "accounts" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "sessions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"user_id" uuid NOT NULL,
	"token" text NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"ip_address" text,
	"user_agent" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "sessions_token_key" UNIQUE("token")
);
--> statement-breakpoint
ALTER TABLE "sessions" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "verifications" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"identifier" text NOT NULL,
	"value" text NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "verifications" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "calendar_integrations" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"user_id" uuid,
	"integration_type" text NOT NULL,
	"is_active" boolean DEFAULT true,
	"access_token" text,
	"refresh_token" text,
	"token_expires_at" timestamp with time zone,
	"calendar_id" text,
	"calendar_name" text,
	"sync_enabled" boolean DEFAULT true,
	"last_sync_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now(),
	"updated_at" timestamp with time zone DEFAULT now(),
	CONSTRAINT "calendar_integrations_integration_type_check" CHECK ("integration_type" IN ('google', 'outlook', 'apple', 'other'))
);
--> statement-breakpoint
ALTER TABLE "calendar_integrations" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "calls" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"user_id" uuid,
	"phone_number_id" uuid,
	"twilio_call_sid" text NOT NULL,
	"caller_number" text NOT NULL,
	"caller_name" text,
	"call_status" text,
	"call_direction" text,
	"call_duration" integer,
	"recording_url" text,
	"recording_sid" text,
	"transcription_text" text,
	"transcription_confidence" numeric(3, 2),
	"ai_processing_status" text DEFAULT 'pending',
	"main_topic" text,
	"call_summary" text,
	"sentiment_analysis" jsonb,
	"urgency_level" text DEFAULT 'medium',
	"created_at" timestamp with time zone DEFAULT now(),
	"updated_at" timestamp with time zone DEFAULT now(),
	"processed_at" timestamp with time zone,
	"email_sent_at" timestamp with time zone,
	CONSTRAINT "calls_twilio_call_sid_key" UNIQUE("twilio_call_sid"),
	CONSTRAINT "calls_call_status_check" CHECK ("call_status" IN ('ringing', 'in_progress', 'completed', 'busy', 'failed', 'no_answer', 'cancelled')),
	CONSTRAINT "calls_call_direction_check" CHECK ("call_direction" IN ('inbound', 'outbound')),
	CONSTRAINT "calls_ai_processing_status_check" CHECK ("ai_processing_status" IN ('pending', 'processing', 'completed', 'failed')),
	CONSTRAINT "calls_urgency_level_check" CHECK ("urgency_level" IN ('low', 'medium', 'high', 'emergency'))
);
--> statement-breakpoint
ALTER TABLE "calls" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "communication_logs" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"user_id" uuid,
	"event_id" uuid,
	"call_id" uuid,
	"communication_type" text NOT NULL,
	"recipient" text NOT NULL,
	"subject" text,
	"content" text,
	"status" text DEFAULT 'pending',
	"external_id" text,
	"error_message" text,
	"sent_at" timestamp with time zone,
	"delivered_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now(),
	CONSTRAINT "communication_logs_communication_type_check" CHECK ("communication_type" IN ('email', 'sms', 'call')),
	CONSTRAINT "communication_logs_status_check" CHECK ("status" IN ('pending', 'sent', 'delivered', 'failed', 'bounced'))
);
--> statement-breakpoint
ALTER TABLE "communication_logs" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "email_templates" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"user_id" uuid,
	"template_name" text NOT NULL,
	"industry_type" text,
	"event_type" text,
	"subject_template" text NOT NULL,
	"body_template" text NOT NULL,
	"is_active" boolean DEFAULT true,
	"is_default" boolean DEFAULT false,
	"variables" jsonb,
	"styling" jsonb,
	"created_at" timestamp with time zone DEFAULT now(),
	"updated_at" timestamp with time zone DEFAULT now()
);
--> statement-breakpoint
ALTER TABLE "email_templates" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "events" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"call_id" uuid,
	"user_id" uuid,
	"event_type" text DEFAULT 'meeting',
	"status" text DEFAULT 'extracted',
	"title" text NOT NULL,
	"description" text,
	"proposed_datetime" timestamp with time zone,
	"confirmed_datetime" timestamp with time zone,
	"duration_minutes" integer DEFAULT 60,
	"location" text,
	"location_type" text DEFAULT 'tbd',
	"customer_name" text,
	"customer_phone" text,
	"customer_email" text,
	"price_estimate" numeric(10, 2),
	"currency" text DEFAULT 'USD',
	"urgency_level" text DEFAULT 'medium',
	"notes" text,
	"ai_confidence" numeric(3, 2),
	"follow_up_required" boolean DEFAULT false,
	"follow_up_reason" text,
	"calendar_synced" boolean DEFAULT false,
	"calendar_event_id" text,
	"confirmation_sent_at" timestamp with time zone,
	"reminder_sent_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now(),
	"updated_at" timestamp with time zone DEFAULT now(),
	"completed_at" timestamp with time zone,
	CONSTRAINT "events_event_type_check" CHECK ("event_type" IN ('service_call', 'meeting', 'appointment', 'demo', 'follow_up', 'quote', 'consultation', 'inspection', 'emergency')),
	CONSTRAINT "events_status_check" CHECK ("status" IN ('extracted', 'pending', 'confirmed', 'tentative', 'completed', 'cancelled')),
	CONSTRAINT "events_location_type_check" CHECK ("location_type" IN ('address', 'virtual', 'phone', 'tbd')),
	CONSTRAINT "events_urgency_level_check" CHECK ("urgency_level" IN ('low', 'medium', 'high', 'emergency'))
);
--> statement-breakpoint
ALTER TABLE "events" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "industry_configurations" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"user_id" uuid,
	"industry_type" text NOT NULL,
	"event_types" jsonb NOT NULL,
	"terminology" jsonb,
	"default_duration_minutes" integer DEFAULT 60,
	"business_hours" jsonb,
	"pricing_enabled" boolean DEFAULT false,
	"location_required" boolean DEFAULT true,
	"auto_confirm_enabled" boolean DEFAULT false,
	"reminder_settings" jsonb,
	"created_at" timestamp with time zone DEFAULT now(),
	"updated_at" timestamp with time zone DEFAULT now()
);
--> statement-breakpoint
ALTER TABLE "industry_configurations" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "phone_numbers" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"user_id" uuid,
	"twilio_phone_number" text NOT NULL,
	"twilio_phone_sid" text NOT NULL,
	"is_active" boolean DEFAULT true,
	"created_at" timestamp with time zone DEFAULT now(),
	"updated_at" timestamp with time zone DEFAULT now()
);
--> statement-breakpoint
ALTER TABLE "phone_numbers" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "users" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"email" text NOT NULL,
	"full_name" text,
	"company_name" text,
	"industry_type" text,
	"subscription_tier" text DEFAULT 'basic',
	"phone_number" text,
	"timezone" text DEFAULT 'UTC',
	"created_at" timestamp with time zone DEFAULT now(),
	"updated_at" timestamp with time zone DEFAULT now(),
	"last_login_at" timestamp with time zone,
	"is_active" boolean DEFAULT true,
	"settings" jsonb DEFAULT '{}'::jsonb,
	"stripe_customer_id" text,
	"email_verified" boolean DEFAULT false NOT NULL,
	"image" text,
	CONSTRAINT "users_email_key" UNIQUE("email"),
	CONSTRAINT "users_industry_type_check" CHECK ("industry_type" IN ('plumbing', 'real_estate', 'legal', 'medical', 'sales', 'consulting', 'general_services', 'other')),
	CONSTRAINT "users_subscription_tier_check" CHECK ("subscription_tier" IN ('basic', 'professional', 'enterprise'))
);
--> statement-breakpoint
ALTER TABLE "users" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "audit_logs" ADD CONSTRAINT "audit_logs_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "accounts" ADD CONSTRAINT "accounts_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sessions" ADD CONSTRAINT "sessions_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "calendar_integrations" ADD CONSTRAINT "calendar_integrations_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "calls" ADD CONSTRAINT "calls_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "calls" ADD CONSTRAINT "calls_phone_number_id_fkey" FOREIGN KEY ("phone_number_id") REFERENCES "public"."phone_numbers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "communication_logs" ADD CONSTRAINT "communication_logs_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "communication_logs" ADD CONSTRAINT "communication_logs_event_id_fkey" FOREIGN KEY ("event_id") REFERENCES "public"."events"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "communication_logs" ADD CONSTRAINT "communication_logs_call_id_fkey" FOREIGN KEY ("call_id") REFERENCES "public"."calls"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "email_templates" ADD CONSTRAINT "email_templates_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "events" ADD CONSTRAINT "events_call_id_fkey" FOREIGN KEY ("call_id") REFERENCES "public"."calls"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "events" ADD CONSTRAINT "events_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "industry_configurations" ADD CONSTRAINT "industry_configurations_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "phone_numbers" ADD CONSTRAINT "phone_numbers_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "idx_audit_logs_user_id" ON "audit_logs" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "idx_audit_logs_created_at" ON "audit_logs" USING btree ("created_at" DESC NULLS FIRST);--> statement-breakpoint
CREATE INDEX "idx_audit_logs_action" ON "audit_logs" USING btree ("action");--> statement-breakpoint
CREATE INDEX "accounts_user_id_idx" ON "accounts" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "sessions_user_id_idx" ON "sessions" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "verifications_identifier_idx" ON "verifications" USING btree ("identifier");--> statement-breakpoint
CREATE INDEX "idx_calls_user_id" ON "calls" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "idx_calls_created_at" ON "calls" USING btree ("created_at" DESC NULLS FIRST);--> statement-breakpoint
CREATE INDEX "idx_calls_twilio_sid" ON "calls" USING btree ("twilio_call_sid");--> statement-breakpoint
CREATE INDEX "idx_calls_processing_status" ON "calls" USING btree ("ai_processing_status");--> statement-breakpoint
CREATE INDEX "idx_communication_logs_user_id" ON "communication_logs" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "idx_communication_logs_event_id" ON "communication_logs" USING btree ("event_id");--> statement-breakpoint
CREATE INDEX "idx_communication_logs_status" ON "communication_logs" USING btree ("status");--> statement-breakpoint
CREATE INDEX "idx_events_user_id" ON "events" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "idx_events_call_id" ON "events" USING btree ("call_id");--> statement-breakpoint
CREATE INDEX "idx_events_status" ON "events" USING btree ("status");--> statement-breakpoint
CREATE INDEX "idx_events_proposed_datetime" ON "events" USING btree ("proposed_datetime");--> statement-breakpoint
CREATE INDEX "idx_events_confirmed_datetime" ON "events" USING btree ("confirmed_datetime");--> statement-breakpoint
CREATE INDEX "idx_events_event_type" ON "events" USING btree ("event_type");--> statement-breakpoint
CREATE UNIQUE INDEX "industry_configurations_user_id_industry_type_key" ON "industry_configurations" USING btree ("user_id","industry_type");--> statement-breakpoint
CREATE POLICY "Users can access own audit logs" ON "audit_logs" AS PERMISSIVE FOR SELECT TO public USING (auth.uid() = user_id);--> statement-breakpoint
CREATE POLICY "Users can access own integrations" ON "calendar_integrations" AS PERMISSIVE FOR ALL TO public USING (auth.uid() = user_id);--> statement-breakpoint
CREATE POLICY "Users can access own calls" ON "calls" AS PERMISSIVE FOR ALL TO public USING (auth.uid() = user_id);--> statement-breakpoint
CREATE POLICY "Users can access own communications" ON "communication_logs" AS PERMISSIVE FOR ALL TO public USING (auth.uid() = user_id);--> statement-breakpoint
CREATE POLICY "Users can access own templates" ON "email_templates" AS PERMISSIVE FOR ALL TO public USING (auth.uid() = user_id);--> statement-breakpoint
CREATE POLICY "Users can read default templates" ON "email_templates" AS PERMISSIVE FOR SELECT TO public USING (user_id IS NULL);--> statement-breakpoint
CREATE POLICY "Users can access own events" ON "events" AS PERMISSIVE FOR ALL TO public USING (auth.uid() = user_id);--> statement-breakpoint
CREATE POLICY "Users can access own configurations" ON "industry_configurations" AS PERMISSIVE FOR ALL TO public USING (auth.uid() = user_id);--> statement-breakpoint
CREATE POLICY "Users can read default configurations" ON "industry_configurations" AS PERMISSIVE FOR SELECT TO public USING (user_id IS NULL);--> statement-breakpoint
CREATE POLICY "Users can access own phone numbers" ON "phone_numbers" AS PERMISSIVE FOR ALL TO public USING (auth.uid() = user_id);--> statement-breakpoint
CREATE POLICY "Users can access own data" ON "users" AS PERMISSIVE FOR ALL TO public USING (auth.uid() = id);