/**
 * Canned OpenAI answers for msw handlers (tests of this package and of the worker): the
 * shapes the SDK reads, so the real client code parses them.
 */
import type { ExtractedEvent, ExtractionResult } from "@flynn/domain";

export const OPENAI_API = "https://api.openai.com/v1";
/** A clearly fake key; msw answers every request made with it. */
export const TEST_OPENAI_KEY = "sk-test";

export interface ChatAnswer {
  /** The JSON text of the answer; null with a refusal. */
  content: string | null;
  finishReason?: "stop" | "length" | "content_filter";
  refusal?: string | null;
}

/** A Chat Completions response body. */
export function chatCompletion({ content, finishReason = "stop", refusal = null }: ChatAnswer) {
  return {
    id: "chatcmpl-test",
    object: "chat.completion",
    created: 1_764_525_600,
    model: "gpt-4o-mini",
    choices: [
      { index: 0, finish_reason: finishReason, logprobs: null, message: { role: "assistant", content, refusal } },
    ],
    usage: { prompt_tokens: 900, completion_tokens: 300, total_tokens: 1_200 },
  };
}

/** A structured answer the model might give; every field present, as strict outputs guarantee. */
export function extractionAnswer(events: Partial<ExtractedEvent>[] = [{}]): ExtractionResult {
  return {
    main_topic: "Leaking water heater",
    call_summary: "The caller's water heater leaks into the garage; a technician comes Thursday at 8.",
    urgency_level: "high",
    sentiment: { label: "neutral", score: 0.1 },
    events: events.map((overrides) => ({
      event_type: "service_call",
      title: "Water heater repair",
      description: "Water heater leaking in the garage",
      proposed_datetime: "2026-12-03T08:00",
      duration_minutes: null,
      location: "2418 Juniper Lane, Round Rock",
      location_type: "address",
      customer_name: "Dana Whitfield",
      customer_phone: "+15125550142",
      customer_email: null,
      price_estimate: 89,
      currency: "USD",
      urgency_level: "high",
      notes: "Text before arriving",
      ai_confidence: 0.9,
      follow_up_required: false,
      follow_up_reason: null,
      ...overrides,
    })),
  };
}

/** An OpenAI error body, as the SDK turns it into RateLimitError, InternalServerError, ... */
export function openAIError(message: string, type = "server_error") {
  return { error: { message, type, param: null, code: null } };
}

/**
 * msw's "error" for every network request. The SDK's upload code fetches `data:,` once to
 * learn whether its fetch supports FormData; that local probe is let through (it is no
 * request to anyone, and failing it only prints a misleading error).
 */
export function failUnhandledRequest(request: Request, print: { error(): void }): void {
  if (new URL(request.url).protocol === "data:") return;
  print.error();
}
