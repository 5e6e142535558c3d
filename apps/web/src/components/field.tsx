/**
 * Labelled form controls. Each shows its error under itself and links it with
 * aria-describedby, so a screen reader says why the field was refused.
 */
import {
  type InputHTMLAttributes,
  type ReactNode,
  type SelectHTMLAttributes,
  type TextareaHTMLAttributes,
  useId,
} from "react";

const CONTROL =
  "block w-full rounded-md border-0 bg-white px-3 py-2 text-sm text-slate-900 ring-1 ring-inset ring-slate-300 placeholder:text-slate-400 focus:ring-2 focus:ring-inset focus:ring-indigo-600 disabled:bg-slate-50 disabled:text-slate-500 aria-invalid:ring-red-500";

interface FieldFrame {
  label: string;
  error?: string | null;
  hint?: ReactNode;
}

/** What every control of a field carries: its id, its look, and the link to its error or hint. */
interface ControlProps {
  id: string;
  className: string;
  "aria-invalid": true | undefined;
  "aria-describedby": string | undefined;
}

/** The label, the control (`children` renders it with `ControlProps`), then the hint or the error. */
function Field({ label, error, hint, children }: FieldFrame & { children: (control: ControlProps) => ReactNode }) {
  const id = useId();
  const control: ControlProps = {
    id,
    className: CONTROL,
    "aria-invalid": error ? true : undefined,
    "aria-describedby": error ? `${id}-error` : hint ? `${id}-hint` : undefined,
  };
  return (
    <div>
      <label htmlFor={id} className="block text-sm font-medium text-slate-800">
        {label}
      </label>
      <div className="mt-1">{children(control)}</div>
      {hint && !error ? (
        <p id={`${id}-hint`} className="mt-1 text-xs text-slate-500">
          {hint}
        </p>
      ) : null}
      {error ? (
        <p id={`${id}-error`} role="alert" className="mt-1 text-xs text-red-600">
          {error}
        </p>
      ) : null}
    </div>
  );
}

export function TextField({ label, error, hint, ...rest }: FieldFrame & InputHTMLAttributes<HTMLInputElement>) {
  return (
    <Field label={label} error={error} hint={hint}>
      {(control) => <input {...control} {...rest} />}
    </Field>
  );
}

export function TextAreaField({
  label,
  error,
  hint,
  ...rest
}: FieldFrame & TextareaHTMLAttributes<HTMLTextAreaElement>) {
  return (
    <Field label={label} error={error} hint={hint}>
      {(control) => <textarea {...control} {...rest} />}
    </Field>
  );
}

export function SelectField({
  label,
  error,
  hint,
  options,
  ...rest
}: FieldFrame & SelectHTMLAttributes<HTMLSelectElement> & { options: readonly { value: string; label: string }[] }) {
  return (
    <Field label={label} error={error} hint={hint}>
      {(control) => (
        <select {...control} {...rest}>
          {options.map((option) => (
            <option key={option.value} value={option.value}>
              {option.label}
            </option>
          ))}
        </select>
      )}
    </Field>
  );
}

export const controlClass = CONTROL;
