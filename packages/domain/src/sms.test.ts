import { describe, expect, it } from "vitest";
import { COMMUNICATION_STATUS_RANK, classifySmsKeyword, communicationStatusOf } from "./sms";

describe("SMS keywords", () => {
  it.each([
    ["STOP", "opt_out"],
    ["stop", "opt_out"],
    ["  Unsubscribe ", "opt_out"],
    ["Stop please", "opt_out"],
    ["QUIT", "opt_out"],
    ["START", "opt_in"],
    ["yes", "opt_in"],
    ["UNSTOP", "opt_in"],
    ["help", "help"],
    ["INFO", "help"],
  ])("%j is %s", (body, expected) => {
    expect(classifySmsKeyword(body)).toBe(expected);
  });

  it.each(["Can you stop by at 3 tomorrow?", "Yes that time works for me, thanks", "stopping by later", "", "👍"])(
    "%j is an ordinary message",
    (body) => {
      expect(classifySmsKeyword(body)).toBeNull();
    },
  );

  it("trusts Twilio's OptOutType when present", () => {
    expect(classifySmsKeyword("arrêter", "STOP")).toBe("opt_out");
    expect(classifySmsKeyword("anything", "START")).toBe("opt_in");
    expect(classifySmsKeyword("?", "HELP")).toBe("help");
  });
});

describe("SMS delivery status", () => {
  it("maps Twilio's statuses to the spec's", () => {
    expect(communicationStatusOf("queued")).toBe("pending");
    expect(communicationStatusOf("sent")).toBe("sent");
    expect(communicationStatusOf("delivered")).toBe("delivered");
    expect(communicationStatusOf("undelivered")).toBe("bounced");
    expect(communicationStatusOf("failed")).toBe("failed");
    expect(communicationStatusOf("receiving")).toBeNull();
  });

  it("ranks final statuses above sent above pending", () => {
    expect(COMMUNICATION_STATUS_RANK.delivered).toBeGreaterThan(COMMUNICATION_STATUS_RANK.sent);
    expect(COMMUNICATION_STATUS_RANK.sent).toBeGreaterThan(COMMUNICATION_STATUS_RANK.pending);
    expect(COMMUNICATION_STATUS_RANK.failed).toBe(COMMUNICATION_STATUS_RANK.delivered);
  });
});
