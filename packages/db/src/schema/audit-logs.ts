import { foreignKey, index, inet, jsonb, pgPolicy, pgTable, text, uuid } from "drizzle-orm/pg-core";
import { createdAt, ownedBy } from "./helpers";
import { users } from "./users";

/**
 * The audit trail. Users may read their own rows; only the server writes them
 * (flynn_app has no INSERT privilege here).
 */
export const auditLogs = pgTable(
  "audit_logs",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    userId: uuid("user_id"),
    action: text("action").notNull(),
    /** 'call', 'event', 'user', ... */
    resourceType: text("resource_type"),
    resourceId: uuid("resource_id"),
    oldValues: jsonb("old_values").$type<Record<string, unknown>>(),
    newValues: jsonb("new_values").$type<Record<string, unknown>>(),
    metadata: jsonb("metadata").$type<Record<string, unknown>>(),
    ipAddress: inet("ip_address"),
    userAgent: text("user_agent"),
    createdAt: createdAt(),
  },
  (t) => [
    foreignKey({ name: "audit_logs_user_id_fkey", columns: [t.userId], foreignColumns: [users.id] }).onDelete(
      "set null",
    ),
    index("idx_audit_logs_user_id").on(t.userId),
    index("idx_audit_logs_created_at").on(t.createdAt.desc().nullsFirst()),
    index("idx_audit_logs_action").on(t.action),
    // Not in the spec: a user's list, newest first, page after page (keyset on created_at, id).
    index("idx_audit_logs_user_id_created_at").on(t.userId, t.createdAt.desc().nullsFirst(), t.id.desc().nullsFirst()),
    pgPolicy("Users can access own audit logs", { for: "select", using: ownedBy("user_id") }),
  ],
);
