import { fireEvent, render, screen } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { FoldedFilters } from "./folded-filters";

describe("FoldedFilters", () => {
  it("folds its filters away on a phone until asked, saying how many are set", () => {
    render(
      <FoldedFilters id="value-filters" chosen={2}>
        <p>Status toggles</p>
      </FoldedFilters>,
    );
    const button = screen.getByRole("button", { name: "More filters (2 set)" });
    const panel = document.getElementById("value-filters") as HTMLElement;
    expect(button.getAttribute("aria-expanded")).toBe("false");
    expect(button.getAttribute("aria-controls")).toBe("value-filters");
    // Hidden below 768 px only: from md up the filters always show.
    expect(panel.className.split(" ")).toEqual(expect.arrayContaining(["hidden", "md:block"]));

    fireEvent.click(button);
    expect(button.getAttribute("aria-expanded")).toBe("true");
    expect(button.textContent).toBe("Fewer filters");
    expect(panel.className.split(" ")).not.toContain("hidden");
    expect(panel.textContent).toBe("Status toggles");
  });

  it("says just More filters when none is set", () => {
    render(
      <FoldedFilters id="none-set" chosen={0}>
        <p>Type toggles</p>
      </FoldedFilters>,
    );
    expect(screen.getByRole("button", { name: "More filters" })).toBeTruthy();
  });
});
