import { describe, expect, it } from "vitest";
import { wordsToDigits } from "./numbers";

describe("wordsToDigits", () => {
  it("multiplies by hundred and thousand, also after 'and a half'", () => {
    expect(wordsToDigits("about eighteen hundred")).toBe("about 1800");
    expect(wordsToDigits("a hundred and fifty dollars")).toBe("150 dollars");
    expect(wordsToDigits("roughly four and a half thousand")).toBe("roughly 4500");
    expect(wordsToDigits("one and a half hundred")).toBe("150");
  });

  it("leaves a half that multiplies nothing alone", () => {
    expect(wordsToDigits("two and a half hours")).toBe("2 and a half hours");
  });

  it("keeps neighbouring numbers apart", () => {
    expect(wordsToDigits("four forty-five")).toBe("4 45");
  });

  it("splits two numbers said with a hyphen, keeping tens and units together", () => {
    expect(wordsToDigits("about three-twenty")).toBe("about 3 20");
    expect(wordsToDigits("at five-fifteen")).toBe("at 5 15");
    expect(wordsToDigits("thirty-five")).toBe("35");
  });

  it("reads 'hundred and forty' said without 'a' as a hundred and forty", () => {
    expect(wordsToDigits("the same, hundred and forty for the valve")).toBe("the same, 140 for the valve");
    expect(wordsToDigits("hundreds and thousands")).toBe("hundreds and thousands");
  });
});
