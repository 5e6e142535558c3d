import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { brotliCompressSync, brotliDecompressSync, gunzipSync } from "node:zlib";
import { useTestDatabase } from "@flynn/db/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { dashboardDirFor, IMMUTABLE_CACHE, isBuiltDashboard, REVALIDATE, SERVER_PATHS } from "./dashboard";
import { createTestApp } from "./testing";

const database = useTestDatabase();
const INDEX = "<!doctype html><title>Flynn</title><script type=module src=/assets/index-3f9a1c.js></script>";
const SCRIPT = "console.log('flynn');";
const STYLES = `body { color: #0f172a; }\n${".card { padding: 1rem; }\n".repeat(200)}`;
let dist: string;

beforeAll(async () => {
  dist = await mkdtemp(path.join(tmpdir(), "flynn-web-dist-"));
  await mkdir(path.join(dist, "assets"));
  await writeFile(path.join(dist, "index.html"), INDEX);
  await writeFile(path.join(dist, "assets", "index-3f9a1c.js"), SCRIPT);
  await writeFile(path.join(dist, "favicon.svg"), "<svg xmlns='http://www.w3.org/2000/svg'/>");
  // As the build writes them: compressed beside the file (the script's), or not (the styles').
  await writeFile(path.join(dist, "assets", "index-3f9a1c.js.br"), brotliCompressSync(SCRIPT));
  await writeFile(path.join(dist, "assets", "styles-77aa01.css"), STYLES);
  await mkdir(path.join(dist, ".vite"));
  await writeFile(path.join(dist, ".vite", "manifest.json"), "{}");
});
afterAll(async () => {
  await rm(dist, { recursive: true, force: true });
});

const appWithDashboard = () => createTestApp(database.current.db, { dashboardDir: dist }).app;

