/**
 * `GET /api/calls/:id/recording` through the app, with a real session and Postgres, and
 * Twilio's media URL mocked at the network boundary (msw): any request the test did not
 * expect fails it.
 */
import { insertCall, useTestDatabase } from "@flynn/db/testing";
import { DEV_TWILIO_AUTH_TOKEN, SIMULATED_ACCOUNT_SID } from "@flynn/telephony";
import { HttpResponse, http } from "msw";
import { setupServer } from "msw/node";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, randomIp, signUp } from "./testing";

const database = useTestDatabase();

const ACCOUNT_SID = "ACaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa";
const RECORDING_URL = `https://api.twilio.com/2010-04-01/Accounts/${ACCOUNT_SID}/Recordings/REcccccccccccccccccccccccccccccccc`;
const MP3 = new Uint8Array([0xff, 0xfb, 0x90, 0x64, 0x00, 0x01, 0x02, 0x03, 0x04, 0x05]);
const BASIC = `Basic ${Buffer.from(`${ACCOUNT_SID}:${DEV_TWILIO_AUTH_TOKEN}`).toString("base64")}`;
/** The secrets that must never reach the browser, in every form they could take. */
const SECRETS = [DEV_TWILIO_AUTH_TOKEN, BASIC, BASIC.slice("Basic ".length)];

const twilio = setupServer();
beforeAll(() => twilio.listen({ onUnhandledRequest: "error" }));
afterEach(() => twilio.resetHandlers());
afterAll(() => twilio.close());

interface SeenRequest {
  url: string;
  authorization: string | null;
  range: string | null;
}

/**
 * Twilio's media URL for RECORDING_URL, answering as Twilio does (the whole MP3, or the
 * asked byte range with 206) or with `status`; it also sends headers and a body that must
 * not be passed on (one echoes the credentials, as a careless proxy would leak them).
 */
function twilioMedia(status = 200) {
  const seen: SeenRequest[] = [];
  twilio.use(
    http.get(`${RECORDING_URL}.mp3`, ({ request }) => {
      const authorization = request.headers.get("authorization");
      const range = request.headers.get("range");
      seen.push({ url: request.url, authorization, range });
      const leaky = {
        "x-echo-authorization": authorization ?? "",
        "set-cookie": "twilio=1",
        "x-twilio-request": "RQ1",
      };
      if (status !== 200) {
        return HttpResponse.json(
          { code: 20404, message: `not here; you sent ${authorization}` },
          { status, headers: leaky },
        );
      }
      const match = range ? /^bytes=(\d+)-(\d+)$/.exec(range) : null;
      if (match) {
        const [start, end] = [Number(match[1]), Number(match[2])];
        const part = MP3.slice(start, end + 1);
        return new HttpResponse(part, {
          status: 206,
          headers: {
            ...leaky,
            "content-type": "audio/mpeg",
            "accept-ranges": "bytes",
            "content-range": `bytes ${start}-${end}/${MP3.byteLength}`,
            "content-length": String(part.byteLength),
          },
        });
      }
      return new HttpResponse(MP3, {
        headers: {
          ...leaky,
          "content-type": "audio/mpeg",
          "accept-ranges": "bytes",
          "content-length": String(MP3.byteLength),
        },
      });
    }),
  );
  return seen;
}

/** Counts every request that leaves the process (each must be refused before it is sent). */
function anyRequest() {
  const seen: string[] = [];
  twilio.use(
    http.all("*", ({ request }) => {
      seen.push(request.url);
      return HttpResponse.text("reached", { status: 200 });
    }),
  );
  return seen;
}

/** A signed-up owner with a session cookie, on an app with Twilio credentials unless `anonymous`. */
async function owner(options: { anonymous?: boolean } = {}) {
  const { app } = createTestApp(database.current.db, { twilioAccountSid: options.anonymous ? undefined : ACCOUNT_SID });
  const { response, cookie } = await signUp(app, randomIp(), `owner-${crypto.randomUUID()}@example.test`);
  const { user } = (await response.json()) as { user: { id: string } };
  const play = (callId: string, headers: Record<string, string> = {}) =>
    app.request(`/api/calls/${callId}/recording`, { headers: { cookie, ...headers } });
  return { app, id: user.id, cookie, play };
}

async function recordedCall(userId: string, recordingUrl: string | null = RECORDING_URL) {
  return insertCall(database.current.db, userId, { recordingUrl, recordingSid: recordingUrl ? "RE1" : null });
}

/** Everything the browser receives, as text, to look for secrets in. */
async function everythingSent(response: Response): Promise<string> {
  const headers = [...response.headers].map(([name, value]) => `${name}: ${value}`).join("\n");
  return `${headers}\n${Buffer.from(await response.arrayBuffer()).toString("latin1")}`;
}

