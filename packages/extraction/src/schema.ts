/**
 * The ExtractionResult schema narrowed to one call: its events may only have the types the
 * user's industry allows. Every extractor's output is checked against it before it is
 * stored, and the OpenAI extractor derives its structured-output schema from it.
 */
import {
  EVENT_TYPES,
  type EventType,
  type ExtractionResult,
  extractedEventSchema,
  extractionResultSchema,
} from "@flynn/domain";
import { z } from "zod";

const narrowed = new Map<string, ReturnType<typeof narrow>>();

function narrow(eventTypes: readonly EventType[]) {
  const allowed = z.enum(eventTypes as [EventType, ...EventType[]]);
  return extractionResultSchema.extend({ events: z.array(extractedEventSchema.extend({ event_type: allowed })) });
}

// Kept per list of types: zod compiles a schema on its first parse, which costs far more than
// the parse itself. The industry's order is kept (the model reads the first type as the usual
// one), so the cache is bounded rather than keyed by the set.
export function extractionResultSchemaFor(eventTypes: readonly EventType[] = EVENT_TYPES) {
  const key = eventTypes.join(",");
  let schema = narrowed.get(key);
  if (!schema) {
    if (narrowed.size >= 200) narrowed.clear();
    schema = narrow(eventTypes);
    narrowed.set(key, schema);
  }
  return schema;
}

export type ExtractionCheck = { ok: true; result: ExtractionResult } | { ok: false; problem: string };

/** `value` as a valid ExtractionResult for these event types, or the first problem with it ("events.0.customer_phone: must be E.164"). */
export function checkExtraction(value: unknown, eventTypes?: readonly EventType[]): ExtractionCheck {
  const parsed = extractionResultSchemaFor(eventTypes).safeParse(value);
  if (parsed.success) return { ok: true, result: parsed.data };
  const issue = parsed.error.issues[0];
  return { ok: false, problem: `${issue?.path.join(".") || "result"}: ${issue?.message ?? "invalid"}` };
}