describe("the built dashboard on the API's origin", () => {
  it("serves hashed assets for a year and index.html revalidated", async () => {
    const app = appWithDashboard();
    const script = await app.request("/assets/index-3f9a1c.js");
    expect(script.status).toBe(200);
    expect(script.headers.get("content-type")).toMatch(/^text\/javascript/);
    expect(script.headers.get("cache-control")).toBe(IMMUTABLE_CACHE);
    expect(await script.text()).toBe(SCRIPT);

    for (const page of ["/", "/index.html"]) {
      const response = await app.request(page);
      expect(response.status).toBe(200);
      expect(response.headers.get("content-type")).toMatch(/^text\/html/);
      expect(response.headers.get("cache-control")).toBe(REVALIDATE);
      expect(await response.text()).toBe(INDEX);
    }
    // Files outside /assets are not content-hashed: revalidated too.
    const icon = await app.request("/favicon.svg");
    expect(icon.headers.get("content-type")).toMatch(/^image\/svg\+xml/);
    expect(icon.headers.get("cache-control")).toBe(REVALIDATE);
  });

  it("sends the build's compressed forms by Accept-Encoding, and 304 for a copy the browser has", async () => {
    const app = appWithDashboard();
    // The build's Brotli file, as written.
    const brotli = await app.request("/assets/index-3f9a1c.js", {
      headers: { "Accept-Encoding": "gzip, deflate, br" },
    });
    expect(brotli.headers.get("content-encoding")).toBe("br");
    expect(brotli.headers.get("vary")).toBe("Accept-Encoding");
    expect(brotliDecompressSync(Buffer.from(await brotli.arrayBuffer())).toString()).toBe(SCRIPT);
    // No .gz beside it: the server gzips it once, at start.
    const gzip = await app.request("/assets/styles-77aa01.css", { headers: { "Accept-Encoding": "gzip" } });
    expect(gzip.headers.get("content-encoding")).toBe("gzip");
    expect(gzip.headers.get("content-type")).toMatch(/^text\/css/);
    const compressed = Buffer.from(await gzip.arrayBuffer());
    expect(Number(gzip.headers.get("content-length"))).toBe(compressed.length);
    expect(compressed.length).toBeLessThan(STYLES.length / 10);
    expect(gunzipSync(compressed).toString()).toBe(STYLES);
    // Refused by q=0, or not asked for: the file as it is.
    for (const acceptEncoding of ["br;q=0, gzip;q=0", ""]) {
      const plain = await app.request("/assets/styles-77aa01.css", { headers: { "Accept-Encoding": acceptEncoding } });
      expect(plain.headers.get("content-encoding"), acceptEncoding).toBeNull();
      expect(await plain.text()).toBe(STYLES);
    }

    const page = await app.request("/calls");
    const etag = page.headers.get("etag");
    expect(etag).toMatch(/^"[\w-]+"$/);
    const again = await app.request("/calls", { headers: { "If-None-Match": etag as string } });
    expect(again.status).toBe(304);
    expect(await again.text()).toBe("");
    expect((await app.request("/calls", { headers: { "If-None-Match": '"stale"' } })).status).toBe(200);
  });

  it("answers a client-side route with index.html, for GET and HEAD", async () => {
    const app = appWithDashboard();
    for (const route of ["/calls", "/calls/6f1c2a9e-0b7d-4c1e-9a55-2d4f1a7e8b90", "/settings/templates?tab=email"]) {
      const response = await app.request(route);
      expect(response.status, route).toBe(200);
      expect(response.headers.get("cache-control")).toBe(REVALIDATE);
      expect(await response.text()).toBe(INDEX);
    }
    const head = await app.request("/events/week", { method: "HEAD" });
    expect(head.status).toBe(200);
    expect(head.headers.get("content-type")).toMatch(/^text\/html/);
    expect(head.headers.get("content-length")).toBe(String(INDEX.length));
    expect(await head.text()).toBe("");
  });

  it("gives no page for the server's own paths, missing files, other methods or escapes from the folder", async () => {
    const app = appWithDashboard();
    const notPages = [
      "/trpc/calls.nothing",
      "/api/auth/nothing",
      "/webhooks/twilio/nothing",
      "/calendar/feed.ics",
      "/assets/index-000000.js",
      "/robots.txt",
      "/..%2f..%2fetc%2fpasswd",
      "/assets/..%2f..%2fpackage.json",
      "/assets/index-3f9a1c.js.br",
      "/.vite/manifest.json",
    ];
    for (const url of notPages) {
      const response = await app.request(url);
      expect(response.status, url).toBeGreaterThanOrEqual(400);
      expect(await response.text(), url).not.toContain("<title>Flynn</title>");
    }
    expect((await app.request("/calls", { method: "POST" })).status).toBe(404);
    // The server's own routes still answer as before.
    expect(await (await app.request("/healthz")).json()).toEqual({ status: "ok" });
    expect(SERVER_PATHS).toEqual(expect.arrayContaining(["/trpc", "/api", "/webhooks", "/calendar", "/healthz"]));
  });

  it("serves nothing without a built dashboard (development: Vite serves it)", async () => {
    const { app } = createTestApp(database.current.db);
    expect((await app.request("/")).status).toBe(404);
    expect((await app.request("/calls")).status).toBe(404);
    expect(isBuiltDashboard(dist)).toBe(true);
    expect(isBuiltDashboard(path.join(dist, "assets"))).toBe(false);
  });

  it("is apps/web/dist for the API's bundle, none when run from source, or what FLYNN_WEB_DIST says", () => {
    const bundle = "file:///srv/flynn/apps/api/dist/server.js";
    expect(dashboardDirFor(undefined, bundle)).toBe(path.resolve("/srv/flynn/apps/web/dist"));
    expect(dashboardDirFor(undefined, "file:///srv/flynn/apps/api/src/server.ts")).toBeUndefined();
    expect(dashboardDirFor("/opt/flynn-web", bundle)).toBe(path.resolve("/opt/flynn-web"));
    expect(dashboardDirFor("", bundle)).toBeUndefined();
  });
});
