/**
 * Every page of the dashboard and who may see it. Pages load on demand (one chunk each), so
 * the first visit downloads only the shell and the page it opens. Signed-out visitors reach
 * only sign-in and sign-up; a signed-in owner who has not set up the business yet is sent to
 * onboarding first.
 */

import type { QueryClient } from "@tanstack/react-query";
import {
  createRootRouteWithContext,
  createRoute,
  createRouter,
  lazyRouteComponent,
  Outlet,
  redirect,
} from "@tanstack/react-router";
import { AppShell } from "./components/app-shell";
import { NotFound } from "./components/not-found";
import { sessionQuery } from "./lib/auth";
import { profileTimezone, rememberTimezone } from "./lib/profile";
import { queryClient, trpc } from "./lib/trpc";
import { validateAuditSearch } from "./pages/audit/search";
import { validateCallsSearch } from "./pages/calls/search";
import { validateCommunicationsSearch } from "./pages/communications/search";
import { prefetchDashboard } from "./pages/dashboard/queries";
import { DEFAULT_PERIOD, validateDashboardSearch } from "./pages/dashboard/search";
import { validateEventsSearch } from "./pages/events/search";

interface RouterContext {
  queryClient: QueryClient;
}

/** `?redirect=/calls/…`: only paths of this app, never another site. */
function safeRedirect(value: unknown): string | undefined {
  return typeof value === "string" && value.startsWith("/") && !value.startsWith("//") ? value : undefined;
}

const rootRoute = createRootRouteWithContext<RouterContext>()({
  component: Outlet,
  notFoundComponent: NotFound,
});

const signInRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: "/sign-in",
  validateSearch: (search: Record<string, unknown>): { redirect?: string } => ({
    redirect: safeRedirect(search.redirect),
  }),
  beforeLoad: async ({ context }) => {
    if (await context.queryClient.ensureQueryData(sessionQuery)) throw redirect({ to: "/" });
  },
  component: lazyRouteComponent(() => import("./pages/auth"), "SignInPage"),
});

const signUpRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: "/sign-up",
  beforeLoad: async ({ context }) => {
    if (await context.queryClient.ensureQueryData(sessionQuery)) throw redirect({ to: "/" });
  },
  component: lazyRouteComponent(() => import("./pages/auth"), "SignUpPage"),
});

/** Signed in, set up or not. */
const signedInRoute = createRoute({
  getParentRoute: () => rootRoute,
  id: "signed-in",
  beforeLoad: async ({ context, location }) => {
    // Asked together, not one after the other: a first visit waits for one round trip, not
    // two. Signed out, the profile's 401 says nothing the session does not.
    const [user, profile] = await Promise.all([
      context.queryClient.ensureQueryData(sessionQuery),
      context.queryClient.ensureQueryData(trpc.profile.get.queryOptions()).then(
        (value) => ({ value }),
        (error: unknown) => ({ error }),
      ),
    ]);
    if (!user) throw redirect({ to: "/sign-in", search: { redirect: location.href } });
    if ("error" in profile) throw profile.error;
    rememberTimezone(profile.value);
    return { user, profile: profile.value };
  },
  component: Outlet,
});

const onboardingRoute = createRoute({
  getParentRoute: () => signedInRoute,
  path: "/onboarding",
  component: lazyRouteComponent(() => import("./pages/onboarding"), "OnboardingPage"),
});

/** The dashboard proper: a business that has been set up. */
const appRoute = createRoute({
  getParentRoute: () => signedInRoute,
  id: "app",
  beforeLoad: ({ context }) => {
    if (!isSetUp(context.profile)) throw redirect({ to: "/onboarding" });
  },
  component: AppShell,
});

export function isSetUp(profile: { companyName: string | null; industryType: string | null } | null): boolean {
  return Boolean(profile?.companyName && profile.industryType);
}

/*
 * A list page's loader starts the page's first queries while its chunk downloads, with the
 * inputs the page uses, and does not wait for them: the page renders its skeletons at once
 * and finds the data on its way.
 */

