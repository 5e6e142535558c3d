/**
 * The value lists of the data model (flynn-v2-database-schema.md), defined once.
 * They feed the database CHECK constraints (@flynn/db/schema), the zod schemas below,
 * tRPC inputs and the UI's select options, so a value added here reaches all of them.
 */
import { z } from "zod";

export const INDUSTRY_TYPES = [
  "plumbing",
  "real_estate",
  "legal",
  "medical",
  "sales",
  "consulting",
  "general_services",
  "other",
] as const;

export const SUBSCRIPTION_TIERS = ["basic", "professional", "enterprise"] as const;

export const CALL_STATUSES = [
  "ringing",
  "in_progress",
  "completed",
  "busy",
  "failed",
  "no_answer",
  "cancelled",
] as const;

export const CALL_DIRECTIONS = ["inbound", "outbound"] as const;

export const AI_PROCESSING_STATUSES = ["pending", "processing", "completed", "failed"] as const;

export const URGENCY_LEVELS = ["low", "medium", "high", "emergency"] as const;

export const EVENT_TYPES = [
  "service_call",
  "meeting",
  "appointment",
  "demo",
  "follow_up",
  "quote",
  "consultation",
  "inspection",
  "emergency",
] as const;

export const EVENT_STATUSES = ["extracted", "pending", "confirmed", "tentative", "completed", "cancelled"] as const;

export const LOCATION_TYPES = ["address", "virtual", "phone", "tbd"] as const;

export const INTEGRATION_TYPES = ["google", "outlook", "apple", "other"] as const;

export const COMMUNICATION_TYPES = ["email", "sms", "call"] as const;

export const COMMUNICATION_STATUSES = ["pending", "sent", "delivered", "failed", "bounced"] as const;

/** The resources the audit trigger records (its first argument on each table). */
export const AUDIT_RESOURCE_TYPES = [
  "user",
  "phone_number",
  "call",
  "event",
  "calendar_integration",
  "email_template",
  "industry_configuration",
] as const;

/** `user`: a signed-in user's request; `system`: server code (webhooks, the worker). */
export const AUDIT_ACTORS = ["user", "system"] as const;

export const industryTypeSchema = z.enum(INDUSTRY_TYPES);
export const subscriptionTierSchema = z.enum(SUBSCRIPTION_TIERS);
export const callStatusSchema = z.enum(CALL_STATUSES);
export const callDirectionSchema = z.enum(CALL_DIRECTIONS);
export const aiProcessingStatusSchema = z.enum(AI_PROCESSING_STATUSES);
export const urgencyLevelSchema = z.enum(URGENCY_LEVELS);
export const eventTypeSchema = z.enum(EVENT_TYPES);
export const eventStatusSchema = z.enum(EVENT_STATUSES);
export const locationTypeSchema = z.enum(LOCATION_TYPES);
export const integrationTypeSchema = z.enum(INTEGRATION_TYPES);
export const communicationTypeSchema = z.enum(COMMUNICATION_TYPES);
export const communicationStatusSchema = z.enum(COMMUNICATION_STATUSES);

export type IndustryType = z.infer<typeof industryTypeSchema>;
export type SubscriptionTier = z.infer<typeof subscriptionTierSchema>;
export type CallStatus = z.infer<typeof callStatusSchema>;
export type CallDirection = z.infer<typeof callDirectionSchema>;
export type AiProcessingStatus = z.infer<typeof aiProcessingStatusSchema>;
export type UrgencyLevel = z.infer<typeof urgencyLevelSchema>;
export type EventType = z.infer<typeof eventTypeSchema>;
export type EventStatus = z.infer<typeof eventStatusSchema>;
export type LocationType = z.infer<typeof locationTypeSchema>;
export type IntegrationType = z.infer<typeof integrationTypeSchema>;
export type CommunicationType = z.infer<typeof communicationTypeSchema>;
export type CommunicationStatus = z.infer<typeof communicationStatusSchema>;
