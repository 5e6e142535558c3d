import { z } from "zod";
import { e164PhoneSchema, timezoneSchema } from "./common";
import { industryTypeSchema } from "./enums";

const name = (label: string) => z.string().trim().min(1, `${label} is required`).max(200);

/** What a user may change on their own profile (subscription and activation are not here). */
export const profileUpdateSchema = z
  .object({
    fullName: name("full name").nullable(),
    companyName: name("company name").nullable(),
    industryType: industryTypeSchema.nullable(),
    phoneNumber: e164PhoneSchema.nullable(),
    timezone: timezoneSchema,
    settings: z.record(z.string(), z.unknown()),
  })
  .partial()
  .refine((patch) => Object.keys(patch).length > 0, { message: "nothing to update" });
export type ProfileUpdate = z.infer<typeof profileUpdateSchema>;

/** First-run setup: the business, its industry, its time zone and the owner's phone. */
export const onboardingSchema = z.object({
  companyName: name("company name"),
  industryType: industryTypeSchema,
  timezone: timezoneSchema,
  phoneNumber: e164PhoneSchema,
  fullName: name("full name").optional(),
});
export type Onboarding = z.infer<typeof onboardingSchema>;
