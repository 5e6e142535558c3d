/** OpenAI's Chat Completions endpoint answering every extraction with `answer` (structured output). */
import type { ExtractionResult } from "@flynn/domain";
import { chatCompletion, openAIError } from "@flynn/extraction/testing";
import { type FakeServer, startFakeServer } from "./fake-server";

export async function startFakeOpenAI(answer: ExtractionResult): Promise<FakeServer> {
  return startFakeServer((request) =>
    request.method === "POST" && request.path === "/v1/chat/completions"
      ? { status: 200, json: chatCompletion({ content: JSON.stringify(answer) }) }
      : { status: 404, json: openAIError(`no route ${request.method} ${request.path}`, "invalid_request_error") },
  );
}
