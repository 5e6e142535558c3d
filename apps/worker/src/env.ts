/**
 * The worker's environment, validated once at start. Development needs no variable (no
 * DATABASE_URL: the embedded Postgres; no RESEND_API_KEY: overview emails stay in the
 * outbox). Production must set the variables marked required.
 */
import { z } from "zod";

const DEV_EMAIL_FROM = "Flynn <calls@flynn.localhost>";

const schema = z.object({
  NODE_ENV: z.enum(["development", "test", "production"]).default("development"),
  DATABASE_URL: z.url({ protocol: /^postgres(ql)?$/ }).optional(),
  /** Unset: emails are not sent but kept in communication_logs (the dashboard's outbox). */
  RESEND_API_KEY: z.string().min(1).optional(),
  /** The sender, on a domain verified at Resend. */
  EMAIL_FROM: z.string().min(3).default(DEV_EMAIL_FROM),
  /** The dashboard's address, for the "confirm this event" links in emails. */
  WEB_URL: z.url().default("http://localhost:5173"),
  /** Jobs run at the same time by this process. */
  WORKER_CONCURRENCY: z.coerce.number().int().min(1).max(100).default(5),
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
