import type { Keyring } from "@flynn/crypto";
import type {
  TemplateCreate,
  TemplateListFilters,
  TemplatePreview,
  TemplatePreviewSource,
  TemplateScope,
  TemplateUpdate,
} from "@flynn/domain";
import { and, asc, eq, isNull, or, type SQL, sql } from "drizzle-orm";
import type { Tx } from "../client";
import { calls, emailTemplates, events, users } from "../schema/index";
import { openCustomerContacts } from "../sealed-contacts";

const templateColumns = {
  id: emailTemplates.id,
  scope: sql<TemplateScope>`CASE WHEN ${emailTemplates.userId} IS NULL THEN 'default' ELSE 'own' END`,
  templateName: emailTemplates.templateName,
  industryType: emailTemplates.industryType,
  eventType: emailTemplates.eventType,
  subjectTemplate: emailTemplates.subjectTemplate,
  bodyTemplate: emailTemplates.bodyTemplate,
  isActive: emailTemplates.isActive,
  isDefault: emailTemplates.isDefault,
  variables: emailTemplates.variables,
  styling: emailTemplates.styling,
  createdAt: emailTemplates.createdAt,
  updatedAt: emailTemplates.updatedAt,
};

/**
 * What a template can say about an event: its fields, with the time in force (confirmed, else
 * proposed). The customer's phone and email come sealed: readers open them (`openCustomerContacts`).
 */
export const templateEventColumns = {
  title: events.title,
  eventType: events.eventType,
  datetime: sql<Date | null>`coalesce(${events.confirmedDatetime}, ${events.proposedDatetime})`.mapWith(
    events.proposedDatetime,
  ),
  durationMinutes: events.durationMinutes,
  location: events.location,
  customerName: events.customerName,
  customerPhone: events.customerPhone,
  customerEmail: events.customerEmail,
  priceEstimate: events.priceEstimate,
  currency: events.currency,
  urgencyLevel: events.urgencyLevel,
  notes: events.notes,
};

export type Template = NonNullable<Awaited<ReturnType<typeof getTemplate>>>;

/** The user's own templates and the system defaults (what row-level security lets a user read). */
const ownOrDefault = (userId: string) => or(eq(emailTemplates.userId, userId), isNull(emailTemplates.userId));

/** Own templates first, then defaults, each by name. */
export async function listTemplates(tx: Tx, userId: string, filters: TemplateListFilters) {
  const conditions: (SQL | undefined)[] = [ownOrDefault(userId)];
  if (filters.eventType) conditions.push(eq(emailTemplates.eventType, filters.eventType));
  if (filters.industryType) conditions.push(eq(emailTemplates.industryType, filters.industryType));
  return tx
    .select(templateColumns)
    .from(emailTemplates)
    .where(and(...conditions))
    .orderBy(sql`${emailTemplates.userId} IS NULL`, asc(emailTemplates.templateName), asc(emailTemplates.id));
}

export async function getTemplate(tx: Tx, userId: string, id: string) {
  const [row] = await tx
    .select(templateColumns)
    .from(emailTemplates)
    .where(and(eq(emailTemplates.id, id), ownOrDefault(userId)));
  return row ?? null;
}

export async function createTemplate(tx: Tx, userId: string, input: TemplateCreate) {
  const [row] = await tx
    .insert(emailTemplates)
    .values({ ...input, userId })
    .returning(templateColumns);
  return row ?? null;
}

/** Null for a template that is not the user's own, defaults included: those are read-only. */
export async function updateTemplate(tx: Tx, userId: string, { id, ...patch }: TemplateUpdate) {
  const [row] = await tx
    .update(emailTemplates)
    .set(patch)
    .where(and(eq(emailTemplates.id, id), eq(emailTemplates.userId, userId)))
    .returning(templateColumns);
  return row ?? null;
}

export async function deleteTemplate(tx: Tx, userId: string, id: string) {
  const [row] = await tx
    .delete(emailTemplates)
    .where(and(eq(emailTemplates.id, id), eq(emailTemplates.userId, userId)))
    .returning({ id: emailTemplates.id });
  return row ?? null;
}

/**
 * What a preview renders: the template, the business, and the event with its call when
 * `eventId` is given. Null when the template, or the requested event, is not the user's.
 */
export async function getTemplatePreviewSource(
  tx: Tx,
  keyring: Keyring,
  userId: string,
  { templateId, eventId }: TemplatePreview,
): Promise<TemplatePreviewSource | null> {
  const template = await getTemplate(tx, userId, templateId);
  if (!template) return null;
  const [business] = await tx
    .select({ timezone: users.timezone, companyName: users.companyName })
    .from(users)
    .where(eq(users.id, userId));
  if (!business) return null;
  if (!eventId) return { template, business, event: null };
  const [event] = await tx
    .select({
      ...templateEventColumns,
      mainTopic: calls.mainTopic,
      callSummary: calls.callSummary,
    })
    .from(events)
    .leftJoin(calls, eq(calls.id, events.callId))
    .where(and(eq(events.id, eventId), eq(events.userId, userId)));
  return event ? { template, business, event: openCustomerContacts(keyring, event) } : null;
}
