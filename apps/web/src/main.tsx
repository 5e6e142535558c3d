/**
 * The entry: a small module that asks the server its first questions before the app's code
 * has even downloaded, then loads the app (start.tsx). A first visit then waits for the
 * network and the app's code side by side, not one after the other.
 */
import { sessionQuery } from "./lib/auth";
import { likelyTimezone } from "./lib/profile";
import { queryClient, trpc } from "./lib/trpc";
import { prefetchDashboard } from "./pages/dashboard/queries";
import { DEFAULT_PERIOD, validateDashboardSearch } from "./pages/dashboard/search";
import "./index.css";

// Every page first asks who is signed in, and every page but these two the owner's profile.
void queryClient.prefetchQuery(sessionQuery);
if (!["/sign-in", "/sign-up"].includes(window.location.pathname)) {
  void queryClient.prefetchQuery(trpc.profile.get.queryOptions());
}
// The dashboard, where owners land, asks for its data in the same batch as the profile rather
// than once the profile is in, with the timezone the last visit saw.
if (window.location.pathname === "/") {
  const search = validateDashboardSearch({ days: Number(new URLSearchParams(window.location.search).get("days")) });
  prefetchDashboard(queryClient, search.days ?? DEFAULT_PERIOD, likelyTimezone());
  // Its code too (the router's lazy route finds the module loaded or on its way).
  void import("./pages/dashboard").catch(() => {});
}

// After the batch above has gone out: tRPC sends it from a timer set while the queries were
// asked for, and timers run in order; evaluating the app first would hold the batch back.
setTimeout(() => void import("./start"), 0);
