/**
 * The signed-in user of an API request, in one indexed query. better-auth's own getSession
 * does several queries and refreshes the session; the dashboard's many tRPC calls only need
 * to know who is asking. The session cookie is better-auth's: `<token>.<base64 HMAC-SHA256
 * of the token with the auth secret>`, checked here before the token is looked up.
 */
import { createHmac, timingSafeEqual } from "node:crypto";
import type { Db } from "@flynn/db/client";
import { sessions, users } from "@flynn/db/schema";
import { and, eq, gt, sql } from "drizzle-orm";

export const SESSION_COOKIE = "flynn.session_token";

export interface SessionUser {
  id: string;
  email: string;
  isActive: boolean;
}

function cookieValue(cookieHeader: string | null | undefined, name: string): string | null {
  if (!cookieHeader) return null;
  for (const part of cookieHeader.split(";")) {
    const index = part.indexOf("=");
    if (index < 0) continue;
    const key = part.slice(0, index).trim();
    // Over HTTPS better-auth adds the __Secure- prefix.
    if (key === name || key === `__Secure-${name}`) {
      try {
        return decodeURIComponent(part.slice(index + 1).trim());
      } catch {
        return null;
      }
    }
  }
  return null;
}

/** The session token if the cookie's signature is valid, else null. */
export function verifySessionCookie(cookieHeader: string | null | undefined, secret: string): string | null {
  const value = cookieValue(cookieHeader, SESSION_COOKIE);
  if (!value) return null;
  const dot = value.lastIndexOf(".");
  if (dot < 1) return null;
  const token = value.slice(0, dot);
  const signature = Buffer.from(value.slice(dot + 1), "base64");
  const expected = createHmac("sha256", secret).update(token).digest();
  return signature.length === expected.length && timingSafeEqual(signature, expected) ? token : null;
}

export function createSessionResolver(db: Db, secret: string) {
  return async function resolveSession(headers: Headers): Promise<SessionUser | null> {
    const token = verifySessionCookie(headers.get("cookie"), secret);
    if (!token) return null;
    const [user] = await db
      .select({ id: users.id, email: users.email, isActive: sql<boolean>`coalesce(${users.isActive}, true)` })
      .from(sessions)
      .innerJoin(users, eq(users.id, sessions.userId))
      .where(and(eq(sessions.token, token), gt(sessions.expiresAt, sql`now()`)));
    return user ?? null;
  };
}
