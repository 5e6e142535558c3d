import { createKeyring, DecryptionError, testKeyring } from "@flynn/crypto";
import { describe, expect, it } from "vitest";
import {
  customerEmailHash,
  customerPhoneHash,
  openCustomerContacts,
  sealCustomerContacts,
  sealLegacyContacts,
} from "./sealed-contacts";

const keyring = testKeyring();

describe("sealCustomerContacts / openCustomerContacts", () => {
  it("seals both values with their hashes, and opens them back with the hashes dropped", () => {
    const sealed = sealCustomerContacts(keyring, { customerPhone: "+15125550123", customerEmail: "sam@example.test" });
    expect(sealed.customerPhone).not.toContain("5550123");
    expect(sealed.customerEmail).not.toContain("sam");
    expect(sealed.customerPhoneHash).toBe(customerPhoneHash(keyring, "+15125550123"));
    expect(sealed.customerEmailHash).toBe(customerEmailHash(keyring, "sam@example.test"));
    expect(openCustomerContacts(keyring, { id: "e1", ...sealed })).toEqual({
      id: "e1",
      customerPhone: "+15125550123",
      customerEmail: "sam@example.test",
    });
  });

  it("leaves out what a patch does not touch, and clears value and hash with null", () => {
    expect(sealCustomerContacts(keyring, { customerEmail: null })).toEqual({
      customerEmail: null,
      customerEmailHash: null,
    });
    expect(sealCustomerContacts(keyring, {})).toEqual({});
  });

  it("opens only the contacts a row has; a value of one column does not open as the other", () => {
    const { customerPhone } = sealCustomerContacts(keyring, { customerPhone: "+15125550123" });
    expect(openCustomerContacts(keyring, { customerPhone, title: "x" })).toEqual({
      customerPhone: "+15125550123",
      title: "x",
    });
    expect(() => openCustomerContacts(keyring, { customerEmail: customerPhone })).toThrow(DecryptionError);
  });

  it("reads legacy plaintext as it is, but refuses a value sealed with a key it does not hold", () => {
    expect(openCustomerContacts(keyring, { customerPhone: "+15125550123", customerEmail: null })).toEqual({
      customerPhone: "+15125550123",
      customerEmail: null,
    });
    const otherKey = createKeyring({ current: Buffer.alloc(32, 9) });
    const foreign = otherKey.seal("+15125550123", "events.customer_phone");
    expect(() => openCustomerContacts(keyring, { customerPhone: foreign })).toThrow(DecryptionError);
  });
});

describe("customerPhoneHash / customerEmailHash", () => {
  it("hash a number alike however it is written, and an email whatever its case", () => {
    const hash = customerPhoneHash(keyring, "+15125550123");
    for (const written of ["+1 (512) 555-0123", " +1.512.555.0123 ", "0015125550123"]) {
      expect(customerPhoneHash(keyring, written)).toBe(hash);
    }
    expect(customerPhoneHash(keyring, "+15125550124")).not.toBe(hash);
    expect(customerEmailHash(keyring, " Sam@Example.TEST ")).toBe(customerEmailHash(keyring, "sam@example.test"));
  });

  it("depend on the key: another ENCRYPTION_KEY gives other hashes", () => {
    const otherKey = createKeyring({ current: Buffer.alloc(32, 9) });
    expect(customerPhoneHash(otherKey, "+15125550123")).not.toBe(customerPhoneHash(keyring, "+15125550123"));
  });
});

describe("sealLegacyContacts", () => {
  const legacy = { customerPhoneHash: null, customerEmailHash: null };

  it("seals plaintext and fills the hashes; a sealed row needs nothing", () => {
    const patch = sealLegacyContacts(keyring, { ...legacy, customerPhone: "+15125550123", customerEmail: null });
    expect(Object.keys(patch).sort()).toEqual(["customerPhone", "customerPhoneHash"]);
    expect(openCustomerContacts(keyring, { customerPhone: patch.customerPhone ?? null })).toEqual({
      customerPhone: "+15125550123",
    });
    const sealed = sealCustomerContacts(keyring, { customerPhone: "+15125550123", customerEmail: "sam@example.test" });
    expect(
      sealLegacyContacts(keyring, {
        customerPhone: sealed.customerPhone ?? null,
        customerEmail: sealed.customerEmail ?? null,
        customerPhoneHash: sealed.customerPhoneHash ?? null,
        customerEmailHash: sealed.customerEmailHash ?? null,
      }),
    ).toEqual({});
  });

  it("fills a missing hash of a sealed value, and refuses one sealed with an unknown key", () => {
    const sealed = sealCustomerContacts(keyring, { customerEmail: "sam@example.test" });
    expect(
      sealLegacyContacts(keyring, { ...legacy, customerPhone: null, customerEmail: sealed.customerEmail ?? null }),
    ).toEqual({ customerEmailHash: customerEmailHash(keyring, "sam@example.test") });
    const foreign = createKeyring({ current: Buffer.alloc(32, 9) }).seal("+15125550123", "events.customer_phone");
    expect(() => sealLegacyContacts(keyring, { ...legacy, customerPhone: foreign, customerEmail: null })).toThrow(
      /sealed with a key/,
    );
  });
});
