import { listPhoneNumbers, registerPhoneNumber, setPhoneNumberActive } from "@flynn/db/queries/phone-numbers";
import { phoneNumberIdSchema, phoneNumberRegisterSchema } from "@flynn/domain";
import { found } from "../errors";
import { createTRPCRouter, protectedProcedure } from "../trpc";

export const phoneNumbersRouter = createTRPCRouter({
  list: protectedProcedure.query(({ ctx }) => listPhoneNumbers(ctx.db, ctx.userId)),

  register: protectedProcedure
    .input(phoneNumberRegisterSchema)
    .mutation(async ({ ctx, input }) => found(await registerPhoneNumber(ctx.db, ctx.userId, input))),

  deactivate: protectedProcedure
    .input(phoneNumberIdSchema)
    .mutation(async ({ ctx, input }) => found(await setPhoneNumberActive(ctx.db, ctx.userId, input.id, false))),

  activate: protectedProcedure
    .input(phoneNumberIdSchema)
    .mutation(async ({ ctx, input }) => found(await setPhoneNumberActive(ctx.db, ctx.userId, input.id, true))),
});
