import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { createKeyring, DecryptionError, EncryptionKeyError, parseEncryptionKey, randomToken } from "./index";

const key = () => randomBytes(32);

describe("parseEncryptionKey", () => {
  it("reads 32 bytes written as base64 or hex", () => {
    const bytes = key();
    expect(parseEncryptionKey(bytes.toString("base64"))).toEqual(bytes);
    expect(parseEncryptionKey(bytes.toString("hex"))).toEqual(bytes);
  });

  it.each([
    ["too short", randomBytes(16).toString("base64")],
    ["not base64", "this is not a key at all, but it is 44 chars"],
    ["empty", ""],
  ])("refuses a key that is %s", (_, text) => {
    expect(() => parseEncryptionKey(text)).toThrow(EncryptionKeyError);
  });
});

describe("keyring", () => {
  it("seals so that only the same context opens, and never stores the plaintext", () => {
    const keyring = createKeyring({ current: key() });
    const sealed = keyring.seal("+14155552671", "events.customer_phone");
    expect(sealed).not.toContain("4155552671");
    expect(keyring.isSealed(sealed)).toBe(true);
    expect(keyring.open(sealed, "events.customer_phone")).toBe("+14155552671");
    expect(() => keyring.open(sealed, "events.customer_email")).toThrow(DecryptionError);
  });

  it("seals the same value differently each time (random IV)", () => {
    const keyring = createKeyring({ current: key() });
    expect(keyring.seal("jane@example.com", "c")).not.toBe(keyring.seal("jane@example.com", "c"));
  });

  it("detects tampering", () => {
    const keyring = createKeyring({ current: key() });
    const sealed = keyring.seal("jane@example.com", "c");
    const body = sealed.split(".")[3] as string;
    const flipped = `${body[0] === "A" ? "B" : "A"}${body.slice(1)}`;
    expect(() => keyring.open(sealed.replace(body, flipped), "c")).toThrow(DecryptionError);
    expect(keyring.isSealed("jane@example.com")).toBe(false);
    expect(() => keyring.open("jane@example.com", "c")).toThrow(DecryptionError);
  });

  it("opens values of a previous key after a rotation; a stranger key opens nothing", () => {
    const old = key();
    const sealedBefore = createKeyring({ current: old }).seal("secret", "c");
    const rotated = createKeyring({ current: key(), previous: [old] });
    expect(rotated.open(sealedBefore, "c")).toBe("secret");
    expect(() => createKeyring({ current: key() }).open(sealedBefore, "c")).toThrow(/unknown key/);
  });

  it("hashes deterministically per purpose, and signs verifiably across a rotation", () => {
    const old = key();
    const before = createKeyring({ current: old });
    expect(before.hash("+14155552671", "phone")).toBe(before.hash("+14155552671", "phone"));
    expect(before.hash("+14155552671", "phone")).not.toBe(before.hash("+14155552671", "email"));
    const signature = before.sign("event:1", "ics");
    const rotated = createKeyring({ current: key(), previous: [old] });
    expect(rotated.verify("event:1", signature, "ics")).toBe(true);
    expect(rotated.verify("event:2", signature, "ics")).toBe(false);
    expect(rotated.verify("event:1", signature, "other")).toBe(false);
    expect(rotated.verify("event:1", "short", "ics")).toBe(false);
  });

  it("makes tokens that do not repeat", () => {
    expect(randomToken()).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(randomToken()).not.toBe(randomToken());
  });
});
