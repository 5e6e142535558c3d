import type { CalendarProviders } from "@flynn/calendar";
import type { Keyring } from "@flynn/crypto";
import type { Db } from "@flynn/db/client";
import type { Mailer } from "@flynn/email";
import {
  createOpenAIExtractor,
  createOpenAITranscriber,
  createRulesExtractor,
  createTwilioRecordingDownloader,
  type Extractor,
  type RecordingDownloader,
  type Transcriber,
} from "@flynn/extraction";
import type { SmsSender } from "@flynn/telephony";
import type { Env } from "./env";

/** What the jobs need, built once by main.ts (and by tests, with their own database and mailer). */
export interface WorkerDeps {
  db: Db;
  /** ENCRYPTION_KEY's keyring: customers' contact details, calendar tokens, signed links. */
  keyring: Keyring;
  mailer: Mailer;
  /** Reads a call's transcript into its overview and events (OpenAI with a key, else the rules). */
  extractor: Extractor;
  /** Speech to text for calls Twilio did not transcribe; absent without OPENAI_API_KEY. */
  transcription?: RecordingTranscription;
  /** The dashboard's address, for links in emails. */
  webUrl: string;
  /** Texts to customers through Twilio; absent (or without Twilio credentials): they stay in the outbox. */
  sms?: SmsSender;
  /** The API's public address (PUBLIC_URL), where the .ics files of "add to calendar" links live; absent: emails carry no such links. */
  apiUrl?: string;
  /** Google Calendar and Outlook clients (GOOGLE_* / MICROSOFT_*); absent or left out: not synced. */
  calendars?: CalendarProviders;
  /** The clock; tests pass a fixed one. */
  now: () => Date;
}

export interface RecordingTranscription {
  recordings: RecordingDownloader;
  transcriber: Transcriber;
}

/** The extractor and transcription the environment asks for: OpenAI's with a key, else the offline rules and none. */
export function createExtractionDeps(env: Env): Pick<WorkerDeps, "extractor" | "transcription"> {
  if (!env.OPENAI_API_KEY) return { extractor: createRulesExtractor() };
  const openai = { apiKey: env.OPENAI_API_KEY, ...(env.OPENAI_BASE_URL ? { baseURL: env.OPENAI_BASE_URL } : {}) };
  return {
    extractor: createOpenAIExtractor({ ...openai, model: env.OPENAI_MODEL }),
    transcription: {
      recordings: createTwilioRecordingDownloader({
        accountSid: env.TWILIO_ACCOUNT_SID,
        authToken: env.TWILIO_AUTH_TOKEN,
      }),
      transcriber: createOpenAITranscriber({ ...openai, model: env.OPENAI_TRANSCRIPTION_MODEL }),
    },
  };
}
