import { cleanup, fireEvent, render, screen, within } from "@testing-library/react";
import { afterEach, describe, expect, it } from "vitest";
import { daysBetween, describeSeries, niceScale, TimeSeriesChart, valuesByDay } from "./chart";

afterEach(cleanup);

describe("niceScale", () => {
  it("rounds the top of the axis up to a round step", () => {
    expect(niceScale(7)).toEqual({ max: 8, ticks: [0, 2, 4, 6, 8] });
    expect(niceScale(42)).toEqual({ max: 60, ticks: [0, 20, 40, 60] });
    expect(niceScale(100)).toEqual({ max: 100, ticks: [0, 50, 100] });
    expect(niceScale(1000)).toEqual({ max: 1000, ticks: [0, 500, 1000] });
  });

  it("never uses fractional steps for counts", () => {
    expect(niceScale(3)).toEqual({ max: 3, ticks: [0, 1, 2, 3] });
    expect(niceScale(1)).toEqual({ max: 1, ticks: [0, 1] });
  });

  it("gives an all-zero chart an axis instead of dividing by zero", () => {
    expect(niceScale(0)).toEqual({ max: 1, ticks: [0, 1] });
    expect(niceScale(Number.NaN)).toEqual({ max: 1, ticks: [0, 1] });
  });
});

describe("days", () => {
  it("lists every calendar day across month and year ends", () => {
    expect(daysBetween("2025-12-30", "2026-01-02")).toEqual(["2025-12-30", "2025-12-31", "2026-01-01", "2026-01-02"]);
    expect(daysBetween("2024-02-28", "2024-03-01")).toEqual(["2024-02-28", "2024-02-29", "2024-03-01"]);
    expect(daysBetween("2026-01-02", "2026-01-01")).toEqual([]);
  });

  it("fills the days without a row with zeros", () => {
    const days = daysBetween("2026-01-01", "2026-01-05");
    const rows = [
      { day: "2026-01-02", calls: 3 },
      { day: "2026-01-05", calls: 1 },
      { day: "2025-12-31", calls: 9 },
    ];
    expect(valuesByDay(rows, days, (row) => row.calls)).toEqual([0, 3, 0, 0, 1]);
  });
});

describe("TimeSeriesChart", () => {
  const days = daysBetween("2026-01-12", "2026-01-15");

  function renderChart() {
    return render(
      <TimeSeriesChart
        title="Calls per day"
        days={days}
        series={[
          { name: "Calls", kind: "bar", tone: "indigo", values: [2, 0, 7, 1] },
          { name: "Events", kind: "line", tone: "emerald", values: [1, 0, 4, 0] },
        ]}
      />,
    );
  }

  it("draws bars to the scale of the rounded axis", () => {
    renderChart();
    // max 7 -> axis 0..8: 2 is a quarter of the height, 0 draws nothing.
    expect(screen.getByTestId("bar-Calls-2026-01-12").getAttribute("height")).toBe("25");
    expect(screen.getByTestId("bar-Calls-2026-01-12").getAttribute("y")).toBe("75");
    expect(screen.getByTestId("bar-Calls-2026-01-13").getAttribute("height")).toBe("0");
    expect(screen.getByTestId("bar-Calls-2026-01-14").getAttribute("height")).toBe("87.5");
    expect(screen.getByTestId("line-Events").getAttribute("points")).toBe("0.5,87.5 1.5,100 2.5,50 3.5,100");
  });

  it("names itself and summarises the series for screen readers", () => {
    renderChart();
    const chart = screen.getByRole("img");
    const name = chart.getAttribute("aria-labelledby")?.split(" ") ?? [];
    const text = name.map((id) => document.getElementById(id)?.textContent).join(" ");
    expect(text).toBe(
      "Calls per day, Jan 12 to Jan 15 Calls: 10 in total, most on Jan 14 (7). Events: 5 in total, most on Jan 14 (4).",
    );
  });

  it("has every number in a table, which a button shows", () => {
    renderChart();
    const table = screen.getByRole("table", { name: "Calls per day, Jan 12 to Jan 15" });
    const rows = within(table)
      .getAllByRole("row")
      .map((row) => row.textContent);
    expect(rows).toEqual(["DayCallsEvents", "Mon, Jan 1221", "Tue, Jan 1300", "Wed, Jan 1474", "Thu, Jan 1510"]);
    expect(table.parentElement?.className).toBe("sr-only");

    const toggle = screen.getByRole("button", { name: "Show numbers" });
    fireEvent.click(toggle);
    expect(toggle.getAttribute("aria-pressed")).toBe("true");
    expect(toggle.textContent).toBe("Hide numbers");
    expect(table.parentElement?.className).not.toContain("sr-only");
  });

  it("says so when a series has nothing", () => {
    expect(describeSeries(days, { name: "Calls", kind: "bar", tone: "indigo", values: [0, 0, 0, 0] })).toBe(
      "Calls: none.",
    );
  });
});
