import { type BusinessHours, businessHoursSchema } from "@flynn/domain";
import { cleanup, fireEvent, render, screen } from "@testing-library/react";
import { useState } from "react";
import { afterEach, describe, expect, it } from "vitest";
import { BusinessHoursEditor, businessHoursErrors } from "./business-hours-editor";

afterEach(cleanup);

const NINE_TO_FIVE = { start: "09:00", end: "17:00" };

/** The editor as a page uses it: the page holds the value; every change is recorded. */
function Host({ initial, changes }: { initial: BusinessHours; changes: BusinessHours[] }) {
  const [value, setValue] = useState(initial);
  return (
    <BusinessHoursEditor
      value={value}
      onChange={(next) => {
        changes.push(next);
        setValue(next);
      }}
    />
  );
}

function renderEditor(initial: BusinessHours) {
  const changes: BusinessHours[] = [];
  render(<Host initial={initial} changes={changes} />);
  return { changes, last: () => changes.at(-1) };
}

const time = (label: string) => screen.getByLabelText(label) as HTMLInputElement;

describe("BusinessHoursEditor", () => {
  it("shows open days with their times and the others as closed", () => {
    renderEditor({ monday: NINE_TO_FIVE, saturday: { start: "10:00", end: "14:00" } });
    expect((screen.getByLabelText("Open on Monday") as HTMLInputElement).checked).toBe(true);
    expect(time("Monday opens at").value).toBe("09:00");
    expect(time("Saturday closes at").value).toBe("14:00");
    expect((screen.getByLabelText("Open on Sunday") as HTMLInputElement).checked).toBe(false);
    expect(screen.queryByLabelText("Sunday opens at")).toBeNull();
    expect(screen.getAllByText("Closed")).toHaveLength(5);
  });

  it("refuses a closing time before or at the opening time, naming the day, and clears once fixed", () => {
    const { last } = renderEditor({ monday: NINE_TO_FIVE, tuesday: NINE_TO_FIVE });
    fireEvent.change(time("Tuesday closes at"), { target: { value: "08:30" } });
    expect(screen.getByRole("alert").textContent).toBe("Closing time must be after opening time");
    expect(time("Tuesday closes at").getAttribute("aria-invalid")).toBe("true");
    expect(time("Monday closes at").getAttribute("aria-invalid")).toBeNull();
    expect(last()).toEqual({ monday: NINE_TO_FIVE, tuesday: { start: "09:00", end: "08:30" } });
    expect(businessHoursErrors(last() ?? {})).toEqual({ tuesday: "Closing time must be after opening time" });
    // The server would refuse the same value, on the same day.
    const refused = businessHoursSchema.safeParse(last());
    expect(refused.error?.issues.map((issue) => issue.path.join("."))).toEqual(["tuesday.end"]);

    fireEvent.change(time("Tuesday closes at"), { target: { value: "09:00" } });
    expect(screen.getByRole("alert").textContent).toBe("Closing time must be after opening time");
    fireEvent.change(time("Tuesday closes at"), { target: { value: "09:15" } });
    expect(screen.queryByRole("alert")).toBeNull();
    expect(businessHoursErrors(last() ?? {})).toEqual({});
  });

  it("asks for both times while one is incomplete", () => {
    const { last } = renderEditor({ friday: NINE_TO_FIVE });
    fireEvent.change(time("Friday opens at"), { target: { value: "" } });
    expect(screen.getByRole("alert").textContent).toBe("Enter both an opening and a closing time");
    expect(businessHoursErrors(last() ?? {})).toEqual({ friday: "Enter both an opening and a closing time" });
  });

  it("closes a day by leaving it out, and gives it its hours back when it opens again", () => {
    const { last } = renderEditor({ monday: NINE_TO_FIVE, wednesday: { start: "07:00", end: "12:00" } });
    fireEvent.click(screen.getByLabelText("Open on Wednesday"));
    expect(last()).toEqual({ monday: NINE_TO_FIVE });
    expect(Object.keys(last() ?? {})).not.toContain("wednesday");
    fireEvent.click(screen.getByLabelText("Open on Wednesday"));
    expect(last()).toEqual({ monday: NINE_TO_FIVE, wednesday: { start: "07:00", end: "12:00" } });
    // A day that was never open starts at nine to five.
    fireEvent.click(screen.getByLabelText("Open on Sunday"));
    expect(last()?.sunday).toEqual(NINE_TO_FIVE);
  });

  it("copies Monday to Tuesday through Friday, leaving the weekend alone", () => {
    const { last } = renderEditor({
      monday: { start: "08:00", end: "18:00" },
      tuesday: NINE_TO_FIVE,
      saturday: { start: "10:00", end: "14:00" },
    });
    fireEvent.click(screen.getByRole("button", { name: "Copy Monday to Tuesday–Friday" }));
    const weekday = { start: "08:00", end: "18:00" };
    expect(last()).toEqual({
      monday: weekday,
      tuesday: weekday,
      wednesday: weekday,
      thursday: weekday,
      friday: weekday,
      saturday: { start: "10:00", end: "14:00" },
    });
    expect(time("Thursday closes at").value).toBe("18:00");
  });

  it("copies a closed Monday as closed days", () => {
    const { last } = renderEditor({ tuesday: NINE_TO_FIVE, friday: NINE_TO_FIVE, sunday: NINE_TO_FIVE });
    fireEvent.click(screen.getByRole("button", { name: "Copy Monday to Tuesday–Friday" }));
    expect(last()).toEqual({ sunday: NINE_TO_FIVE });
  });

  it("cannot copy a Monday that is not valid", () => {
    renderEditor({ monday: { start: "17:00", end: "09:00" } });
    expect((screen.getByRole("button", { name: "Copy Monday to Tuesday–Friday" }) as HTMLButtonElement).disabled).toBe(
      true,
    );
  });

  it("emits exactly what the API accepts: days in week order, closed days absent", () => {
    const { last } = renderEditor({});
    fireEvent.click(screen.getByLabelText("Open on Saturday"));
    fireEvent.click(screen.getByLabelText("Open on Monday"));
    fireEvent.change(time("Monday opens at"), { target: { value: "08:00" } });
    fireEvent.click(screen.getByRole("button", { name: "Copy Monday to Tuesday–Friday" }));
    const hours = last() ?? {};
    expect(businessHoursSchema.parse(hours)).toEqual(hours);
    expect(Object.keys(hours)).toEqual(["monday", "tuesday", "wednesday", "thursday", "friday", "saturday"]);
    expect(hours.monday).toEqual({ start: "08:00", end: "17:00" });
  });

  it("shows the server's message for a day the editor finds nothing wrong with", () => {
    render(
      <BusinessHoursEditor value={{ monday: NINE_TO_FIVE }} onChange={() => {}} errors={{ monday: "Not allowed" }} />,
    );
    expect(screen.getByRole("alert").textContent).toBe("Not allowed");
  });
});
