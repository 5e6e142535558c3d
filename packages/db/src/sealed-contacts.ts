/**
 * Customers' contact details at rest (the spec's security section): `events.customer_phone`
 * and `events.customer_email` hold values sealed by the application, each beside a keyed
 * hash for lookups by value ("this caller's events", opt-outs). Every path that writes or
 * reads those columns goes through these two functions, so none can store or show the
 * other form by mistake.
 */
import type { Keyring } from "@flynn/crypto";

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

/** The same number written differently ("+1 (512) 555-0123", "+15125550123") hashes alike. */
const phoneKey = (phone: string) => phone.replace(/[^\d+]/g, "");
const emailKey = (email: string) => email.trim().toLowerCase();

export function customerPhoneHash(keyring: Keyring, phone: string): string {
  return keyring.hash(phoneKey(phone), PHONE);
}

export function customerEmailHash(keyring: Keyring, email: string): string {
  return keyring.hash(emailKey(email), EMAIL);
}

/**
 * The columns to write for the given contacts: sealed values and their hashes. A field left
 * undefined is left out (a patch that does not touch it); null clears value and hash.
 */
export function sealCustomerContacts(keyring: Keyring, contacts: CustomerContacts): SealedCustomerContacts {
  const sealed: SealedCustomerContacts = {};
  if (contacts.customerPhone !== undefined) {
    const phone = contacts.customerPhone;
    sealed.customerPhone = phone === null ? null : keyring.seal(phone, PHONE);
    sealed.customerPhoneHash = phone === null ? null : customerPhoneHash(keyring, phone);
  }
  if (contacts.customerEmail !== undefined) {
    const email = contacts.customerEmail;
    sealed.customerEmail = email === null ? null : keyring.seal(email, EMAIL);
    sealed.customerEmailHash = email === null ? null : customerEmailHash(keyring, email);
  }
  return sealed;
}

/** A row as read from the database, with its contacts opened and the hashes dropped. */
export function openCustomerContacts<Row extends { customerPhone: string | null; customerEmail: string | null }>(
  keyring: Keyring,
  row: Row,
): Omit<Row, "customerPhoneHash" | "customerEmailHash"> {
  const { customerPhoneHash: _phoneHash, customerEmailHash: _emailHash, ...rest } = row as Row & SealedCustomerContacts;
  return {
    ...rest,
    customerPhone: row.customerPhone === null ? null : keyring.open(row.customerPhone, PHONE),
    customerEmail: row.customerEmail === null ? null : keyring.open(row.customerEmail, EMAIL),
  };
}
