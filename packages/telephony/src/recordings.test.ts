import { describe, expect, it } from "vitest";
import { parseTwilioRecordingUrl, SIMULATED_ACCOUNT_SID, twilioMediaHeaders } from "./recordings";

const ACCOUNT_SID = "ACaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa";
const RECORDING_SID = "REcccccccccccccccccccccccccccccccc";
const RECORDING_URL = `https://api.twilio.com/2010-04-01/Accounts/${ACCOUNT_SID}/Recordings/${RECORDING_SID}`;

describe("parseTwilioRecordingUrl", () => {
  it("names the recording and its MP3, from a callback's RecordingUrl with or without an extension", () => {
    for (const url of [RECORDING_URL, `${RECORDING_URL}.wav`, `${RECORDING_URL}.mp3`, `${RECORDING_URL}.json`]) {
      expect(parseTwilioRecordingUrl(url)).toEqual({
        accountSid: ACCOUNT_SID,
        recordingSid: RECORDING_SID,
        mp3Url: `${RECORDING_URL}.mp3`,
        simulated: false,
      });
    }
    expect(
      parseTwilioRecordingUrl(
        `https://api.twilio.com:443/2010-04-01/Accounts/${ACCOUNT_SID}/Recordings/${RECORDING_SID}`,
      )?.mp3Url,
    ).toBe(`${RECORDING_URL}.mp3`);
  });

  it("knows the call simulator's recordings", () => {
    const url = `https://api.twilio.com/2010-04-01/Accounts/${SIMULATED_ACCOUNT_SID}/Recordings/${RECORDING_SID}`;
    expect(parseTwilioRecordingUrl(url)?.simulated).toBe(true);
  });

  it("refuses every address that is not one recording on Twilio's API host", () => {
    const path = `/2010-04-01/Accounts/${ACCOUNT_SID}/Recordings/${RECORDING_SID}`;
    for (const url of [
      `http://api.twilio.com${path}`,
      `https://api.twilio.com.evil.test${path}`,
      `https://evil.test${path}`,
      `https://evil.test/?https://api.twilio.com${path}`,
      `https://api.twilio.com:8443${path}`,
      `https://user:pass@api.twilio.com${path}`,
      `https://api.twilio.com@evil.test${path}`,
      `https://api.twilio.com${path}?redirect=https://evil.test`,
      `https://api.twilio.com${path}#x`,
      `https://api.twilio.com/2010-04-01/Accounts/${ACCOUNT_SID}/Calls/CAcccccccccccccccccccccccccccccccc`,
      `https://api.twilio.com/2010-04-01/Accounts/${ACCOUNT_SID}/Recordings/${RECORDING_SID}/../../Calls`,
      `https://api.twilio.com/2010-04-01/Accounts/${ACCOUNT_SID}/Recordings/RE1`,
      "http://169.254.169.254/latest/meta-data/",
      "not a url",
      "",
    ]) {
      expect(parseTwilioRecordingUrl(url), url).toBeNull();
    }
  });
});

describe("twilioMediaHeaders", () => {
  it("is Basic auth with both credentials, and nothing without either", () => {
    expect(twilioMediaHeaders({ accountSid: ACCOUNT_SID, authToken: "token" })).toEqual({
      authorization: `Basic ${Buffer.from(`${ACCOUNT_SID}:token`).toString("base64")}`,
    });
    expect(twilioMediaHeaders({ accountSid: ACCOUNT_SID })).toEqual({});
    expect(twilioMediaHeaders({ authToken: "token" })).toEqual({});
  });
});
