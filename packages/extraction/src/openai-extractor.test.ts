import type { ExtractionInput } from "@flynn/domain";
import { HttpResponse, http } from "msw";
import { setupServer } from "msw/node";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { PermanentExtractionError, TransientExtractionError } from "./errors";
import { createOpenAIExtractor, structuredOutputSchemaFor } from "./openai-extractor";
import { type ChatAnswer, chatCompletion, extractionAnswer, OPENAI_API, openAIError, TEST_OPENAI_KEY } from "./testing";

interface ChatRequest {
  url: string;
  authorization: string | null;
  body: {
    model: string;
    max_completion_tokens: number;
    messages: { role: string; content: string }[];
    response_format: { type: string; json_schema: { name: string; strict: boolean; schema: Record<string, unknown> } };
  };
}

const server = setupServer();
const requests: ChatRequest[] = [];

beforeAll(() => server.listen({ onUnhandledRequest: "error" }));
afterEach(() => {
  server.resetHandlers();
  requests.length = 0;
});
afterAll(() => server.close());

type Answer = ChatAnswer | { status: number; body?: unknown } | "network-error";

/** Answers the chat completions at `base` with the given answers in turn. */
function openAIAnswers(base: string, ...answers: Answer[]) {
  server.use(
    http.post(`${base}/chat/completions`, async ({ request }) => {
      requests.push({
        url: request.url,
        authorization: request.headers.get("authorization"),
        body: (await request.json()) as ChatRequest["body"],
      });
      const answer = answers.shift();
      if (answer === undefined) throw new Error("no more answers");
      if (answer === "network-error") return HttpResponse.error();
      if ("status" in answer) return HttpResponse.json(answer.body ?? openAIError("boom"), { status: answer.status });
      return HttpResponse.json(chatCompletion(answer));
    }),
  );
}

const ok = (result = extractionAnswer()): ChatAnswer => ({ content: JSON.stringify(result) });

// Monday 2026-11-30, 11:55 in Chicago.
const INPUT: ExtractionInput = {
  transcript: "Caller: Hi, this is Dana Whitfield, my water heater is leaking. Thursday at eight works.",
  callStartedAt: "2026-11-30T17:55:00.000Z",
  timezone: "America/Chicago",
  industry: "plumbing",
  allowedEventTypes: ["service_call", "quote", "emergency", "follow_up"],
  defaultDurationMinutes: 90,
  terminology: { appointment: "service call", demo: "quote" },
  businessHours: { monday: { start: "08:00", end: "17:00" }, saturday: { start: "09:00", end: "15:00" } },
  callerNumber: "+15125550142",
};

const extractor = (baseURL?: string) =>
  createOpenAIExtractor({ apiKey: TEST_OPENAI_KEY, model: "gpt-4o-mini", maxOutputTokens: 1000, baseURL });

