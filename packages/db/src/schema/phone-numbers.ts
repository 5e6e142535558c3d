import { sql } from "drizzle-orm";
import { boolean, foreignKey, pgPolicy, pgTable, text, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { createdAt, ownedBy, updatedAt } from "./helpers";
import { users } from "./users";

/** Twilio numbers of a business; an incoming call's `To` decides whose call it is. */
export const phoneNumbers = pgTable(
  "phone_numbers",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    userId: uuid("user_id"),
    twilioPhoneNumber: text("twilio_phone_number").notNull(),
    twilioPhoneSid: text("twilio_phone_sid").notNull(),
    isActive: boolean("is_active").default(true),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    foreignKey({ name: "phone_numbers_user_id_fkey", columns: [t.userId], foreignColumns: [users.id] }).onDelete(
      "cascade",
    ),
    // Not in the spec: an active number belongs to one business (incoming calls are routed by it).
    uniqueIndex("phone_numbers_active_number_key").on(t.twilioPhoneNumber).where(sql`is_active`),
    pgPolicy("Users can access own phone numbers", { for: "all", using: ownedBy("user_id") }),
  ],
);
