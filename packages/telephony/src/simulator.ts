/**
 * A phone call without a phone: sends the webhooks Twilio would send for one inbound call,
 * signed like Twilio signs them, in Twilio's order. The requests go to `baseUrl` (where the
 * API listens) but are signed for `publicUrl` (the address Twilio would have called), so the
 * API's real signature check runs.
 */
import { randomUUID } from "node:crypto";
import { randomTwilioSid, TWILIO_WEBHOOK_PATHS, webhookUrl } from "./numbers";
import { SIMULATED_ACCOUNT_SID } from "./recordings";
import { signTwilioRequest, type TwilioParams } from "./signature";

export { SIMULATED_ACCOUNT_SID };

/** The caller of a simulated call unless another is given (a number from Twilio's own examples). */
export const SIMULATED_CALLER = "+14155552671";

/** The part of `fetch` the simulator uses; Hono's `app.request` fits too. */
export type FetchLike = (url: string, init: RequestInit) => Promise<Response>;

export interface SimulateCallOptions {
  /** Where the API listens, e.g. http://localhost:8787. */
  baseUrl: string;
  /** The API's PUBLIC_URL: the URL Twilio signs. */
  publicUrl: string;
  /** The auth token the API verifies signatures with. */
  authToken: string;
  /** The business's number being called (E.164). */
  to: string;
  /** The caller (E.164); SIMULATED_CALLER when absent. */
  from?: string;
  /** What was said; arrives as the transcription callback's TranscriptionText. */
  transcript: string;
  callerName?: string;
  accountSid?: string;
  /** When the call starts (the callbacks' timestamps follow from it). */
  now?: Date;
  fetch?: FetchLike;
  /**
   * Awaited after the call has ended and before the recording callback, which queues its
   * processing (the worker benchmark starts its clock there; the demo dates the call back).
   */
  beforeRecording?: (call: { callSid: string }) => Promise<void>;
}

export type SimulatedStepName =
  | "voice"
  | "status ringing"
  | "status in-progress"
  | "status completed"
  | "recording completed"
  | "transcription completed";

export interface SimulatedStep {
  step: SimulatedStepName;
  /** The URL Twilio would have requested (and signed). */
  url: string;
  status: number;
}

export interface SimulatedCall {
  callSid: string;
  recordingSid: string;
  transcriptionSid: string;
  /** Every request answered 2xx. The simulation stops at the first one that did not. */
  ok: boolean;
  steps: SimulatedStep[];
}

/** Twilio's date format: RFC 2822 in GMT. */
function rfc2822(date: Date): string {
  return date.toUTCString().replace("GMT", "+0000");
}

/** Seconds of speech for a transcript, at a relaxed 150 words per minute. */
export function speechSeconds(transcript: string): number {
  const words = transcript.split(/\s+/).filter(Boolean).length;
  return Math.max(5, Math.round(words / 2.5));
}

const XML_ENTITIES: Record<string, string> = { "&amp;": "&", "&lt;": "<", "&gt;": ">", "&quot;": '"', "&apos;": "'" };

function twimlAttribute(twiml: string, name: string): string | null {
  const match = new RegExp(`\\s${name}="([^"]*)"`).exec(twiml);
  return match?.[1] ? match[1].replace(/&(amp|lt|gt|quot|apos);/g, (entity) => XML_ENTITIES[entity] ?? entity) : null;
}

/**
 * The callback URL the TwiML asked for (as Twilio would resolve it against the voice URL), or
 * the default path. Only URLs on `publicUrl` can be replayed against `baseUrl`.
 */
function callbackUrl(twiml: string, attribute: string, voiceUrl: string, publicUrl: string, fallback: string) {
  const asked = twimlAttribute(twiml, attribute);
  const fallbackUrl = webhookUrl(publicUrl, fallback);
  if (!asked) return fallbackUrl;
  const resolved = new URL(asked, voiceUrl).toString();
  return resolved.startsWith(publicUrl.replace(/\/+$/, "")) ? resolved : fallbackUrl;
}

