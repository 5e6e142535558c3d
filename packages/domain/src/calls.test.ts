import { describe, expect, it } from "vitest";
import { REPROCESS_STALLED_AFTER_MS, reprocessRefusal } from "./calls";

const NOW = new Date("2026-03-12T15:00:00Z");
const ago = (ms: number) => new Date(NOW.getTime() - ms);

describe("reprocessRefusal", () => {
  it("allows a failed call at once, whatever its age", () => {
    expect(reprocessRefusal({ callStatus: "completed", aiProcessingStatus: "failed", updatedAt: NOW }, NOW)).toBeNull();
  });

  it("allows a pending or processing call only once it has not changed for the stall time", () => {
    for (const aiProcessingStatus of ["pending", "processing", null]) {
      const call = (updatedAt: Date) => ({ callStatus: "completed", aiProcessingStatus, updatedAt });
      expect(reprocessRefusal(call(ago(REPROCESS_STALLED_AFTER_MS - 1)), NOW)).toMatch(/still being processed/);
      expect(reprocessRefusal(call(ago(REPROCESS_STALLED_AFTER_MS)), NOW)).toBeNull();
    }
  });

  it("refuses a completed call and one still going on", () => {
    const old = ago(10 * REPROCESS_STALLED_AFTER_MS);
    expect(reprocessRefusal({ callStatus: "completed", aiProcessingStatus: "completed", updatedAt: old }, NOW)).toMatch(
      /duplicate its events/,
    );
    expect(reprocessRefusal({ callStatus: "in_progress", aiProcessingStatus: "pending", updatedAt: old }, NOW)).toMatch(
      /not ended/,
    );
  });
});
