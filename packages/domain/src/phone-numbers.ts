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
