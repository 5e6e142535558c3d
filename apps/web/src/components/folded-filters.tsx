import { type ReactNode, useState } from "react";
import { Button } from "./button";

/**
 * Filters that fold away below 768 px behind "More filters" (with how many are set), since on
 * a phone they would push the list itself off the first screen. From 768 px they always show.
 */
export function FoldedFilters({ id, chosen, children }: { id: string; chosen: number; children: ReactNode }) {
  const [open, setOpen] = useState(false);
  return (
    <>
      <Button
        variant="ghost"
        size="sm"
        className="-ml-2 md:hidden"
        aria-expanded={open}
        aria-controls={id}
        onClick={() => setOpen((value) => !value)}
      >
        {open ? "Fewer filters" : chosen > 0 ? `More filters (${chosen} set)` : "More filters"}
      </Button>
      <div id={id} className={`space-y-3 md:block ${open ? "" : "hidden"}`}>
        {children}
      </div>
    </>
  );
}
