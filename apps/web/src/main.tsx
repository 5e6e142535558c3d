import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { App } from "./app";
import { sessionQuery } from "./lib/auth";
import { queryClient, trpc } from "./lib/trpc";
import { router } from "./router";
import "./index.css";

// Every page first asks who is signed in, and every page but these two the owner's profile:
// asked now, while React starts, not once the router has rendered (the router's checks find
// the answers on their way).
void queryClient.prefetchQuery(sessionQuery);
if (!["/sign-in", "/sign-up"].includes(window.location.pathname)) {
  void queryClient.prefetchQuery(trpc.profile.get.queryOptions());
}
// And the code of the page being opened, fetched alongside those answers rather than after
// the router's checks have waited for them.
const [openedRoutes] = router.getMatchedRoutes(window.location.pathname);
for (const route of openedRoutes) void router.loadRouteChunk(route)?.catch(() => {});

const root = document.getElementById("root");
if (!root) throw new Error("index.html has no #root element");
createRoot(root).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
