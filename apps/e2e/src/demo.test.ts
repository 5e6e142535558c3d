import type { Db } from "@flynn/db/client";
import { useTestDatabase } from "@flynn/db/testing";
import { startApi, startWorker, stopProcesses } from "@flynn/processes/apps";
import { SAMPLE_CALLS } from "@flynn/telephony/sample-calls";
import { afterEach, describe, expect, it, vi } from "vitest";

const database = useTestDatabase();
afterEach(stopProcesses);

const DEMO_ENV = {
  FLYNN_DEMO: "true",
  // The banner names Vite's address, as under `pnpm dev`, whether or not the web app is built.
  FLYNN_WEB_DIST: "",
  TZ: "America/Denver",
};
const BANNER = "Flynn is running at http://localhost:5173 — demo login demo@flynn.dev / flynn-demo";

/** The API's banner line, once it has printed it. */
const bannerOf = (api: { output(): string }) =>
  vi.waitFor(
    () => {
      const line = api
        .output()
        .split("\n")
        .find((candidate) => candidate.startsWith("Flynn is running at"));
      if (!line) throw new Error(`no banner yet:\n${api.output()}`);
      return line;
    },
    { timeout: 90_000, interval: 100 },
  );

async function demoRows(db: Db) {
  const { rows } = await db.$client.query<{
    caller_number: string;
    ai_processing_status: string;
    local_day: string;
    events: number;
    events_dated_to_call: number;
    emails: number;
  }>(
    `SELECT c.caller_number, c.ai_processing_status,
            (c.created_at AT TIME ZONE 'America/Denver')::date::text AS local_day,
            (SELECT count(*)::int FROM events e WHERE e.call_id = c.id) AS events,
            (SELECT count(*)::int FROM events e WHERE e.call_id = c.id
               AND e.created_at BETWEEN c.created_at AND c.created_at + interval '2 minutes') AS events_dated_to_call,
            (SELECT count(*)::int FROM communication_logs l WHERE l.call_id = c.id AND l.status = 'sent') AS emails
     FROM calls c JOIN users u ON u.id = c.user_id
     WHERE u.email = 'demo@flynn.dev'
     ORDER BY c.created_at`,
  );
  return rows;
}

describe("the development demo account, on the real API, worker and database", () => {
  it("runs every sample call through the webhooks and the worker over the last days; a restart adds nothing", async () => {
    const { db, url } = database.current;
    startWorker({ databaseUrl: url });
    const api = await startApi({ databaseUrl: url, env: DEMO_ENV });
    expect(await bannerOf(api)).toBe(BANNER);

    const rows = await demoRows(db);
    expect(rows.map((row) => row.caller_number).sort()).toEqual(SAMPLE_CALLS.map((sample) => sample.from).sort());
    for (const row of rows) {
      // Every sample books something, and its overview is in the outbox, dated to the call's day.
      expect(row, row.caller_number).toMatchObject({ ai_processing_status: "completed", emails: 1 });
      expect(row.events, row.caller_number).toBeGreaterThan(0);
      expect(row.events_dated_to_call, row.caller_number).toBe(row.events);
    }
    expect(new Set(rows.map((row) => row.local_day)).size).toBe(5);
    const { rows: profile } = await db.$client.query("SELECT timezone FROM users WHERE email = 'demo@flynn.dev'");
    expect(profile).toEqual([{ timezone: "America/Denver" }]);

    await api.stop();
    const restarted = await startApi({ databaseUrl: url, env: DEMO_ENV });
    expect(await bannerOf(restarted)).toBe(BANNER);
    expect(await demoRows(db)).toEqual(rows);
  });
});
