import {
  getPhoneNumber,
  listPhoneNumbers,
  registerPhoneNumber,
  setPhoneNumberActive,
} from "@flynn/db/queries/phone-numbers";
import {
  phoneNumberBuySchema,
  phoneNumberIdSchema,
  phoneNumberRegisterSchema,
  phoneNumberSearchSchema,
  phoneNumberSimulateCallSchema,
} from "@flynn/domain";
import { type Telephony, TelephonyError } from "@flynn/telephony";
import { TRPCError } from "@trpc/server";
import type { Context } from "../context";
import { found } from "../errors";
import { createTRPCRouter, protectedProcedure, sessionProcedure } from "../trpc";

function telephonyOf(ctx: Pick<Context, "telephony">): Telephony {
  if (!ctx.telephony) {
    throw new TRPCError({
      code: "PRECONDITION_FAILED",
      message: "Buying numbers needs Twilio credentials (TWILIO_ACCOUNT_SID and TWILIO_AUTH_TOKEN)",
    });
  }
  return ctx.telephony;
}

/** Twilio's refusal (e.g. a number sold meanwhile) is the caller's to fix; anything else is Twilio's. */
async function atProvider<T>(call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    if (!(error instanceof TelephonyError)) throw error;
    const refused = error.status !== null && error.status >= 400 && error.status < 500 && error.status !== 401;
    throw new TRPCError({ code: refused ? "BAD_REQUEST" : "BAD_GATEWAY", message: error.message, cause: error });
  }
}

export const phoneNumbersRouter = createTRPCRouter({
  /**
   * What this server can do with numbers, so the dashboard offers only what works: simulated
   * calls (development only) and buying numbers (Twilio, or simulated numbers in development).
   */
  capabilities: sessionProcedure.query(({ ctx }) => ({
    simulateCalls: Boolean(ctx.simulateCall),
    buyNumbers: Boolean(ctx.telephony),
  })),

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

  /** Numbers for sale (simulated +1 555 01xx numbers without Twilio credentials). */
  search: protectedProcedure.input(phoneNumberSearchSchema).query(async ({ ctx, input }) => {
    const telephony = telephonyOf(ctx);
    const numbers = await atProvider(() => telephony.searchAvailable(input));
    return { simulated: telephony.simulated, numbers };
  }),

  /** Buys the number with its webhooks pointing at this API, and routes its calls to the user. */
  buy: protectedProcedure.input(phoneNumberBuySchema).mutation(async ({ ctx, input }) => {
    const telephony = telephonyOf(ctx);
    const bought = await atProvider(() => telephony.buy(input.phoneNumber));
    try {
      return found(
        await registerPhoneNumber(ctx.db, ctx.userId, { phoneNumber: bought.phoneNumber, twilioPhoneSid: bought.sid }),
      );
    } catch (error) {
      // A number we pay for but cannot route (e.g. active for another business) goes back at once.
      await telephony.release(bought.sid).catch((releaseError: unknown) => {
        throw new TRPCError({
          code: "INTERNAL_SERVER_ERROR",
          message: `Bought ${bought.phoneNumber} (${bought.sid}) but could neither save nor release it`,
          cause: new AggregateError([error, releaseError]),
        });
      });
      throw error;
    }
  }),

  /** Gives the number back to Twilio; the row stays, inactive, for the call history. */
  release: protectedProcedure.input(phoneNumberIdSchema).mutation(async ({ ctx, input }) => {
    const telephony = telephonyOf(ctx);
    const number = found(await getPhoneNumber(ctx.db, ctx.userId, input.id));
    await atProvider(() => telephony.release(number.twilioPhoneSid));
    return found(await setPhoneNumberActive(ctx.db, ctx.userId, number.id, false));
  }),

  /** Development only: a call to one of the user's active numbers through this server's real webhooks. */
  simulateCall: protectedProcedure.input(phoneNumberSimulateCallSchema).mutation(async ({ ctx, input }) => {
    if (!ctx.simulateCall) {
      throw new TRPCError({ code: "FORBIDDEN", message: "The call simulator is available in development only" });
    }
    const number = found(await getPhoneNumber(ctx.db, ctx.userId, input.id));
    if (!number.isActive) {
      throw new TRPCError({ code: "BAD_REQUEST", message: "This number is inactive: calls to it are not routed" });
    }
    const call = await ctx.simulateCall({
      to: number.twilioPhoneNumber,
      transcript: input.transcript,
      ...(input.from ? { from: input.from } : {}),
    });
    if (!call.ok) {
      const failed = call.steps.at(-1);
      throw new TRPCError({
        code: "INTERNAL_SERVER_ERROR",
        message: `The simulated call failed: ${failed?.step} answered ${failed?.status}`,
      });
    }
    return call;
  }),
});
