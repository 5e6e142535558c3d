export {
  type AvailableNumber,
  createTelephony,
  type NumberSearch,
  type OwnedNumber,
  randomTwilioSid,
  SIMULATED_NUMBERS,
  type Telephony,
  TelephonyError,
  TWILIO_WEBHOOK_PATHS,
  type TwilioCredentials,
  webhookUrl,
} from "./numbers";
export { DEV_TWILIO_AUTH_TOKEN, signTwilioRequest, type TwilioParams, verifyTwilioSignature } from "./signature";
export {
  type FetchLike,
  SIMULATED_ACCOUNT_SID,
  SIMULATED_CALLER,
  type SimulateCallOptions,
  type SimulatedCall,
  type SimulatedStep,
  simulateCall,
} from "./simulator";
export {
  classifySmsError,
  createSmsSender,
  type OutgoingSms,
  type SentSms,
  type SmsCredentials,
  SmsSendError,
  type SmsSender,
  type SmsSendOutcome,
  TWILIO_UNSUBSCRIBED_RECIPIENT,
} from "./sms";
