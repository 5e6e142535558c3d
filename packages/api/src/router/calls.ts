import { getCall, listCalls } from "@flynn/db/queries/calls";
import { callByIdInputSchema, callListInputSchema } from "@flynn/domain";
import { found } from "../errors";
import { createTRPCRouter, protectedProcedure } from "../trpc";

export const callsRouter = createTRPCRouter({
  list: protectedProcedure
    .input(callListInputSchema)
    .query(({ ctx, input }) => listCalls(ctx.db, { ...input, userId: ctx.userId })),

  byId: protectedProcedure
    .input(callByIdInputSchema)
    .query(async ({ ctx, input }) => found(await getCall(ctx.db, { userId: ctx.userId, id: input.id }))),
});
