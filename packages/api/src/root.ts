// Every domain router, registered once. Add a router file under ./router and list it here.
import { auditRouter } from "./router/audit";
import { calendarFeedRouter } from "./router/calendar-feed";
import { calendarsRouter } from "./router/calendars";
import { callsRouter } from "./router/calls";
import { communicationsRouter } from "./router/communications";
import { eventsRouter } from "./router/events";
import { industryRouter } from "./router/industry";
import { liveRouter } from "./router/live";
import { phoneNumbersRouter } from "./router/phone-numbers";
import { profileRouter } from "./router/profile";
import { statsRouter } from "./router/stats";
import { templatesRouter } from "./router/templates";
import { createCallerFactory, createTRPCRouter } from "./trpc";

export const appRouter = createTRPCRouter({
  profile: profileRouter,
  industry: industryRouter,
  phoneNumbers: phoneNumbersRouter,
  calls: callsRouter,
  events: eventsRouter,
  stats: statsRouter,
  templates: templatesRouter,
  communications: communicationsRouter,
  audit: auditRouter,
  live: liveRouter,
  calendarFeed: calendarFeedRouter,
  calendars: calendarsRouter,
});

export type AppRouter = typeof appRouter;
export const createCaller = createCallerFactory(appRouter);
