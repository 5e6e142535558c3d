/**
 * Small hand-written SVG charts of counts per day (bars and lines), so the dashboard needs no
 * chart library. The plot stretches to any width (its SVG is drawn in day units and scaled
 * without keeping the aspect ratio, lines keep their stroke width), while the axis labels are
 * HTML, so text stays readable from 375 px to 1440 px. Screen readers get a summary and the
 * numbers as a table, which anyone can also show.
 */
import { useId, useState } from "react";
import { addDays, formatDay } from "../lib/local-day";
import { Skeleton } from "./feedback";

/** Upper end of the axis and its ticks: round steps (1, 2, 5 x 10^n), whole numbers. */
export function niceScale(maxValue: number, targetTicks = 4): { max: number; ticks: number[] } {
  if (!(maxValue > 0)) return { max: 1, ticks: [0, 1] };
  const rough = maxValue / targetTicks;
  const magnitude = 10 ** Math.floor(Math.log10(rough));
  const step = Math.max(1, ([1, 2, 5, 10].find((nice) => nice * magnitude >= rough) ?? 10) * magnitude);
  const max = Math.ceil(maxValue / step) * step;
  const ticks = Array.from({ length: Math.round(max / step) + 1 }, (_, i) => i * step);
  return { max, ticks };
}

/** Every calendar day from `first` to `last`, both included. */
export function daysBetween(first: string, last: string): string[] {
  const days: string[] = [];
  for (let day = first; day <= last; day = addDays(day, 1)) days.push(day);
  return days;
}

/** One value per day of `days`, 0 for a day without a row: an empty day is a zero, not a gap. */
export function valuesByDay<Row extends { day: string }>(
  rows: readonly Row[],
  days: readonly string[],
  value: (row: Row) => number,
): number[] {
  const byDay = new Map(rows.map((row) => [row.day, value(row)]));
  return days.map((day) => byDay.get(day) ?? 0);
}

const TONES = {
  indigo: { bar: "fill-indigo-500", line: "stroke-indigo-500", swatch: "bg-indigo-500" },
  emerald: { bar: "fill-emerald-500", line: "stroke-emerald-500", swatch: "bg-emerald-500" },
  amber: { bar: "fill-amber-500", line: "stroke-amber-500", swatch: "bg-amber-500" },
} as const;

export interface ChartSeries {
  /** "Calls": the legend and the table's column. */
  name: string;
  kind: "bar" | "line";
  tone: keyof typeof TONES;
  /** One value per day of the chart's `days`. */
  values: readonly number[];
}

export interface TimeSeriesChartProps {
  /** What the chart shows ("Calls per day"), for screen readers and the table's caption. */
  title: string;
  days: readonly string[];
  series: readonly ChartSeries[];
  /** Height of the plot in pixels, fixed so that nothing moves when data arrives. */
  height?: number;
}

const MAX_DAY_LABELS = 6;
/** The figure's height beyond the plot: x-axis labels (h-5) and the legend line (mt-2 h-6). */
const FRAME_PX = 20 + 8 + 24;

/** "42 in total, most on Jan 14 (7)": what the chart says, in one sentence per series. */
export function describeSeries(days: readonly string[], series: ChartSeries): string {
  const total = series.values.reduce((sum, value) => sum + value, 0);
  if (total === 0) return `${series.name}: none.`;
  let peak = 0;
  series.values.forEach((value, i) => {
    if (value > (series.values[peak] ?? 0)) peak = i;
  });
  const peakDay = days[peak];
  return `${series.name}: ${total} in total, most on ${peakDay ? formatDay(peakDay) : "—"} (${series.values[peak]}).`;
}

