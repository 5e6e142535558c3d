/**
 * better-auth on the spec's `users` table: email + password, sessions in Postgres,
 * httpOnly cookies, trusted origins, and rate limits stored in Postgres so every API
 * instance shares them. Only an app calls `createAuth` (with its validated environment).
 */
import type { Db } from "@flynn/db/client";
import { accounts, rateLimits, sessions, users, verifications } from "@flynn/db/schema";
import { betterAuth } from "better-auth";
import { drizzleAdapter } from "better-auth/adapters/drizzle";
import { APIError } from "better-auth/api";
import { eq } from "drizzle-orm";

/** The request header that carries the client IP the API server determined (never the client's own). */
export const CLIENT_IP_HEADER = "x-flynn-client-ip";

export interface CreateAuthOptions {
  db: Db;
  /** At least 32 random characters. */
  secret: string;
  /** The public origin of the API, e.g. https://app.flynn.example. */
  baseURL: string;
  /** Origins allowed to call the auth endpoints with cookies (the web app). */
  trustedOrigins: string[];
  /** Rate limiting of the auth endpoints; on unless disabled. */
  rateLimit?: { enabled?: boolean; window?: number; max?: number };
}

export const ACCOUNT_DEACTIVATED = "ACCOUNT_DEACTIVATED";

export function createAuth({ db, secret, baseURL, trustedOrigins, rateLimit }: CreateAuthOptions) {
  return betterAuth({
    appName: "Flynn",
    baseURL,
    basePath: "/api/auth",
    secret,
    trustedOrigins,
    database: drizzleAdapter(db, {
      provider: "pg",
      schema: { users, sessions, accounts, verifications, rateLimits },
    }),
    emailAndPassword: { enabled: true, minPasswordLength: 8, maxPasswordLength: 128, autoSignIn: true },
    user: {
      modelName: "users",
      fields: { name: "fullName" },
      additionalFields: {
        isActive: { type: "boolean", required: false, input: false, defaultValue: true, fieldName: "isActive" },
      },
    },
    session: {
      modelName: "sessions",
      expiresIn: 60 * 60 * 24 * 30,
      updateAge: 60 * 60 * 24,
    },
    account: { modelName: "accounts" },
    verification: { modelName: "verifications" },
    rateLimit: {
      enabled: rateLimit?.enabled ?? true,
      storage: "database",
      modelName: "rateLimits",
      window: rateLimit?.window ?? 60,
      max: rateLimit?.max ?? 100,
      customRules: {
        "/sign-in/email": { window: 60, max: 5 },
        "/sign-up/email": { window: 60, max: 5 },
        // Every page load asks who is signed in: counting it wrote a row per page view and guards
        // nothing (the signed session cookie cannot be guessed).
        "/get-session": false,
      },
    },
    advanced: {
      database: { generateId: "uuid" },
      ipAddress: { ipAddressHeaders: [CLIENT_IP_HEADER] },
      cookiePrefix: "flynn",
    },
    telemetry: { enabled: false },
    databaseHooks: {
      session: {
        create: {
          // An inactive account cannot sign in (nor be signed in after sign-up).
          before: async (session) => {
            const [user] = await db
              .select({ isActive: users.isActive })
              .from(users)
              .where(eq(users.id, session.userId));
            if (user?.isActive === false) {
              throw new APIError("FORBIDDEN", { message: "This account is deactivated.", code: ACCOUNT_DEACTIVATED });
            }
          },
          after: async (session) => {
            await db.update(users).set({ lastLoginAt: new Date() }).where(eq(users.id, session.userId));
          },
        },
      },
    },
  });
}

export type Auth = ReturnType<typeof createAuth>;
export type AuthSession = NonNullable<Awaited<ReturnType<Auth["api"]["getSession"]>>>;

export { createSessionResolver, SESSION_COOKIE, type SessionUser, verifySessionCookie } from "./session";
