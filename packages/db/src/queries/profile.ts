import type { Onboarding, ProfileUpdate } from "@flynn/domain";
import { eq } from "drizzle-orm";
import type { Tx } from "../client";
import { users } from "../schema/index";

const profileColumns = {
  id: users.id,
  email: users.email,
  fullName: users.fullName,
  companyName: users.companyName,
  industryType: users.industryType,
  subscriptionTier: users.subscriptionTier,
  phoneNumber: users.phoneNumber,
  timezone: users.timezone,
  settings: users.settings,
  isActive: users.isActive,
  lastLoginAt: users.lastLoginAt,
  createdAt: users.createdAt,
  updatedAt: users.updatedAt,
};

export type Profile = Awaited<ReturnType<typeof getProfile>>;

export async function getProfile(tx: Tx, userId: string) {
  const [profile] = await tx.select(profileColumns).from(users).where(eq(users.id, userId));
  return profile ?? null;
}

export async function updateProfile(tx: Tx, userId: string, patch: ProfileUpdate | Onboarding) {
  const [profile] = await tx.update(users).set(patch).where(eq(users.id, userId)).returning(profileColumns);
  return profile ?? null;
}
