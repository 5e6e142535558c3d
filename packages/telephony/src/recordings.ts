/**
 * A call's recording at Twilio: which recording a stored `RecordingUrl` names, where its MP3
 * is (`<RecordingUrl>.mp3`), and the Basic auth Twilio asks for once "Enforce HTTP Auth on
 * Media URLs" is on. The worker (download for transcription) and the API (playback in the
 * dashboard) share it. No Twilio SDK here, so importing it stays cheap.
 *
 * Only recordings on Twilio's API host are accepted: a stored URL is sent our credentials,
 * so it must never be able to point the request (and them) anywhere else.
 */

/** The account the simulated calls belong to (no such Twilio account exists). */
export const SIMULATED_ACCOUNT_SID = `AC${"0".repeat(31)}1`;

export const TWILIO_API_ORIGIN = "https://api.twilio.com";

const RECORDING_PATH =
  /^\/2010-04-01\/Accounts\/(AC[0-9a-f]{32})\/Recordings\/(RE[0-9a-f]{32})(?:\.(?:mp3|wav|json))?$/i;

export interface TwilioRecording {
  accountSid: string;
  recordingSid: string;
  /** Rebuilt from the parts above, never taken from the stored text. */
  mp3Url: string;
  /** A recording of the call simulator, which no Twilio account holds. */
  simulated: boolean;
}

export interface TwilioRecordingCredentials {
  accountSid: string;
  authToken: string;
}

/**
 * The recording a `RecordingUrl` names (as Twilio's callbacks send it, without an extension,
 * or with .mp3/.wav/.json), or null for any other address: another host or port, http,
 * userinfo, a query, or a path that is not one recording.
 */
export function parseTwilioRecordingUrl(recordingUrl: string): TwilioRecording | null {
  let url: URL;
  try {
    url = new URL(recordingUrl);
  } catch {
    return null;
  }
  if (url.origin !== TWILIO_API_ORIGIN || url.username || url.password || url.search || url.hash) return null;
  const match = RECORDING_PATH.exec(url.pathname);
  if (!match) return null;
  const [, accountSid, recordingSid] = match as unknown as [string, string, string];
  return {
    accountSid,
    recordingSid,
    mp3Url: `${TWILIO_API_ORIGIN}/2010-04-01/Accounts/${accountSid}/Recordings/${recordingSid}.mp3`,
    simulated: accountSid === SIMULATED_ACCOUNT_SID,
  };
}

/** The `authorization` header for Twilio's media URLs; none without both credentials (anonymous download). */
export function twilioMediaHeaders(credentials: Partial<TwilioRecordingCredentials>): Record<string, string> {
  const { accountSid, authToken } = credentials;
  if (!accountSid || !authToken) return {};
  return { authorization: `Basic ${Buffer.from(`${accountSid}:${authToken}`).toString("base64")}` };
}
