/**
 * The built dashboard (apps/web/dist) on the API's own origin, for production: one origin, so
 * no CORS and first-party cookies. Vite names every bundled file after its content
 * (`/assets/index-3f9a1c.js`), so those are cached for a year; `index.html` names the current
 * ones and is revalidated on every load, so a deploy reaches browsers at once. A client-side
 * route (`/calls/42`) gets `index.html`; the server's own paths never do, so an unknown API
 * URL stays a 404 rather than a page.
 */
import { createHash } from "node:crypto";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";
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

/** Content types of the files a Vite build writes; anything else is served as bytes. */
const CONTENT_TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".json": "application/json; charset=utf-8",
  ".webmanifest": "application/manifest+json; charset=utf-8",
  ".txt": "text/plain; charset=utf-8",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".ico": "image/x-icon",
  ".webp": "image/webp",
  ".woff2": "font/woff2",
};
const COMPRESSIBLE = new Set([".html", ".js", ".css", ".json", ".webmanifest", ".txt", ".svg"]);

/** One file of the build, held in memory with its compressed forms. */
interface DashboardFile {
  type: string;
  etag: string;
  cacheControl: string;
  /** By Content-Encoding; "identity" is the file itself. Sent as they are, never copied. */
  bodies: Partial<Record<"br" | "gzip" | "identity", Uint8Array<ArrayBuffer>>>;
}

/**
 * Every file of the build by URL path, read once at start: the build is immutable while the
 * server runs, so no request touches the disk, and a path outside it simply is not there.
 * Compressed forms come from the build (`.br` and `.gz` beside each file, see apps/web's
 * vite.config.ts), else are made here with gzip; they are served by the browser's
 * Accept-Encoding.
 */
export function loadDashboard(root: string): Map<string, DashboardFile> {
  const files = new Map<string, DashboardFile>();
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      // Vite's manifest folder (.vite) and other dotfiles are not the app's.
      if (entry.name.startsWith(".")) continue;
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) {
        walk(full);
        continue;
      }
      const extension = path.extname(entry.name);
      if (extension === ".br" || extension === ".gz") continue;
      const body = readFileSync(full);
      const urlPath = `/${path.relative(root, full).split(path.sep).join("/")}`;
      const precompressed = (suffix: string) =>
        existsSync(`${full}${suffix}`) ? readFileSync(`${full}${suffix}`) : undefined;
      const compressible = COMPRESSIBLE.has(extension);
      files.set(urlPath, {
        type: CONTENT_TYPES[extension] ?? "application/octet-stream",
        etag: `"${createHash("sha256").update(body).digest("base64url").slice(0, 22)}"`,
        cacheControl: urlPath.startsWith(HASHED_ASSETS) ? IMMUTABLE_CACHE : REVALIDATE,
        bodies: {
          identity: body,
          ...(compressible
            ? { br: precompressed(".br"), gzip: precompressed(".gz") ?? gzipSync(body, { level: 9 }) }
            : {}),
        },
      });
    }
  };
  walk(root);
  return files;
}

/** The smallest form of `file` the request accepts (q=0 refuses an encoding). */
function pickEncoding(file: DashboardFile, acceptEncoding: string | undefined): "br" | "gzip" | "identity" {
  const accepted = new Set(
    (acceptEncoding ?? "")
      .split(",")
      .map((part) => part.trim().split(";"))
      .filter(([, quality]) => !/^\s*q=0(\.0*)?\s*$/.test(quality ?? ""))
      .map(([name]) => name?.trim().toLowerCase()),
  );
  if (file.bodies.br && accepted.has("br")) return "br";
  if (file.bodies.gzip && accepted.has("gzip")) return "gzip";
  return "identity";
}

function respond(c: Context, file: DashboardFile): Response {
  const headers = new Headers({
    "Content-Type": file.type,
    "Cache-Control": file.cacheControl,
    ETag: file.etag,
    Vary: "Accept-Encoding",
  });
  const ifNoneMatch = c.req.header("if-none-match");
  if (ifNoneMatch?.split(",").some((tag) => tag.trim().replace(/^W\//, "") === file.etag)) {
    return new Response(null, { status: 304, headers });
  }
  const encoding = pickEncoding(file, c.req.header("accept-encoding"));
  const body = file.bodies[encoding] as Uint8Array<ArrayBuffer>;
  if (encoding !== "identity") headers.set("Content-Encoding", encoding);
  headers.set("Content-Length", String(body.length));
  return new Response(c.req.method === "HEAD" ? null : body, { status: 200, headers });
}

/** A GET/HEAD handler serving the SPA built into `root`; register it after every other route. */
export function serveDashboard(root: string): MiddlewareHandler {
  const files = loadDashboard(root);
  const indexPage = files.get("/index.html");
  return async (c: Context, next) => {
    const requestPath = c.req.path;
    if (isServerPath(requestPath)) return next();
    const file = files.get(requestPath);
    if (file) return respond(c, file);
    if (looksLikeFile(requestPath) || !indexPage) return next();
    return respond(c, indexPage);
  };
}
