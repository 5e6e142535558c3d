/**
 * `pnpm eval:extraction [--datasets <dir>] [--show-misses]`: runs the rules extractor over
 * the shared dev sets and prints per-field accuracy as the datasets' README defines it.
 */
import { readFile } from "node:fs/promises";
import { basename, resolve } from "node:path";
import { parseArgs } from "node:util";
import type { ExtractedEvent } from "@flynn/domain";
import { type ExtractionLine, extractRecords, parseCallRecords } from "./batch";
import { createRulesExtractor } from "./rules-extractor";

interface Tally {
  right: number;
  total: number;
}
const tally = (): Tally => ({ right: 0, total: 0 });
const count = (t: Tally, ok: boolean) => {
  t.total++;
  if (ok) t.right++;
};
const pct = (t: Tally) => (t.total === 0 ? "  n/a" : `${((100 * t.right) / t.total).toFixed(1)}%`);

type Misses = Map<string, string[]>;
function miss(misses: Misses, field: string, line: string) {
  misses.set(field, [...(misses.get(field) ?? []), line]);
}

interface SgdExpected {
  date: string;
  time: string | null;
}

function scoreSgd(records: { id: string; expected: SgdExpected }[], lines: ExtractionLine[], misses: Misses) {
  const fields = { date: tally(), time: tally(), "date+time": tally() };
  records.forEach((record, i) => {
    const predicted = lines[i]?.events[0]?.proposed_datetime ?? null;
    const date = predicted?.slice(0, 10) ?? null;
    const time = predicted && predicted.length > 10 ? predicted.slice(11, 16) : null;
    const dateOk = date === record.expected.date;
    const timeOk = time === record.expected.time;
    count(fields.date, dateOk);
    count(fields.time, timeOk);
    count(fields["date+time"], dateOk && timeOk);
    if (!(dateOk && timeOk))
      miss(
        misses,
        "sgd date+time",
        `${record.id}: expected ${record.expected.date} ${record.expected.time}, got ${predicted}`,
      );
  });
  return fields;
}

interface IndustryExpected {
  urgency_level: string;
  events: Pick<
    ExtractedEvent,
    "event_type" | "proposed_datetime" | "customer_phone" | "customer_email" | "price_estimate"
  >[];
}

/** Each labelled event paired with the predicted event that agrees best on type and day. */
function pairEvents(expected: IndustryExpected["events"], predicted: ExtractedEvent[]) {
  const free = [...predicted];
  return expected.map((label) => {
    let bestIndex = -1;
    let bestScore = -1;
    free.forEach((event, index) => {
      const score =
        (event.event_type === label.event_type ? 1 : 0) +
        (event.proposed_datetime?.slice(0, 10) === label.proposed_datetime?.slice(0, 10) ? 2 : 0);
      if (score > bestScore) {
        bestScore = score;
        bestIndex = index;
      }
    });
    const [match] = bestIndex >= 0 ? free.splice(bestIndex, 1) : [undefined];
    return { label, match };
  });
}

const sameDateTime = (label: string | null, predicted: string | null | undefined) =>
  label === null
    ? predicted === null || predicted === undefined
    : label.length === 10
      ? predicted?.slice(0, 10) === label
      : predicted === label;

