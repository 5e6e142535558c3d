import { foreignKey, pgPolicy, pgTable, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { createdAt, ownedBy } from "./helpers";
import { users } from "./users";

/**
 * Not in the spec: each user's iCalendar subscription feed (`/calendar/<token>.ics`, for
 * Apple Calendar and any client that subscribes to a URL). The token is the feed's only
 * credential: it is found by its keyed hash and kept sealed so settings can show the link
 * again; rotating it replaces both, and the old URL answers 404.
 */
export const calendarFeeds = pgTable(
  "calendar_feeds",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    userId: uuid("user_id").notNull(),
    /** Keyed hash (HMAC, @flynn/crypto) of the token in the URL. */
    tokenHash: text("token_hash").notNull(),
    /** The token, sealed by the application. */
    token: text("token").notNull(),
    createdAt: createdAt(),
    rotatedAt: timestamp("rotated_at", { withTimezone: true }),
  },
  (t) => [
    foreignKey({ name: "calendar_feeds_user_id_fkey", columns: [t.userId], foreignColumns: [users.id] }).onDelete(
      "cascade",
    ),
    uniqueIndex("calendar_feeds_user_id_key").on(t.userId),
    uniqueIndex("calendar_feeds_token_hash_key").on(t.tokenHash),
    pgPolicy("Users can access own calendar feed", { for: "all", using: ownedBy("user_id") }),
  ],
);
