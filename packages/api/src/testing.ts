/** Test helpers: a tRPC caller signed in as a given user (or as nobody). */
import { testKeyring } from "@flynn/crypto";
import type { Db } from "@flynn/db/client";
import { ZodError } from "zod";
import { type Context, createContext, type SessionUser } from "./context";
import { createCaller } from "./root";

export const TEST_REQUEST = { ip: "198.51.100.23", userAgent: "FlynnTest/1.0" };

export function callerFor(
  db: Db,
  user: { id: string; email: string; isActive?: boolean | null } | null,
  /** Providers the server would wire in (telephony, the call simulator, the change feed, its public URL). */
  services: Pick<Context, "telephony" | "simulateCall" | "changes" | "publicUrl" | "calendars"> = {},
) {
  const sessionUser: SessionUser | null = user
    ? { id: user.id, email: user.email, isActive: user.isActive ?? true }
    : null;
  return createCaller(createContext({ db, keyring: testKeyring(), user: sessionUser, ...TEST_REQUEST, ...services }));
}

/** The fields a BAD_REQUEST named (the paths of its validation issues), sorted. */
export function invalidFields(error: { cause?: unknown }): string[] {
  if (!(error.cause instanceof ZodError)) throw new Error("not a validation error", { cause: error });
  return error.cause.issues.map((issue) => issue.path.join(".")).sort();
}
