/**
 * The app itself, loaded by main.tsx once the first requests are on their way: React, the
 * router and every route's definition.
 */
import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { App } from "./app";
import { router } from "./router";

// The code of the page being opened, fetched alongside the first answers rather than after
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
