/**
 * "5 minutes ago", "yesterday": how long ago something happened, for statuses such as a
 * calendar's last sync. Past a week the date itself says more than a count of days.
 */
import { formatDate } from "./format";

const relative = new Intl.RelativeTimeFormat("en-US", { numeric: "auto" });

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

export function timeAgo(value: Date | string, now: Date, timezone: string): string {
  const at = value instanceof Date ? value : new Date(value);
  // A clock a little ahead of this browser's still means "just now".
  const elapsed = Math.max(0, now.getTime() - at.getTime());
  if (elapsed < MINUTE) return "just now";
  if (elapsed < HOUR) return relative.format(-Math.floor(elapsed / MINUTE), "minute");
  if (elapsed < DAY) return relative.format(-Math.floor(elapsed / HOUR), "hour");
  if (elapsed < 7 * DAY) return relative.format(-Math.floor(elapsed / DAY), "day");
  return `on ${formatDate(at, timezone)}`;
}