function scoreIndustry(records: { id: string; expected: IndustryExpected }[], lines: ExtractionLine[], misses: Misses) {
  const fields = {
    "number of events": tally(),
    urgency: tally(),
    event_type: tally(),
    "date-time": tally(),
    customer_phone: tally(),
    customer_email: tally(),
    price_estimate: tally(),
  };
  records.forEach((record, i) => {
    const line = lines[i] as ExtractionLine;
    const expected = record.expected;
    const countOk = line.events.length === expected.events.length;
    count(fields["number of events"], countOk);
    if (!countOk)
      miss(misses, "number of events", `${record.id}: expected ${expected.events.length}, got ${line.events.length}`);
    count(fields.urgency, line.urgency_level === expected.urgency_level);
    if (line.urgency_level !== expected.urgency_level)
      miss(misses, "urgency", `${record.id}: expected ${expected.urgency_level}, got ${line.urgency_level}`);
    const pairs = pairEvents(expected.events, line.events);
    if (pairs.length > 0) {
      const typeOk = pairs.every((p) => p.match?.event_type === p.label.event_type);
      count(fields.event_type, typeOk);
      if (!typeOk)
        miss(
          misses,
          "event_type",
          `${record.id}: expected ${pairs.map((p) => p.label.event_type)}, got ${line.events.map((e) => e.event_type)}`,
        );
      const dtOk = pairs.every((p) => p.match && sameDateTime(p.label.proposed_datetime, p.match.proposed_datetime));
      count(fields["date-time"], dtOk);
      if (!dtOk)
        miss(
          misses,
          "date-time",
          `${record.id}: expected ${pairs.map((p) => p.label.proposed_datetime)}, got ${line.events.map((e) => e.proposed_datetime)}`,
        );
    }
    for (const field of ["customer_phone", "customer_email", "price_estimate"] as const) {
      const relevant = pairs.filter((p) => p.label[field] !== null || (p.match?.[field] ?? null) !== null);
      if (relevant.length === 0) continue;
      const ok = relevant.every((p) => p.label[field] === (p.match?.[field] ?? null));
      count(fields[field], ok);
      if (!ok)
        miss(
          misses,
          field,
          `${record.id}: expected ${relevant.map((p) => p.label[field])}, got ${relevant.map((p) => p.match?.[field] ?? null)}`,
        );
    }
  });
  return fields;
}

function print(title: string, fields: Record<string, Tally>) {
  console.log(`\n${title}`);
  for (const [name, t] of Object.entries(fields))
    console.log(`  ${name.padEnd(18)} ${pct(t).padStart(6)}  (${t.right}/${t.total})`);
}

async function main() {
  const { values } = parseArgs({
    // --also <file>: more calls in the industry set's format (e.g. the team's own, in eval-data/).
    options: {
      datasets: { type: "string" },
      also: { type: "string", multiple: true },
      "show-misses": { type: "boolean" },
    },
  });
  // The root script runs from the repository root; the shared datasets sit next to it.
  const cwd = process.env.INIT_CWD ?? process.cwd();
  const dir = resolve(cwd, values.datasets ?? "../shared/datasets");
  const extractor = createRulesExtractor();
  const misses: Misses = new Map();

  const sgdText = await readFile(resolve(dir, "call-extraction-dev.jsonl"), "utf8");
  const sgdRecords = sgdText
    .split("\n")
    .filter(Boolean)
    .map((l) => JSON.parse(l));
  const started = performance.now();
  const sgdLines = await extractRecords(extractor, parseCallRecords(sgdText));
  const sgdMs = performance.now() - started;
  print(
    `call-extraction-dev.jsonl (${sgdRecords.length} calls, ${(sgdMs / sgdRecords.length).toFixed(2)} ms/call)`,
    scoreSgd(sgdRecords, sgdLines, misses),
  );

  for (const file of [resolve(dir, "industry-calls-dev.jsonl"), ...(values.also ?? []).map((f) => resolve(cwd, f))]) {
    const text = await readFile(file, "utf8");
    const records = text
      .split("\n")
      .filter(Boolean)
      .map((l) => JSON.parse(l));
    const lines = await extractRecords(extractor, parseCallRecords(text));
    print(`${basename(file)} (${records.length} calls)`, scoreIndustry(records, lines, misses));
  }

  if (values["show-misses"]) {
    for (const [field, lines] of misses) {
      console.log(`\nmisses: ${field} (${lines.length})`);
      for (const line of lines) console.log(`  ${line}`);
    }
  }
}

await main();
