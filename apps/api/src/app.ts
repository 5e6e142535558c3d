import { Hono } from "hono";

/**
 * Builds the HTTP app without listening, so tests can call `app.request()`.
 * Auth, tRPC, webhooks and feeds are mounted here as they arrive.
 */
export function createApp() {
  const app = new Hono();
  app.get("/healthz", (c) => c.json({ status: "ok" }));
  return app;
}
