/**
 * The whole stack for a browser test, as production runs it: the built API serving the built
 * dashboard on its own origin (so the browser's origin is the API's), and the worker beside it
 * with no keys (rules extractor; emails go to the outbox). No demo account: the test's owner
 * starts from nothing.
 */
import { type AppProcess, startApi, startWorker } from "@flynn/processes/apps";
import { WEB_DIST } from "./web-build";

export interface Stack {
  api: AppProcess & { baseUrl: string };
  worker: AppProcess;
  /** Where the browser opens the dashboard (the API's own address). */
  origin: string;
}

export async function startStack(databaseUrl: string): Promise<Stack> {
  const api = await startApi({ databaseUrl, env: { FLYNN_WEB_DIST: WEB_DIST, FLYNN_DEMO: "false" } });
  const worker = startWorker({ databaseUrl, env: { WEB_URL: api.baseUrl } });
  const page = await fetch(`${api.baseUrl}/sign-in`);
  if (!page.headers.get("content-type")?.includes("text/html")) {
    throw new Error(`the API does not serve the dashboard from ${WEB_DIST} (GET /sign-in answered ${page.status})`);
  }
  return { api, worker, origin: api.baseUrl };
}
