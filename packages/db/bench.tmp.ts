import { createDb, withUser } from "./src/client";
import { listCalls } from "./src/queries/calls";
import { getStatsOverview } from "./src/queries/stats";
import { callListInputSchema } from "@flynn/domain";

const { db, close } = createDb({ url: "postgres://postgres:postgres@127.0.0.1:54330/flynn_bench_calls_stats", max: 4 });
const users = (await db.$client.query<{ id: string }>("SELECT id FROM users WHERE email LIKE 'bench-%'")).rows.map((r) => r.id);

// Print the generated SQL once.
const origQuery = db.$client.query.bind(db.$client);
let logged = false;
(db as any).$client.query = (...args: any[]) => origQuery(...args);

function pct(xs: number[], p: number) { const s = [...xs].sort((a, b) => a - b); return s[Math.min(s.length - 1, Math.floor(p * s.length))]!.toFixed(2); }

async function bench(label: string, inputFor: (userId: string, i: number) => object, n = 400, fn: "list" | "stats" = "list") {
  const times: number[] = [];
  for (let i = 0; i < n; i++) {
    const userId = users[i % users.length]!;
    const input = callListInputSchema.parse(inputFor(userId, i));
    const t0 = performance.now();
    await withUser(db, { userId }, (tx) => fn === "list" ? listCalls(tx, { ...input, userId }) : getStatsOverview(tx, { userId, days: 30, now: new Date() }));
    times.push(performance.now() - t0);
  }
  console.log(`${label.padEnd(40)} p50 ${pct(times, 0.5)} ms  p95 ${pct(times, 0.95)} ms  max ${pct(times, 1)} ms`);
}

// Warm up
await bench("warmup", () => ({}), 200);
await bench("first page (50)", () => ({}));
// Deep pages: walk 20 pages for some users, timing page 20
const cursors = new Map<string, string>();
for (const userId of users.slice(0, 20)) {
  let cursor: string | null = null;
  for (let p = 0; p < 20; p++) {
    const page = await withUser(db, { userId }, (tx) => listCalls(tx, { ...callListInputSchema.parse({ cursor }), userId }));
    cursor = page.nextCursor;
  }
  cursors.set(userId, cursor!);
}
const deepUsers = [...cursors.keys()];
{
  const times: number[] = [];
  for (let i = 0; i < 400; i++) {
    const userId = deepUsers[i % deepUsers.length]!;
    const input = callListInputSchema.parse({ cursor: cursors.get(userId) });
    const t0 = performance.now();
    await withUser(db, { userId }, (tx) => listCalls(tx, { ...input, userId }));
    times.push(performance.now() - t0);
  }
  console.log(`${"page 21 (cursor after 1000 rows)".padEnd(40)} p50 ${pct(times, 0.5)} ms  p95 ${pct(times, 0.95)} ms`);
}
await bench("filter urgency=emergency", () => ({ urgencyLevel: ["emergency"] }));
await bench("filter status=failed (rare-ish)", () => ({ aiProcessingStatus: ["failed"], callStatus: ["busy"] }));
await bench("search 'flood'", () => ({ search: "flood" }));
await bench("search no match", () => ({ search: "zzzz-no-match" }), 100);
await bench("date range last 7 days", () => ({ from: new Date(Date.now() - 7 * 864e5) }));
await bench("stats overview 30 days", () => ({}), 200, "stats");
await close();
