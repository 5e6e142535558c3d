import { getCommunication, listCommunications } from "@flynn/db/queries/communications";
import { communicationByIdSchema, communicationListSchema } from "@flynn/domain";
import { found } from "../errors";
import { createTRPCRouter, protectedProcedure } from "../trpc";

export const communicationsRouter = createTRPCRouter({
  list: protectedProcedure
    .input(communicationListSchema)
    .query(({ ctx, input }) => listCommunications(ctx.db, ctx.userId, input)),

  byId: protectedProcedure
    .input(communicationByIdSchema)
    .query(async ({ ctx, input }) => found(await getCommunication(ctx.db, ctx.userId, input.id))),
});
