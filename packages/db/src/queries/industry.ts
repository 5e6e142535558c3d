import {
  type EffectiveIndustryConfig,
  effectiveIndustryConfig,
  type IndustryConfigUpdate,
  type IndustryType,
} from "@flynn/domain";
import { and, asc, eq, isNull, or, type SQL, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import type { Tx } from "../client";
import { industryConfigurations, users } from "../schema/index";

const configColumnsOf = (table: typeof industryConfigurations) => ({
  eventTypes: table.eventTypes,
  terminology: table.terminology,
  defaultDurationMinutes: table.defaultDurationMinutes,
  businessHours: table.businessHours,
  pricingEnabled: table.pricingEnabled,
  locationRequired: table.locationRequired,
  autoConfirmEnabled: table.autoConfirmEnabled,
  reminderSettings: table.reminderSettings,
});

const configColumns = configColumnsOf(industryConfigurations);

/**
 * The two configuration rows of a user's industry as joins, for queries that read a call or
 * a user and its effective configuration in one statement (the worker's hot path): select
 * `columns.defaults` and `columns.own` after `.leftJoin(...joins.defaults).leftJoin(...joins.own)`,
 * then pass them to `effectiveIndustryConfig`. `industryType` is the user's industry
 * ("other" when none is chosen).
 */
export function industryConfigJoins(userId: SQL | typeof users.id, industryType: SQL) {
  // Typed as the table itself: the columns read are the same, only the names in SQL differ.
  const defaults = alias(industryConfigurations, "default_configuration") as unknown as typeof industryConfigurations;
  const own = alias(industryConfigurations, "own_configuration") as unknown as typeof industryConfigurations;
  const oldestDefault = sql`(SELECT ${industryConfigurations.id} FROM ${industryConfigurations}
    WHERE ${industryConfigurations.userId} IS NULL AND ${industryConfigurations.industryType} = ${industryType}
    ORDER BY ${asc(industryConfigurations.createdAt)} LIMIT 1)`;
  return {
    columns: { defaults: configColumnsOf(defaults), own: configColumnsOf(own) },
    joins: {
      defaults: [defaults, eq(defaults.id, oldestDefault)] as const,
      own: [own, and(eq(own.userId, userId), eq(own.industryType, industryType))] as const,
    },
  };
}

/**
 * Every overridable column as "follow the default". Written explicitly when the own row is
 * created, or the columns' database defaults (60 minutes, location required...) would
 * silently replace the industry's defaults.
 */
const inheritEverything = {
  terminology: null,
  defaultDurationMinutes: null,
  businessHours: null,
  pricingEnabled: null,
  locationRequired: null,
  autoConfirmEnabled: null,
  reminderSettings: null,
};

/**
 * The user's current industry (none chosen yet: "other"), its default row and the user's own
 * row. A caller that has already read the user's industry passes it and saves a query.
 */
async function industryRows(tx: Tx, userId: string, knownIndustryType?: IndustryType) {
  let industryType = knownIndustryType;
  if (!industryType) {
    const [user] = await tx.select({ industryType: users.industryType }).from(users).where(eq(users.id, userId));
    industryType = user?.industryType ?? "other";
  }
  const rows = await tx
    .select({ userId: industryConfigurations.userId, ...configColumns })
    .from(industryConfigurations)
    .where(
      and(
        eq(industryConfigurations.industryType, industryType),
        or(isNull(industryConfigurations.userId), eq(industryConfigurations.userId, userId)),
      ),
    )
    // The oldest default wins should a second one exist (the spec's own INSERT run again).
    .orderBy(industryConfigurations.createdAt);
  return {
    industryType,
    defaults: rows.find((row) => row.userId === null),
    own: rows.find((row) => row.userId === userId),
  };
}

/** The configuration in force for the user's industry; null only if the industry has no default. */
export async function getEffectiveIndustryConfig(
  tx: Tx,
  userId: string,
  knownIndustryType?: IndustryType,
): Promise<EffectiveIndustryConfig | null> {
  const { industryType, defaults, own } = await industryRows(tx, userId, knownIndustryType);
  return defaults ? effectiveIndustryConfig(industryType, defaults, own) : null;
}

/**
 * Applies `patch` to the user's own row for their current industry, creating it on first
 * change (event_types, which the database requires, starts as the default's list).
 */
export async function updateIndustryConfig(
  tx: Tx,
  userId: string,
  patch: IndustryConfigUpdate,
): Promise<EffectiveIndustryConfig | null> {
  const { industryType, defaults } = await industryRows(tx, userId);
  if (!defaults) return null;
  const [own] = await tx
    .insert(industryConfigurations)
    .values({ userId, industryType, ...inheritEverything, eventTypes: defaults.eventTypes, ...patch })
    .onConflictDoUpdate({ target: [industryConfigurations.userId, industryConfigurations.industryType], set: patch })
    .returning(configColumns);
  return effectiveIndustryConfig(industryType, defaults, own);
}

/** Deletes the user's own row for their current industry: every field follows the default again. */
export async function resetIndustryConfig(tx: Tx, userId: string): Promise<EffectiveIndustryConfig | null> {
  const { industryType, defaults } = await industryRows(tx, userId);
  await tx
    .delete(industryConfigurations)
    .where(and(eq(industryConfigurations.userId, userId), eq(industryConfigurations.industryType, industryType)));
  return defaults ? effectiveIndustryConfig(industryType, defaults, null) : null;
}
