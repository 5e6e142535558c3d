/**
 * The worker's environment, validated once at start. Development needs no variable (no
 * DATABASE_URL: the embedded Postgres; no RESEND_API_KEY: overview emails stay in the
 * outbox). Production must set the variables marked required.
 */
import { calendarClientProblems, calendarClientsEnv, commonEnv, encryptionKeyRules, envParser } from "@flynn/env";
import { DEFAULT_OPENAI_MODEL, DEFAULT_TRANSCRIPTION_MODEL } from "@flynn/extraction";
import { z } from "zod";

export { EnvError } from "@flynn/env";

const DEV_EMAIL_FROM = "Flynn <calls@flynn.localhost>";

const schema = z.object({
  ...commonEnv,
  /** Unset: emails are not sent but kept in communication_logs (the dashboard's outbox). */
  RESEND_API_KEY: z.string().min(1).optional(),
  /** Resend's API address; another one only for a compatible proxy or a test's stand-in. */
  RESEND_BASE_URL: z.url().default("https://api.resend.com"),
  /** The sender, on a domain verified at Resend. */
  EMAIL_FROM: z.string().min(3).default(DEV_EMAIL_FROM),
  /** The dashboard's address, for the "confirm this event" links in emails. */
  WEB_URL: z.url().default("http://localhost:5173"),
  /** Unset: the offline rules extractor, and calls Twilio did not transcribe fail for lack of a transcript. */
  OPENAI_API_KEY: z.string().min(1).optional(),
  /** Any OpenAI-compatible server (e.g. http://localhost:11434/v1); unset: OpenAI's. */
  OPENAI_BASE_URL: z.url().optional(),
  /** The chat model that extracts events (structured outputs). */
  OPENAI_MODEL: z.string().min(1).default(DEFAULT_OPENAI_MODEL),
  /** The model that transcribes recordings Twilio did not transcribe. */
  OPENAI_TRANSCRIPTION_MODEL: z.string().min(1).default(DEFAULT_TRANSCRIPTION_MODEL),
  // TWILIO_ACCOUNT_SID (commonEnv), with TWILIO_AUTH_TOKEN, authenticates recording downloads (Basic auth); unset: anonymous downloads.
  TWILIO_AUTH_TOKEN: z.string().min(1).optional(),
  /**
   * The API's public address: Twilio reports texts' delivery to its /webhooks/twilio/sms-status,
   * and emails link to its .ics files. Required in production.
   */
  PUBLIC_URL: z.url().default("http://localhost:8787"),
  // GOOGLE_CLIENT_ID/SECRET, MICROSOFT_CLIENT_ID/SECRET: sync events to connected calendars; unset: that provider is not synced.
  ...calendarClientsEnv,
  /** Jobs run at the same time by this process. */
  WORKER_CONCURRENCY: z.coerce.number().int().min(1).max(100).default(10),
});

export type Env = z.output<typeof schema>;

export const parseEnv = envParser(schema, {
  requiredInProduction: [
    "DATABASE_URL",
    "EMAIL_FROM",
    "WEB_URL",
    // Emails link to its .ics files (the owner's overview, customers' confirmations).
    "PUBLIC_URL",
    ...encryptionKeyRules.requiredInProduction,
  ],
  developmentValues: {
    EMAIL_FROM: [DEV_EMAIL_FROM, "the development sender"],
    ...encryptionKeyRules.developmentValues,
  },
  check: (source) => calendarClientProblems(source),
});
