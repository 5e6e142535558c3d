import { COMMUNICATION_STATUSES, COMMUNICATION_TYPES } from "@flynn/domain/enums";
import { foreignKey, index, pgPolicy, pgTable, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { calls } from "./calls";
import { events } from "./events";
import { checkIn, createdAt, ownedBy } from "./helpers";
import { users } from "./users";

/** Every outbound email, SMS or call, with its delivery state at the provider. */
export const communicationLogs = pgTable(
  "communication_logs",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    userId: uuid("user_id"),
    eventId: uuid("event_id"),
    callId: uuid("call_id"),
    communicationType: text("communication_type", { enum: COMMUNICATION_TYPES }).notNull(),
    recipient: text("recipient").notNull(),
    subject: text("subject"),
    content: text("content"),
    status: text("status", { enum: COMMUNICATION_STATUSES }).default("pending"),
    /** The provider's id (Resend, Twilio...). */
    externalId: text("external_id"),
    errorMessage: text("error_message"),
    sentAt: timestamp("sent_at", { withTimezone: true }),
    deliveredAt: timestamp("delivered_at", { withTimezone: true }),
    createdAt: createdAt(),
    // Not in the spec: one message per purpose, ever (e.g. "event-reminder/<event>/<slot>/1440/email"):
    // a retried or duplicated job finds the row and sends nothing twice.
    idempotencyKey: text("idempotency_key"),
  },
  (t) => [
    foreignKey({ name: "communication_logs_user_id_fkey", columns: [t.userId], foreignColumns: [users.id] }).onDelete(
      "cascade",
    ),
    foreignKey({
      name: "communication_logs_event_id_fkey",
      columns: [t.eventId],
      foreignColumns: [events.id],
    }).onDelete("cascade"),
    foreignKey({ name: "communication_logs_call_id_fkey", columns: [t.callId], foreignColumns: [calls.id] }).onDelete(
      "cascade",
    ),
    checkIn("communication_logs", t.communicationType, COMMUNICATION_TYPES),
    checkIn("communication_logs", t.status, COMMUNICATION_STATUSES),
    index("idx_communication_logs_user_id").on(t.userId),
    index("idx_communication_logs_event_id").on(t.eventId),
    index("idx_communication_logs_status").on(t.status),
    // Not in the spec: a user's list, newest first, page after page (keyset on created_at, id).
    index("idx_communication_logs_user_id_created_at").on(
      t.userId,
      t.createdAt.desc().nullsFirst(),
      t.id.desc().nullsFirst(),
    ),
    uniqueIndex("communication_logs_idempotency_key_key").on(t.idempotencyKey),
    pgPolicy("Users can access own communications", { for: "all", using: ownedBy("user_id") }),
  ],
);
