/**
 * Scoring of extraction predictions as the shared datasets' README defines it: the SGD set's
 * date and time, and the industry set's per-call and per-event fields.
 */
import { EVENT_TYPES, type EventType, type ExtractedEvent } from "@flynn/domain";
import type { ExtractionLine } from "./batch";

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

export type Misses = Map<string, string[]>;
function miss(misses: Misses, field: string, line: string) {
  misses.set(field, [...(misses.get(field) ?? []), line]);
}

interface SgdExpected {
  date: string;
  time: string | null;
}

export function scoreSgd(records: { id: string; expected: SgdExpected }[], lines: ExtractionLine[], misses: Misses) {
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

const typeNames = EVENT_TYPES.join("|");
const alternativesPattern = new RegExp(
  `alt(?:ernative)?s? event[_ ]types?(?: for (?:events? |\\()?(\\d+)(?:\\)|[–-](\\d+))?)?:? ((?:(?:${typeNames})(?:,? or |, | ?\\/ ?)?)+)`,
  "gi",
);

/**
 * The event types a record's notes accept besides the label, per event (0-based): the dev
 * set's convention "Borderline event types name their accepted alternatives in notes", as in
 * "Alt event_type: meeting." or "Alt event_type for event 2: appointment or service_call."
 * A note that names no event applies to every event of the call.
 */
export function acceptedAlternatives(notes: string, eventCount: number): Set<EventType>[] {
  const accepted = Array.from({ length: eventCount }, () => new Set<EventType>());
  for (const match of notes.matchAll(alternativesPattern)) {
    const [, from, to, list = ""] = match;
    const types = list.match(new RegExp(typeNames, "g")) as EventType[] | null;
    const first = from ? Number(from) - 1 : 0;
    const last = to ? Number(to) - 1 : from ? first : eventCount - 1;
    for (let i = first; i <= last && i < eventCount; i++) for (const t of types ?? []) accepted[i]?.add(t);
  }
  return accepted;
}

type LabelledEvent = IndustryExpected["events"][number] & { accepted: Set<EventType> };
const typeRight = (label: LabelledEvent, predicted: ExtractedEvent | undefined) =>
  predicted !== undefined && (predicted.event_type === label.event_type || label.accepted.has(predicted.event_type));

/** Each labelled event paired with the predicted event that agrees best on type and day. */
function pairEvents(expected: LabelledEvent[], predicted: ExtractedEvent[]) {
  const free = [...predicted];
  return expected.map((label) => {
    let bestIndex = -1;
    let bestScore = -1;
    free.forEach((event, index) => {
      const score =
        (typeRight(label, event) ? 1 : 0) +
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

export function scoreIndustry(
  records: { id: string; expected: IndustryExpected; notes?: string }[],
  lines: ExtractionLine[],
  misses: Misses,
) {
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
    const alternatives = acceptedAlternatives(record.notes ?? "", expected.events.length);
    const labels = expected.events.map((event, index) => ({ ...event, accepted: alternatives[index] ?? new Set() }));
    const pairs = pairEvents(labels, line.events);
    if (pairs.length > 0) {
      const typeOk = pairs.every((p) => typeRight(p.label, p.match));
      count(fields.event_type, typeOk);
      if (!typeOk)
        miss(
          misses,
          "event_type",
          `${record.id}: expected ${pairs.map((p) => [p.label.event_type, ...p.label.accepted].join("/"))}, got ${line.events.map((e) => e.event_type)}`,
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

export function print(title: string, fields: Record<string, Tally>) {
  console.log(`\n${title}`);
  for (const [name, t] of Object.entries(fields))
    console.log(`  ${name.padEnd(18)} ${pct(t).padStart(6)}  (${t.right}/${t.total})`);
}
