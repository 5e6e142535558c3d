/**
 * The call in a few sentences, for the owner reading the overview email or the dashboard:
 * who called and why, what was booked (type, day and time, place), the price said, and what
 * is still open. It is written from what the rules extracted, so it never says something the
 * events do not.
 */
import type { ExtractedEvent } from "@flynn/domain";

const WEEKDAYS = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"];
const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

/** "2026-11-27T09:00" -> "Fri, Nov 27 at 9:00 AM"; a day alone says the time is still open. */
export function spokenWhen(local: string | null): string {
  if (!local) return "a time still to be agreed";
  const [date, time] = local.split("T") as [string, string | undefined];
  const [year, month, day] = date.split("-").map(Number) as [number, number, number];
  const weekday = WEEKDAYS[new Date(Date.UTC(year, month - 1, day)).getUTCDay()];
  const dayText = `${weekday}, ${MONTHS[month - 1]} ${day}`;
  if (!time) return `${dayText} (time to be agreed)`;
  const [hour, minute] = time.split(":").map(Number) as [number, number];
  const clock = `${hour % 12 || 12}:${String(minute).padStart(2, "0")} ${hour < 12 ? "AM" : "PM"}`;
  return `${dayText} at ${clock}`;
}

function money(amount: number, currency: string | null): string {
  try {
    return new Intl.NumberFormat("en-US", { style: "currency", currency: currency ?? "USD" }).format(amount);
  } catch {
    return `${amount.toFixed(2)} ${currency ?? ""}`.trim();
  }
}

function eventSentence(event: ExtractedEvent, tentative: boolean): string {
  const when = spokenWhen(event.proposed_datetime);
  if (event.event_type === "follow_up")
    return `A follow-up call is due ${event.proposed_datetime ? `on ${when}` : "at a time still to be agreed"}.`;
  const type = event.event_type.replace(/_/g, " ");
  const what = type.charAt(0).toUpperCase() + type.slice(1);
  const where = event.location ? ` at ${event.location}` : "";
  return tentative ? `${what} proposed for ${when}${where}, not yet confirmed.` : `${what} booked for ${when}${where}.`;
}

export function summaryOf(call: {
  callerName: string | null;
  topic: string;
  events: readonly ExtractedEvent[];
  /** Which events were only proposed. */
  tentative: readonly boolean[];
}): string {
  const sentences: string[] = [];
  if (call.callerName) sentences.push(`${call.callerName} called.`);
  if (call.topic !== "Call") sentences.push(/[.?!…]$/.test(call.topic) ? call.topic : `${call.topic}.`);
  if (call.events.length === 0) sentences.push("Nothing was booked.");
  call.events.forEach((event, index) => {
    sentences.push(eventSentence(event, call.tentative[index] === true));
  });
  const priced = call.events.find((event) => event.price_estimate !== null);
  if (priced?.price_estimate != null)
    sentences.push(`Price mentioned: ${money(priced.price_estimate, priced.currency)}.`);
  return sentences.join(" ");
}
