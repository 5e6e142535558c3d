/**
 * Where the owner starts: the event figures (`get_user_event_stats`), calls and events per day
 * over the chosen period, what needs attention now, and the confirmed events of the coming
 * week. A brand-new account is told how to get its first call instead.
 */
import { numberFormat } from "@flynn/domain/intl";
import { useQuery } from "@tanstack/react-query";
import { getRouteApi, Link } from "@tanstack/react-router";
import { buttonClass } from "../components/button";
import { Card, PageHeader } from "../components/card";
import { type ChartSeries, ChartSkeleton, daysBetween, TimeSeriesChart, valuesByDay } from "../components/chart";
import { EmptyState, ErrorState, Skeleton } from "../components/feedback";
import { SimulateCallButton } from "../components/simulate-call-button";
import { localDay } from "../lib/local-day";
import { useProfile, useTimezone } from "../lib/profile";
import { NeedsAttention } from "./dashboard/attention";
import { anyCallQuery, overviewQuery } from "./dashboard/queries";
import { DEFAULT_PERIOD, PERIODS, type Period } from "./dashboard/search";
import { UpcomingEvents } from "./dashboard/upcoming";

const route = getRouteApi("/signed-in/app/");

type Overview = NonNullable<ReturnType<typeof useOverview>["data"]>;

function useOverview(days: Period) {
  return useQuery(overviewQuery(days));
}

export function DashboardPage() {
  const { days = DEFAULT_PERIOD } = route.useSearch();
  const navigate = route.useNavigate();
  const timezone = useTimezone();
  const companyName = useProfile().data?.companyName;
  const overview = useOverview(days);
  const anyCall = useQuery(anyCallQuery());
  const today = localDay(new Date(), timezone);

  return (
    <>
      <PageHeader
        title="Dashboard"
        description={companyName ? `${companyName} at a glance.` : undefined}
        actions={
          <>
            <label className="sr-only" htmlFor="dashboard-period">
              Period
            </label>
            <select
              id="dashboard-period"
              value={days}
              onChange={(event) => navigate({ search: { days: Number(event.target.value) as Period }, replace: true })}
              className="rounded-md border-0 bg-white py-1.5 pr-8 pl-3 text-sm text-slate-900 ring-1 ring-slate-300 ring-inset focus:ring-2 focus:ring-indigo-600"
            >
              {PERIODS.map((period) => (
                <option key={period} value={period}>
                  Last {period} days
                </option>
              ))}
            </select>
          </>
        }
      />

      {anyCall.data?.items.length === 0 ? (
        <div className="mb-6">
          <EmptyState
            title="No calls yet — forward your phone or simulate a call"
            action={
              <div className="flex flex-wrap justify-center gap-2">
                <SimulateCallButton variant="primary" size="md" />
                <Link to="/settings" search={{ tab: "phone-numbers" }} className={buttonClass("secondary")}>
                  Your Flynn number
                </Link>
              </div>
            }
          >
            Forward your business line to your Flynn number (or simulate a call in development). Seconds after each
            call, its summary and the events agreed in it appear here.
          </EmptyState>
        </div>
      ) : null}

      <Figures overview={overview} />

      <div className="mt-6 grid grid-cols-1 gap-6 lg:grid-cols-2">
        <DailyCard overview={overview} series="calls" days={days} />
        <DailyCard overview={overview} series="events" days={days} />
      </div>

      <div className="mt-6 grid grid-cols-1 gap-6 lg:grid-cols-2">
        <NeedsAttention today={today} timezone={timezone} />
        <UpcomingEvents today={today} timezone={timezone} />
      </div>
    </>
  );
}

const FIGURES = [
  { key: "totalEvents", label: "Events", hint: "all time" },
  { key: "pendingEvents", label: "Pending", hint: "awaiting a decision" },
  { key: "confirmedEvents", label: "Confirmed", hint: "booked" },
  { key: "completedEvents", label: "Completed", hint: "done" },
  { key: "conversionRate", label: "Conversion", hint: "confirmed or completed" },
] as const;

function Figures({ overview }: { overview: ReturnType<typeof useOverview> }) {
  if (overview.isError && !overview.data) {
    return <ErrorState error={overview.error} onRetry={() => overview.refetch()} />;
  }
  const totals = overview.data?.totals;
  return (
    <dl className="grid grid-cols-2 gap-3 sm:grid-cols-3 lg:grid-cols-5">
      {FIGURES.map((figure) => (
        <div
          key={figure.key}
          className="h-24 rounded-lg bg-white px-4 py-3 shadow-xs ring-1 ring-slate-200 last:col-span-2 sm:last:col-span-1"
        >
          <dt className="text-xs font-medium text-slate-500">{figure.label}</dt>
          <dd className="mt-1">
            {totals ? (
              <span className="block text-2xl font-semibold tabular-nums text-slate-900">
                {figure.key === "conversionRate"
                  ? `${formatPercent(totals.conversionRate)}`
                  : numberFormat({}).format(totals[figure.key])}
              </span>
            ) : (
              <Skeleton className="h-8 w-16" />
            )}
            <span className="block text-xs text-slate-500">{figure.hint}</span>
          </dd>
        </div>
      ))}
    </dl>
  );
}

/** 66.67 -> "66.7%", 100 -> "100%". */
export function formatPercent(value: number): string {
  return `${numberFormat({ maximumFractionDigits: 1 }).format(value)}%`;
}

const SERIES = {
  calls: { title: "Calls per day", name: "Calls", kind: "bar", tone: "indigo" },
  events: { title: "Events per day", name: "Events", kind: "line", tone: "emerald" },
} as const;

/** One series per day over the period, with the period's total. */
function DailyCard({
  overview,
  series,
  days,
}: {
  overview: ReturnType<typeof useOverview>;
  series: keyof typeof SERIES;
  days: number;
}) {
  const { title, ...look } = SERIES[series];
  const data = overview.data;
  return (
    <Card
      title={title}
      actions={
        <span className="text-xs text-slate-500">
          {data ? `${numberFormat({}).format(data.period[series])} in ${days} days` : <>&nbsp;</>}
        </span>
      }
    >
      {data ? (
        <TimeSeriesChart title={title} {...dailySeries(data, series, look)} />
      ) : overview.isError ? (
        <ErrorState error={overview.error} onRetry={() => overview.refetch()} />
      ) : (
        <ChartSkeleton />
      )}
    </Card>
  );
}

/** The period's days and one value per day. */
function dailySeries(overview: Overview, series: keyof typeof SERIES, look: Omit<ChartSeries, "values">) {
  const { firstDay, lastDay } = overview.period;
  // The server sends every day of the period; filling in from its bounds keeps the chart whole
  // even if a day were missing.
  const days = firstDay && lastDay ? daysBetween(firstDay, lastDay) : [];
  return { days, series: [{ ...look, values: valuesByDay(overview.daily, days, (row) => row[series]) }] };
}
