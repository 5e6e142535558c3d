import type { SessionUser } from "@flynn/auth";
import type { CalendarProviders } from "@flynn/calendar";
import type { Keyring } from "@flynn/crypto";
import type { ChangeFeed } from "@flynn/db/changes";
import type { Db } from "@flynn/db/client";
import type { SimulatedCall, Telephony } from "@flynn/telephony";

/** The signed-in user, as the API server resolved it from the session cookie. */
export type { SessionUser };

export interface Context {
  db: Db;
  /** Seals and opens customers' contact details and calendar tokens; signs links (ENCRYPTION_KEY). */
  keyring: Keyring;
  /**
   * The API's public address (PUBLIC_URL), for the links it hands out: the calendar feed and
   * the signed .ics files. Absent where no procedure that makes links runs (the demo's caller).
   */
  publicUrl?: string;
  user: SessionUser | null;
  /** Client IP and user agent, carried into the audit trail. */
  ip: string | null;
  userAgent: string | null;
  /** The server's id for this request, for log lines about it. */
  requestId?: string;
  /** Buys and releases numbers (Twilio, or simulated in development); absent when not configured. */
  telephony?: Telephony;
  /** Calls one of the business's numbers through this server's own webhooks; development only. */
  simulateCall?: (call: { to: string; from?: string; transcript: string }) => Promise<SimulatedCall>;
  /** Changes of each user's calls and events (the server's one LISTEN connection); absent: no live updates. */
  changes?: ChangeFeed;
  /** Google Calendar and Outlook OAuth clients (GOOGLE_* / MICROSOFT_*); a provider left out is not configured. */
  calendars?: CalendarProviders;
}

export function createContext(input: Context): Context {
  return input;
}
