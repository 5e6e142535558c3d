import { screen } from "@testing-library/react";
import { afterEach, describe, expect, it } from "vitest";
import { renderWithApp, resetApp } from "../../testing/render";
import { type AuditRecord, AuditRecordLink } from "./record-link";

afterEach(resetApp);

const EVENT_ID = "7c1e2d3f-4a5b-4c6d-8e7f-901a2b3c4d5e";

function renderRecord(entry: Partial<AuditRecord>) {
  const record: AuditRecord = {
    action: "event.updated",
    resourceType: "event",
    resourceId: EVENT_ID,
    oldValues: { status: "extracted" },
    newValues: { status: "confirmed" },
    ...entry,
  };
  renderWithApp(() => (
    <div data-testid="record">
      <AuditRecordLink entry={record} />
    </div>
  ));
  return screen.findByTestId("record");
}

describe("AuditRecordLink", () => {
  it("keeps the record and its History link apart when the row names no record", async () => {
    const cell = await renderRecord({});
    expect(cell.textContent).not.toMatch(/EventHistory/);
    expect(screen.getByRole("link", { name: "Event" }).getAttribute("href")).toBe(`/events/${EVENT_ID}`);
    // The link says whose history it is, out of context too (a screen reader's list of links).
    const history = screen.getByRole("link", { name: "History of this event" });
    expect(history.getAttribute("href")).toBe(`/audit?resourceId=${EVENT_ID}`);
  });

  it("shows the record's name between them, and no page link for a deleted record", async () => {
    const cell = await renderRecord({ action: "event.deleted", oldValues: { title: "Boiler check" }, newValues: null });
    expect(cell.textContent?.replace(/\s+/g, " ").trim()).toBe("Event Boiler check History of this event");
    expect(screen.queryByRole("link", { name: "Event" })).toBeNull();
  });

  it("names a call by its caller's number, grouped as elsewhere in the dashboard", async () => {
    const cell = await renderRecord({
      action: "call.created",
      resourceType: "call",
      oldValues: null,
      newValues: { caller_number: "+15125550142" },
    });
    expect(cell.textContent).toContain("+1 512 555 0142");
    expect(cell.textContent).not.toContain("+15125550142");
  });
});
