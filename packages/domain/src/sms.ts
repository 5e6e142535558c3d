/**
 * SMS consent and delivery, as Twilio reports them. Pure rules shared by the webhooks, the
 * senders of confirmations and reminders, and the dashboard.
 */
import { z } from "zod";
import type { CommunicationStatus } from "./enums";

/** Keywords carriers and Twilio treat as opt-out / opt-in / help (English, case-insensitive, whole message). */
const OPT_OUT = ["STOP", "STOPALL", "UNSUBSCRIBE", "END", "QUIT", "CANCEL", "REVOKE", "OPTOUT"];
const OPT_IN = ["START", "YES", "UNSTOP"];
const HELP = ["HELP", "INFO"];

export type SmsKeyword = "opt_out" | "opt_in" | "help";

/**
 * What an inbound message asks for: Twilio's `OptOutType` when it sends one (Advanced
 * Opt-Out), else the message's first word if it is a keyword ("Stop please" counts;
 * "Can you stop by at 3?" does not). Null for an ordinary message.
 */
export function classifySmsKeyword(body: string, optOutType?: string | null): SmsKeyword | null {
  const type = optOutType?.trim().toUpperCase();
  if (type === "STOP") return "opt_out";
  if (type === "START") return "opt_in";
  if (type === "HELP") return "help";
  const firstWord =
    body
      .trim()
      .toUpperCase()
      .match(/^[A-Z]+/)?.[0] ?? "";
  const rest = body.trim().slice(firstWord.length).trim();
  // A keyword followed by more than a short courtesy ("STOP please") is a sentence, not a command.
  if (rest.split(/\s+/).filter(Boolean).length > 2) return null;
  if (OPT_OUT.includes(firstWord)) return "opt_out";
  if (OPT_IN.includes(firstWord)) return "opt_in";
  if (HELP.includes(firstWord)) return "help";
  return null;
}

/** Twilio's MessageStatus as the spec's communication status; null for statuses that say nothing new. */
export function communicationStatusOf(messageStatus: string): CommunicationStatus | null {
  switch (messageStatus) {
    case "accepted":
    case "scheduled":
    case "queued":
    case "sending":
      return "pending";
    case "sent":
      return "sent";
    case "delivered":
    case "read":
    case "partially_delivered":
      return "delivered";
    case "undelivered":
      return "bounced";
    case "failed":
    case "canceled":
      return "failed";
    default:
      return null;
  }
}

/**
 * Callbacks arrive out of order: a status may replace only one of a lower rank, so a late
 * "sent" never overwrites "delivered", and a final status stays final.
 */
export const COMMUNICATION_STATUS_RANK: Record<CommunicationStatus, number> = {
  pending: 0,
  sent: 1,
  delivered: 2,
  bounced: 2,
  failed: 2,
};

export const smsStatusCallbackSchema = z.object({
  MessageSid: z.string().regex(/^(SM|MM)[0-9a-fA-F]{32}$/, "MessageSid must be a Twilio message SID"),
  MessageStatus: z.string().min(1),
  ErrorCode: z.string().optional(),
});
