import { HttpResponse, http } from "msw";
import { setupServer } from "msw/node";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { PermanentExtractionError, TransientExtractionError } from "./errors";
import { failUnhandledRequest, OPENAI_API, openAIError, TEST_OPENAI_KEY } from "./testing";
import { createOpenAITranscriber } from "./transcription";
import { createTwilioRecordingDownloader } from "./twilio-recording";

const ACCOUNT_SID = "ACaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa";
const AUTH_TOKEN = "twilio-test-token";
const RECORDING_URL = `https://api.twilio.com/2010-04-01/Accounts/${ACCOUNT_SID}/Recordings/REcccccccccccccccccccccccccccccccc`;
const MP3 = new Uint8Array([0xff, 0xfb, 0x90, 0x64, 0x00, 0x01, 0x02, 0x03]);

const server = setupServer();
beforeAll(() => server.listen({ onUnhandledRequest: failUnhandledRequest }));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

/** Twilio's media URL answering the given statuses in turn (200 with the MP3), recording each request's auth. */
function twilioRecording(...statuses: number[]) {
  const seen: { url: string; authorization: string | null }[] = [];
  server.use(
    http.get(`${RECORDING_URL}.mp3`, ({ request }) => {
      seen.push({ url: request.url, authorization: request.headers.get("authorization") });
      const status = statuses.shift() ?? 200;
      if (status !== 200) return HttpResponse.json({ code: 20404, message: "not found", status }, { status });
      return HttpResponse.arrayBuffer(MP3.buffer, { headers: { "content-type": "audio/mpeg" } });
    }),
  );
  return seen;
}

function downloader() {
  const pauses: number[] = [];
  const download = createTwilioRecordingDownloader({
    accountSid: ACCOUNT_SID,
    authToken: AUTH_TOKEN,
    sleep: async (ms) => {
      pauses.push(ms);
    },
  });
  return { download, pauses };
}

describe("Twilio recording download", () => {
  it("asks for the MP3 with Basic auth, asking again after a first 404 (the file is not ready yet)", async () => {
    const seen = twilioRecording(404, 200);
    const { download, pauses } = downloader();
    const audio = await download.download(RECORDING_URL);
    expect(audio).toEqual({ data: MP3, filename: "recording.mp3", contentType: "audio/mpeg" });
    expect(seen).toHaveLength(2);
    const basic = `Basic ${Buffer.from(`${ACCOUNT_SID}:${AUTH_TOKEN}`).toString("base64")}`;
    expect(seen.map((s) => s.authorization)).toEqual([basic, basic]);
    expect(pauses).toEqual([1_000]);
  });

  it("a recording still missing after the pauses is permanent", async () => {
    const seen = twilioRecording(404, 404, 404, 404, 404);
    const { download, pauses } = downloader();
    await expect(download.download(RECORDING_URL)).rejects.toThrow(
      new PermanentExtractionError("the recording is not at Twilio (404 after 4 tries)"),
    );
    expect(seen).toHaveLength(4);
    expect(pauses).toEqual([1_000, 2_000, 4_000]);
  });

  it("refused credentials are permanent; 429 and 5xx are transient; neither is asked again", async () => {
    for (const [status, kind] of [
      [401, PermanentExtractionError],
      [403, PermanentExtractionError],
      [429, TransientExtractionError],
      [503, TransientExtractionError],
    ] as const) {
      const seen = twilioRecording(status);
      const { download, pauses } = downloader();
      await expect(download.download(RECORDING_URL)).rejects.toBeInstanceOf(kind);
      expect(seen).toHaveLength(1);
      expect(pauses).toEqual([]);
      server.resetHandlers();
    }
  });

  it("without credentials the download is anonymous", async () => {
    const seen = twilioRecording(200);
    await createTwilioRecordingDownloader().download(`${RECORDING_URL}.wav`);
    expect(seen[0]?.authorization).toBeNull();
  });

  it("refuses an address that is not a recording at Twilio, asking nothing (msw fails on any request)", async () => {
    const { download } = downloader();
    await expect(download.download("https://evil.test/2010-04-01/Accounts/AC1/Recordings/RE1")).rejects.toThrow(
      new PermanentExtractionError("the recording's address is not a recording at Twilio"),
    );
  });
});

describe("OpenAI transcriber", () => {
  /** The transcription endpoint at `base`, answering `status` (200: the text), recording the multipart fields. */
  function openAITranscription(base: string, status = 200) {
    const seen: { model: unknown; fileName: string | null; fileType: string | null; size: number | null }[] = [];
    server.use(
      http.post(`${base}/audio/transcriptions`, async ({ request }) => {
        const form = await request.formData();
        const file = form.get("file");
        seen.push({
          model: form.get("model"),
          fileName: file instanceof File ? file.name : null,
          fileType: file instanceof File ? file.type : null,
          size: file instanceof File ? file.size : null,
        });
        if (status !== 200) return HttpResponse.json(openAIError("overloaded"), { status });
        return HttpResponse.json({
          text: "  Hi, my water heater is leaking.  ",
          usage: { type: "duration", seconds: 12 },
        });
      }),
    );
    return seen;
  }

  const audio = { data: MP3, filename: "recording.mp3", contentType: "audio/mpeg" };

  it("sends the audio as an MP3 file with the default model and returns the text", async () => {
    const seen = openAITranscription(OPENAI_API);
    const text = await createOpenAITranscriber({ apiKey: TEST_OPENAI_KEY }).transcribe(audio);
    expect(text).toBe("Hi, my water heater is leaking.");
    expect(seen).toEqual([
      { model: "gpt-4o-mini-transcribe", fileName: "recording.mp3", fileType: "audio/mpeg", size: MP3.byteLength },
    ]);
  });

  it("a configured model on a compatible server", async () => {
    const base = "http://whisper.internal:9000/v1";
    const seen = openAITranscription(base);
    await createOpenAITranscriber({ apiKey: TEST_OPENAI_KEY, baseURL: base, model: "whisper-1" }).transcribe(audio);
    expect(seen[0]?.model).toBe("whisper-1");
  });

  it("a 5xx is transient", async () => {
    openAITranscription(OPENAI_API, 502);
    await expect(createOpenAITranscriber({ apiKey: TEST_OPENAI_KEY }).transcribe(audio)).rejects.toBeInstanceOf(
      TransientExtractionError,
    );
  });
});
