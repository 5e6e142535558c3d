import { describe, expect, it } from "vitest";
import { cursorSchema, encodeCursor, pageInputSchema, toPage } from "./pagination";

const id = "7c9e6679-7425-40de-944b-e07fc1f90ae7";

describe("keyset pagination", () => {
  it("round-trips a cursor", () => {
    const at = "2026-11-25T10:00:00.123456Z";
    expect(cursorSchema.parse(encodeCursor({ at, id }))).toEqual({ at, id });
    expect(cursorSchema.parse(encodeCursor({ at: null, id }))).toEqual({ at: null, id });
  });

  it("rejects a forged or mangled cursor with a message", () => {
    const forged = Buffer.from(JSON.stringify({ at: "yesterday", id: "1; drop table" })).toString("base64url");
    for (const cursor of [forged, "%%%", ""]) {
      const result = pageInputSchema.safeParse({ cursor });
      expect(result.success, cursor).toBe(false);
      expect(result.error?.issues[0]?.path).toEqual(["cursor"]);
    }
  });

  it("makes a page from limit + 1 rows", () => {
    const rows = [1, 2, 3].map((n) => ({ n, id, at: `2026-11-25T10:00:0${n}.000001Z` }));
    const page = toPage(rows, 2, (r) => ({ at: r.at, id: r.id }));
    expect(page.items.map((r) => r.n)).toEqual([1, 2]);
    expect(cursorSchema.parse(page.nextCursor)).toEqual({ at: "2026-11-25T10:00:02.000001Z", id });
    expect(toPage(rows, 3, (r) => ({ at: r.at, id: r.id })).nextCursor).toBeNull();
  });

  it("defaults to 50 rows and caps at 100", () => {
    expect(pageInputSchema.parse({})).toEqual({ limit: 50 });
    expect(pageInputSchema.safeParse({ limit: 101 }).success).toBe(false);
  });
});
