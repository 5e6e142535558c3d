import { type CalendarLinks, calendarLinks, feedUrls } from "@flynn/calendar";
import {
  type CalendarFeedToken,
  calendarEntry,
  ensureCalendarFeed,
  rotateCalendarFeed,
} from "@flynn/db/queries/calendar-feed";
import { eventIdSchema } from "@flynn/domain";
import { TRPCError } from "@trpc/server";
import type { Context } from "../context";
import { found } from "../errors";
import { createTRPCRouter, protectedProcedure } from "../trpc";

/** The API's public address; every link this router gives starts with it. */
function publicUrl(ctx: Pick<Context, "publicUrl">): string {
  if (!ctx.publicUrl) {
    throw new TRPCError({ code: "INTERNAL_SERVER_ERROR", message: "The API's public address is not configured" });
  }
  return ctx.publicUrl;
}

/** What settings show: the feed's addresses (https for any client, webcal:// for Apple Calendar). */
function feedView(ctx: Pick<Context, "publicUrl">, feed: CalendarFeedToken) {
  return { ...feedUrls(publicUrl(ctx), feed.token), createdAt: feed.createdAt, rotatedAt: feed.rotatedAt };
}

export const calendarFeedRouter = createTRPCRouter({
  /** The user's feed, made on first use. */
  get: protectedProcedure.query(async ({ ctx }) =>
    feedView(ctx, await ensureCalendarFeed(ctx.db, ctx.keyring, ctx.userId)),
  ),

  /** A new secret address; calendars subscribed to the old one get 404 from now on. */
  rotate: protectedProcedure.mutation(async ({ ctx }) =>
    feedView(ctx, await rotateCalendarFeed(ctx.db, ctx.keyring, ctx.userId)),
  ),

  /**
   * "Add to calendar" for one of the user's events: Google's and Outlook's pages filled in,
   * and its .ics file. Null while the event has no time.
   */
  eventLinks: protectedProcedure.input(eventIdSchema).query(async ({ ctx, input }): Promise<CalendarLinks | null> => {
    const entry = found(await calendarEntry(ctx.db, ctx.keyring, { eventId: input.id, userId: ctx.userId }));
    if (!entry.event) return null;
    return calendarLinks(entry.event, {
      audience: { kind: "owner", eventUrl: null },
      apiUrl: publicUrl(ctx),
      keyring: ctx.keyring,
    });
  }),
});
