import { INDUSTRY_TYPES, SUBSCRIPTION_TIERS } from "@flynn/domain/enums";
import { sql } from "drizzle-orm";
import { boolean, jsonb, pgPolicy, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { checkIn, createdAt, ownedBy, updatedAt } from "./helpers";

/** Business owners. Also better-auth's user table (`name` maps to `full_name`). */
export const users = pgTable(
  "users",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    email: text("email").notNull().unique("users_email_key"),
    fullName: text("full_name"),
    companyName: text("company_name"),
    industryType: text("industry_type", { enum: INDUSTRY_TYPES }),
    subscriptionTier: text("subscription_tier", { enum: SUBSCRIPTION_TIERS }).default("basic"),
    phoneNumber: text("phone_number"),
    timezone: text("timezone").default("UTC"),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
    lastLoginAt: timestamp("last_login_at", { withTimezone: true }),
    isActive: boolean("is_active").default(true),
    settings: jsonb("settings").$type<Record<string, unknown>>().default(sql`'{}'::jsonb`),
    stripeCustomerId: text("stripe_customer_id"),
    // Not in the spec: required by better-auth.
    emailVerified: boolean("email_verified").notNull().default(false),
    image: text("image"),
  },
  (t) => [
    checkIn("users", t.industryType, INDUSTRY_TYPES),
    checkIn("users", t.subscriptionTier, SUBSCRIPTION_TIERS),
    pgPolicy("Users can access own data", { for: "all", using: ownedBy("id") }),
  ],
);
