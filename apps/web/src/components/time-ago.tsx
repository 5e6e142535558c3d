import { formatDateTime, zoneName } from "../lib/format";
import { timeAgo } from "../lib/time-ago";

/** "5 minutes ago", with the exact time (in the business's timezone) on hover and for machines. */
export function TimeAgo({ at, timezone, now = new Date() }: { at: Date; timezone: string; now?: Date }) {
  return (
    <time dateTime={at.toISOString()} title={`${formatDateTime(at, timezone)} ${zoneName(at, timezone)}`}>
      {timeAgo(at, now, timezone)}
    </time>
  );
}
