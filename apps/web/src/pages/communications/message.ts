import { humanize } from "../../lib/format";

/**
 * Without an email provider key (RESEND_API_KEY) Flynn sends nothing: the worker stores each
 * email as sent with no provider id, and the communications log is its outbox.
 */
export function isOutboxEmail(message: {
  communicationType: string;
  status: string | null;
  externalId: string | null;
}): boolean {
  return message.communicationType === "email" && message.status === "sent" && !message.externalId;
}

/** "Email", "SMS", "Call". */
export function communicationTypeLabel(type: string): string {
  return type === "sms" ? "SMS" : humanize(type);
}
