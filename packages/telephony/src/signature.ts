/**
 * Twilio request signatures (X-Twilio-Signature), through the twilio SDK so the webhook's
 * validator and everything that signs requests (the call simulator, tests, the benchmark)
 * agree byte for byte.
 */
import twilio from "twilio";

/**
 * The auth token of development and tests only: the API accepts it when TWILIO_AUTH_TOKEN is
 * unset outside production, and the call simulator signs with it.
 */
export const DEV_TWILIO_AUTH_TOKEN = "flynn-development-twilio-token-not-a-secret";

/** Form POST parameters as Twilio sends them: every value a string (a repeated name, several). */
export type TwilioParams = Record<string, string | string[]>;

/** The X-Twilio-Signature value Twilio would send for a form POST of `params` to `url`. */
export function signTwilioRequest(authToken: string, url: string, params: TwilioParams): string {
  return twilio.getExpectedTwilioSignature(authToken, url, params);
}

/** Whether `signature` is Twilio's for a form POST of `params` to `url` (constant-time compare). */
export function verifyTwilioSignature(
  authToken: string,
  signature: string | undefined,
  url: string,
  params: TwilioParams,
): boolean {
  if (!signature) return false;
  return twilio.validateRequest(authToken, signature, url, params);
}
