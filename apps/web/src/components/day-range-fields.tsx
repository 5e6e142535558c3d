/** "From" and "To" day inputs of a list's filters: business days, both included, `to` never before `from`. */
import { TextField } from "./field";

export interface DayRange {
  /** YYYY-MM-DD */
  from?: string | undefined;
  /** YYYY-MM-DD, included */
  to?: string | undefined;
}

export function DayRangeFields({ from, to, onChange }: DayRange & { onChange: (change: DayRange) => void }) {
  return (
    <>
      <TextField
        label="From"
        type="date"
        value={from ?? ""}
        max={to}
        onChange={(event) => onChange({ from: event.target.value || undefined })}
      />
      <TextField
        label="To"
        type="date"
        value={to ?? ""}
        min={from}
        onChange={(event) => onChange({ to: event.target.value || undefined })}
      />
    </>
  );
}
