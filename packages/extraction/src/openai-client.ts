/** The OpenAI SDK client shared by the extractor and the transcriber. */
import OpenAI from "openai";

export interface OpenAIClientOptions {
  apiKey: string;
  /** Any OpenAI-compatible server, e.g. http://localhost:11434/v1; default https://api.openai.com/v1. */
  baseURL?: string;
  /** Tests pass msw-intercepted or recording fetches; default the global fetch. */
  fetch?: typeof fetch;
  /** Per request, in milliseconds. */
  timeoutMs?: number;
}

/**
 * One client per factory. The SDK's own retries are off: a 429 or 5xx goes back to the job
 * queue, whose backoff retries it without holding a worker slot asleep, and counts attempts.
 */
export function createOpenAIClient(options: OpenAIClientOptions, defaultTimeoutMs: number): OpenAI {
  return new OpenAI({
    apiKey: options.apiKey,
    baseURL: options.baseURL,
    maxRetries: 0,
    timeout: options.timeoutMs ?? defaultTimeoutMs,
    ...(options.fetch ? { fetch: options.fetch } : {}),
  });
}
