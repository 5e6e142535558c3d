/**
 * A phone number as people type it ("(512) 555-0123", "0044 20 7946 0958") in the E.164 form
 * the server stores; US numbers may omit the +1. Anything else is sent as typed, and the
 * server's message says what is wrong with it.
 */
export function toE164(typed: string): string {
  const trimmed = typed.trim();
  const digits = trimmed.replace(/[^\d]/g, "");
  if (trimmed.startsWith("+")) return `+${digits}`;
  if (trimmed.startsWith("00")) return `+${digits.slice(2)}`;
  if (digits.length === 10) return `+1${digits}`;
  if (digits.length === 11 && digits.startsWith("1")) return `+${digits}`;
  return trimmed;
}
