import { getEffectiveIndustryConfig, resetIndustryConfig, updateIndustryConfig } from "@flynn/db/queries/industry";
import { industryConfigUpdateSchema } from "@flynn/domain";
import { found } from "../errors";
import { createTRPCRouter, protectedProcedure } from "../trpc";

export const industryRouter = createTRPCRouter({
  effective: protectedProcedure.query(async ({ ctx }) => found(await getEffectiveIndustryConfig(ctx.db, ctx.userId))),

  update: protectedProcedure
    .input(industryConfigUpdateSchema)
    .mutation(async ({ ctx, input }) => found(await updateIndustryConfig(ctx.db, ctx.userId, input))),

  reset: protectedProcedure.mutation(async ({ ctx }) => found(await resetIndustryConfig(ctx.db, ctx.userId))),
});