const dashboardRoute = createRoute({
  getParentRoute: () => appRoute,
  path: "/",
  validateSearch: validateDashboardSearch,
  loaderDeps: ({ search }) => ({ days: search.days ?? DEFAULT_PERIOD }),
  loader: ({ context, deps }) => prefetchDashboard(context.queryClient, deps.days, profileTimezone(context.profile)),
  component: lazyRouteComponent(() => import("./pages/dashboard"), "DashboardPage"),
});

const callsRoute = createRoute({
  getParentRoute: () => appRoute,
  path: "/calls",
  validateSearch: validateCallsSearch,
  loaderDeps: ({ search }) => search,
  // The filters' module comes with the page (it needs the enum lists), not in the first download.
  loader: ({ context, deps }) => {
    void import("./pages/calls/queries").then(({ prefetchCalls }) =>
      prefetchCalls(context.queryClient, deps, profileTimezone(context.profile)),
    );
  },
  component: lazyRouteComponent(() => import("./pages/calls"), "CallsPage"),
});

const callRoute = createRoute({
  getParentRoute: () => appRoute,
  path: "/calls/$callId",
  component: lazyRouteComponent(() => import("./pages/call"), "CallPage"),
});

const eventsRoute = createRoute({
  getParentRoute: () => appRoute,
  path: "/events",
  validateSearch: validateEventsSearch,
  loaderDeps: ({ search }) => search,
  loader: ({ context, deps }) => {
    void import("./pages/events/queries").then(({ prefetchEvents }) =>
      prefetchEvents(context.queryClient, deps, profileTimezone(context.profile)),
    );
  },
  component: lazyRouteComponent(() => import("./pages/events"), "EventsPage"),
});

const eventRoute = createRoute({
  getParentRoute: () => appRoute,
  path: "/events/$eventId",
  component: lazyRouteComponent(() => import("./pages/event"), "EventPage"),
});

const communicationsRoute = createRoute({
  getParentRoute: () => appRoute,
  path: "/communications",
  validateSearch: validateCommunicationsSearch,
  component: lazyRouteComponent(() => import("./pages/communications"), "CommunicationsPage"),
});

const communicationRoute = createRoute({
  getParentRoute: () => appRoute,
  path: "/communications/$communicationId",
  component: lazyRouteComponent(() => import("./pages/communication"), "CommunicationPage"),
});

const auditRoute = createRoute({
  getParentRoute: () => appRoute,
  path: "/audit",
  validateSearch: validateAuditSearch,
  component: lazyRouteComponent(() => import("./pages/audit"), "AuditPage"),
});

const settingsRoute = createRoute({
  getParentRoute: () => appRoute,
  path: "/settings",
  // `connected`, `error` and `provider`: how connecting a calendar ended (the OAuth callback's redirect).
  validateSearch: (
    search: Record<string, unknown>,
  ): { tab?: string; connected?: string; error?: string; provider?: string } => ({
    tab: typeof search.tab === "string" ? search.tab : undefined,
    connected: typeof search.connected === "string" ? search.connected : undefined,
    error: typeof search.error === "string" ? search.error : undefined,
    provider: typeof search.provider === "string" ? search.provider : undefined,
  }),
  component: lazyRouteComponent(() => import("./pages/settings"), "SettingsPage"),
});

const routeTree = rootRoute.addChildren([
  signInRoute,
  signUpRoute,
  signedInRoute.addChildren([
    onboardingRoute,
    appRoute.addChildren([
      dashboardRoute,
      callsRoute,
      callRoute,
      eventsRoute,
      eventRoute,
      communicationsRoute,
      communicationRoute,
      auditRoute,
      settingsRoute,
    ]),
  ]),
]);

export const router = createRouter({
  routeTree,
  context: { queryClient },
  defaultPreload: "intent",
  // Loaders' data lives in TanStack Query; the router must not cache it a second time.
  defaultPreloadStaleTime: 0,
  scrollRestoration: true,
});

declare module "@tanstack/react-router" {
  interface Register {
    router: typeof router;
  }
}
