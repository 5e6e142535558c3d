import { describe, expect, it } from "vitest";
import { formatPhoneNumber } from "./phone-format";

describe("formatPhoneNumber", () => {
  it("groups a North American number's digits", () => {
    expect(formatPhoneNumber("+14155552671")).toBe("+1 415 555 2671");
  });

  it("shows other numbers as stored", () => {
    expect(formatPhoneNumber("+442079460958")).toBe("+442079460958");
    expect(formatPhoneNumber("+1415555267")).toBe("+1415555267");
    expect(formatPhoneNumber("(512) 555-0123")).toBe("(512) 555-0123");
    expect(formatPhoneNumber("")).toBe("");
  });
});
