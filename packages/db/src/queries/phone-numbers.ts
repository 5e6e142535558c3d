import type { PhoneNumberRegister } from "@flynn/domain";
import { and, asc, desc, eq, sql } from "drizzle-orm";
import type { Tx } from "../client";
import { phoneNumbers } from "../schema/index";

const phoneNumberColumns = {
  id: phoneNumbers.id,
  twilioPhoneNumber: phoneNumbers.twilioPhoneNumber,
  twilioPhoneSid: phoneNumbers.twilioPhoneSid,
  isActive: phoneNumbers.isActive,
  createdAt: phoneNumbers.createdAt,
  updatedAt: phoneNumbers.updatedAt,
};

export type PhoneNumber = Awaited<ReturnType<typeof listPhoneNumbers>>[number];

/** The user's numbers: active ones first, then oldest first. */
export async function listPhoneNumbers(tx: Tx, userId: string) {
  return tx
    .select(phoneNumberColumns)
    .from(phoneNumbers)
    .where(eq(phoneNumbers.userId, userId))
    .orderBy(desc(sql`coalesce(${phoneNumbers.isActive}, false)`), asc(phoneNumbers.createdAt), asc(phoneNumbers.id));
}

/** One of the user's numbers; null when it is not the user's. */
export async function getPhoneNumber(tx: Tx, userId: string, id: string) {
  const [row] = await tx
    .select(phoneNumberColumns)
    .from(phoneNumbers)
    .where(and(eq(phoneNumbers.id, id), eq(phoneNumbers.userId, userId)));
  return row ?? null;
}

/**
 * Adds a number as active. A number that is active already (for this business or another)
 * violates phone_numbers_active_number_key, which the API reports as CONFLICT.
 */
export async function registerPhoneNumber(tx: Tx, userId: string, input: PhoneNumberRegister) {
  const [row] = await tx
    .insert(phoneNumbers)
    .values({ userId, twilioPhoneNumber: input.phoneNumber, twilioPhoneSid: input.twilioPhoneSid })
    .returning(phoneNumberColumns);
  return row ?? null;
}

/** Turns routing of calls to this number on or off; null when the number is not the user's. */
export async function setPhoneNumberActive(tx: Tx, userId: string, id: string, isActive: boolean) {
  const [row] = await tx
    .update(phoneNumbers)
    .set({ isActive })
    .where(and(eq(phoneNumbers.id, id), eq(phoneNumbers.userId, userId)))
    .returning(phoneNumberColumns);
  return row ?? null;
}
