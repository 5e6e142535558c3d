import { sql } from "drizzle-orm";
import { boolean, foreignKey, jsonb, pgPolicy, pgTable, text, uuid } from "drizzle-orm/pg-core";
import { createdAt, ownedBy, updatedAt } from "./helpers";
import { users } from "./users";

/**
 * Email templates: a user's own rows, and system defaults (`user_id IS NULL`) that every
 * user may read and none may change. The spec's single policy
 * (`auth.uid() = user_id OR user_id IS NULL` for ALL) would let anyone edit the defaults,
 * so it is split into "own: everything" and "defaults: read only".
 */
export const emailTemplates = pgTable(
  "email_templates",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    userId: uuid("user_id"),
    templateName: text("template_name").notNull(),
    industryType: text("industry_type"),
    eventType: text("event_type"),
    subjectTemplate: text("subject_template").notNull(),
    bodyTemplate: text("body_template").notNull(),
    isActive: boolean("is_active").default(true),
    isDefault: boolean("is_default").default(false),
    /** Template variables and their defaults. */
    variables: jsonb("variables").$type<Record<string, string>>(),
    /** Custom styling options. */
    styling: jsonb("styling").$type<Record<string, unknown>>(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    foreignKey({ name: "email_templates_user_id_fkey", columns: [t.userId], foreignColumns: [users.id] }).onDelete(
      "cascade",
    ),
    pgPolicy("Users can access own templates", { for: "all", using: ownedBy("user_id") }),
    pgPolicy("Users can read default templates", { for: "select", using: sql`user_id IS NULL` }),
  ],
);
