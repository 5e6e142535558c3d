/**
 * Downloads a call's recording from Twilio as MP3 (the address and Basic auth as
 * @flynn/telephony/recordings makes them; any address that is not a recording on Twilio's
 * API host is refused, so the credentials go nowhere else). A recording can answer 404 for
 * a few seconds after its "completed" callback, so a 404 is asked again after short pauses
 * before it counts as missing.
 */

import { parseTwilioRecordingUrl, twilioMediaHeaders } from "@flynn/telephony/recordings";
import { isTransientStatus, PermanentExtractionError, TransientExtractionError } from "./errors";
import type { Audio } from "./transcription";

export interface RecordingDownloader {
  download(recordingUrl: string): Promise<Audio>;
}

export interface TwilioRecordingOptions {
  /** Without both, the download is anonymous (works only while media auth is not enforced). */
  accountSid?: string;
  authToken?: string;
  fetch?: typeof fetch;
  /** Pauses before each new try after a 404 (default about 7 s in all, as Twilio's delay is a few seconds). */
  notFoundRetryDelaysMs?: readonly number[];
  /** Tests pass one that does not wait. */
  sleep?: (ms: number) => Promise<void>;
}

const DEFAULT_NOT_FOUND_RETRY_DELAYS_MS = [1_000, 2_000, 4_000];

const wait = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export function createTwilioRecordingDownloader(options: TwilioRecordingOptions = {}): RecordingDownloader {
  const doFetch = options.fetch ?? fetch;
  const sleep = options.sleep ?? wait;
  const delays = options.notFoundRetryDelaysMs ?? DEFAULT_NOT_FOUND_RETRY_DELAYS_MS;
  const headers = twilioMediaHeaders(options);

  return {
    async download(recordingUrl) {
      const recording = parseTwilioRecordingUrl(recordingUrl);
      if (!recording) throw new PermanentExtractionError("the recording's address is not a recording at Twilio");
      const url = recording.mp3Url;
      for (let attempt = 0; ; attempt++) {
        let response: Response;
        try {
          response = await doFetch(url, { headers });
        } catch (error) {
          throw new TransientExtractionError(
            `cannot reach Twilio for the recording: ${(error as Error).message}`,
            null,
            {
              cause: error,
            },
          );
        }
        if (response.ok) {
          const data = new Uint8Array(await response.arrayBuffer());
          if (data.byteLength === 0) throw new PermanentExtractionError("the recording at Twilio is empty");
          return { data, filename: "recording.mp3", contentType: "audio/mpeg" };
        }
        // Read the (small) error body so the connection goes back to the pool.
        await response.text().catch(() => "");
        const delay = delays[attempt];
        if (response.status === 404 && delay !== undefined) {
          await sleep(delay);
          continue;
        }
        throw recordingError(response.status, attempt + 1);
      }
    },
  };
}

function recordingError(status: number, tries: number): Error {
  if (status === 404) return new PermanentExtractionError(`the recording is not at Twilio (404 after ${tries} tries)`);
  if (status === 401 || status === 403) {
    return new PermanentExtractionError(
      `Twilio refused the recording download (${status}): check the account SID and auth token`,
    );
  }
  if (isTransientStatus(status))
    return new TransientExtractionError(`Twilio answered ${status} for the recording`, status);
  return new PermanentExtractionError(`Twilio answered ${status} for the recording`);
}
