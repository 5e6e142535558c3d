/**
 * Twilio's call webhooks, mounted at /webhooks/twilio. Each verifies the signature, writes
 * the minimum idempotently (callbacks come twice and out of order), queues slow work for the
 * worker in the same transaction, and answers at once (Twilio gives up after 15 s).
 */
import type { Db } from "@flynn/db/client";
import {
  applyCallStatus,
  incomingCallRecorder,
  recordCallRecording,
  recordCallTranscription,
  recordedCallId,
} from "@flynn/db/queries/call-webhooks";
import { applyDeliveryStatus, ownerOfActiveNumber, recordSmsConsent } from "@flynn/db/queries/sms";
import { classifySmsKeyword, communicationStatusOf } from "@flynn/domain";
import { addCallJobStatement, enqueueJob, TWILIO_TRANSCRIPT_WAIT_MS } from "@flynn/jobs";
import type { TwilioParams } from "@flynn/telephony";
import { sql } from "drizzle-orm";
import { type Context, Hono } from "hono";
import { type CallRoute, chooseCallRoute, mapTwilioCallStatus, voicemailGreeting } from "./call-routing";
import { dialedTwiml, emptyTwiml, incomingCallTwiml, recordedTwiml, unknownNumberTwiml } from "./twiml";
import { limitWebhookBody, type TwilioEnv, verifyTwilioRequest } from "./verify-signature";

export interface TwilioWebhookDeps {
  db: Db;
  authToken: string;
  /** The API's public address, which Twilio signs and calls back. */
  publicUrl: string;
  clock: () => Date;
  /** Adds /bench-minimal (signature + one upsert), the floor the benchmark compares against. */
  benchRoutes?: boolean;
}

class MalformedRequest extends Error {}

/** The single value of a parameter (Twilio sends each once); undefined when absent. */
function value(params: TwilioParams, name: string): string | undefined {
  const raw = params[name];
  return Array.isArray(raw) ? raw.at(-1) : raw;
}

function required(params: TwilioParams, name: string, max = 256): string {
  const raw = value(params, name);
  if (!raw) throw new MalformedRequest(`${name} is required`);
  if (raw.length > max) throw new MalformedRequest(`${name} is longer than ${max} characters`);
  return raw;
}

function optionalInteger(params: TwilioParams, name: string): number | null {
  const raw = value(params, name);
  if (raw === undefined || raw === "") return null;
  if (!/^\d{1,9}$/.test(raw)) throw new MalformedRequest(`${name} must be a non-negative integer`);
  return Number(raw);
}

function xml(c: Context, body: string) {
  return c.body(body, 200, { "content-type": "text/xml; charset=utf-8" });
}

