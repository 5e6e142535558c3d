import { getProfile, updateProfile } from "@flynn/db/queries/profile";
import { onboardingSchema, profileUpdateSchema } from "@flynn/domain";
import { found } from "../errors";
import { createTRPCRouter, protectedProcedure } from "../trpc";

export const profileRouter = createTRPCRouter({
  get: protectedProcedure.query(async ({ ctx }) => found(await getProfile(ctx.db, ctx.userId))),

  update: protectedProcedure
    .input(profileUpdateSchema)
    .mutation(async ({ ctx, input }) => found(await updateProfile(ctx.db, ctx.userId, input))),

  onboarding: protectedProcedure
    .input(onboardingSchema)
    .mutation(async ({ ctx, input }) => found(await updateProfile(ctx.db, ctx.userId, input))),
});
