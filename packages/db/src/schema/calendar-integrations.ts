import { INTEGRATION_TYPES } from "@flynn/domain/enums";
import { boolean, foreignKey, pgPolicy, pgTable, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { checkIn, createdAt, ownedBy, updatedAt } from "./helpers";
import { users } from "./users";

/** A user's connected calendars. Tokens are stored encrypted by the application (AES-256-GCM). */
export const calendarIntegrations = pgTable(
  "calendar_integrations",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    userId: uuid("user_id"),
    integrationType: text("integration_type", { enum: INTEGRATION_TYPES }).notNull(),
    isActive: boolean("is_active").default(true),
    accessToken: text("access_token"),
    refreshToken: text("refresh_token"),
    tokenExpiresAt: timestamp("token_expires_at", { withTimezone: true }),
    calendarId: text("calendar_id"),
    calendarName: text("calendar_name"),
    syncEnabled: boolean("sync_enabled").default(true),
    lastSyncAt: timestamp("last_sync_at", { withTimezone: true }),
    // Not in the spec: why the last sync failed, or why the connection was deactivated
    // (e.g. Google's invalid_grant), for the settings page and the dashboard's banner.
    lastError: text("last_error"),
    // Not in the spec: when the connection stopped working (deactivated for a dead grant);
    // null while it works, cleared on reconnect. It names the disconnection in the owner's
    // "reconnect" email's idempotency key: one email per disconnection, whatever else changes.
    disconnectedAt: timestamp("disconnected_at", { withTimezone: true }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    foreignKey({
      name: "calendar_integrations_user_id_fkey",
      columns: [t.userId],
      foreignColumns: [users.id],
    }).onDelete("cascade"),
    checkIn("calendar_integrations", t.integrationType, INTEGRATION_TYPES),
    // Not in the spec: one connection per provider per user; reconnecting replaces its tokens.
    uniqueIndex("calendar_integrations_user_id_integration_type_key").on(t.userId, t.integrationType),
    pgPolicy("Users can access own integrations", { for: "all", using: ownedBy("user_id") }),
  ],
);