export async function simulateCall(options: SimulateCallOptions): Promise<SimulatedCall> {
  const { baseUrl, publicUrl, authToken, to, transcript } = options;
  const from = options.from ?? SIMULATED_CALLER;
  const send = options.fetch ?? ((url: string, init: RequestInit) => fetch(url, init));
  const accountSid = options.accountSid ?? SIMULATED_ACCOUNT_SID;
  const startedAt = options.now ?? new Date();
  const callSid = randomTwilioSid("CA");
  const recordingSid = randomTwilioSid("RE");
  const transcriptionSid = randomTwilioSid("TR");
  const recordingUrl = `https://api.twilio.com/2010-04-01/Accounts/${accountSid}/Recordings/${recordingSid}`;
  const ringSeconds = 4;
  const talkSeconds = speechSeconds(transcript);
  const answeredAt = new Date(startedAt.getTime() + ringSeconds * 1000);
  const endedAt = new Date(answeredAt.getTime() + talkSeconds * 1000);
  const publicBase = publicUrl.replace(/\/+$/, "");

  const steps: SimulatedStep[] = [];
  /** POSTs `params` signed for `url` (on publicUrl) to the same path and query on baseUrl. */
  const post = async (step: SimulatedStepName, url: string, params: TwilioParams) => {
    const target = `${baseUrl.replace(/\/+$/, "")}${url.slice(publicBase.length)}`;
    const response = await send(target, {
      method: "POST",
      headers: {
        "content-type": "application/x-www-form-urlencoded; charset=utf-8",
        "x-twilio-signature": signTwilioRequest(authToken, url, params),
        "i-twilio-idempotency-token": randomUUID(),
        "user-agent": "TwilioProxy/1.1 (Flynn call simulator)",
      },
      // A list value is the same field repeated, as Twilio's form posts send it.
      body: new URLSearchParams(
        Object.entries(params).flatMap(([key, value]) =>
          (Array.isArray(value) ? value : [value]).map((v): [string, string] => [key, v]),
        ),
      ).toString(),
    });
    const body = await response.text();
    steps.push({ step, url, status: response.status });
    return { ok: response.ok, body };
  };
  const result = (ok: boolean): SimulatedCall => ({ callSid, recordingSid, transcriptionSid, ok, steps });

  // The standard request parameters of §1.1, as a real inbound call carries them.
  const callParams: TwilioParams = {
    AccountSid: accountSid,
    ApiVersion: "2010-04-01",
    CallSid: callSid,
    Called: to,
    CalledCity: "",
    CalledCountry: "US",
    CalledState: "",
    CalledZip: "",
    Caller: from,
    CallerCity: "SAN FRANCISCO",
    CallerCountry: "US",
    CallerState: "CA",
    CallerZip: "94105",
    Direction: "inbound",
    From: from,
    FromCity: "SAN FRANCISCO",
    FromCountry: "US",
    FromState: "CA",
    FromZip: "94105",
    To: to,
    ToCity: "",
    ToCountry: "US",
    ToState: "",
    ToZip: "",
    StirVerstat: "TN-Validation-Passed-A",
    ...(options.callerName ? { CallerName: options.callerName } : {}),
  };

  const voiceUrl = webhookUrl(publicUrl, TWILIO_WEBHOOK_PATHS.voice);
  const voice = await post("voice", voiceUrl, { ...callParams, CallStatus: "ringing" });
  if (!voice.ok) return result(false);
  const twiml = voice.body;
  const forwarded = /<Dial[\s>]/.test(twiml);

  const statusUrl = webhookUrl(publicUrl, TWILIO_WEBHOOK_PATHS.status);
  const statusEvents = [
    { status: "ringing", at: startedAt, extra: {} },
    { status: "in-progress", at: answeredAt, extra: {} },
    {
      status: "completed",
      at: endedAt,
      extra: { CallDuration: String(ringSeconds + talkSeconds), Duration: String(Math.ceil(talkSeconds / 60)) },
    },
  ] as const;
  for (const [sequence, event] of statusEvents.entries()) {
    const sent = await post(`status ${event.status}`, statusUrl, {
      ...callParams,
      CallStatus: event.status,
      CallbackSource: "call-progress-events",
      SequenceNumber: String(sequence),
      Timestamp: rfc2822(event.at),
      ...event.extra,
    });
    if (!sent.ok) return result(false);
  }

  await options.beforeRecording?.({ callSid });
  const recordingStatusUrl = callbackUrl(
    twiml,
    "recordingStatusCallback",
    voiceUrl,
    publicUrl,
    TWILIO_WEBHOOK_PATHS.recording,
  );
  const recording = await post("recording completed", recordingStatusUrl, {
    AccountSid: accountSid,
    CallSid: callSid,
    RecordingSid: recordingSid,
    RecordingUrl: recordingUrl,
    RecordingStatus: "completed",
    RecordingDuration: String(talkSeconds),
    RecordingChannels: forwarded ? "2" : "1",
    RecordingStartTime: rfc2822(answeredAt),
    RecordingSource: forwarded ? "DialVerb" : "RecordVerb",
    RecordingTrack: "both",
    ErrorCode: "0",
  });
  if (!recording.ok) return result(false);

  const transcriptionUrl = callbackUrl(
    twiml,
    "transcribeCallback",
    voiceUrl,
    publicUrl,
    TWILIO_WEBHOOK_PATHS.transcription,
  );
  const transcription = await post("transcription completed", transcriptionUrl, {
    AccountSid: accountSid,
    ApiVersion: "2010-04-01",
    CallSid: callSid,
    CallStatus: "completed",
    Direction: "inbound",
    From: from,
    To: to,
    RecordingSid: recordingSid,
    RecordingUrl: recordingUrl,
    TranscriptionSid: transcriptionSid,
    TranscriptionStatus: "completed",
    TranscriptionText: transcript,
    TranscriptionUrl: `https://api.twilio.com/2010-04-01/Accounts/${accountSid}/Transcriptions/${transcriptionSid}`,
  });
  return result(transcription.ok);
}
