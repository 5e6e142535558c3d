import { boolean, foreignKey, pgPolicy, pgTable, text, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { createdAt, ownedBy, updatedAt } from "./helpers";
import { users } from "./users";

/**
 * Not in the spec: a customer's SMS consent per business, from the STOP / START / HELP
 * keywords they text to the business's number. Confirmations and reminders by SMS are sent
 * only to numbers that have not opted out.
 */
export const smsOptOuts = pgTable(
  "sms_opt_outs",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    userId: uuid("user_id").notNull(),
    /** The customer's number, E.164. */
    phoneNumber: text("phone_number").notNull(),
    optedOut: boolean("opted_out").notNull().default(true),
    /** The keyword of the last change, as texted (STOP, UNSUBSCRIBE, START...). */
    lastKeyword: text("last_keyword"),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    foreignKey({ name: "sms_opt_outs_user_id_fkey", columns: [t.userId], foreignColumns: [users.id] }).onDelete(
      "cascade",
    ),
    uniqueIndex("sms_opt_outs_user_id_phone_number_key").on(t.userId, t.phoneNumber),
    pgPolicy("Users can access own sms opt-outs", { for: "all", using: ownedBy("user_id") }),
  ],
);
