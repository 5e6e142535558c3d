/**
 * tRPC building blocks. Every procedure that touches user data is a `protectedProcedure`:
 * it requires an active session and runs the whole procedure inside `withUser`, so its
 * `ctx.db` is a transaction as `flynn_app` with row-level security on, and every change is
 * audited with the request's IP and user agent.
 */
import { type Tx, withUser } from "@flynn/db/client";
import { initTRPC, type ProcedureType, TRPCError } from "@trpc/server";
import { getHTTPStatusCodeFromError } from "@trpc/server/http";
import superjson from "superjson";
import { ZodError } from "zod";
import type { Context, SessionUser } from "./context";

/** `{ "business_hours.monday.end": ["end must be after start"] }`: which field failed, and why. */
function fieldErrors(error: ZodError): Record<string, string[]> {
  const fields: Record<string, string[]> = {};
  for (const issue of error.issues) {
    const key = issue.path.length > 0 ? issue.path.join(".") : "(input)";
    fields[key] = [...(fields[key] ?? []), issue.message];
  }
  return fields;
}

const t = initTRPC.context<Context>().create({
  transformer: superjson,
  // Subscriptions (router/live.ts) stream over SSE: a ping every 15 s keeps proxies from cutting
  // an idle stream, and a client that hears nothing for 40 s (a dead connection) reconnects.
  sse: { ping: { enabled: true, intervalMs: 15_000 }, client: { reconnectAfterInactivityMs: 40_000 } },
  errorFormatter({ shape, error }) {
    const zod = error.cause instanceof ZodError ? error.cause : null;
    return {
      ...shape,
      message: zod ? `Invalid input: ${Object.keys(fieldErrors(zod)).join(", ")}` : shape.message,
      // Stack traces go to the server's log, never into a response.
      data: { ...shape.data, stack: undefined, fieldErrors: zod ? fieldErrors(zod) : null },
    };
  },
});

export const createTRPCRouter = t.router;
export const createCallerFactory = t.createCallerFactory;

/** Postgres errors a request can cause, as the client should see them. */
function fromDatabaseError(error: unknown): TRPCError | null {
  // What a procedure throws reaches this middleware wrapped (TRPCError -> DrizzleQueryError ->
  // the driver's error): look down the cause chain for the Postgres error (a SQLSTATE code).
  let cause = error as { code?: unknown; constraint?: string; column?: string; cause?: unknown } | undefined;
  while (cause && !(typeof cause.code === "string" && /^[0-9A-Z]{5}$/.test(cause.code))) {
    cause = cause.cause as typeof cause;
  }
  switch (cause?.code) {
    case "23514":
      return new TRPCError({ code: "BAD_REQUEST", message: `Invalid value (${cause.constraint})`, cause: error });
    case "23502":
      return new TRPCError({ code: "BAD_REQUEST", message: `${cause.column} is required`, cause: error });
    case "23505":
      return new TRPCError({ code: "CONFLICT", message: "This already exists", cause: error });
    case "22P02":
    case "22007":
    case "22008":
      return new TRPCError({ code: "BAD_REQUEST", message: "Invalid value", cause: error });
    case "42501":
      // Row-level security or a missing privilege: never say whether the row exists.
      return new TRPCError({ code: "NOT_FOUND", message: "Not found", cause: error });
    default:
      return null;
  }
}

export const publicProcedure = t.procedure;

/** Why `user` may not use the dashboard, or null when they may. */
function sessionError(user: SessionUser | null): TRPCError | null {
  if (!user) return new TRPCError({ code: "UNAUTHORIZED", message: "Sign in to continue" });
  if (!user.isActive) return new TRPCError({ code: "FORBIDDEN", message: "This account is deactivated" });
  return null;
}

/**
 * Requires an active session and opens no transaction: for long-lived subscriptions, which
 * must not hold a pooled connection. Anything that reads or writes user data is a
 * `protectedProcedure`.
 */
export const sessionProcedure = t.procedure.use(({ ctx, next }) => {
  const error = sessionError(ctx.user);
  if (error) throw error;
  const user = ctx.user as SessionUser;
  return next({ ctx: { userId: user.id, user } });
});

/**
 * tRPC answers every subscription request 200 and sends a refused session as an SSE error
 * event; this gives such a response the error's status (401, 403), as for queries. For
 * `responseMeta` of the HTTP adapter; every subscription requires a session.
 */
export function subscriptionResponseMeta({ ctx, type }: { ctx?: Context; type: ProcedureType | "unknown" }) {
  const error = type === "subscription" ? sessionError(ctx?.user ?? null) : null;
  return error ? { status: getHTTPStatusCodeFromError(error) } : {};
}

export const protectedProcedure = sessionProcedure.use(async ({ ctx, next }) => {
  const { user } = ctx;
  try {
    return await withUser(ctx.db, { userId: user.id, ip: ctx.ip, userAgent: ctx.userAgent }, (tx: Tx) =>
      next({ ctx: { db: tx, userId: user.id, user } }).then((result) => {
        // A failed procedure must roll its transaction back, not commit half its work.
        if (!result.ok) throw result.error;
        return result;
      }),
    );
  } catch (error) {
    // The procedure's own errors stand; tRPC wraps anything else as INTERNAL_SERVER_ERROR,
    // which may be a Postgres error the input caused.
    if (error instanceof TRPCError && error.code !== "INTERNAL_SERVER_ERROR") throw error;
    throw fromDatabaseError(error) ?? error;
  }
});
