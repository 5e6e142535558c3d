/**
 * Texts to customers (confirmations, reminders) through Twilio's Messages API, or, without
 * Twilio credentials, kept in the outbox: nothing leaves the process and the caller's
 * `communication_logs` row is the message the dashboard shows.
 *
 * Twilio has no idempotency key for messages, so a send whose answer was lost may or may not
 * have gone out. `SmsSendError.outcome` says which of the two a failure is: "not-sent" (Twilio
 * refused it, or it never reached Twilio) may be tried again; "unknown" (a 5xx, a dropped or
 * timed-out connection) must not be, or the customer could get it twice.
 */
import twilio from "twilio";

export interface OutgoingSms {
  /** E.164. */
  to: string;
  /** The business's own Twilio number, E.164. */
  from: string;
  body: string;
}

export interface SentSms {
  /** Twilio's message SID; null in outbox mode. */
  providerId: string | null;
}

export interface SmsSender {
  readonly mode: "twilio" | "outbox";
  send(sms: OutgoingSms): Promise<SentSms>;
}

/** Twilio's "Attempt to send to unsubscribed recipient": the customer texted STOP to this number. */
export const TWILIO_UNSUBSCRIBED_RECIPIENT = 21610;

export type SmsSendOutcome = "not-sent" | "unknown";

export class SmsSendError extends Error {
  override name = "SmsSendError";
  constructor(
    message: string,
    /** Whether the message may have gone out anyway ("unknown"): then it must not be sent again. */
    readonly outcome: SmsSendOutcome,
    /** "Try again later" (429, unreachable): only meaningful when nothing was sent. */
    readonly transient: boolean,
    readonly status: number | null,
    /** Twilio's error code, e.g. 21610. */
    readonly code: number | null,
    options?: ErrorOptions,
  ) {
    super(message, options);
  }
}

export interface SmsCredentials {
  accountSid: string;
  authToken: string;
  /** Where Twilio reports the message's delivery (the API's /webhooks/twilio/sms-status). */
  statusCallbackUrl: string;
  /** How long a send may take before its outcome counts as unknown; default 15 s. */
  timeoutMs?: number;
}

// Errors raised before a request could reach Twilio: nothing can have been sent.
const UNSENT_NETWORK_CODES = new Set(["ECONNREFUSED", "ENOTFOUND", "EAI_AGAIN", "ENETUNREACH", "EHOSTUNREACH"]);

/** What a failed `messages.create` means for the customer: refused, never sent, or unknown. */
export function classifySmsError(error: unknown): SmsSendError {
  if (error instanceof twilio.RestException) {
    const code = error.code ?? null;
    const detail = `Twilio ${error.status}${code ? ` error ${code}` : ""}: ${error.message}`;
    // A 5xx may come after the message was queued (Twilio's error 20500 page says so).
    if (error.status >= 500) return new SmsSendError(detail, "unknown", false, error.status, code, { cause: error });
    return new SmsSendError(detail, "not-sent", error.status === 429, error.status, code, { cause: error });
  }
  const networkCode = (error as { code?: unknown } | null)?.code;
  if (typeof networkCode === "string" && UNSENT_NETWORK_CODES.has(networkCode)) {
    return new SmsSendError(`Twilio unreachable (${networkCode})`, "not-sent", true, null, null, { cause: error });
  }
  return new SmsSendError(`Twilio's answer was lost: ${String(error)}`, "unknown", false, null, null, {
    cause: error,
  });
}

export function createSmsSender(credentials: SmsCredentials | null): SmsSender {
  if (!credentials) return { mode: "outbox", send: async () => ({ providerId: null }) };
  const { accountSid, authToken, statusCallbackUrl, timeoutMs = 15_000 } = credentials;
  // autoRetry stays off: a retried POST could text the customer twice.
  const client = twilio(accountSid, authToken, { timeout: timeoutMs, autoRetry: false });
  return {
    mode: "twilio",
    async send({ to, from, body }) {
      try {
        const message = await client.messages.create({ to, from, body, statusCallback: statusCallbackUrl });
        return { providerId: message.sid };
      } catch (error) {
        throw classifySmsError(error);
      }
    },
  };
}
