import type { AuditListInput } from "@flynn/domain";
import { and, eq, inArray, like, sql } from "drizzle-orm";
import type { Tx } from "../client";
import { auditLogs } from "../schema/index";
import { escapeLike } from "./filters";
import { keysetPage, newestFirst } from "./pagination";

/** `event.updated` is one action; `event.` is a prefix, every action on events. */
function actionMatches(action: string) {
  return action.endsWith(".") ? like(auditLogs.action, `${escapeLike(action)}%`) : eq(auditLogs.action, action);
}

export async function listAuditLogs(tx: Tx, userId: string, input: AuditListInput) {
  const { action, resourceType, resourceId, actor, limit } = input;
  const page = newestFirst(auditLogs, input);
  const rows = await tx
    .select({
      id: auditLogs.id,
      action: auditLogs.action,
      resourceType: auditLogs.resourceType,
      resourceId: auditLogs.resourceId,
      oldValues: auditLogs.oldValues,
      newValues: auditLogs.newValues,
      metadata: auditLogs.metadata,
      ipAddress: sql<string | null>`host(${auditLogs.ipAddress})`,
      userAgent: auditLogs.userAgent,
      createdAt: auditLogs.createdAt,
      sortKey: page.sortKey,
    })
    .from(auditLogs)
    .where(
      and(
        // RLS already limits the rows to the user's; saying so lets the planner use idx_audit_logs_user_id.
        eq(auditLogs.userId, userId),
        action ? actionMatches(action) : undefined,
        resourceType?.length ? inArray(auditLogs.resourceType, resourceType) : undefined,
        resourceId ? eq(auditLogs.resourceId, resourceId) : undefined,
        actor ? sql`${auditLogs.metadata} ->> 'actor' = ${actor}` : undefined,
        ...page.where,
      ),
    )
    .orderBy(...page.orderBy)
    .limit(limit + 1);
  return keysetPage(rows, limit);
}

export type AuditLogEntry = Awaited<ReturnType<typeof listAuditLogs>>["items"][number];
