/**
 * Twilio's published signature vectors (reference/providers.md 2.5) through the webhooks'
 * own gate: the same middleware, with PUBLIC_URL set to the host each vector was signed for.
 */
import { Hono } from "hono";
import { describe, expect, it } from "vitest";
import { type TwilioEnv, verifyTwilioRequest } from "./verify-signature";

function gate(authToken: string, publicUrl: string) {
  const app = new Hono<TwilioEnv>();
  app.use(verifyTwilioRequest({ authToken, publicUrl }));
  app.post("*", (c) => c.json(c.get("twilioParams")));
  return app;
}

function post(app: Hono<TwilioEnv>, pathAndQuery: string, body: string, signature: string | null) {
  return app.request(`http://127.0.0.1:8787${pathAndQuery}`, {
    method: "POST",
    headers: {
      "content-type": "application/x-www-form-urlencoded",
      ...(signature === null ? {} : { "x-twilio-signature": signature }),
    },
    body,
  });
}

const P09 = "CallSid=CA1234567890ABCDE&Caller=%2B14158675309&Digits=1234&From=%2B14158675309&To=%2B18005551212";
const P10 = P09.replaceAll("%2B14158675309", "%2B14158675310");
const PATH = "/myapp.php?foo=1&bar=2";

describe("Twilio's published vectors (token 12345)", () => {
  const cases: [string, string, string, string][] = [
    ["S1 SDK fixture", "https://mycompany.com", P09, "RSOYDt4T1cUTdK1PDd93/VVr8B8="],
    ["S2 current docs example", "https://mycompany.com", P10, "GvWf1cFY/Q7PnoempGyD5oXAezc="],
    ["S3 signed with :443", "https://mycompany.com", P09, "kvajT1Ptam85bY51eRf/AJRuM3w="],
    ["S4 signed with :80", "http://mycompany.com", P09, "0ZXoZLH/DfblKGATFgpif+LLRf4="],
    ["S5 non-standard http port", "http://mycompany.com:1234", P09, "Zmvh+3yNM1Phv2jhDCwEM3q5ebU="],
    ["S6 plain http", "http://mycompany.com", P09, "OyGYPqTF6ztdbRNCvuQO/oPvqQ4="],
    ["S7 https port stripped", "https://mycompany.com:1234", P09, "RSOYDt4T1cUTdK1PDd93/VVr8B8="],
    ["S10 no parameters", "https://mycompany.com", "", "zYQTYrRWXE7LtzbG4PfP7/bkkGo="],
    ["S11 user:pass in the URL", "https://user:pass@mycompany.com", P09, "CukzLTc1tT5dXEDIHm/tKBanW10="],
    ["S12 user in the URL", "https://user@mycompany.com", P09, "2YRLlVAflCqxaNicjMpJcSTgzSs="],
    [
      "S13 array parameter",
      "https://mycompany.com",
      "MessagingBinding.Address=%2B1415xxxxxxx&MessagingBinding.Address=%2B1325xxxxxxx",
      "83O6e2vORAoJHUNzJjDWN1jz+BA=",
    ],
    [
      "S14 repeated values",
      "https://mycompany.com",
      "Sid=CA123&SidAccount=AC123&Digits=5678&Digits=1234&Digits=1234",
      "IK+Dwps556ElfBT0I3Rgjkr1wJU=",
    ],
  ];
  it.each(cases)("%s passes", async (_name, publicUrl, body, signature) => {
    const response = await post(gate("12345", publicUrl), PATH, body, signature);
    expect(response.status).toBe(200);
  });

  it("S8: a query with a quote validates in either encoding", async () => {
    const app = gate("12345", "https://mycompany.com");
    const response = await post(app, `${PATH}&Body=It%27s+amazing`, P09, "TfZzewPq8wqrGlMfyAud8+/IvJ0=");
    expect(response.status).toBe(200);
  });

  it("S9: parameters sorted case-insensitively are rejected", async () => {
    const response = await post(gate("12345", "https://mycompany.com"), PATH, P09, "OCo4gXhGdqELQKuB5w7aI64nqCE=");
    expect(response.status).toBe(403);
  });

  it("a valid signature for another token, URL, or parameters is rejected", async () => {
    const good = "RSOYDt4T1cUTdK1PDd93/VVr8B8=";
    expect((await post(gate("54321", "https://mycompany.com"), PATH, P09, good)).status).toBe(403);
    expect((await post(gate("12345", "https://evil.example"), PATH, P09, good)).status).toBe(403);
    expect((await post(gate("12345", "https://mycompany.com"), "/myapp.php?foo=1", P09, good)).status).toBe(403);
    expect((await post(gate("12345", "https://mycompany.com"), PATH, `${P09}&Extra=1`, good)).status).toBe(403);
    expect((await post(gate("12345", "https://mycompany.com"), PATH, P09.replace("1234", "1235"), good)).status).toBe(
      403,
    );
    expect((await post(gate("12345", "https://mycompany.com"), PATH, P09, null)).status).toBe(403);
  });
});

describe("product-shaped vectors (token test_auth_token_0123456789abcdef)", () => {
  const token = "test_auth_token_0123456789abcdef";

  it("T1: the inbound-call form body", async () => {
    const body =
      "AccountSid=ACaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa&ApiVersion=2010-04-01&CallSid=CAbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb&CallStatus=ringing&Called=%2B15005550006&CalledCity=&CalledCountry=US&CalledState=CA&CalledZip=&Caller=%2B14155552671&CallerCity=SAN+FRANCISCO&CallerCountry=US&CallerState=CA&CallerZip=94105&Direction=inbound&From=%2B14155552671&FromCity=SAN+FRANCISCO&FromCountry=US&FromState=CA&FromZip=94105&To=%2B15005550006&ToCity=&ToCountry=US&ToState=CA&ToZip=";
    const response = await post(
      gate(token, "https://calls.example.com"),
      "/twilio/voice/incoming",
      body,
      "QY6OS8uMtK7VrwbUPV1QwF6q9Nw=",
    );
    expect(response.status).toBe(200);
    // Empty geo fields are parameters too (they count in the signature).
    expect(await response.json()).toMatchObject({ CalledCity: "", CallerCity: "SAN FRANCISCO", To: "+15005550006" });
  });

  it("T2: the recording-status form body, with a query string", async () => {
    const body =
      "AccountSid=ACaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa&CallSid=CAbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb&RecordingSid=REcccccccccccccccccccccccccccccccc&RecordingUrl=https%3A%2F%2Fapi.twilio.com%2F2010-04-01%2FAccounts%2FACaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa%2FRecordings%2FREcccccccccccccccccccccccccccccccc&RecordingStatus=completed&RecordingDuration=37&RecordingChannels=1&RecordingStartTime=Tue%2C+06+Oct+2026+14%3A03%3A11+%2B0000&RecordingSource=RecordVerb&RecordingTrack=both&ErrorCode=0";
    const response = await post(
      gate(token, "https://calls.example.com"),
      "/twilio/recording-status?callId=42",
      body,
      "6JmUQ5J0yYCZeePe/fECikNsnUk=",
    );
    expect(response.status).toBe(200);
  });
});
