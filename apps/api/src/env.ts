/**
 * The API's environment, validated once at start. Development and tests need no variable:
 * every one has a safe default (and no DATABASE_URL means the embedded Postgres). In
 * production the variables marked required must be set, or the process stops with a
 * message naming each one that is missing or invalid.
 */
import { DEV_TWILIO_AUTH_TOKEN } from "@flynn/telephony";
import { z } from "zod";

const DEV_AUTH_SECRET = "flynn-development-secret-do-not-use-in-production";

const booleanFlag = z
  .enum(["true", "false", "1", "0"])
  .transform((v) => v === "true" || v === "1")
  .default(false);

const schema = z.object({
  NODE_ENV: z.enum(["development", "test", "production"]).default("development"),
  PORT: z.coerce.number().int().min(1).max(65535).default(8787),
  DATABASE_URL: z.url({ protocol: /^postgres(ql)?$/ }).optional(),
  /** Connections this instance keeps to Postgres; more than a few per core only adds contention. */
  DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(100).default(10),
  /** The public address of this API (Twilio signs requests to it; cookies are issued for it). */
  PUBLIC_URL: z.url().default("http://localhost:8787"),
  /** The dashboard's origin, allowed by CORS and by better-auth. Comma-separate several. */
  WEB_ORIGIN: z
    .string()
    .default("http://localhost:5173,http://localhost:4173")
    .transform((value) => value.split(",").map((origin) => origin.trim()))
    .pipe(z.array(z.url())),
  BETTER_AUTH_SECRET: z.string().min(32, "must be at least 32 characters").default(DEV_AUTH_SECRET),
  /** Behind a proxy or load balancer: take the client IP from X-Forwarded-For. */
  TRUST_PROXY: booleanFlag,
  /** The Twilio account's primary auth token: verifies webhook signatures. */
  TWILIO_AUTH_TOKEN: z.string().min(1).default(DEV_TWILIO_AUTH_TOKEN),
  /** The Twilio account that buys and releases numbers; unset, development simulates numbers. */
  TWILIO_ACCOUNT_SID: z
    .string()
    .regex(/^AC[0-9a-f]{32}$/, "must be a Twilio account SID: AC followed by 32 hex digits")
    .optional(),
  /** Adds the benchmark's minimal webhook route (bench/webhooks.ts); never in production. */
  FLYNN_BENCH_ROUTES: booleanFlag,
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
});

export type Env = z.output<typeof schema>;

/** Variables that have a development default but must be set explicitly in production. */
const REQUIRED_IN_PRODUCTION = [
  "DATABASE_URL",
  "PUBLIC_URL",
  "WEB_ORIGIN",
  "BETTER_AUTH_SECRET",
  "TWILIO_AUTH_TOKEN",
] as const;

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
    if (source.BETTER_AUTH_SECRET === DEV_AUTH_SECRET) problems.push("BETTER_AUTH_SECRET: the development secret");
    if (source.TWILIO_AUTH_TOKEN === DEV_TWILIO_AUTH_TOKEN) problems.push("TWILIO_AUTH_TOKEN: the development token");
    if (result.success && result.data.FLYNN_BENCH_ROUTES) problems.push("FLYNN_BENCH_ROUTES: not in production");
  }
  if (source.TWILIO_ACCOUNT_SID && !source.TWILIO_AUTH_TOKEN) {
    problems.push("TWILIO_AUTH_TOKEN: required with TWILIO_ACCOUNT_SID");
  }
  if (problems.length > 0 || !result.success) {
    throw new EnvError(`invalid environment:\n  ${problems.join("\n  ")}`);
  }
  return result.data;
}
