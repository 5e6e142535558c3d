import { EVENT_STATUSES, EVENT_TYPES, LOCATION_TYPES, URGENCY_LEVELS } from "@flynn/domain/enums";
import {
  boolean,
  foreignKey,
  index,
  integer,
  numeric,
  pgPolicy,
  pgTable,
  text,
  timestamp,
  uuid,
} from "drizzle-orm/pg-core";
import { calendarIntegrations } from "./calendar-integrations";
import { calls } from "./calls";
import { checkIn, createdAt, ownedBy, updatedAt } from "./helpers";
import { users } from "./users";

/** Appointments, service calls, meetings... agreed in a call (the core of Flynn). */
export const events = pgTable(
  "events",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    callId: uuid("call_id"),
    userId: uuid("user_id"),
    eventType: text("event_type", { enum: EVENT_TYPES }).default("meeting"),
    status: text("status", { enum: EVENT_STATUSES }).default("extracted"),
    title: text("title").notNull(),
    description: text("description"),
    proposedDatetime: timestamp("proposed_datetime", { withTimezone: true }),
    confirmedDatetime: timestamp("confirmed_datetime", { withTimezone: true }),
    durationMinutes: integer("duration_minutes").default(60),
    location: text("location"),
    locationType: text("location_type", { enum: LOCATION_TYPES }).default("tbd"),
    customerName: text("customer_name"),
    /** Sealed by the application (AES-256-GCM, @flynn/crypto): never plaintext in the database. */
    customerPhone: text("customer_phone"),
    /** Sealed by the application, like customer_phone. */
    customerEmail: text("customer_email"),
    priceEstimate: numeric("price_estimate", { precision: 10, scale: 2 }),
    currency: text("currency").default("USD"),
    urgencyLevel: text("urgency_level", { enum: URGENCY_LEVELS }).default("medium"),
    notes: text("notes"),
    /** AI extraction confidence, 0 to 1. */
    aiConfidence: numeric("ai_confidence", { precision: 3, scale: 2 }),
    followUpRequired: boolean("follow_up_required").default(false),
    followUpReason: text("follow_up_reason"),
    calendarSynced: boolean("calendar_synced").default(false),
    calendarEventId: text("calendar_event_id"),
    confirmationSentAt: timestamp("confirmation_sent_at", { withTimezone: true }),
    reminderSentAt: timestamp("reminder_sent_at", { withTimezone: true }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
    completedAt: timestamp("completed_at", { withTimezone: true }),
    // Not in the spec: keyed hashes (HMAC) of the E.164 phone and the lower-cased email, for
    // lookups by value now that the columns themselves are sealed.
    customerPhoneHash: text("customer_phone_hash"),
    customerEmailHash: text("customer_email_hash"),
    // Not in the spec: raised by a trigger on every change a calendar shows (iCalendar
    // SEQUENCE; Google's and Outlook's copies are patched when it moves).
    calendarSequence: integer("calendar_sequence").notNull().default(0),
    // Not in the spec: where the copy named by calendar_event_id lives (the connection and the
    // calendar it was written to), so a copy left behind when the owner picks another calendar
    // or provider is removed there. Null with a calendar_event_id: its connection was deleted.
    calendarCopyIntegrationId: uuid("calendar_copy_integration_id"),
    calendarCopyCalendarId: text("calendar_copy_calendar_id"),
  },
  (t) => [
    foreignKey({ name: "events_call_id_fkey", columns: [t.callId], foreignColumns: [calls.id] }).onDelete("cascade"),
    foreignKey({ name: "events_user_id_fkey", columns: [t.userId], foreignColumns: [users.id] }).onDelete("cascade"),
    foreignKey({
      name: "events_calendar_copy_integration_id_fkey",
      columns: [t.calendarCopyIntegrationId],
      foreignColumns: [calendarIntegrations.id],
    }).onDelete("set null"),
    checkIn("events", t.eventType, EVENT_TYPES),
    checkIn("events", t.status, EVENT_STATUSES),
    checkIn("events", t.locationType, LOCATION_TYPES),
    checkIn("events", t.urgencyLevel, URGENCY_LEVELS),
    index("idx_events_user_id").on(t.userId),
    index("idx_events_call_id").on(t.callId),
    index("idx_events_status").on(t.status),
    index("idx_events_proposed_datetime").on(t.proposedDatetime),
    index("idx_events_confirmed_datetime").on(t.confirmedDatetime),
    index("idx_events_event_type").on(t.eventType),
    // Not in the spec: a user's list, newest first, page after page (keyset on created_at, id).
    index("idx_events_user_id_created_at").on(t.userId, t.createdAt.desc().nullsFirst(), t.id.desc().nullsFirst()),
    index("idx_events_user_id_customer_phone_hash").on(t.userId, t.customerPhoneHash),
    pgPolicy("Users can access own events", { for: "all", using: ownedBy("user_id") }),
  ],
);
