/**
 * Live updates: `live.changes` streams (SSE) which of the signed-in user's calls and events
 * changed, `{ table, id, op }`, or `{ resync: true }` when changes may have been missed; the
 * dashboard refetches what it shows. Only ids travel: the rows themselves are read through
 * the ordinary procedures, under row-level security. The stream holds no transaction and no
 * pooled connection (`sessionProcedure`); the server's one LISTEN connection feeds it.
 */
import { changesOf } from "@flynn/db/changes";
import { TRPCError } from "@trpc/server";
import { createTRPCRouter, sessionProcedure } from "../trpc";

export const liveRouter = createTRPCRouter({
  changes: sessionProcedure.subscription(async function* ({ ctx, signal }) {
    if (!ctx.changes) throw new TRPCError({ code: "NOT_IMPLEMENTED", message: "Live updates are not available" });
    yield* changesOf(ctx.changes, ctx.userId, { signal });
    // The feed closed while the client was still there: this server is shutting down. A
    // retryable code makes the client reconnect (to another instance) instead of giving up.
    if (!signal?.aborted) {
      throw new TRPCError({ code: "SERVICE_UNAVAILABLE", message: "The server is restarting; reconnecting" });
    }
  }),
});
