/** Coloured labels for the values the dashboard shows most: statuses and urgency. */
import { humanize } from "../lib/format";

const TONES = {
  grey: "bg-slate-100 text-slate-700 ring-slate-300",
  blue: "bg-blue-50 text-blue-700 ring-blue-200",
  green: "bg-green-50 text-green-700 ring-green-200",
  amber: "bg-amber-50 text-amber-800 ring-amber-200",
  red: "bg-red-50 text-red-700 ring-red-200",
  purple: "bg-purple-50 text-purple-700 ring-purple-200",
} as const;

export type Tone = keyof typeof TONES;

export function Badge({ tone = "grey", children }: { tone?: Tone; children: React.ReactNode }) {
  return (
    <span
      className={`inline-flex items-center rounded-md px-2 py-0.5 text-xs font-medium ring-1 ring-inset ${TONES[tone]}`}
    >
      {children}
    </span>
  );
}

const VALUE_TONES: Record<string, Tone> = {
  // urgency
  low: "grey",
  medium: "blue",
  high: "amber",
  emergency: "red",
  // event status
  extracted: "purple",
  pending: "amber",
  confirmed: "green",
  tentative: "blue",
  completed: "grey",
  cancelled: "red",
  // processing / delivery
  processing: "blue",
  failed: "red",
  sent: "green",
  delivered: "green",
  bounced: "red",
};

/** A status or urgency value, coloured by what it means. */
export function ValueBadge({ value }: { value: string | null | undefined }) {
  if (!value) return <Badge>—</Badge>;
  return <Badge tone={VALUE_TONES[value] ?? "grey"}>{humanize(value)}</Badge>;
}
