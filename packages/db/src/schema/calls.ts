import { AI_PROCESSING_STATUSES, CALL_DIRECTIONS, CALL_STATUSES, URGENCY_LEVELS } from "@flynn/domain/enums";
import {
  foreignKey,
  index,
  integer,
  jsonb,
  numeric,
  pgPolicy,
  pgTable,
  text,
  timestamp,
  uuid,
} from "drizzle-orm/pg-core";
import { checkIn, createdAt, ownedBy, updatedAt } from "./helpers";
import { phoneNumbers } from "./phone-numbers";
import { users } from "./users";

/** Every call, with recording, transcript and what the AI made of it. */
export const calls = pgTable(
  "calls",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    userId: uuid("user_id"),
    phoneNumberId: uuid("phone_number_id"),
    twilioCallSid: text("twilio_call_sid").notNull().unique("calls_twilio_call_sid_key"),
    callerNumber: text("caller_number").notNull(),
    callerName: text("caller_name"),
    callStatus: text("call_status", { enum: CALL_STATUSES }),
    callDirection: text("call_direction", { enum: CALL_DIRECTIONS }),
    /** Seconds. */
    callDuration: integer("call_duration"),
    recordingUrl: text("recording_url"),
    recordingSid: text("recording_sid"),
    transcriptionText: text("transcription_text"),
    transcriptionConfidence: numeric("transcription_confidence", { precision: 3, scale: 2 }),
    aiProcessingStatus: text("ai_processing_status", { enum: AI_PROCESSING_STATUSES }).default("pending"),
    /** AI-extracted main topic, used as the overview email's subject. */
    mainTopic: text("main_topic"),
    callSummary: text("call_summary"),
    sentimentAnalysis: jsonb("sentiment_analysis").$type<Record<string, unknown>>(),
    urgencyLevel: text("urgency_level", { enum: URGENCY_LEVELS }).default("medium"),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
    processedAt: timestamp("processed_at", { withTimezone: true }),
    emailSentAt: timestamp("email_sent_at", { withTimezone: true }),
    // Not in the spec: the highest Twilio SequenceNumber applied to call_status, so a
    // status callback that arrives late or twice never moves the call backwards.
    statusSequence: integer("status_sequence"),
  },
  (t) => [
    foreignKey({ name: "calls_user_id_fkey", columns: [t.userId], foreignColumns: [users.id] }).onDelete("cascade"),
    foreignKey({ name: "calls_phone_number_id_fkey", columns: [t.phoneNumberId], foreignColumns: [phoneNumbers.id] }),
    checkIn("calls", t.callStatus, CALL_STATUSES),
    checkIn("calls", t.callDirection, CALL_DIRECTIONS),
    checkIn("calls", t.aiProcessingStatus, AI_PROCESSING_STATUSES),
    checkIn("calls", t.urgencyLevel, URGENCY_LEVELS),
    index("idx_calls_user_id").on(t.userId),
    index("idx_calls_created_at").on(t.createdAt.desc().nullsFirst()),
    index("idx_calls_twilio_sid").on(t.twilioCallSid),
    index("idx_calls_processing_status").on(t.aiProcessingStatus),
    // Not in the spec: a user's list, newest first, page after page (keyset on created_at, id).
    index("idx_calls_user_id_created_at").on(t.userId, t.createdAt.desc().nullsFirst(), t.id.desc().nullsFirst()),
    pgPolicy("Users can access own calls", { for: "all", using: ownedBy("user_id") }),
  ],
);
