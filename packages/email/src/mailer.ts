/**
 * Sends email through Resend, or, without an API key, keeps it in the outbox: nothing leaves
 * the process and the caller's `communication_logs` row (which holds the full HTML) is the
 * message the dashboard shows.
 */
import { Resend } from "resend";

export interface OutgoingEmail {
  to: string;
  subject: string;
  html: string;
  text: string;
  /** Resend sends nothing for a repeat of this key (with the same payload) within 24 h. */
  idempotencyKey: string;
  /** Where replies go (a customer's reply reaches the business, not Flynn's sender). */
  replyTo?: string;
}

export interface SentEmail {
  /** Resend's email id; null in outbox mode. */
  providerId: string | null;
}

export interface Mailer {
  readonly mode: "resend" | "outbox";
  send(email: OutgoingEmail): Promise<SentEmail>;
}

/**
 * A refused or failed send. `transient` (network, 429, 5xx, a concurrent request with the
 * same key) means "try again later"; anything else will fail the same way every time.
 */
export class EmailSendError extends Error {
  override name = "EmailSendError";
  constructor(
    message: string,
    readonly code: string,
    readonly status: number | null,
    readonly transient: boolean,
  ) {
    super(message);
  }
}

export interface CreateMailerOptions {
  /** Unset: outbox mode. */
  resendApiKey?: string | null | undefined;
  /** `"Flynn <calls@example.com>"`: a sender on a domain verified at Resend. */
  from: string;
  /** Given explicitly so the SDK never falls back to reading RESEND_BASE_URL itself. */
  baseUrl?: string;
}

const TRANSIENT_CODES = new Set(["rate_limit_exceeded", "concurrent_idempotent_requests", "internal_server_error"]);

export function isTransientResendError(error: { name?: string; statusCode?: number | null }): boolean {
  const status = error.statusCode ?? null;
  return status === null || status === 429 || status >= 500 || TRANSIENT_CODES.has(error.name ?? "");
}

export function createMailer({ resendApiKey, from, baseUrl = "https://api.resend.com" }: CreateMailerOptions): Mailer {
  if (!resendApiKey) {
    return { mode: "outbox", send: async () => ({ providerId: null }) };
  }
  const resend = new Resend(resendApiKey, { baseUrl });
  return {
    mode: "resend",
    async send({ to, subject, html, text, idempotencyKey, replyTo }) {
      const { data, error } = await resend.emails.send(
        { from, to, subject, html, text, ...(replyTo ? { replyTo } : {}) },
        { idempotencyKey },
      );
      if (error || !data) {
        const name = error?.name ?? "application_error";
        const status = error?.statusCode ?? null;
        throw new EmailSendError(
          `Resend ${status ?? "network"} ${name}: ${error?.message ?? "no response body"}`,
          name,
          status,
          error ? isTransientResendError(error) : true,
        );
      }
      return { providerId: data.id };
    },
  };
}
