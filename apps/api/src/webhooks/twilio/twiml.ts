/** The TwiML documents the voice webhook answers with, built by the twilio SDK. */
import twilio from "twilio";
import type { CallRoute } from "./call-routing";

const { VoiceResponse } = twilio.twiml;

export interface CallbackUrls {
  recording: string;
  transcription: string;
  recorded: string;
  /** Where Twilio reports how a forwarded call ended (<Dial action>). */
  dialed: string;
}

type VoiceResponseType = InstanceType<typeof VoiceResponse>;

/** The greeting, then a recorded message with its callbacks. */
function appendVoicemail(response: VoiceResponseType, greeting: string, urls: CallbackUrls) {
  response.say(greeting);
  response.record({
    action: urls.recorded,
    method: "POST",
    maxLength: 120,
    timeout: 5,
    playBeep: true,
    trim: "trim-silence",
    recordingStatusCallback: urls.recording,
    recordingStatusCallbackMethod: "POST",
    recordingStatusCallbackEvent: ["completed"],
    transcribe: true,
    transcribeCallback: urls.transcription,
  });
  // Reached only when nothing was recorded.
  response.say("We did not receive a message. Goodbye.");
  response.hangup();
}

export function unknownNumberTwiml(): string {
  const response = new VoiceResponse();
  response.say("Sorry, the number you have called is not in service. Goodbye.");
  response.hangup();
  return response.toString();
}

export function incomingCallTwiml(route: CallRoute, greeting: string, urls: CallbackUrls): string {
  const response = new VoiceResponse();
  if (route.kind === "forward") {
    response.say("This call is recorded. Connecting you now.");
    const dial = response.dial({
      // An unanswered or busy owner sends the caller to voicemail (see dialedTwiml). The
      // greeting travels in the URL, which Twilio signs when it calls back.
      action: `${urls.dialed}?greeting=${encodeURIComponent(greeting)}`,
      method: "POST",
      record: "record-from-answer-dual",
      recordingStatusCallback: urls.recording,
      recordingStatusCallbackMethod: "POST",
      recordingStatusCallbackEvent: ["completed"],
      answerOnBridge: true,
      timeout: 20,
    });
    dial.number(route.to);
    return response.toString();
  }
  appendVoicemail(response, greeting, urls);
  return response.toString();
}

/** After a forwarded call: done if the owner answered, otherwise the caller leaves a message. */
export function dialedTwiml(dialCallStatus: string, greeting: string, urls: CallbackUrls): string {
  const response = new VoiceResponse();
  if (dialCallStatus === "completed" || dialCallStatus === "answered") response.hangup();
  else appendVoicemail(response, greeting, urls);
  return response.toString();
}

/** The answer to <Record>'s action: the message is in, end the call politely. */
export function recordedTwiml(): string {
  const response = new VoiceResponse();
  response.say("Thank you. We will get back to you soon. Goodbye.");
  response.hangup();
  return response.toString();
}

/** "Received; nothing to say": for messages Twilio needs no reply to. */
export function emptyTwiml(): string {
  return new twilio.twiml.MessagingResponse().toString();
}
