/**
 * Phone numbers at Twilio: search, buy (pointing the number's webhooks at this API) and
 * release. Without credentials (development) a simulated provider hands out numbers in the
 * +1 555 01xx range, which are reserved for fiction and can never ring anyone, so the call
 * simulator can call them.
 */
import { randomBytes } from "node:crypto";
import twilio from "twilio";

export interface TwilioCredentials {
  accountSid: string;
  authToken: string;
  /** The API's public address; bought numbers send their webhooks there. */
  publicUrl: string;
}

export interface NumberSearch {
  /** ISO 3166-1 alpha-2, e.g. "US". */
  country: string;
  areaCode?: number;
  /** Digits the number must contain, e.g. "0100". */
  contains?: string;
  /** At most this many results (default 20). */
  limit?: number;
}

export interface AvailableNumber {
  phoneNumber: string;
  friendlyName: string;
  locality: string | null;
  region: string | null;
}

export interface OwnedNumber {
  phoneNumber: string;
  /** Twilio's IncomingPhoneNumber SID ("PN" + 32 hex). */
  sid: string;
}

export interface Telephony {
  /** True for the development provider: nothing is bought and no call can reach these numbers. */
  readonly simulated: boolean;
  searchAvailable(search: NumberSearch): Promise<AvailableNumber[]>;
  buy(phoneNumber: string): Promise<OwnedNumber>;
  /** Gives the number back to Twilio; a number Twilio no longer has counts as released. */
  release(sid: string): Promise<void>;
}

/** A refusal or failure at the provider, with what Twilio said about it. */
export class TelephonyError extends Error {
  override name = "TelephonyError";
  constructor(
    message: string,
    /** Twilio's HTTP status (400 = the request was refused, e.g. the number is no longer available). */
    readonly status: number | null,
    /** Twilio's error code, e.g. 21422 (number not available). */
    readonly code: number | null,
    options?: ErrorOptions,
  ) {
    super(message, options);
  }
}

export const TWILIO_WEBHOOK_PATHS = {
  voice: "/webhooks/twilio/voice",
  status: "/webhooks/twilio/status",
  recording: "/webhooks/twilio/recording",
  transcription: "/webhooks/twilio/transcription",
  sms: "/webhooks/twilio/sms",
  smsStatus: "/webhooks/twilio/sms-status",
} as const;

/** `publicUrl` + a webhook path, without doubling a trailing slash. */
export function webhookUrl(publicUrl: string, path: string): string {
  return `${publicUrl.replace(/\/+$/, "")}${path}`;
}

const DEFAULT_LIMIT = 20;

export function createTelephony(credentials: TwilioCredentials | null): Telephony {
  return credentials ? createTwilioTelephony(credentials) : createSimulatedTelephony();
}

function createTwilioTelephony({ accountSid, authToken, publicUrl }: TwilioCredentials): Telephony {
  const client = twilio(accountSid, authToken);

  return {
    simulated: false,

    async searchAvailable({ country, areaCode, contains, limit = DEFAULT_LIMIT }) {
      const found = await fromTwilio("search available numbers", () =>
        client.availablePhoneNumbers(country.toUpperCase()).local.list({
          areaCode,
          contains,
          voiceEnabled: true,
          limit,
        }),
      );
      return found.map((number) => ({
        phoneNumber: number.phoneNumber,
        friendlyName: number.friendlyName,
        locality: number.locality || null,
        region: number.region || null,
      }));
    },

    async buy(phoneNumber) {
      const bought = await fromTwilio(`buy ${phoneNumber}`, () =>
        client.incomingPhoneNumbers.create({
          phoneNumber,
          voiceUrl: webhookUrl(publicUrl, TWILIO_WEBHOOK_PATHS.voice),
          voiceMethod: "POST",
          statusCallback: webhookUrl(publicUrl, TWILIO_WEBHOOK_PATHS.status),
          statusCallbackMethod: "POST",
          smsUrl: webhookUrl(publicUrl, TWILIO_WEBHOOK_PATHS.sms),
          smsMethod: "POST",
        }),
      );
      return { phoneNumber: bought.phoneNumber, sid: bought.sid };
    },

    async release(sid) {
      try {
        await client.incomingPhoneNumbers(sid).remove();
      } catch (error) {
        // Released before (by us or in Twilio's console): the goal is reached.
        if (error instanceof twilio.RestException && error.status === 404) return;
        throw toTelephonyError(`release ${sid}`, error);
      }
    },
  };
}

async function fromTwilio<T>(what: string, call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    throw toTelephonyError(what, error);
  }
}

function toTelephonyError(what: string, error: unknown): TelephonyError {
  if (error instanceof twilio.RestException) {
    const code = error.code ?? null;
    return new TelephonyError(
      `Twilio could not ${what}: ${error.message}${code ? ` (error ${code})` : ""}`,
      error.status,
      code,
      { cause: error },
    );
  }
  return new TelephonyError(`Twilio could not ${what}: ${String(error)}`, null, null, { cause: error });
}

/** +15550100 … +15550199: the numbers the simulated provider offers. */
export const SIMULATED_NUMBERS: readonly string[] = Array.from(
  { length: 100 },
  (_, i) => `+155501${String(i).padStart(2, "0")}`,
);

export function randomTwilioSid(prefix: "PN" | "CA" | "RE" | "TR" | "AC"): string {
  return `${prefix}${randomBytes(16).toString("hex")}`;
}

function createSimulatedTelephony(): Telephony {
  return {
    simulated: true,

    async searchAvailable({ country, contains, limit = DEFAULT_LIMIT }) {
      if (country.toUpperCase() !== "US") return [];
      // The area code is ignored: every simulated number has area code 555.
      const digits = contains?.replace(/\D/g, "") ?? "";
      return SIMULATED_NUMBERS.filter((number) => number.slice(1).includes(digits))
        .slice(0, limit)
        .map((phoneNumber) => ({
          phoneNumber,
          friendlyName: `555-${phoneNumber.slice(5)}`,
          locality: "Simulated",
          region: null,
        }));
    },

    async buy(phoneNumber) {
      if (!SIMULATED_NUMBERS.includes(phoneNumber)) {
        throw new TelephonyError(
          `${phoneNumber} is not a simulated number; without Twilio credentials only +15550100 to +15550199 are available`,
          400,
          null,
        );
      }
      return { phoneNumber, sid: randomTwilioSid("PN") };
    },

    async release() {},
  };
}
