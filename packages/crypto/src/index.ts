/**
 * Application-level encryption: what the spec stores "encrypted" (calendar tokens, customers'
 * phone numbers and emails) is sealed with AES-256-GCM before it reaches the database, so a
 * dump, a replica or a log of rows shows neither secrets nor customers' contact details.
 *
 * One `ENCRYPTION_KEY` (32 random bytes) yields separate subkeys (HKDF-SHA256) for sealing,
 * for lookup hashes and for signatures, so no two uses ever share a key. A sealed value names
 * the key that sealed it: after a rotation the previous keys still open old values.
 */
import { createCipheriv, createDecipheriv, createHmac, hkdfSync, randomBytes, timingSafeEqual } from "node:crypto";

export class EncryptionKeyError extends Error {
  override name = "EncryptionKeyError";
}

export class DecryptionError extends Error {
  override name = "DecryptionError";
}

const KEY_BYTES = 32;
const IV_BYTES = 12;
const TAG_BYTES = 16;
const VERSION = "v1";

/** A 32-byte key written as base64 (44 characters) or hex (64); anything else is refused. */
export function parseEncryptionKey(text: string): Buffer {
  const trimmed = text.trim();
  const bytes = /^[0-9a-fA-F]{64}$/.test(trimmed) ? Buffer.from(trimmed, "hex") : Buffer.from(trimmed, "base64");
  if (bytes.length !== KEY_BYTES || (!/^[0-9a-fA-F]{64}$/.test(trimmed) && bytes.toString("base64") !== trimmed)) {
    throw new EncryptionKeyError("must be 32 random bytes, base64 or hex (generate one with: openssl rand -base64 32)");
  }
  return bytes;
}

interface DerivedKey {
  /** Short public id written into sealed values, so the right key opens them after a rotation. */
  id: string;
  seal: Buffer;
  hash: Buffer;
  sign: Buffer;
}

function derive(master: Buffer): DerivedKey {
  const sub = (info: string) => Buffer.from(hkdfSync("sha256", master, Buffer.alloc(0), `flynn:${info}`, KEY_BYTES));
  return {
    id: sub("key-id").subarray(0, 6).toString("base64url"),
    seal: sub("seal"),
    hash: sub("hash"),
    sign: sub("sign"),
  };
}

export interface Keyring {
  /**
   * Encrypts `plaintext`. `context` (e.g. "events.customer_phone") is authenticated with it:
   * a value copied into another column, or another row kind, does not open there.
   */
  seal(plaintext: string, context: string): string;
  /** The plaintext of a sealed value; throws DecryptionError for anything else, naming no secret. */
  open(sealed: string, context: string): string;
  /** Whether a stored value is one of ours (a sealed value), not legacy plaintext. */
  isSealed(value: string): boolean;
  /** A keyed hash for equality lookups beside a sealed column (same input and purpose, same hash). */
  hash(value: string, purpose: string): string;
  /** A signature of `message` for `purpose` (links in emails, OAuth state), base64url. */
  sign(message: string, purpose: string): string;
  /** Constant-time check of a `sign` result, against the current and previous keys. */
  verify(message: string, signature: string, purpose: string): boolean;
}

export interface KeyringOptions {
  /** The key new values are sealed with (from `parseEncryptionKey`). */
  current: Buffer;
  /** Keys of earlier rotations: they only open and verify. */
  previous?: readonly Buffer[];
}

export function createKeyring({ current, previous = [] }: KeyringOptions): Keyring {
  const active = derive(current);
  const all = [active, ...previous.map(derive)];
  const byId = new Map(all.map((key) => [key.id, key]));
  const prefix = `${VERSION}.`;

  const mac = (key: Buffer, purpose: string, value: string) =>
    createHmac("sha256", key).update(purpose).update("\0").update(value).digest();

  return {
    seal(plaintext, context) {
      const iv = randomBytes(IV_BYTES);
      const cipher = createCipheriv("aes-256-gcm", active.seal, iv);
      cipher.setAAD(Buffer.from(context));
      const body = Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final(), cipher.getAuthTag()]);
      return `${prefix}${active.id}.${iv.toString("base64url")}.${body.toString("base64url")}`;
    },
    open(sealed, context) {
      const [version, keyId, iv, body] = sealed.split(".");
      if (version !== VERSION || !keyId || !iv || !body) throw new DecryptionError("not a sealed value");
      const key = byId.get(keyId);
      if (!key) throw new DecryptionError(`sealed with an unknown key (${keyId}); is ENCRYPTION_KEY the right one?`);
      const ivBytes = Buffer.from(iv, "base64url");
      const bytes = Buffer.from(body, "base64url");
      if (ivBytes.length !== IV_BYTES || bytes.length < TAG_BYTES) throw new DecryptionError("malformed sealed value");
      try {
        const decipher = createDecipheriv("aes-256-gcm", key.seal, ivBytes);
        decipher.setAAD(Buffer.from(context));
        decipher.setAuthTag(bytes.subarray(bytes.length - TAG_BYTES));
        return Buffer.concat([decipher.update(bytes.subarray(0, bytes.length - TAG_BYTES)), decipher.final()]).toString(
          "utf8",
        );
      } catch {
        throw new DecryptionError(`sealed value does not open for ${context} (tampered, or another column's)`);
      }
    },
    isSealed(value) {
      const parts = value.split(".");
      return parts.length === 4 && parts[0] === VERSION && byId.has(parts[1] ?? "");
    },
    hash(value, purpose) {
      return mac(active.hash, purpose, value).toString("base64url");
    },
    sign(message, purpose) {
      return mac(active.sign, purpose, message).toString("base64url");
    },
    verify(message, signature, purpose) {
      const given = Buffer.from(signature, "base64url");
      return all.some((key) => {
        const expected = mac(key.sign, purpose, message);
        return given.length === expected.length && timingSafeEqual(given, expected);
      });
    },
  };
}

/** An unguessable token (feed URLs, OAuth state, PKCE verifiers), base64url. */
export function randomToken(bytes = 32): string {
  return randomBytes(bytes).toString("base64url");
}

/** A keyring for tests: a fixed, obviously fake key, so sealed fixtures open across runs. */
export function testKeyring(): Keyring {
  return createKeyring({ current: Buffer.alloc(KEY_BYTES, 7) });
}
