import { z } from "zod";

/** An IANA time zone name that this runtime knows, e.g. "America/New_York". */
export const timezoneSchema = z.string().refine(
  (name) => {
    try {
      new Intl.DateTimeFormat("en-US", { timeZone: name });
      return name.includes("/") || name === "UTC";
    } catch {
      return false;
    }
  },
  { message: "must be an IANA time zone such as America/New_York" },
);

/** A phone number in E.164 form, e.g. +14155550123. */
export const e164PhoneSchema = z
  .string()
  .trim()
  .regex(/^\+[1-9]\d{6,14}$/, "must be a phone number in international form, e.g. +14155550123");

export const uuidSchema = z.uuid({ message: "must be a UUID" });