export function createTwilioWebhooks({ db, authToken, publicUrl, clock, benchRoutes = false }: TwilioWebhookDeps) {
  const base = `${publicUrl.replace(/\/+$/, "")}/webhooks/twilio`;
  const callbackUrls = {
    recording: `${base}/recording`,
    transcription: `${base}/transcription`,
    recorded: `${base}/recorded`,
    dialed: `${base}/dialed`,
  };
  // Calls that ring at the same moment share one statement (see incomingCallRecorder).
  const recordIncomingCall = incomingCallRecorder(db);
  // A business's answer is the same document call after call until its route or greeting
  // changes: built once, not by the TwiML builder on every ring.
  const answers = new Map<string, string>();
  const answerFor = (route: CallRoute, greeting: string) => {
    const key = `${route.kind === "forward" ? route.to : ""}\n${greeting}`;
    let answer = answers.get(key);
    if (answer === undefined) {
      answer = incomingCallTwiml(route, greeting, callbackUrls);
      if (answers.size >= 1000) answers.clear();
      answers.set(key, answer);
    }
    return answer;
  };
  const app = new Hono<TwilioEnv>();
  app.use(limitWebhookBody, verifyTwilioRequest({ authToken, publicUrl }));
  app.onError((error, c) => {
    if (error instanceof MalformedRequest) return c.json({ error: error.message }, 400);
    throw error;
  });

  app.post("/voice", async (c) => {
    const params = c.get("twilioParams");
    const callSid = required(params, "CallSid", 64);
    const to = required(params, "To", 64);
    const from = required(params, "From", 128);
    const twilioStatus = value(params, "CallStatus") || "ringing";
    const status = mapTwilioCallStatus(twilioStatus);
    if (!status) throw new MalformedRequest(`CallStatus "${twilioStatus.slice(0, 32)}" is not a Twilio call status`);
    const owner = await recordIncomingCall({
      callSid,
      to,
      from,
      callerName: value(params, "CallerName")?.slice(0, 256) || null,
      status,
    });
    if (!owner) {
      c.get("log").info({ callSid }, "call to an unknown or inactive number");
      return xml(c, unknownNumberTwiml());
    }
    const route = chooseCallRoute({
      businessHours: owner.config?.businessHours ?? null,
      timezone: owner.timezone,
      ownerPhone: owner.ownerPhone,
      now: clock(),
    });
    const greeting = voicemailGreeting(owner.companyName, owner.config?.terminology ?? null);
    return xml(c, answerFor(route, greeting));
  });

  app.post("/recorded", (c) => xml(c, recordedTwiml()));

  app.post("/dialed", (c) => {
    const params = c.get("twilioParams");
    required(params, "CallSid", 64);
    const dialCallStatus = value(params, "DialCallStatus") ?? "";
    const greeting = c.req.query("greeting")?.slice(0, 1000) || voicemailGreeting(null, null);
    return xml(c, dialedTwiml(dialCallStatus, greeting, callbackUrls));
  });

  app.post("/status", async (c) => {
    const params = c.get("twilioParams");
    const callSid = required(params, "CallSid", 64);
    const twilioStatus = required(params, "CallStatus", 32);
    const status = mapTwilioCallStatus(twilioStatus);
    if (!status) throw new MalformedRequest(`CallStatus "${twilioStatus}" is not a Twilio call status`);
    const outcome = await applyCallStatus(db, {
      callSid,
      status,
      duration: optionalInteger(params, "CallDuration"),
      sequence: optionalInteger(params, "SequenceNumber"),
    });
    if (outcome !== "applied") c.get("log").info({ callSid, outcome }, "call status callback not applied");
    return c.body(null, 204);
  });

  app.post("/recording", async (c) => {
    const params = c.get("twilioParams");
    const callSid = required(params, "CallSid", 64);
    const recordingStatus = required(params, "RecordingStatus", 32);
    if (recordingStatus !== "completed") {
      // in-progress: the file is not ready; absent/failed: there is nothing to store.
      c.get("log").info({ callSid, recordingStatus }, "recording callback without a finished recording");
      return c.body(null, 204);
    }
    const recordingSid = required(params, "RecordingSid", 64);
    const recordingUrl = required(params, "RecordingUrl", 2048);
    if (!recordingUrl.startsWith("https://")) throw new MalformedRequest("RecordingUrl must be an https URL");
    // Twilio transcribes <Record> recordings (the voicemail path asks it to) longer than 2 s
    // and shorter than 120 s, and sends the text later: the job is scheduled for when waiting
    // for it ends, and the transcription callback brings it forward to now. Dial recordings
    // are never transcribed by Twilio, so their job runs now.
    const seconds = optionalInteger(params, "RecordingDuration");
    const twilioTranscribes =
      value(params, "RecordingSource") === "RecordVerb" && seconds !== null && seconds > 2 && seconds < 120;
    const runAt = twilioTranscribes ? new Date(clock().getTime() + TWILIO_TRANSCRIPT_WAIT_MS) : undefined;
    const callId = await recordCallRecording(db, { callSid, recordingSid, recordingUrl }, (id) =>
      addCallJobStatement("process-call", id, { runAt }),
    );
    if (!callId) c.get("log").info({ callSid }, "recording for an unknown call");
    return c.body(null, 204);
  });

  app.post("/transcription", async (c) => {
    const params = c.get("twilioParams");
    const callSid = required(params, "CallSid", 64);
    const transcriptionStatus = required(params, "TranscriptionStatus", 32);
    const text = value(params, "TranscriptionText") ?? "";
    if (transcriptionStatus !== "completed" || !text.trim()) {
      // No transcript is coming: the job the recording callback scheduled runs now (the worker
      // transcribes the recording itself, or says why it cannot). No recording: nothing to do.
      const id = await recordedCallId(db, callSid);
      if (id) await enqueueJob(db, "process-call", { callId: id }, { keyMode: "replace" });
      c.get("log").info({ callSid, transcriptionStatus }, "transcription callback without text");
      return c.body(null, 204);
    }
    const rawConfidence = value(params, "TranscriptionConfidence");
    const confidence = rawConfidence ? Number(rawConfidence) : null;
    if (confidence !== null && !(confidence >= 0 && confidence <= 1)) {
      throw new MalformedRequest("TranscriptionConfidence must be a number from 0 to 1");
    }
    // "replace": the job waiting for this transcript (scheduled by the recording callback)
    // runs now instead of when its wait ends.
    const callId = await recordCallTranscription(db, { callSid, text, confidence }, (id) =>
      addCallJobStatement("process-call", id, { keyMode: "replace" }),
    );
    if (!callId) c.get("log").info({ callSid }, "transcription for an unknown call");
    return c.body(null, 204);
  });

  app.post("/sms", async (c) => {
    const params = c.get("twilioParams");
    required(params, "MessageSid", 64);
    const from = required(params, "From", 64);
    const to = required(params, "To", 64);
    const keyword = classifySmsKeyword(value(params, "Body") ?? "", value(params, "OptOutType"));
    if (keyword === "opt_out" || keyword === "opt_in") {
      const userId = await ownerOfActiveNumber(db, to);
      if (userId) {
        const word =
          (value(params, "OptOutType") || value(params, "Body") || "").trim().split(/\s+/)[0]?.toUpperCase() ?? "";
        await recordSmsConsent(db, {
          userId,
          phoneNumber: from,
          optedOut: keyword === "opt_out",
          keyword: word.slice(0, 32),
        });
      }
      c.get("log").info({ keyword, known: Boolean(userId) }, "sms consent keyword");
    }
    // Twilio answers STOP/START/HELP itself on long codes; replying too would text the customer twice.
    return xml(c, emptyTwiml());
  });

  app.post("/sms-status", async (c) => {
    const params = c.get("twilioParams");
    const messageSid = required(params, "MessageSid", 64);
    const status = communicationStatusOf(required(params, "MessageStatus", 32));
    if (status) {
      const errorCode = value(params, "ErrorCode");
      const applied = await applyDeliveryStatus(db, {
        externalId: messageSid,
        status,
        errorMessage: errorCode ? `Twilio error ${errorCode.slice(0, 16)}` : null,
        at: clock(),
      });
      if (!applied) c.get("log").info({ messageSid, status }, "sms status callback not applied");
    }
    return c.body(null, 200);
  });

  if (benchRoutes) {
    app.post("/bench-minimal", async (c) => {
      const params = c.get("twilioParams");
      const callSid = required(params, "CallSid", 64);
      await db.execute(sql`INSERT INTO calls (twilio_call_sid, caller_number)
        VALUES (${callSid}, ${required(params, "From", 128)}) ON CONFLICT (twilio_call_sid) DO NOTHING`);
      return c.body(null, 204);
    });
  }

  return app;
}
