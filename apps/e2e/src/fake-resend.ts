/**
 * Resend's `POST /emails` with its idempotency contract: the first request with an
 * `Idempotency-Key` is an email accepted; a repeat with the same key and payload answers the
 * same id and sends nothing; a repeat with another payload is refused (409). With `hang()`,
 * the email is accepted and never answered: the provider has it, the worker does not know.
 */
import { randomUUID } from "node:crypto";
import { type FakeRequest, type FakeServer, startFakeServer } from "./fake-server";

export interface FakeResend extends FakeServer {
  /** Emails accepted (one per idempotency key), with the id Resend gave each. */
  readonly accepted: { id: string; request: FakeRequest }[];
}

export async function startFakeResend(): Promise<FakeResend> {
  const accepted: FakeResend["accepted"] = [];
  const byKey = new Map<string, { id: string; body: string }>();
  const server = await startFakeServer((request) => {
    if (request.method !== "POST" || request.path !== "/emails") {
      return { status: 404, json: { statusCode: 404, name: "not_found", message: "not found" } };
    }
    const key = request.headers["idempotency-key"]?.toString() ?? randomUUID();
    const earlier = byKey.get(key);
    if (earlier && earlier.body !== request.body) {
      return {
        status: 409,
        json: {
          statusCode: 409,
          name: "invalid_idempotent_request",
          message: "Same idempotency key used with a different request payload.",
        },
      };
    }
    if (earlier) return { status: 200, json: { id: earlier.id } };
    const id = randomUUID();
    byKey.set(key, { id, body: request.body });
    accepted.push({ id, request });
    return { status: 200, json: { id } };
  });
  return Object.assign(server, { accepted });
}
