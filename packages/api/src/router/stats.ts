import { getStatsOverview } from "@flynn/db/queries/stats";
import { statsOverviewInputSchema } from "@flynn/domain";
import { createTRPCRouter, protectedProcedure } from "../trpc";

export const statsRouter = createTRPCRouter({
  overview: protectedProcedure
    .input(statsOverviewInputSchema)
    .query(({ ctx, input }) => getStatsOverview(ctx.db, { userId: ctx.userId, days: input.days, now: new Date() })),
});
