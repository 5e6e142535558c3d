/**
 * The worker's environment, validated once at start. Development needs no variable (no
 * DATABASE_URL: the embedded Postgres; no RESEND_API_KEY: overview emails stay in the
 * outbox). Production must set the variables marked required.
 */
import { DEFAULT_OPENAI_MODEL, DEFAULT_TRANSCRIPTION_MODEL } from "@flynn/extraction";
import { z } from "zod";

const DEV_EMAIL_FROM = "Flynn <calls@flynn.localhost>";

const schema = z.object({
  NODE_ENV: z.enum(["development", "test", "production"]).default("development"),
  DATABASE_URL: z.url({ protocol: /^postgres(ql)?$/ }).optional(),
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
  /** With TWILIO_AUTH_TOKEN, authenticates recording downloads (Basic auth); unset: anonymous downloads. */
  TWILIO_ACCOUNT_SID: z
    .string()
    .regex(/^AC[0-9a-f]{32}$/, "must be a Twilio account SID: AC followed by 32 hex digits")
    .optional(),
  TWILIO_AUTH_TOKEN: z.string().min(1).optional(),
  /** Jobs run at the same time by this process. */
  WORKER_CONCURRENCY: z.coerce.number().int().min(1).max(100).default(10),
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
});

export type Env = z.output<typeof schema>;

const REQUIRED_IN_PRODUCTION = ["DATABASE_URL", "EMAIL_FROM", "WEB_URL"] as const;

export class EnvError extends Error {
  override name = "EnvError";
}

export function parseEnv(source: Record<string, string | undefined>): Env {
  const problems: string[] = [];
  const result = schema.safeParse(source);
  if (!result.success) {
    for (const issue of result.error.issues) problems.push(`${issue.path.join(".")}: ${issue.message}`);
  }
  if ((source.NODE_ENV ?? "development") === "production") {
    for (const name of REQUIRED_IN_PRODUCTION) {
      if (!source[name]) problems.push(`${name}: required in production`);
    }
    if (source.EMAIL_FROM === DEV_EMAIL_FROM) problems.push("EMAIL_FROM: the development sender");
  }
  if (problems.length > 0 || !result.success) {
    throw new EnvError(`invalid environment:\n  ${problems.join("\n  ")}`);
  }
  return result.data;
}
