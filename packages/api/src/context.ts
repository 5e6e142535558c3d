import type { SessionUser } from "@flynn/auth";
import type { Db } from "@flynn/db/client";

/** The signed-in user, as the API server resolved it from the session cookie. */
export type { SessionUser };

export interface Context {
  db: Db;
  user: SessionUser | null;
  /** Client IP and user agent, carried into the audit trail. */
  ip: string | null;
  userAgent: string | null;
  /** The server's id for this request, for log lines about it. */
  requestId?: string;
}

export function createContext(input: Context): Context {
  return input;
}
