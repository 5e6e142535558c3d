// Input schemas of the phone-numbers domain, shared by the API and the dashboard.
import { z } from "zod";
import { e164PhoneSchema, uuidSchema } from "./common";

/** Twilio's id of an incoming phone number: "PN" and 32 lowercase hex digits. */
export const twilioPhoneSidSchema = z
  .string()
  .trim()
  .regex(/^PN[0-9a-f]{32}$/, "must be a Twilio phone number SID: PN followed by 32 hex digits");

/** A number the business already owns at Twilio (buying one belongs to the telephony flow). */
export const phoneNumberRegisterSchema = z.object({
  phoneNumber: e164PhoneSchema,
  twilioPhoneSid: twilioPhoneSidSchema,
});
export type PhoneNumberRegister = z.infer<typeof phoneNumberRegisterSchema>;

export const phoneNumberIdSchema = z.object({ id: uuidSchema });

/** Numbers for sale at Twilio: local numbers of a country, optionally by area code and digits. */
export const phoneNumberSearchSchema = z.object({
  country: z
    .string()
    .trim()
    .regex(/^[A-Za-z]{2}$/, "must be a two-letter country code such as US")
    .transform((code) => code.toUpperCase())
    .default("US"),
  areaCode: z.number().int().min(200, "must be a 3-digit area code").max(999, "must be a 3-digit area code").optional(),
  /** Twilio's pattern: 2 to 16 digits or letters, `*` matching any one character. */
  contains: z
    .string()
    .trim()
    .regex(/^[0-9A-Za-z*]{2,16}$/, "must be 2 to 16 digits or letters")
    .optional(),
});
export type PhoneNumberSearch = z.infer<typeof phoneNumberSearchSchema>;

export const phoneNumberBuySchema = z.object({ phoneNumber: e164PhoneSchema });

/** A simulated call to one of the user's numbers (development only). */
export const phoneNumberSimulateCallSchema = z.object({
  id: uuidSchema,
  /** The caller; the simulator picks one when absent. */
  from: e164PhoneSchema.optional(),
  transcript: z.string().trim().min(1, "is empty").max(20_000, "must be at most 20,000 characters"),
});
export type PhoneNumberSimulateCall = z.infer<typeof phoneNumberSimulateCallSchema>;
