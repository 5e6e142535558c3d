import { describe, expect, it } from "vitest";
import { phoneNumberRegisterSchema } from "./phone-numbers";

describe("phone number registration input", () => {
  const sid = `PN${"0123456789abcdef".repeat(2)}`;

  it("accepts an E.164 number and a Twilio phone number SID", () => {
    expect(phoneNumberRegisterSchema.parse({ phoneNumber: " +15125550100 ", twilioPhoneSid: sid })).toEqual({
      phoneNumber: "+15125550100",
      twilioPhoneSid: sid,
    });
  });

  it("rejects other formats, naming the fields", () => {
    const result = phoneNumberRegisterSchema.safeParse({ phoneNumber: "512-555-0100", twilioPhoneSid: "PN123" });
    expect(result.error?.issues.map((issue) => issue.path[0])).toEqual(["phoneNumber", "twilioPhoneSid"]);
    expect(
      phoneNumberRegisterSchema.safeParse({ phoneNumber: "+15125550100", twilioPhoneSid: `CA${sid.slice(2)}` }).success,
    ).toBe(false);
  });
});
