import { cleanup, fireEvent, render, screen } from "@testing-library/react";
import { afterEach, describe, expect, it } from "vitest";
import { AuditChanges, auditChanges, formatAuditValue } from "./changes";

afterEach(cleanup);

const timezone = "America/New_York";

describe("auditChanges", () => {
  it("lists an update's changed fields with their old and new values", () => {
    expect(
      auditChanges(
        { status: "extracted", confirmed_datetime: null, notes: "x" },
        { status: "confirmed", confirmed_datetime: "2026-01-14T15:00:00+00:00", notes: "x" },
      ),
    ).toEqual([
      { field: "status", before: "extracted", after: "confirmed" },
      { field: "confirmed_datetime", before: null, after: "2026-01-14T15:00:00+00:00" },
    ]);
  });

  it("lists what a creation set and what a deletion removed, without empty fields and row ids", () => {
    const row = {
      id: "e1",
      user_id: "u1",
      created_at: "2026-01-14T15:00:00+00:00",
      title: "Boiler check",
      location: null,
    };
    expect(auditChanges(null, row)).toEqual([{ field: "title", after: "Boiler check" }]);
    expect(auditChanges(row, null)).toEqual([{ field: "title", before: "Boiler check" }]);
    expect(auditChanges(null, null)).toEqual([]);
  });

  it("counts a hidden column as changed: the trigger stores it only when it changed, as [hidden] both sides", () => {
    expect(
      auditChanges(
        { transcription_text: "[hidden]", call_summary: null },
        { transcription_text: "[hidden]", call_summary: "Leak" },
      ),
    ).toEqual([
      { field: "transcription_text", hidden: true },
      { field: "call_summary", before: null, after: "Leak" },
    ]);
  });

  it("says a customer's sealed phone or email changed, without values, and leaves out hashes and the calendar's counter", () => {
    // What the events trigger stores when the owner changes the customer's phone and the time.
    const oldValues = {
      customer_phone: "[hidden]",
      customer_phone_hash: "[hidden]",
      proposed_datetime: null,
      calendar_sequence: 3,
    };
    const newValues = {
      customer_phone: "[hidden]",
      customer_phone_hash: "[hidden]",
      proposed_datetime: "2026-01-14T15:00:00+00:00",
      calendar_sequence: 4,
    };
    expect(auditChanges(oldValues, newValues)).toEqual([
      { field: "customer_phone", hidden: true },
      { field: "proposed_datetime", before: null, after: "2026-01-14T15:00:00+00:00" },
    ]);
    // A creation: every hidden column reads "[hidden]", the counter starts at 0.
    const created = {
      id: "e1",
      title: "Boiler check",
      customer_email: "[hidden]",
      customer_email_hash: "[hidden]",
      calendar_sequence: 0,
    };
    expect(auditChanges(null, created)).toEqual([
      { field: "title", after: "Boiler check" },
      { field: "customer_email", after: "[hidden]" },
    ]);
  });
});

describe("formatAuditValue", () => {
  it("shows times in the business's timezone and says what a value means", () => {
    expect(formatAuditValue("2026-01-14T15:00:00.123456+00:00", timezone)).toBe("Wed, Jan 14, 10:00 AM");
    expect(formatAuditValue(null, timezone)).toBe("empty");
    expect(formatAuditValue("[hidden]", timezone)).toBe("hidden");
    expect(formatAuditValue(true, timezone)).toBe("yes");
    expect(formatAuditValue(90, timezone)).toBe("90");
    expect(formatAuditValue({ monday: { start: "09:00" } }, timezone)).toBe('{"monday":{"start":"09:00"}}');
  });

  it("groups a stored phone number as the rest of the dashboard does, and leaves other text as it is", () => {
    expect(formatAuditValue("+15125550142", timezone)).toBe("+1 512 555 0142");
    expect(formatAuditValue("+442079460958", timezone)).toBe("+442079460958");
    expect(formatAuditValue("Call +15125550142 back", timezone)).toBe("Call +15125550142 back");
  });
});

describe("AuditChanges", () => {
  it("renders old -> new compactly and the rest on demand", () => {
    render(
      <AuditChanges
        timezone={timezone}
        oldValues={{ status: "extracted", title: "Leak", duration_minutes: 60, location: null, currency: "USD" }}
        newValues={{
          status: "confirmed",
          title: "Kitchen leak",
          duration_minutes: 90,
          location: "12 Oak St",
          currency: "USD",
        }}
      />,
    );
    const shown = () => screen.getAllByRole("definition").map((dd) => dd.textContent);
    expect(screen.getAllByRole("term").map((dt) => dt.textContent)).toEqual(["Status", "Title", "Duration minutes"]);
    // The arrow is for the eye; a screen reader hears "changed to".
    expect(shown()).toEqual(["extracted→ changed to confirmed", "Leak→ changed to Kitchen leak", "60→ changed to 90"]);

    const toggle = screen.getByRole("button", { name: "Show all 4 fields (1 more)" });
    expect(toggle.getAttribute("aria-expanded")).toBe("false");
    fireEvent.click(toggle);
    expect(toggle.getAttribute("aria-expanded")).toBe("true");
    expect(shown()).toHaveLength(4);
    expect(shown()[3]).toBe("empty→ changed to 12 Oak St");
    fireEvent.click(screen.getByRole("button", { name: "Show less" }));
    expect(shown()).toHaveLength(3);
  });

  it("shows a creation's values alone, with no toggle when they fit", () => {
    render(<AuditChanges timezone={timezone} oldValues={null} newValues={{ id: "e1", title: "Boiler check" }} />);
    expect(screen.getByRole("definition").textContent).toBe("Boiler check");
    expect(screen.queryByRole("button")).toBeNull();
  });

  it("says a transcript was updated when that is the row's only change", () => {
    render(
      <AuditChanges
        timezone={timezone}
        oldValues={{ transcription_text: "[hidden]" }}
        newValues={{ transcription_text: "[hidden]" }}
      />,
    );
    expect(screen.queryByText("No field changes")).toBeNull();
    expect(screen.getByRole("term").textContent).toBe("Transcript");
    expect(screen.getByRole("definition").textContent).toBe("updated");
  });

  it("shows a customer phone change as updated, with no value and no hash", () => {
    render(
      <AuditChanges
        timezone={timezone}
        oldValues={{ customer_phone: "[hidden]", customer_phone_hash: "[hidden]", calendar_sequence: 1 }}
        newValues={{ customer_phone: "[hidden]", customer_phone_hash: "[hidden]", calendar_sequence: 2 }}
      />,
    );
    expect(screen.getAllByRole("term").map((dt) => dt.textContent)).toEqual(["Customer phone"]);
    expect(screen.getByRole("definition").textContent).toBe("updated");
  });

  it("says so when nothing changed", () => {
    render(<AuditChanges timezone={timezone} oldValues={{}} newValues={{}} />);
    expect(screen.getByText("No field changes")).toBeTruthy();
  });
});
