import { EVENT_STATUSES, EVENT_TYPES, timezoneSchema, URGENCY_LEVELS } from "@flynn/domain";
import { eq, type SQL, sql } from "drizzle-orm";
import type { Tx } from "../client";
import { users } from "../schema/index";

export type StatsOverview = Awaited<ReturnType<typeof getStatsOverview>>;

/**
 * The user's time zone for day boundaries. The column is free text in the database, so a
 * name this runtime does not know (or no profile row) counts as UTC instead of failing.
 */
async function timezoneOf(tx: Tx, userId: string): Promise<string> {
  const [user] = await tx.select({ timezone: users.timezone }).from(users).where(eq(users.id, userId));
  const parsed = timezoneSchema.safeParse(user?.timezone);
  return parsed.success ? parsed.data : "UTC";
}

/**
 * `period(first_day, days, starts_at, ends_at)`: the last `days` local days up to the one
 * `now` falls on, and the instants where the first starts and the last ends (DST included).
 */
function periodCte(timezone: string, days: number, now: Date): SQL {
  return sql`period AS (
    SELECT first_day, days,
      first_day::timestamp AT TIME ZONE ${timezone} AS starts_at,
      (first_day + days)::timestamp AT TIME ZONE ${timezone} AS ends_at
    FROM (
      SELECT (${now}::timestamptz AT TIME ZONE ${timezone})::date - (${days}::int - 1) AS first_day, ${days}::int AS days
    ) AS local_today
  )`;
}

/** Counts per enum value, every value present (0 when absent) so charts keep their shape. */
function countsByValue<K extends string>(
  values: readonly K[],
  rows: { dimension: string; value: string | null; count: number }[],
  dimension: string,
): Record<K, number> {
  const counts = Object.fromEntries(values.map((value) => [value, 0])) as Record<K, number>;
  for (const row of rows) {
    if (row.dimension === dimension && row.value !== null && row.value in counts) counts[row.value as K] = row.count;
  }
  return counts;
}

/**
 * The dashboard's figures: all-time event totals (`get_user_event_stats`), calls and events
 * per local day over the last `days` days (empty days included), and that period's events by
 * type, urgency and status. `now` is a parameter so tests can fix the clock.
 */
export async function getStatsOverview(tx: Tx, params: { userId: string; days: number; now: Date }) {
  const { userId, days, now } = params;
  const timezone = await timezoneOf(tx, userId);
  const period = periodCte(timezone, days, now);

  const totals = await tx.execute<{
    total_events: string;
    pending_events: string;
    confirmed_events: string;
    completed_events: string;
    conversion_rate: string;
  }>(sql`SELECT * FROM get_user_event_stats(${userId})`);

  const callDays = await tx.execute<{ day: string; calls: number }>(sql`
    WITH ${period},
    call_days AS (
      SELECT (created_at AT TIME ZONE ${timezone})::date AS day, count(*)::int AS n
      FROM calls, period
      WHERE user_id = ${userId} AND created_at >= period.starts_at AND created_at < period.ends_at
      GROUP BY 1
    )
    SELECT to_char(local_day.day, 'YYYY-MM-DD') AS day, coalesce(call_days.n, 0) AS calls
    FROM period
    CROSS JOIN generate_series(0, period.days - 1) AS offset_days
    CROSS JOIN LATERAL (SELECT period.first_day + offset_days AS day) AS local_day
    LEFT JOIN call_days ON call_days.day = local_day.day
    ORDER BY local_day.day`);

  // One pass over the period's events for the daily counts and all three breakdowns.
  const eventCounts = await tx.execute<{ dimension: string; value: string | null; count: number }>(sql`
    WITH ${period}
    SELECT
      CASE
        WHEN grouping(day) = 0 THEN 'day'
        WHEN grouping(event_type) = 0 THEN 'eventType'
        WHEN grouping(urgency_level) = 0 THEN 'urgencyLevel'
        ELSE 'status'
      END AS dimension,
      CASE WHEN grouping(day) = 0 THEN to_char(day, 'YYYY-MM-DD') ELSE coalesce(event_type, urgency_level, status) END AS value,
      count(*)::int AS count
    FROM (
      SELECT (created_at AT TIME ZONE ${timezone})::date AS day, event_type, urgency_level, status
      FROM events, period
      WHERE user_id = ${userId} AND created_at >= period.starts_at AND created_at < period.ends_at
    ) AS period_events
    GROUP BY GROUPING SETS ((day), (event_type), (urgency_level), (status))`);

  const eventsPerDay = new Map(
    eventCounts.rows.filter((row) => row.dimension === "day").map((row) => [row.value, row.count]),
  );
  const daily = callDays.rows.map((row) => ({ ...row, events: eventsPerDay.get(row.day) ?? 0 }));
  const [total] = totals.rows;
  return {
    timezone,
    totals: {
      totalEvents: Number(total?.total_events ?? 0),
      pendingEvents: Number(total?.pending_events ?? 0),
      confirmedEvents: Number(total?.confirmed_events ?? 0),
      completedEvents: Number(total?.completed_events ?? 0),
      /** Percent of events confirmed or completed, two decimals. */
      conversionRate: Number(total?.conversion_rate ?? 0),
    },
    period: {
      firstDay: daily[0]?.day ?? null,
      lastDay: daily[daily.length - 1]?.day ?? null,
      calls: daily.reduce((sum, row) => sum + row.calls, 0),
      events: daily.reduce((sum, row) => sum + row.events, 0),
    },
    daily,
    eventsByType: countsByValue(EVENT_TYPES, eventCounts.rows, "eventType"),
    eventsByUrgency: countsByValue(URGENCY_LEVELS, eventCounts.rows, "urgencyLevel"),
    eventsByStatus: countsByValue(EVENT_STATUSES, eventCounts.rows, "status"),
  };
}
