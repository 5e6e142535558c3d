/**
 * The two ways getting a call's words and events can fail, so the worker knows whether to
 * retry: a permanent error will fail the same way next time (a refusal, output that stays
 * invalid, a recording that is not there), a transient one may pass later (network, 429,
 * 5xx) and is left to the job queue's backoff.
 */
import { APIError } from "openai";

/** Retrying cannot help; `message` says why, in words the dashboard can show the owner. */
export class PermanentExtractionError extends Error {
  override name = "PermanentExtractionError";
}

/** The provider was unreachable or overloaded; the same request may succeed later. */
export class TransientExtractionError extends Error {
  override name = "TransientExtractionError";
  constructor(
    message: string,
    /** The provider's HTTP status; null for a network failure or timeout. */
    readonly status: number | null,
    options?: ErrorOptions,
  ) {
    super(message, options);
  }
}

/** Statuses that say "try again later" rather than "this request is wrong". */
export function isTransientStatus(status: number): boolean {
  return status === 408 || status === 409 || status === 429 || status >= 500;
}

/**
 * An OpenAI SDK error as one of ours. No status (connection refused, timeout) and the
 * statuses of `isTransientStatus` are transient; any other answer (400 a request the model
 * cannot take, 401 a wrong key, 404 an unknown model) will not change by itself.
 */
export function classifyOpenAIError(error: unknown, what: string): Error {
  if (!(error instanceof APIError)) return error instanceof Error ? error : new Error(String(error));
  const status = typeof error.status === "number" ? error.status : null;
  const message = `${what}: ${error.message}`;
  if (status === null || isTransientStatus(status))
    return new TransientExtractionError(message, status, { cause: error });
  return new PermanentExtractionError(message, { cause: error });
}
