import { describe, expect, it } from "vitest";
import { oneOf } from "../../lib/search-params";
import { validateCommunicationsSearch } from "../communications/search";
import { validateDashboardSearch } from "../dashboard/search";
import { validateAuditSearch } from "./search";

describe("filters in the URL", () => {
  it("keeps what it can read of the audit log's filters and drops the rest", () => {
    expect(
      validateAuditSearch({
        resource: " event ",
        actor: "system",
        resourceId: "7C1E2D3F-4A5B-4C6D-8E7F-901A2B3C4D5E",
        from: "2026-01-01",
        to: "2026-01-31",
      }),
    ).toEqual({
      resource: "event",
      actor: "system",
      resourceId: "7C1E2D3F-4A5B-4C6D-8E7F-901A2B3C4D5E",
      from: "2026-01-01",
      to: "2026-01-31",
    });
    expect(validateAuditSearch({ resourceId: "1; drop", from: "2026-02-30", to: "yesterday" })).toEqual({
      resource: undefined,
      actor: undefined,
      resourceId: undefined,
      from: undefined,
      to: undefined,
    });
    // A range that ends before it starts keeps its start.
    expect(validateAuditSearch({ from: "2026-02-01", to: "2026-01-01" })).toMatchObject({
      from: "2026-02-01",
      to: undefined,
    });
  });

  it("reads the communications filters, numbers included", () => {
    expect(validateCommunicationsSearch({ type: "email", status: "", q: 555 })).toEqual({
      type: "email",
      status: undefined,
      q: "555",
    });
  });

  it("accepts only the dashboard's periods", () => {
    expect(validateDashboardSearch({ days: 90 })).toEqual({ days: 90 });
    expect(validateDashboardSearch({ days: "7" })).toEqual({ days: 7 });
    expect(validateDashboardSearch({ days: 12 })).toEqual({ days: undefined });
  });

  it("narrows a URL value to a known list", () => {
    expect(oneOf("sent", ["sent", "failed"] as const)).toBe("sent");
    expect(oneOf("sending", ["sent", "failed"] as const)).toBeUndefined();
  });
});
