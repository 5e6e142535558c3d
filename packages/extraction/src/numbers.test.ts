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

describe("ranges that share one multiplier", () => {
  it("reads both ends at the size the multiplier gives them", () => {
    expect(wordsToDigits("usually run between eight and twelve thousand")).toBe("usually run between 8000 and 12000");
    expect(wordsToDigits("somewhere from eight to twelve thousand")).toBe("somewhere from 8000 to 12000");
    expect(wordsToDigits("two or three hundred dollars")).toBe("200 or 300 dollars");
    expect(wordsToDigits("between 8 and 12 thousand")).toBe("between 8000 and 12000");
  });

  it("leaves one number said with 'and' alone", () => {
    expect(wordsToDigits("two hundred and fifty")).toBe("250");
    expect(wordsToDigits("eight and twelve thousand")).toBe("8 and 12000");
    expect(wordsToDigits("twelve to eight thousand")).toBe("12 to 8000");
  });
});
