import { getCall, listCalls, reprocessCall } from "@flynn/db/queries/calls";
import { callByIdInputSchema, callListInputSchema } from "@flynn/domain";
import { addUserCallJobStatement } from "@flynn/jobs";
import { TRPCError } from "@trpc/server";
import { found } from "../errors";
import { createTRPCRouter, protectedProcedure } from "../trpc";

export const callsRouter = createTRPCRouter({
  list: protectedProcedure
    .input(callListInputSchema)
    .query(({ ctx, input }) => listCalls(ctx.db, { ...input, userId: ctx.userId })),

  byId: protectedProcedure
    .input(callByIdInputSchema)
    .query(async ({ ctx, input }) => found(await getCall(ctx.db, { userId: ctx.userId, id: input.id }))),

  /**
   * "Run again" for a call whose processing failed (or stalled): back to `pending`, its job
   * queued to run now. CONFLICT when the call's state does not allow it (see reprocessRefusal).
   */
  reprocess: protectedProcedure.input(callByIdInputSchema).mutation(async ({ ctx, input }) => {
    const outcome = await reprocessCall(ctx.db, {
      userId: ctx.userId,
      id: input.id,
      now: new Date(),
      // "replace": a job still waiting (for Twilio's transcript) runs now instead.
      queueJob: addUserCallJobStatement("process-call", input.id, { keyMode: "replace" }),
    });
    if (outcome.kind === "refused") throw new TRPCError({ code: "CONFLICT", message: outcome.reason });
    return found(outcome.kind === "queued" ? outcome.call : null);
  }),
});
