/**
 * Phone numbers as people read them, wherever Flynn shows one (the dashboard, the owner's
 * emails). Numbers are stored in E.164; only the North American plan has one grouping for
 * every number, so other countries' numbers are shown as stored.
 */

/** "+14155552671" -> "+1 415 555 2671"; any other string unchanged. */
export function formatPhoneNumber(phone: string): string {
  const nanp = /^\+1(\d{3})(\d{3})(\d{4})$/.exec(phone);
  return nanp ? `+1 ${nanp[1]} ${nanp[2]} ${nanp[3]}` : phone;
}
