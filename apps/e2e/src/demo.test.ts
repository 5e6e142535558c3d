import type { Db } from "@flynn/db/client";
import { useTestDatabase } from "@flynn/db/testing";
import { startApi, startWorker, stopProcesses } from "@flynn/processes/apps";
import { SAMPLE_CALLS } from "@flynn/telephony/sample-calls";
import { afterEach, describe, expect, it, vi } from "vitest";

const database = useTestDatabase();
afterEach(stopProcesses);

/**
 * The demo places its calls by the machine's clock, in the machine's time zone. The test picks
 * the fixed-offset zone where it is now mid-morning (10:00 to 10:59), so every run takes the
 * same paths whatever the hour: today's 09:05 slot is past, the 11:30 one is still ahead (that
 * call is placed minutes ago), and no day ends while the test runs.
 */
function midMorningZone(now: Date): string {
  const offset = ((10 - now.getUTCHours() + 36) % 24) - 12;
  return offset === 0 ? "UTC" : `Etc/GMT${offset > 0 ? "-" : "+"}${Math.abs(offset)}`;
}

const demoEnv = (timezone: string) => ({
  FLYNN_DEMO: "true",
  // The banner names Vite's address, as under `pnpm dev`, whether or not the web app is built.
  FLYNN_WEB_DIST: "",
  TZ: timezone,
});
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

async function demoRows(db: Db, timezone: string) {
  const { rows } = await db.$client.query<{
    caller_number: string;
    ai_processing_status: string;
    local_day: string;
    events: number;
    events_dated_to_call: number;
    emails: number;
  }>(
    `SELECT c.caller_number, c.ai_processing_status,
            (c.created_at AT TIME ZONE $1)::date::text AS local_day,
            (SELECT count(*)::int FROM events e WHERE e.call_id = c.id) AS events,
            (SELECT count(*)::int FROM events e WHERE e.call_id = c.id
               AND e.created_at BETWEEN c.created_at AND c.created_at + interval '2 minutes') AS events_dated_to_call,
            (SELECT count(*)::int FROM communication_logs l WHERE l.call_id = c.id AND l.status = 'sent') AS emails
     FROM calls c JOIN users u ON u.id = c.user_id
     WHERE u.email = 'demo@flynn.dev'
     ORDER BY c.created_at`,
    [timezone],
  );
  return rows;
}

describe("the development demo account, on the real API, worker and database", () => {
  it("runs every sample call through the webhooks and the worker over the last days; a restart adds nothing", async () => {
    const { db, url } = database.current;
    const timezone = midMorningZone(new Date());
    startWorker({ databaseUrl: url });
    const api = await startApi({ databaseUrl: url, env: demoEnv(timezone) });
    expect(await bannerOf(api)).toBe(BANNER);

    const rows = await demoRows(db, timezone);
    expect(rows.map((row) => row.caller_number).sort()).toEqual(SAMPLE_CALLS.map((sample) => sample.from).sort());
    for (const row of rows) {
      // Every sample books something, and its overview is in the outbox, dated to the call's day.
      expect(row, row.caller_number).toMatchObject({ ai_processing_status: "completed", emails: 1 });
      expect(row.events, row.caller_number).toBeGreaterThan(0);
      expect(row.events_dated_to_call, row.caller_number).toBe(row.events);
    }
    expect(new Set(rows.map((row) => row.local_day)).size).toBe(5);
    const { rows: profile } = await db.$client.query("SELECT timezone FROM users WHERE email = 'demo@flynn.dev'");
    expect(profile).toEqual([{ timezone }]);

    await api.stop();
    const restarted = await startApi({ databaseUrl: url, env: demoEnv(timezone) });
    expect(await bannerOf(restarted)).toBe(BANNER);
    expect(await demoRows(db, timezone)).toEqual(rows);
  });
});
