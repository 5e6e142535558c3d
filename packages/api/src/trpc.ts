/**
 * tRPC building blocks. Every procedure that touches user data is a `protectedProcedure`:
 * it requires an active session and runs the whole procedure inside `withUser`, so its
 * `ctx.db` is a transaction as `flynn_app` with row-level security on, and every change is
 * audited with the request's IP and user agent.
 */
import { type Tx, withUser } from "@flynn/db/client";
import { initTRPC, TRPCError } from "@trpc/server";
import superjson from "superjson";
import { ZodError } from "zod";
import type { Context } from "./context";

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

export const protectedProcedure = t.procedure.use(async ({ ctx, next }) => {
  const { user } = ctx;
  if (!user) throw new TRPCError({ code: "UNAUTHORIZED", message: "Sign in to continue" });
  if (!user.isActive) throw new TRPCError({ code: "FORBIDDEN", message: "This account is deactivated" });
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
