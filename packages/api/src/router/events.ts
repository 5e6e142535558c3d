import type { Keyring } from "@flynn/crypto";
import type { Tx } from "@flynn/db/client";
import {
  getEvent,
  listEvents,
  rescheduleEvent,
  type TransitionParams,
  transitionEvents,
  updateEvent,
} from "@flynn/db/queries/events";
import {
  type EventTransition,
  eventBulkConfirmSchema,
  eventConfirmSchema,
  eventIdSchema,
  eventListSchema,
  eventRescheduleSchema,
  eventUpdateSchema,
} from "@flynn/domain";
import { TRPCError } from "@trpc/server";
import { found } from "../errors";
import { createTRPCRouter, protectedProcedure } from "../trpc";

/**
 * A refused transition: CONFLICT when the event's current status does not allow it (the same
 * request may succeed once the event is in another state, e.g. after a reload), BAD_REQUEST
 * when confirming needs a time the request could have given.
 */
const REFUSAL_CODES = { not_found: "NOT_FOUND", not_allowed: "CONFLICT", needs_time: "BAD_REQUEST" } as const;

/** The one implementation behind every single-event transition. */
async function transition(
  { db, keyring }: { db: Tx; keyring: Keyring },
  name: EventTransition,
  { id, confirmedDatetime }: { id: string; confirmedDatetime?: Date },
) {
  const params: TransitionParams = { ids: [id], transition: name, confirmedDatetime };
  const { updated, refused } = await transitionEvents(db, keyring, params);
  const [event] = updated;
  if (event) return event;
  const refusal = found(refused[0]);
  throw new TRPCError({ code: REFUSAL_CODES[refusal.kind], message: refusal.reason });
}

export const eventsRouter = createTRPCRouter({
  list: protectedProcedure
    .input(eventListSchema)
    .query(({ ctx, input }) => listEvents(ctx.db, ctx.keyring, ctx.userId, input)),

  byId: protectedProcedure
    .input(eventIdSchema)
    .query(async ({ ctx, input }) => found(await getEvent(ctx.db, ctx.keyring, input.id))),

  update: protectedProcedure
    .input(eventUpdateSchema)
    .mutation(async ({ ctx, input }) => found(await updateEvent(ctx.db, ctx.keyring, input))),

  confirm: protectedProcedure.input(eventConfirmSchema).mutation(({ ctx, input }) => transition(ctx, "confirm", input)),
  markTentative: protectedProcedure
    .input(eventIdSchema)
    .mutation(({ ctx, input }) => transition(ctx, "markTentative", input)),
  cancel: protectedProcedure.input(eventIdSchema).mutation(({ ctx, input }) => transition(ctx, "cancel", input)),
  complete: protectedProcedure.input(eventIdSchema).mutation(({ ctx, input }) => transition(ctx, "complete", input)),
  reopen: protectedProcedure.input(eventIdSchema).mutation(({ ctx, input }) => transition(ctx, "reopen", input)),

  /** Moves an open event to another time, keeping its status (a confirmed event stays confirmed). */
  reschedule: protectedProcedure.input(eventRescheduleSchema).mutation(async ({ ctx, input }) => {
    const outcome = await rescheduleEvent(ctx.db, ctx.keyring, input);
    if (outcome.kind === "moved") return outcome.event;
    if (outcome.kind === "missing") return found(null);
    throw new TRPCError({ code: "CONFLICT", message: outcome.reason });
  }),

  /** Confirms each event that may be confirmed, at its own time; reports the others and why. */
  bulkConfirm: protectedProcedure.input(eventBulkConfirmSchema).mutation(async ({ ctx, input }) => {
    const { updated, refused } = await transitionEvents(ctx.db, ctx.keyring, {
      ids: input.ids,
      transition: "confirm",
    });
    return { confirmed: updated.map((event) => event.id), skipped: refused.map(({ id, reason }) => ({ id, reason })) };
  }),
});
