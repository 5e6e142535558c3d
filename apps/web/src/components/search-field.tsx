/**
 * A search box whose words reach the URL once typing settles, so a list refetches once per
 * search and not per key, and the search can be bookmarked. The URL stays the source of
 * truth: a change that comes from elsewhere (back button, "Clear filters") replaces what the
 * box shows.
 */
import { useEffect, useRef, useState } from "react";
import { TextField } from "./field";

export const SEARCH_DELAY_MS = 300;

export function SearchField({
  label = "Search",
  value,
  onSearch,
  placeholder,
  maxLength = 200,
}: {
  label?: string;
  /** The search in the URL. */
  value: string | undefined;
  onSearch: (value: string | undefined) => void;
  placeholder?: string;
  maxLength?: number;
}) {
  const [draft, setDraft] = useState(value ?? "");
  // What this box last put in the URL; any other value came from outside.
  const pushed = useRef(value);
  useEffect(() => {
    if (value === pushed.current) return;
    pushed.current = value;
    setDraft(value ?? "");
  }, [value]);
  useEffect(() => {
    const next = draft.trim() || undefined;
    if (next === pushed.current) return;
    const timer = setTimeout(() => {
      pushed.current = next;
      onSearch(next);
    }, SEARCH_DELAY_MS);
    return () => clearTimeout(timer);
  }, [draft, onSearch]);

  return (
    <TextField
      label={label}
      type="search"
      placeholder={placeholder}
      maxLength={maxLength}
      value={draft}
      onChange={(event) => setDraft(event.target.value)}
    />
  );
}
