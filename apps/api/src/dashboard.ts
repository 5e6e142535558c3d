/**
 * The built dashboard (apps/web/dist) on the API's own origin, for production: one origin, so
 * no CORS and first-party cookies. Vite names every bundled file after its content
 * (`/assets/index-3f9a1c.js`), so those are cached for a year; `index.html` names the current
 * ones and is revalidated on every load, so a deploy reaches browsers at once. A client-side
 * route (`/calls/42`) gets `index.html`; the server's own paths never do, so an unknown API
 * URL stays a 404 rather than a page.
 */
import { existsSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { serveStatic } from "@hono/node-server/serve-static";
import type { Context, MiddlewareHandler } from "hono";

/** Paths the server answers itself; no dashboard page is served under them. */
export const SERVER_PATHS = ["/trpc", "/api", "/webhooks", "/calendar", "/healthz", "/readyz"] as const;

/** Vite's output folder for the bundled, content-hashed files. */
const HASHED_ASSETS = "/assets/";

export const IMMUTABLE_CACHE = "public, max-age=31536000, immutable";
export const REVALIDATE = "no-cache";

const isServerPath = (requestPath: string) =>
  SERVER_PATHS.some((prefix) => requestPath === prefix || requestPath.startsWith(`${prefix}/`));

/** A request for a file (`/favicon.svg`, `/assets/x.js`): a missing one is a 404, not a page. */
const looksLikeFile = (requestPath: string) =>
  requestPath.startsWith(HASHED_ASSETS) || path.posix.extname(requestPath) !== "";

/**
 * Where the built dashboard is: `configured` (FLYNN_WEB_DIST; empty for none), else
 * apps/web/dist when the server runs from its bundle (apps/api/dist/server.js: `pnpm start`,
 * production). From source (`pnpm dev`, tsx) none: Vite serves the dashboard with hot reload,
 * and a dist/ left by an earlier build would be stale.
 */
export function dashboardDirFor(configured: string | undefined, serverModuleUrl: string): string | undefined {
  if (configured !== undefined) return configured === "" ? undefined : path.resolve(configured);
  const fromBundle = serverModuleUrl.endsWith(".js");
  return fromBundle ? fileURLToPath(new URL("../../web/dist", serverModuleUrl)) : undefined;
}

/** Whether `dir` holds a built dashboard. */
export const isBuiltDashboard = (dir: string) => existsSync(path.join(dir, "index.html"));

const noNext = async () => {};

/** A GET/HEAD handler serving the SPA built into `root`; register it after every other route. */
export function serveDashboard(root: string): MiddlewareHandler {
  const files = serveStatic({ root });
  const indexPage = serveStatic({ root, path: "index.html" });
  const withCache = (response: Response, cacheControl: string) => {
    response.headers.set("Cache-Control", cacheControl);
    return response;
  };
  return async (c: Context, next) => {
    const requestPath = c.req.path;
    if (isServerPath(requestPath)) return next();
    const file = await files(c, noNext);
    if (file) return withCache(file, requestPath.startsWith(HASHED_ASSETS) ? IMMUTABLE_CACHE : REVALIDATE);
    if (looksLikeFile(requestPath)) return next();
    const page = await indexPage(c, noNext);
    return page ? withCache(page, REVALIDATE) : next();
  };
}
