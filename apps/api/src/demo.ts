/**
 * The development demo account: a business with a (simulated) Flynn number and a few days of
 * calls, each a sample transcript sent through this server's real Twilio webhooks (the call
 * simulator) and extracted by the real worker, so everything the dashboard shows about them
 * was made the way a real call's would be.
 *
 * Calls are spread over the last days: each call's start is moved back after it ends and
 * before its recording arrives (nothing has been queued for it yet), so the worker reads "on
 * Thursday" relative to the day the call was made. Once the worker is done, the events and the
 * overview email it made today are dated back to their call (see backdateProcessedRows). Those
 * corrections are the owner's writes, so the demo's audit log shows them as system changes.
 *
 * Idempotent and quick: a sample is called only if its caller has not called the demo yet, so
 * a second start adds nothing and an interrupted first start is completed by the next.
 */
import { type Context, createCaller, createContext } from "@flynn/api";
import type { Auth } from "@flynn/auth";
import type { Keyring } from "@flynn/crypto";
import type { Db } from "@flynn/db/client";
import {
  backdateCall,
  backdateProcessedRows,
  callersWithCalls,
  findUserByEmail,
  unfinishedCalls,
} from "@flynn/db/queries/demo";
import { timezoneSchema, wallClock, zonedLocalToUtc } from "@flynn/domain";
import { createTelephony, SIMULATED_NUMBERS, type Telephony } from "@flynn/telephony";
import { SAMPLE_CALLS, type SampleCall } from "@flynn/telephony/sample-calls";
import { TRPCError } from "@trpc/server";
import type { Logger } from "./logger";
import { type OwnCallSimulator, ownCallSimulator } from "./own-call-simulator";

export const DEMO_EMAIL = "demo@flynn.dev";
// A fixed password, so the login printed at start works on every machine and after every
// restart. Acceptable ONLY because the demo exists in development alone: the server never
// seeds it in production, where FLYNN_DEMO is refused (env.ts).
export const DEMO_PASSWORD = "flynn-demo";

const DEMO_PROFILE = {
  fullName: "Demo Owner",
  companyName: "Flynn Demo Services",
  // "other" allows every event type, so samples from several industries keep their own.
  industryType: "other",
  phoneNumber: "+15125550100",
} as const;

/** When each sample call was made: days before today, at a local time of that day. */
export const DEMO_SCHEDULE: Record<string, { daysAgo: number; at: string }> = {
  "hvac-no-heat-emergency": { daysAgo: 4, at: "07:05" },
  "plumbing-burst-pipe": { daysAgo: 4, at: "10:20" },
  "legal-lease-dispute": { daysAgo: 3, at: "11:45" },
  "sales-software-demo": { daysAgo: 2, at: "09:50" },
  "consulting-discovery": { daysAgo: 2, at: "15:30" },
  "real-estate-showing": { daysAgo: 1, at: "17:15" },
  "dental-new-patient": { daysAgo: 0, at: "09:05" },
  "landscaping-quote": { daysAgo: 0, at: "11:30" },
};

export interface DemoDeps {
  db: Db;
  keyring: Keyring;
  auth: Auth;
  telephony: Telephony;
  simulateCall: OwnCallSimulator;
  /** The demo business's time zone (the developer's own, so its days are theirs). */
  timezone: string;
  now?: () => Date;
  /** How long to wait for the worker to finish the new calls; 0 does not wait. */
  processingTimeoutMs?: number;
}

export interface DemoAccount {
  email: string;
  password: string;
  userId: string;
  /** Sample calls made by this run (0 once the demo is complete). */
  callsMade: number;
  /** Demo calls the worker had not finished when this run stopped waiting. */
  unfinished: number;
}

const POLL_MS = 250;
/** The demo's calls are the samples' (the owner's own simulated calls are left as they are). */
const SAMPLE_CALLERS = SAMPLE_CALLS.map((sample) => sample.from);

/** The sample's start; its rank keeps the schedule's order among the samples placed just now. */
export function demoCallTime(sample: SampleCall, now: Date, timezone: string): Date {
  const slot = DEMO_SCHEDULE[sample.id] ?? { daysAgo: 0, at: "09:00" };
  return scheduledCallTime(slot, SAMPLE_CALLS.length - SAMPLE_CALLS.indexOf(sample), now, timezone);
}

const RECENT_STEP_MS = 5 * 60_000;

/**
 * `slot`'s day and time in `timezone`, or, when that is not yet past, `rank` steps of a few
 * minutes before `now`. Never later than `now`, and never before today's local midnight for a
 * slot of today: just after midnight the steps shrink, or a sample of "today" would land on
 * yesterday (and its "tomorrow" would be read as today).
 */
export function scheduledCallTime(
  slot: { daysAgo: number; at: string },
  rank: number,
  now: Date,
  timezone: string,
): Date {
  const today = wallClock(now, timezone);
  const localDate = (daysAgo: number) =>
    new Date(Date.UTC(today.year, today.month - 1, today.day - daysAgo)).toISOString().slice(0, 10);
  const at = zonedLocalToUtc(`${localDate(slot.daysAgo)}T${slot.at}`, timezone);
  const sinceMidnight = Math.max(0, now.getTime() - zonedLocalToUtc(`${localDate(0)}T00:00`, timezone).getTime());
  const step = Math.min(RECENT_STEP_MS, sinceMidnight / (SAMPLE_CALLS.length + 1));
  const latest = now.getTime() - Math.min(rank, SAMPLE_CALLS.length) * step;
  return at.getTime() < latest ? at : new Date(latest);
}

