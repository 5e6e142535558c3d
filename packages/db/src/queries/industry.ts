import {
  type EffectiveIndustryConfig,
  effectiveIndustryConfig,
  type IndustryConfigUpdate,
  type IndustryType,
} from "@flynn/domain";
import { and, eq, isNull, or } from "drizzle-orm";
import type { Tx } from "../client";
import { industryConfigurations, users } from "../schema/index";

const configColumns = {
  eventTypes: industryConfigurations.eventTypes,
  terminology: industryConfigurations.terminology,
  defaultDurationMinutes: industryConfigurations.defaultDurationMinutes,
  businessHours: industryConfigurations.businessHours,
  pricingEnabled: industryConfigurations.pricingEnabled,
  locationRequired: industryConfigurations.locationRequired,
  autoConfirmEnabled: industryConfigurations.autoConfirmEnabled,
  reminderSettings: industryConfigurations.reminderSettings,
};

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
