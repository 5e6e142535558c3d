/**
 * How every Flynn process validates its environment at start. Each app declares its zod
 * schema (defaults make development work with no variable at all) and what production must
 * set; the parser reports every problem at once, naming each variable, so a deploy fails
 * with one complete message instead of one error per restart. Apps pass `process.env`;
 * nothing here reads it.
 */
import { createKeyring, EncryptionKeyError, type Keyring, parseEncryptionKey } from "@flynn/crypto";
import { z } from "zod";

export class EnvError extends Error {
  override name = "EnvError";
}

/**
 * The development key: the embedded database's sealed values open under it. Production
 * refuses it (`encryptionKeyRules`); generate a key with `openssl rand -base64 32`.
 */
export const DEV_ENCRYPTION_KEY = "Zmx5bm4tZGV2ZWxvcG1lbnQta2V5LW5vdC1zZWNyZXQ=";

const encryptionKey = z.string().refine(
  (text) => {
    try {
      parseEncryptionKey(text);
      return true;
    } catch (error) {
      if (error instanceof EncryptionKeyError) return false;
      throw error;
    }
  },
  { message: "must be 32 random bytes, base64 or hex (generate one with: openssl rand -base64 32)" },
);

/** Variables several processes read, declared once. */
export const commonEnv = {
  NODE_ENV: z.enum(["development", "test", "production"]).default("development"),
  /** Unset: the embedded Postgres (development and tests only). */
  DATABASE_URL: z.url({ protocol: /^postgres(ql)?$/ }).optional(),
  TWILIO_ACCOUNT_SID: z
    .string()
    .regex(/^AC[0-9a-f]{32}$/, "must be a Twilio account SID: AC followed by 32 hex digits")
    .optional(),
  /** Seals calendar tokens and customers' contact details (AES-256-GCM) and signs links. */
  ENCRYPTION_KEY: encryptionKey.default(DEV_ENCRYPTION_KEY),
  /** Keys of earlier rotations, comma-separated: they still open what they sealed. */
  ENCRYPTION_KEYS_PREVIOUS: z
    .string()
    .optional()
    .transform((value) => (value ? value.split(",").map((key) => key.trim()) : []))
    .pipe(z.array(encryptionKey)),
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
};

/** "true"/"1" or "false"/"0"; unset is false. */
export const booleanFlag = z
  .enum(["true", "false", "1", "0"])
  .transform((v) => v === "true" || v === "1")
  .default(false);

type Source = Record<string, string | undefined>;

export interface EnvRules<Env> {
  /** Variables with a development default that production must set explicitly. */
  requiredInProduction: readonly string[];
  /** Development defaults production refuses, e.g. `{ BETTER_AUTH_SECRET: [value, "the development secret"] }`. */
  developmentValues?: Record<string, readonly [value: string, description: string]>;
  /** Further problems, as "NAME: what is wrong" (`env` is undefined when the schema itself failed). */
  check?: (source: Source, env: Env | undefined) => string[];
}

export function envParser<Schema extends z.ZodType<object>>(schema: Schema, rules: EnvRules<z.output<Schema>>) {
  return (source: Source): z.output<Schema> => {
    const result = schema.safeParse(source);
    const problems = result.success ? [] : result.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`);
    if ((source.NODE_ENV ?? "development") === "production") {
      for (const name of rules.requiredInProduction) {
        if (!source[name]) problems.push(`${name}: required in production`);
      }
      for (const [name, [value, description]] of Object.entries(rules.developmentValues ?? {})) {
        if (source[name] === value) problems.push(`${name}: ${description}`);
      }
    }
    problems.push(...(rules.check?.(source, result.success ? result.data : undefined) ?? []));
    if (!result.success || problems.length > 0) {
      throw new EnvError(`invalid environment:\n  ${problems.join("\n  ")}`);
    }
    return result.data;
  };
}

/** ENCRYPTION_KEY's production rules, for each app's `envParser` rules. */
export const encryptionKeyRules = {
  requiredInProduction: ["ENCRYPTION_KEY"],
  developmentValues: { ENCRYPTION_KEY: [DEV_ENCRYPTION_KEY, "the development key"] },
} as const;

/** The keyring of a parsed environment (ENCRYPTION_KEY, then the previous keys). */
export function keyringFromEnv(env: { ENCRYPTION_KEY: string; ENCRYPTION_KEYS_PREVIOUS: string[] }): Keyring {
  return createKeyring({
    current: parseEncryptionKey(env.ENCRYPTION_KEY),
    previous: env.ENCRYPTION_KEYS_PREVIOUS.map(parseEncryptionKey),
  });
}

/**
 * The calendar providers' OAuth clients (the API connects calendars, the worker syncs events
 * into them). A provider without both its id and secret is "not configured"; the dashboard
 * says so instead of offering it.
 */
export const calendarClientsEnv = {
  GOOGLE_CLIENT_ID: z.string().min(1).optional(),
  GOOGLE_CLIENT_SECRET: z.string().min(1).optional(),
  MICROSOFT_CLIENT_ID: z.string().min(1).optional(),
  MICROSOFT_CLIENT_SECRET: z.string().min(1).optional(),
};

const CALENDAR_CLIENT_PAIRS = [
  ["GOOGLE_CLIENT_ID", "GOOGLE_CLIENT_SECRET"],
  ["MICROSOFT_CLIENT_ID", "MICROSOFT_CLIENT_SECRET"],
] as const;

/** One half of a calendar client without the other is a mistake, not "not configured": name it. */
export function calendarClientProblems(source: Source): string[] {
  return CALENDAR_CLIENT_PAIRS.flatMap(([id, secret]) =>
    Boolean(source[id]) === Boolean(source[secret])
      ? []
      : [`${source[id] ? secret : id}: required with ${source[id] ? id : secret}`],
  );
}

/** The clients for `createCalendarProviders` (@flynn/calendar). */
export function calendarClientsFromEnv(env: {
  GOOGLE_CLIENT_ID?: string;
  GOOGLE_CLIENT_SECRET?: string;
  MICROSOFT_CLIENT_ID?: string;
  MICROSOFT_CLIENT_SECRET?: string;
}) {
  return {
    google: { clientId: env.GOOGLE_CLIENT_ID, clientSecret: env.GOOGLE_CLIENT_SECRET },
    microsoft: { clientId: env.MICROSOFT_CLIENT_ID, clientSecret: env.MICROSOFT_CLIENT_SECRET },
  };
}