describe("OpenAI extractor", () => {
  it("sends the transcript with the local call start, the industry's words, types and hours, and a strict schema; parses the events", async () => {
    openAIAnswers(OPENAI_API, ok());
    const result = await extractor().extract(INPUT);

    expect(result.main_topic).toBe("Leaking water heater");
    expect(result.events).toHaveLength(1);
    expect(result.events[0]).toMatchObject({
      event_type: "service_call",
      proposed_datetime: "2026-12-03T08:00",
      customer_phone: "+15125550142",
      price_estimate: 89,
      // Not said in the call: the industry's default.
      duration_minutes: 90,
    });

    expect(requests).toHaveLength(1);
    const [request] = requests;
    expect(request?.authorization).toBe(`Bearer ${TEST_OPENAI_KEY}`);
    expect(request?.body.model).toBe("gpt-4o-mini");
    expect(request?.body.max_completion_tokens).toBe(1000);
    const [system, user] = request?.body.messages ?? [];
    expect(system?.role).toBe("system");
    expect(system?.content).toContain("plumbing business");
    expect(system?.content).toContain("event_type: one of service_call, quote, emergency, follow_up.");
    expect(system?.content).toContain('"service call" (for appointment)');
    expect(system?.content).toContain("monday 08:00-17:00, saturday 09:00-15:00; closed tuesday");
    expect(system?.content).toContain("else 90");
    expect(user?.content).toContain("Call started: Monday 2026-11-30 11:55 (America/Chicago)");
    expect(user?.content).toContain("Caller ID: +15125550142");
    expect(user?.content).toContain(INPUT.transcript);

    const format = request?.body.response_format;
    expect(format?.type).toBe("json_schema");
    expect(format?.json_schema).toMatchObject({ name: "call_extraction", strict: true });
    const schemaText = JSON.stringify(format?.json_schema.schema);
    expect(schemaText).toContain('"enum":["service_call","quote","emergency","follow_up"]');
    expect(schemaText).not.toContain("minLength");
    expect(schemaText).not.toContain("maxLength");
  });

  it("works against any OpenAI-compatible server at baseURL", async () => {
    const base = "http://llm.internal:8000/v1";
    openAIAnswers(base, ok(extractionAnswer([])));
    const result = await extractor(base).extract(INPUT);
    expect(result.events).toEqual([]);
    expect(requests[0]?.url).toBe(`${base}/chat/completions`);
  });

  it("a refusal is permanent and not asked again", async () => {
    openAIAnswers(OPENAI_API, { content: null, refusal: "I can't help with that." });
    await expect(extractor().extract(INPUT)).rejects.toThrow(
      new PermanentExtractionError("the model refused to extract the call: I can't help with that."),
    );
    expect(requests).toHaveLength(1);
  });

  it("a content-filtered answer is permanent", async () => {
    openAIAnswers(OPENAI_API, { content: '{"main_topic":', finishReason: "content_filter" });
    await expect(extractor().extract(INPUT)).rejects.toBeInstanceOf(PermanentExtractionError);
    expect(requests).toHaveLength(1);
  });

  it("a truncated answer is asked again with twice the tokens", async () => {
    openAIAnswers(OPENAI_API, { content: '{"main_topic":"Leak', finishReason: "length" }, ok());
    const result = await extractor().extract(INPUT);
    expect(result.events).toHaveLength(1);
    expect(requests.map((r) => r.body.max_completion_tokens)).toEqual([1000, 2000]);
  });

  it("truncated twice is permanent", async () => {
    const cut: ChatAnswer = { content: '{"main_topic":"Leak', finishReason: "length" };
    openAIAnswers(OPENAI_API, cut, cut);
    await expect(extractor().extract(INPUT)).rejects.toThrow(
      new PermanentExtractionError("the answer was cut off at 2000 tokens after 2 tries"),
    );
    expect(requests).toHaveLength(2);
  });

  it("an answer that fails the schema (a type the industry does not allow) is asked again, then permanent", async () => {
    const wrongType = ok(extractionAnswer([{ event_type: "demo" }]));
    openAIAnswers(OPENAI_API, wrongType, { content: "not json" });
    const error = await extractor()
      .extract(INPUT)
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PermanentExtractionError);
    expect((error as Error).message).toBe("the answer was invalid (not JSON) after 2 tries");
    expect(requests).toHaveLength(2);
  });

  it("an invalid answer followed by a valid one succeeds", async () => {
    openAIAnswers(OPENAI_API, ok(extractionAnswer([{ customer_phone: "512 555 0142" }])), ok());
    const result = await extractor().extract(INPUT);
    expect(result.events[0]?.customer_phone).toBe("+15125550142");
    expect(requests).toHaveLength(2);
  });

  it.each([
    [429, openAIError("Rate limit reached for gpt-4o-mini", "requests")],
    [500, openAIError("The server had an error")],
    [503, openAIError("Service unavailable")],
  ])("%i is transient (left to the job queue), asked once", async (status, body) => {
    openAIAnswers(OPENAI_API, { status, body });
    const error = await extractor()
      .extract(INPUT)
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TransientExtractionError);
    expect((error as TransientExtractionError).status).toBe(status);
    expect(requests).toHaveLength(1);
  });

  it("a network failure is transient", async () => {
    openAIAnswers(OPENAI_API, "network-error");
    const error = await extractor()
      .extract(INPUT)
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TransientExtractionError);
    expect((error as TransientExtractionError).status).toBeNull();
  });

  it("400 (a request the model will never take) and 401 (a wrong key) are permanent", async () => {
    for (const status of [400, 401]) {
      openAIAnswers(OPENAI_API, { status, body: openAIError("nope", "invalid_request_error") });
      await expect(extractor().extract(INPUT)).rejects.toBeInstanceOf(PermanentExtractionError);
    }
  });

  it("without allowed types, the schema offers every event type; the default duration stays null without a default", async () => {
    const { allowedEventTypes: _types, defaultDurationMinutes: _duration, ...rest } = INPUT;
    openAIAnswers(OPENAI_API, ok(extractionAnswer([{ event_type: "demo" }])));
    const result = await extractor().extract(rest);
    expect(result.events[0]).toMatchObject({ event_type: "demo", duration_minutes: null });
    expect(structuredOutputSchemaFor(undefined).shape.events.element.shape.event_type.options).toHaveLength(9);
  });
});
