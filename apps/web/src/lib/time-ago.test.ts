import { describe, expect, it } from "vitest";
import { timeAgo } from "./time-ago";

const NOW = new Date("2026-03-10T15:00:00Z");
const before = (ms: number) => new Date(NOW.getTime() - ms);

describe("timeAgo", () => {
  it("says how long ago, in the largest whole unit, up to a week", () => {
    expect(timeAgo(before(20_000), NOW, "UTC")).toBe("just now");
    expect(timeAgo(before(5 * 60_000 + 59_000), NOW, "UTC")).toBe("5 minutes ago");
    expect(timeAgo(before(60 * 60_000), NOW, "UTC")).toBe("1 hour ago");
    expect(timeAgo(before(3 * 3600_000 + 1), NOW, "UTC")).toBe("3 hours ago");
    expect(timeAgo(before(25 * 3600_000), NOW, "UTC")).toBe("yesterday");
    expect(timeAgo(before(6 * 86_400_000), NOW, "UTC")).toBe("6 days ago");
  });

  it("gives the date, in the business's timezone, after a week", () => {
    expect(timeAgo("2026-03-01T03:00:00Z", NOW, "America/New_York")).toBe("on Feb 28, 2026");
  });

  it("treats a time slightly in the future as just now", () => {
    expect(timeAgo(new Date(NOW.getTime() + 5_000), NOW, "UTC")).toBe("just now");
  });
});
