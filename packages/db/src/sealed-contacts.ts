/**
 * Customers' contact details at rest (the spec's security section): `events.customer_phone`
 * and `events.customer_email` hold values sealed by the application, each beside a keyed
 * hash for lookups by value ("this caller's events", opt-outs). Every path that writes or
 * reads those columns goes through this module, so none can store or show the other form by
 * mistake.
 */
import type { Keyring } from "@flynn/crypto";
import { type SQL, sql } from "drizzle-orm";
import { events } from "./schema/events";

const PHONE = "events.customer_phone";
const EMAIL = "events.customer_email";

export interface CustomerContacts {
  customerPhone?: string | null;
  customerEmail?: string | null;
}

export interface SealedCustomerContacts {
  customerPhone?: string | null;
  customerEmail?: string | null;
  customerPhoneHash?: string | null;
  customerEmailHash?: string | null;
}

type HashColumns = "customerPhoneHash" | "customerEmailHash";

/**
 * A phone number as digits after "+" ("+1 (512) 555-0123" and "+15125550123" alike; the
 * international prefix "00" counts as "+"). Stored numbers are E.164, so this is what they hash as.
 */
function phoneKey(phone: string): string {
  const trimmed = phone.trim();
  const digits = trimmed.replace(/\D/g, "");
  return trimmed.startsWith("00") ? `+${digits.slice(2)}` : `+${digits}`;
}
const emailKey = (email: string) => email.trim().toLowerCase();

export function customerPhoneHash(keyring: Keyring, phone: string): string {
  return keyring.hash(phoneKey(phone), PHONE);
}

export function customerEmailHash(keyring: Keyring, email: string): string {
  return keyring.hash(emailKey(email), EMAIL);
}

/** The two sealed columns, each with its hash column and how its values hash. */
const FIELDS = [
  {
    key: "customerPhone",
    hashKey: "customerPhoneHash",
    context: PHONE,
    hashOf: customerPhoneHash,
    column: events.customerPhone,
    hashColumn: events.customerPhoneHash,
  },
  {
    key: "customerEmail",
    hashKey: "customerEmailHash",
    context: EMAIL,
    hashOf: customerEmailHash,
    column: events.customerEmail,
    hashColumn: events.customerEmailHash,
  },
] as const;

/**
 * The shape of a sealed value ("v1.<key id>.<iv>.<body>", base64url parts). No phone number
 * (digits) or email address (an "@") has it, so it tells legacy plaintext apart even when the
 * keyring does not hold the key that sealed the value.
 */
const SEALED_SHAPE = /^v\d+\.[\w-]+\.[\w-]+\.[\w-]+$/;

/**
 * The columns to write for the given contacts: sealed values and their hashes. A field left
 * undefined is left out (a patch that does not touch it); null clears value and hash.
 */
export function sealCustomerContacts(keyring: Keyring, contacts: CustomerContacts): SealedCustomerContacts {
  const sealed: SealedCustomerContacts = {};
  for (const field of FIELDS) {
    const value = contacts[field.key];
    if (value === undefined) continue;
    sealed[field.key] = value === null ? null : keyring.seal(value, field.context);
    sealed[field.hashKey] = value === null ? null : field.hashOf(keyring, value);
  }
  return sealed;
}

/**
 * `sealCustomerContacts` for an UPDATE of existing rows: a value whose hash the row already
 * has keeps its stored ciphertext. Sealing draws a new IV each time, so re-saving the same
 * number would otherwise rewrite the column, and the audit trail would record a change that
 * is none.
 */
export function sealCustomerContactsUpdate(
  keyring: Keyring,
  contacts: CustomerContacts,
): Partial<Record<keyof SealedCustomerContacts, string | null | SQL>> {
  const update: Partial<Record<keyof SealedCustomerContacts, string | null | SQL>> = {};
  for (const field of FIELDS) {
    const value = contacts[field.key];
    if (value === undefined) continue;
    if (value === null) {
      update[field.key] = null;
      update[field.hashKey] = null;
      continue;
    }
    const hash = field.hashOf(keyring, value);
    update[field.key] =
      sql`CASE WHEN ${field.hashColumn} = ${hash} THEN ${field.column} ELSE ${keyring.seal(value, field.context)} END`;
    update[field.hashKey] = hash;
  }
  return update;
}

/**
 * A row as read from the database, with whichever contacts it has opened and the hashes
 * dropped (they mean nothing outside the database). Legacy plaintext (rows written before
 * contacts were sealed, until `pnpm flynn seal-contacts` has run) reads as it is; a value
 * sealed with a key this keyring does not hold throws (DecryptionError) rather than pass
 * for plaintext.
 */
export function openCustomerContacts<Row extends CustomerContacts>(keyring: Keyring, row: Row): Omit<Row, HashColumns> {
  const { customerPhoneHash: _phoneHash, customerEmailHash: _emailHash, ...rest } = row as Row & SealedCustomerContacts;
  const opened: CustomerContacts = {};
  for (const field of FIELDS) {
    const value = row[field.key];
    if (typeof value === "string") {
      opened[field.key] = SEALED_SHAPE.test(value) ? keyring.open(value, field.context) : value;
    }
  }
  return { ...rest, ...opened } as Omit<Row, HashColumns>;
}

/**
 * What a search box's text can match among sealed contacts: an email address exactly (any
 * case), or a phone number however it is written. A number given without "+" or "00" is
 * tried as written with its country code, and, with ten digits, as a North American one.
 * SQL over `events`; undefined when the text is neither.
 */
export function matchesCustomerContact(keyring: Keyring, search: string): SQL | undefined {
  const text = search.trim();
  if (/^[^\s@]+@[^\s@]+$/.test(text)) return sql`${events.customerEmailHash} = ${customerEmailHash(keyring, text)}`;
  if (!/^\+?[\d\s().-]+$/.test(text)) return undefined;
  const digits = text.replace(/\D/g, "");
  if (digits.length < 7 || digits.length > 17) return undefined;
  const international = text.startsWith("+") || text.startsWith("00");
  const candidates = international ? [text] : [`+${digits}`, ...(digits.length === 10 ? [`+1${digits}`] : [])];
  const hashes = candidates.map((phone) => sql`${customerPhoneHash(keyring, phone)}`);
  return sql`${events.customerPhoneHash} IN (${sql.join(hashes, sql`, `)})`;
}

export interface LegacyContacts {
  customerPhone: string | null;
  customerEmail: string | null;
  customerPhoneHash: string | null;
  customerEmailHash: string | null;
}

/**
 * What the one-off backfill writes for a row: its plaintext contacts sealed and any missing
 * hash filled (empty: nothing to do). A value that has the sealed shape but was sealed with
 * a key this keyring does not hold is refused: sealing it again would bury it under the
 * wrong key.
 */
export function sealLegacyContacts(keyring: Keyring, row: LegacyContacts): SealedCustomerContacts {
  const patch: SealedCustomerContacts = {};
  for (const field of FIELDS) {
    const value = row[field.key];
    if (value === null) continue;
    if (!SEALED_SHAPE.test(value)) {
      patch[field.key] = keyring.seal(value, field.context);
      patch[field.hashKey] = field.hashOf(keyring, value);
    } else if (!keyring.isSealed(value)) {
      throw new Error(
        `${field.context} holds a value sealed with a key that neither ENCRYPTION_KEY nor ENCRYPTION_KEYS_PREVIOUS holds`,
      );
    } else if (row[field.hashKey] === null) {
      patch[field.hashKey] = field.hashOf(keyring, keyring.open(value, field.context));
    }
  }
  return patch;
}