export function TimeSeriesChart({ title, days, series, height = 160 }: TimeSeriesChartProps) {
  const id = useId();
  const [showNumbers, setShowNumbers] = useState(false);
  const count = days.length;
  const scale = niceScale(Math.max(0, ...series.flatMap((s) => s.values)));
  const y = (value: number) => 100 - (value / scale.max) * 100;
  const bars = series.filter((s) => s.kind === "bar");
  const barWidth = 0.8 / Math.max(1, bars.length);
  const labelStep = Math.max(1, Math.ceil(count / MAX_DAY_LABELS));
  const range = count > 0 ? `${formatDay(days[0] as string)} to ${formatDay(days[count - 1] as string)}` : "no days";

  return (
    <figure>
      <div className="flex" style={{ height }}>
        <div aria-hidden className="relative w-8 shrink-0 text-right text-[11px] text-slate-500">
          {scale.ticks.map((tick) => (
            <span
              key={tick}
              className="absolute right-1.5 translate-y-1/2 leading-none"
              style={{ bottom: `${(tick / scale.max) * 100}%` }}
            >
              {tick}
            </span>
          ))}
        </div>
        <div className="relative mr-3 flex-1">
          <svg
            role="img"
            aria-labelledby={`${id}-title ${id}-desc`}
            className="absolute inset-0 size-full overflow-visible"
            viewBox={`0 0 ${Math.max(1, count)} 100`}
            preserveAspectRatio="none"
          >
            <title id={`${id}-title`}>{`${title}, ${range}`}</title>
            <desc id={`${id}-desc`}>{series.map((s) => describeSeries(days, s)).join(" ")}</desc>
            {scale.ticks.map((tick) => (
              <line
                key={tick}
                x1={0}
                x2={Math.max(1, count)}
                y1={y(tick)}
                y2={y(tick)}
                className={tick === 0 ? "stroke-slate-300" : "stroke-slate-100"}
                vectorEffect="non-scaling-stroke"
              />
            ))}
            {bars.map((s, b) =>
              s.values.map((value, i) => (
                <rect
                  key={`${s.name}-${days[i]}`}
                  data-testid={`bar-${s.name}-${days[i]}`}
                  x={i + 0.1 + b * barWidth}
                  y={y(value)}
                  width={barWidth}
                  height={100 - y(value)}
                  className={TONES[s.tone].bar}
                >
                  <title>{`${formatDay(days[i] as string)}: ${value} ${s.name.toLowerCase()}`}</title>
                </rect>
              )),
            )}
            {series
              .filter((s) => s.kind === "line")
              .map((s) => (
                <polyline
                  key={s.name}
                  data-testid={`line-${s.name}`}
                  points={s.values.map((value, i) => `${i + 0.5},${y(value)}`).join(" ")}
                  fill="none"
                  strokeWidth={2}
                  strokeLinejoin="round"
                  className={TONES[s.tone].line}
                  vectorEffect="non-scaling-stroke"
                />
              ))}
          </svg>
        </div>
      </div>
      <div aria-hidden className="relative mr-3 ml-8 h-5 text-[11px] text-slate-500">
        {days.map((day, i) =>
          // The last day always gets its label; the others every `labelStep` days back from it.
          (count - 1 - i) % labelStep === 0 ? (
            <span
              key={day}
              className="absolute top-1 -translate-x-1/2 whitespace-nowrap"
              style={{ left: `${((i + 0.5) / count) * 100}%` }}
            >
              {formatDay(day)}
            </span>
          ) : null,
        )}
      </div>
      <figcaption className="mt-2 flex h-6 items-center justify-between gap-3 text-xs text-slate-600">
        <span className="flex flex-wrap gap-x-3">
          {series.map((s) => (
            <span key={s.name} className="inline-flex items-center gap-1.5">
              <span
                aria-hidden
                className={`inline-block ${s.kind === "bar" ? "size-2.5" : "h-0.5 w-3"} ${TONES[s.tone].swatch}`}
              />
              {s.name}
            </span>
          ))}
        </span>
        <button
          type="button"
          aria-pressed={showNumbers}
          aria-controls={`${id}-table`}
          onClick={() => setShowNumbers((shown) => !shown)}
          className="rounded px-1.5 py-0.5 font-medium text-indigo-700 hover:bg-indigo-50 focus-visible:outline-2 focus-visible:outline-indigo-600"
        >
          {showNumbers ? "Hide numbers" : "Show numbers"}
        </button>
      </figcaption>
      <div id={`${id}-table`} className={showNumbers ? "mt-2 max-h-64 overflow-auto" : "sr-only"}>
        <table className="w-full text-left text-xs">
          <caption className="sr-only">{`${title}, ${range}`}</caption>
          <thead className="text-slate-500">
            <tr>
              <th scope="col" className="py-1 font-medium">
                Day
              </th>
              {series.map((s) => (
                <th key={s.name} scope="col" className="py-1 text-right font-medium">
                  {s.name}
                </th>
              ))}
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100 text-slate-800">
            {days.map((day, i) => (
              <tr key={day}>
                <th scope="row" className="py-1 font-normal">
                  {formatDay(day, { weekday: "short", month: "short", day: "numeric" })}
                </th>
                {series.map((s) => (
                  <td key={s.name} className="py-1 text-right tabular-nums">
                    {s.values[i] ?? 0}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </figure>
  );
}

/** The chart's exact footprint while its data loads. */
export function ChartSkeleton({ height = 160 }: { height?: number }) {
  return (
    <div style={{ height: height + FRAME_PX }}>
      <Skeleton className="size-full" />
    </div>
  );
}
