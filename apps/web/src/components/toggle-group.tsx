/** A labelled row of on/off buttons for a multi-value filter; none pressed means "any". */
import { humanize } from "../lib/format";

export function ToggleGroup({
  label,
  values,
  selected,
  onToggle,
  labelOf = humanize,
}: {
  label: string;
  values: readonly string[];
  selected: readonly string[];
  onToggle: (value: string) => void;
  labelOf?: (value: string) => string;
}) {
  return (
    <fieldset className="flex flex-wrap items-center gap-1.5">
      <legend className="float-left mr-2 w-24 text-xs font-medium text-slate-600">{label}</legend>
      {values.map((value) => {
        const pressed = selected.includes(value);
        return (
          <button
            key={value}
            type="button"
            aria-pressed={pressed}
            onClick={() => onToggle(value)}
            className={`rounded-full px-2.5 py-1 text-xs font-medium ring-1 ring-inset focus-visible:outline-2 focus-visible:outline-offset-1 focus-visible:outline-indigo-600 ${
              pressed
                ? "bg-indigo-600 text-white ring-indigo-600"
                : "bg-white text-slate-700 ring-slate-300 hover:bg-slate-50"
            }`}
          >
            {labelOf(value)}
          </button>
        );
      })}
    </fieldset>
  );
}
