import { describe, expect, it } from "vitest";
import { toE164 } from "./lib/phone";
import { isSetUp } from "./router";

describe("onboarding", () => {
  it("counts a business as set up once it has a name and an industry", () => {
    expect(isSetUp(null)).toBe(false);
    expect(isSetUp({ companyName: "Acme Plumbing", industryType: null })).toBe(false);
    expect(isSetUp({ companyName: "Acme Plumbing", industryType: "plumbing" })).toBe(true);
  });

  it("reads phone numbers as people type them", () => {
    expect(toE164("(512) 555-0123")).toBe("+15125550123");
    expect(toE164("1 512 555 0123")).toBe("+15125550123");
    expect(toE164("+44 20 7946 0958")).toBe("+442079460958");
    expect(toE164("0044 20 7946 0958")).toBe("+442079460958");
    expect(toE164("555")).toBe("555");
  });
});
