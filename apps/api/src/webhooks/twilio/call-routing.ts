/**
 * Pure decisions of the voice webhook: how Twilio's statuses map onto ours, and whether an
 * incoming call is forwarded to the owner or goes to voicemail.
 */
import {
  type BusinessHours,
  type CallStatus,
  type Terminology,
  type WallClock,
  type Weekday,
  wallClock,
} from "@flynn/domain";

const TWILIO_CALL_STATUSES: Record<string, CallStatus> = {
  queued: "ringing",
  initiated: "ringing",
  ringing: "ringing",
  "in-progress": "in_progress",
  completed: "completed",
  busy: "busy",
  failed: "failed",
  "no-answer": "no_answer",
  canceled: "cancelled",
};

/** Our status for Twilio's CallStatus; null for a value Twilio does not document. */
export function mapTwilioCallStatus(twilioStatus: string): CallStatus | null {
  return Object.hasOwn(TWILIO_CALL_STATUSES, twilioStatus) ? (TWILIO_CALL_STATUSES[twilioStatus] ?? null) : null;
}

const WEEKDAYS: Weekday[] = ["sunday", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday"];

type LocalTime = { weekday: Weekday; time: string };

// Every call to a business asks what its clock shows; Intl's answer is the costliest step of
// the voice webhook, and it only changes once a minute (zone offsets are whole minutes).
const lastLocalTime = new Map<string, { minute: number; value: LocalTime }>();

/** The weekday and HH:MM wall-clock time at `now` in `timezone` (an unknown zone counts as UTC). */
export function localTime(now: Date, timezone: string | null): LocalTime {
  const zone = timezone || "UTC";
  const minute = Math.floor(now.getTime() / 60_000);
  const cached = lastLocalTime.get(zone);
  if (cached?.minute === minute) return cached.value;
  let clock: WallClock;
  try {
    clock = wallClock(now, zone);
  } catch {
    clock = wallClock(now, "UTC");
  }
  const pad = (n: number) => String(n).padStart(2, "0");
  const value = { weekday: WEEKDAYS[clock.weekday] as Weekday, time: `${pad(clock.hour)}:${pad(clock.minute)}` };
  if (lastLocalTime.size >= 1000) lastLocalTime.clear();
  lastLocalTime.set(zone, { minute, value });
  return value;
}

/** Open hours are [start, end): a call at the closing minute is after hours. */
export function isWithinBusinessHours(hours: BusinessHours | null, timezone: string | null, now: Date): boolean {
  if (!hours) return false;
  const { weekday, time } = localTime(now, timezone);
  const today = hours[weekday];
  return today !== undefined && today.start <= time && time < today.end;
}

export type CallRoute = { kind: "forward"; to: string } | { kind: "voicemail" };

export function chooseCallRoute(input: {
  businessHours: BusinessHours | null;
  timezone: string | null;
  ownerPhone: string | null;
  now: Date;
}): CallRoute {
  if (input.ownerPhone && isWithinBusinessHours(input.businessHours, input.timezone, input.now)) {
    return { kind: "forward", to: input.ownerPhone };
  }
  return { kind: "voicemail" };
}

/** The voicemail greeting, in the industry's words (a plumber's "service call", a clinic's "appointment"). */
export function voicemailGreeting(companyName: string | null, terminology: Terminology | null): string {
  const business = companyName?.trim() ? companyName.trim() : "us";
  const booking = terminology?.appointment ?? "appointment";
  const article = /^[aeiou]/i.test(booking) ? "an" : "a";
  return (
    `Thank you for calling ${business}. We can't take your call right now. ` +
    `Please leave your name, your number and what you need, for example to book ${article} ${booking}, after the beep. ` +
    "This call is recorded so that we can get back to you."
  );
}