/** Signs the demo owner up (better-auth, like the sign-up page), or finds them. */
async function demoUser(auth: Auth, db: Db) {
  const existing = await findUserByEmail(db, DEMO_EMAIL);
  if (existing) return { user: existing, created: false };
  await auth.api.signUpEmail({ body: { email: DEMO_EMAIL, password: DEMO_PASSWORD, name: DEMO_PROFILE.fullName } });
  const user = await findUserByEmail(db, DEMO_EMAIL);
  if (!user) throw new Error("the demo account was not created");
  return { user, created: true };
}

type Caller = ReturnType<typeof createCaller>;

/** The demo's active number; bought (simulated) through the dashboard's own procedure if it has none. */
async function demoNumber(caller: Caller): Promise<string> {
  const active = (await caller.phoneNumbers.list()).find((number) => number.isActive);
  if (active) return active.twilioPhoneNumber;
  // From the end of the simulated range: the numbers a developer picks first stay free.
  for (const phoneNumber of [...SIMULATED_NUMBERS].reverse()) {
    try {
      return (await caller.phoneNumbers.buy({ phoneNumber })).twilioPhoneNumber;
    } catch (error) {
      // Active for another business of this database: try the next one.
      if (!(error instanceof TRPCError && error.code === "CONFLICT")) throw error;
    }
  }
  throw new Error("every simulated number is taken; release one to create the demo account");
}

async function waitForWorker(db: Db, userId: string, timeoutMs: number): Promise<number> {
  const deadline = Date.now() + timeoutMs;
  let unfinished = await unfinishedCalls(db, userId, SAMPLE_CALLERS);
  while (unfinished > 0 && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
    unfinished = await unfinishedCalls(db, userId, SAMPLE_CALLERS);
  }
  return unfinished;
}

export async function ensureDemoAccount(deps: DemoDeps): Promise<DemoAccount> {
  const { db, keyring, auth, telephony, timezone, now = () => new Date(), processingTimeoutMs = 60_000 } = deps;
  const { user, created } = await demoUser(auth, db);
  const sessionUser = { id: user.id, email: user.email, isActive: user.isActive !== false };
  const context: Context = { db, keyring, user: sessionUser, ip: null, userAgent: "Flynn demo", telephony };
  const caller = createCaller(createContext(context));
  if (created) await caller.profile.onboarding({ ...DEMO_PROFILE, timezone });
  const to = await demoNumber(caller);

  const called = await callersWithCalls(db, user.id, SAMPLE_CALLERS);
  let callsMade = 0;
  for (const sample of SAMPLE_CALLS.filter((candidate) => !called.has(candidate.from))) {
    const startedAt = demoCallTime(sample, now(), timezone);
    const call = await deps.simulateCall({
      to,
      from: sample.from,
      callerName: sample.callerName,
      transcript: sample.transcript,
      now: startedAt,
      beforeRecording: ({ callSid }) => backdateCall(db, { callSid, at: startedAt }),
    });
    if (!call.ok) {
      const failed = call.steps.at(-1);
      throw new Error(`the demo call "${sample.id}" failed: ${failed?.step} answered ${failed?.status}`);
    }
    callsMade += 1;
  }

  const unfinished = await waitForWorker(db, user.id, processingTimeoutMs);
  await backdateProcessedRows(db, user.id, SAMPLE_CALLERS);
  return { email: DEMO_EMAIL, password: DEMO_PASSWORD, userId: user.id, callsMade, unfinished };
}

/** The line `pnpm dev` prints once the demo is ready. */
export function demoBanner(dashboardUrl: string, demo: DemoAccount): string {
  const waiting =
    demo.unfinished > 0 ? ` (${demo.unfinished} sample calls are waiting for the worker: is it running?)` : "";
  return `Flynn is running at ${dashboardUrl} — demo login ${demo.email} / ${demo.password}${waiting}`;
}

/**
 * What the server runs at start in development: the demo account, then the banner with the
 * dashboard's address and the login. A failure is logged; the server keeps running.
 */
export async function prepareDemo(options: {
  db: Db;
  keyring: Keyring;
  auth: Auth;
  app: Parameters<typeof ownCallSimulator>[0];
  twilio: Parameters<typeof ownCallSimulator>[1];
  /** The machine's time zone; UTC when the runtime does not know it. */
  timezone: string;
  dashboardUrl: string;
  logger: Logger;
  print?: (line: string) => void;
  processingTimeoutMs?: number;
}): Promise<DemoAccount | null> {
  const { logger, print = console.log } = options;
  try {
    const demo = await ensureDemoAccount({
      db: options.db,
      keyring: options.keyring,
      auth: options.auth,
      // Always simulated: a developer's Twilio credentials must not buy a number for the demo.
      telephony: createTelephony(null),
      simulateCall: ownCallSimulator(options.app, options.twilio),
      timezone: timezoneSchema.safeParse(options.timezone).success ? options.timezone : "UTC",
      processingTimeoutMs: options.processingTimeoutMs,
    });
    logger.info({ callsMade: demo.callsMade, unfinished: demo.unfinished }, "demo account ready");
    print(demoBanner(options.dashboardUrl, demo));
    return demo;
  } catch (error) {
    logger.error({ err: error }, "the demo account could not be prepared");
    return null;
  }
}