describe("GET /api/calls/:id/recording", () => {
  it("streams the owner's recording from Twilio with Basic auth, as audio the browser may cache privately", async () => {
    const { id, play } = await owner();
    const call = await recordedCall(id);
    const seen = twilioMedia();
    const response = await play(call.id);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("audio/mpeg");
    expect(response.headers.get("cache-control")).toBe("private, max-age=3600");
    expect(response.headers.get("accept-ranges")).toBe("bytes");
    expect(response.headers.get("content-length")).toBe(String(MP3.byteLength));
    expect(new Uint8Array(await response.arrayBuffer())).toEqual(MP3);
    expect(seen).toEqual([{ url: `${RECORDING_URL}.mp3`, authorization: BASIC, range: null }]);
  });

  it("passes the browser's Range to Twilio and Twilio's 206 back, so the player can seek", async () => {
    const { id, play } = await owner();
    const call = await recordedCall(id);
    const seen = twilioMedia();
    const response = await play(call.id, { range: "bytes=2-5" });
    expect(response.status).toBe(206);
    expect(response.headers.get("content-range")).toBe(`bytes 2-5/${MP3.byteLength}`);
    expect(response.headers.get("content-length")).toBe("4");
    expect(response.headers.get("accept-ranges")).toBe("bytes");
    expect(response.headers.get("content-type")).toBe("audio/mpeg");
    expect(new Uint8Array(await response.arrayBuffer())).toEqual(MP3.slice(2, 6));
    expect(seen.map((s) => s.range)).toEqual(["bytes=2-5"]);
  });

  it("never passes the credentials, or anything else of Twilio's answer, to the browser", async () => {
    const { id, play } = await owner();
    const call = await recordedCall(id);
    twilioMedia();
    const played = await play(call.id, { range: "bytes=0-3" });
    expect(played.status).toBe(206);
    expect(played.headers.get("set-cookie")).toBeNull();
    expect(played.headers.get("x-twilio-request")).toBeNull();
    const failed = await (async () => {
      twilio.resetHandlers();
      twilioMedia(500);
      return play(call.id);
    })();
    expect(failed.status).toBe(502);
    for (const response of [played, failed]) {
      const sent = await everythingSent(response);
      for (const secret of SECRETS) expect(sent).not.toContain(secret);
    }
  });

  it("is 401 without a session, and asks Twilio nothing", async () => {
    const { app, id } = await owner();
    const call = await recordedCall(id);
    const requests = anyRequest();
    const response = await app.request(`/api/calls/${call.id}/recording`);
    expect(response.status).toBe(401);
    expect(await response.json()).toEqual({ error: "Sign in to continue" });
    expect(requests).toEqual([]);
  });

  it("answers another owner's call exactly as a call that does not exist: 404", async () => {
    const alice = await owner();
    const bob = await owner();
    const alicesCall = await recordedCall(alice.id);
    const requests = anyRequest();
    const others = await bob.play(alicesCall.id);
    const missing = await bob.play(crypto.randomUUID());
    expect([others.status, missing.status]).toEqual([404, 404]);
    expect(await others.json()).toEqual({ error: "Call not found" });
    expect(await missing.json()).toEqual({ error: "Call not found" });
    expect(requests).toEqual([]);
  });

  it("is 404 for a call without a recording, and 400 for an id that is not one", async () => {
    const { id, play } = await owner();
    const call = await recordedCall(id, null);
    const requests = anyRequest();
    const response = await play(call.id);
    expect(response.status).toBe(404);
    expect(await response.json()).toEqual({ error: "This call has no recording" });
    const malformed = await play("not-a-call");
    expect(malformed.status).toBe(400);
    expect(await malformed.json()).toEqual({ error: "id: must be a call id (UUID)" });
    expect(requests).toEqual([]);
  });

  it("says so when Twilio no longer has the recording (404), and is 502 for Twilio's other errors", async () => {
    const { id, play } = await owner();
    const call = await recordedCall(id);
    twilioMedia(404);
    const deleted = await play(call.id);
    expect(deleted.status).toBe(404);
    expect(await deleted.json()).toEqual({ error: "The recording is no longer at Twilio (it may have been deleted)" });
    for (const [status, error] of [
      [401, "Twilio refused access to the recording"],
      [503, "Twilio could not provide the recording (503); try again"],
    ] as const) {
      twilio.resetHandlers();
      twilioMedia(status);
      const response = await play(call.id);
      expect(response.status).toBe(502);
      expect(await response.json()).toEqual({ error });
    }
    twilio.resetHandlers();
    twilio.use(http.get(`${RECORDING_URL}.mp3`, () => HttpResponse.error()));
    const unreachable = await play(call.id);
    expect(unreachable.status).toBe(502);
    expect(await unreachable.json()).toEqual({ error: "Twilio could not be reached for the recording; try again" });
  });

  it("never fetches a stored address that is not a recording on Twilio's API host", async () => {
    const { id, play } = await owner();
    const requests = anyRequest();
    for (const recordingUrl of [
      "https://evil.test/2010-04-01/Accounts/ACaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa/Recordings/REcccccccccccccccccccccccccccccccc",
      "http://169.254.169.254/latest/meta-data/iam/security-credentials/",
      `${RECORDING_URL}?next=https://evil.test`,
      `https://api.twilio.com/2010-04-01/Accounts/${ACCOUNT_SID}/Calls.json`,
    ]) {
      const call = await recordedCall(id, recordingUrl);
      const response = await play(call.id);
      expect(response.status, recordingUrl).toBe(404);
      expect(await response.json()).toEqual({ error: "This call's recording is not at Twilio and cannot be played" });
    }
    expect(requests).toEqual([]);
  });

  it("without Twilio credentials (development): a simulated call's recording is 404, a real one is asked for anonymously", async () => {
    const { id, play } = await owner({ anonymous: true });
    const requests = anyRequest();
    const simulated = await recordedCall(
      id,
      `https://api.twilio.com/2010-04-01/Accounts/${SIMULATED_ACCOUNT_SID}/Recordings/REdddddddddddddddddddddddddddddddd`,
    );
    const response = await play(simulated.id);
    expect(response.status).toBe(404);
    expect(await response.json()).toEqual({
      error: "Recordings of simulated calls cannot be played: no audio was recorded",
    });
    expect(requests).toEqual([]);

    twilio.resetHandlers();
    const seen = twilioMedia();
    const real = await recordedCall(id);
    expect((await play(real.id)).status).toBe(200);
    expect(seen.map((s) => s.authorization)).toEqual([null]);
  });
});
