/**
 * The API's environment, validated once at start. Development and tests need no variable:
 * every one has a safe default (and no DATABASE_URL means the embedded Postgres). In
 * production the variables marked required must be set, or the process stops with a
 * message naming each one that is missing or invalid.
 */
import {
  booleanFlag,
  calendarClientProblems,
  calendarClientsEnv,
  commonEnv,
  encryptionKeyRules,
  envParser,
} from "@flynn/env";
import { DEV_TWILIO_AUTH_TOKEN } from "@flynn/telephony";
import { z } from "zod";

export { EnvError } from "@flynn/env";

const DEV_AUTH_SECRET = "flynn-development-secret-do-not-use-in-production";

const schema = z.object({
  ...commonEnv,
  PORT: z.coerce.number().int().min(1).max(65535).default(8787),
  /**
   * The direct (unpooled) address of the same database, for the one connection that LISTENs
   * for live updates (a transaction-mode pooler such as Neon's drops LISTEN). Unset: DATABASE_URL.
   */
  DATABASE_URL_UNPOOLED: z.url({ protocol: /^postgres(ql)?$/ }).optional(),
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
  // TWILIO_ACCOUNT_SID (commonEnv): the account that buys and releases numbers, and (with the token) plays recordings; unset, development simulates numbers.
  // GOOGLE_CLIENT_ID/SECRET, MICROSOFT_CLIENT_ID/SECRET: OAuth clients for connecting calendars (redirect URI: PUBLIC_URL/api/calendar/<google|outlook>/callback); unset: not offered.
  ...calendarClientsEnv,
  /** Resend's webhook signing secret (whsec_ + base64): delivery reports at /webhooks/resend; unset: that route answers 503. */
  RESEND_WEBHOOK_SECRET: z
    .string()
    .regex(/^whsec_[A-Za-z0-9+/]+={0,2}$/, "must be Resend's signing secret: whsec_ followed by base64")
    .optional(),
  /** Adds the benchmark's minimal webhook route (bench/webhooks.ts); never in production. */
  FLYNN_BENCH_ROUTES: booleanFlag,
  /**
   * The built dashboard this server serves on its own origin. Unset: apps/web/dist when the
   * server runs from its bundle (`pnpm start`, production), none under `pnpm dev` (Vite
   * serves it); an empty value serves none.
   */
  FLYNN_WEB_DIST: z.string().optional(),
  /**
   * The demo account (sample calls through the real pipeline, and a login printed at start).
   * Unset: on in development, off otherwise; never in production.
   */
  FLYNN_DEMO: z
    .enum(["true", "false", "1", "0"])
    .transform((v) => v === "true" || v === "1")
    .optional(),
});

export type Env = z.output<typeof schema>;

export const parseEnv = envParser(schema, {
  requiredInProduction: [
    "DATABASE_URL",
    "PUBLIC_URL",
    "WEB_ORIGIN",
    "BETTER_AUTH_SECRET",
    "TWILIO_AUTH_TOKEN",
    ...encryptionKeyRules.requiredInProduction,
  ],
  developmentValues: {
    BETTER_AUTH_SECRET: [DEV_AUTH_SECRET, "the development secret"],
    TWILIO_AUTH_TOKEN: [DEV_TWILIO_AUTH_TOKEN, "the development token"],
    ...encryptionKeyRules.developmentValues,
  },
  check: (source, env) => [
    ...(source.NODE_ENV === "production" && env?.FLYNN_BENCH_ROUTES ? ["FLYNN_BENCH_ROUTES: not in production"] : []),
    ...(source.NODE_ENV === "production" && env?.FLYNN_DEMO ? ["FLYNN_DEMO: not in production"] : []),
    ...(source.TWILIO_ACCOUNT_SID && !source.TWILIO_AUTH_TOKEN
      ? ["TWILIO_AUTH_TOKEN: required with TWILIO_ACCOUNT_SID"]
      : []),
    ...calendarClientProblems(source),
  ],
});
