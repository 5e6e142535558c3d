/**
 * The business's own fields (name, industry, time zone, the owner's phone), as onboarding
 * asks for them first and Settings → Profile edits them later. Uncontrolled inputs: the form
 * reads them with `readBusinessFields` on submit.
 */
import { INDUSTRY_TYPES, type IndustryType } from "@flynn/domain/enums";
import { useMemo } from "react";
import { humanize } from "../lib/format";
import { toE164 } from "../lib/phone";
import { SelectField, TextField } from "./field";

const INDUSTRY_OPTIONS = INDUSTRY_TYPES.map((value) => ({ value, label: humanize(value) }));

/** Every zone this browser knows; `current` first when the browser does not know it. */
function timezoneOptions(current: string) {
  const zones = typeof Intl.supportedValuesOf === "function" ? Intl.supportedValuesOf("timeZone") : [current];
  return (zones.includes(current) ? zones : [current, ...zones]).map((zone) => ({
    value: zone,
    label: zone.replace(/_/g, " "),
  }));
}

export interface BusinessValues {
  companyName: string;
  industryType: IndustryType;
  timezone: string;
  phoneNumber: string;
}

export function BusinessFields({
  defaults,
  errors,
  industryHint,
}: {
  defaults: BusinessValues;
  errors: Record<string, string[]>;
  industryHint: string;
}) {
  const zones = useMemo(() => timezoneOptions(defaults.timezone), [defaults.timezone]);
  return (
    <>
      <TextField
        label="Business name"
        name="companyName"
        required
        defaultValue={defaults.companyName}
        error={errors.companyName?.[0]}
      />
      <SelectField
        label="Industry"
        name="industryType"
        options={INDUSTRY_OPTIONS}
        defaultValue={defaults.industryType}
        hint={industryHint}
        error={errors.industryType?.[0]}
      />
      <SelectField
        label="Time zone"
        name="timezone"
        options={zones}
        defaultValue={defaults.timezone}
        hint="Every time on the dashboard and in emails is shown in it."
        error={errors.timezone?.[0]}
      />
      <TextField
        label="Your phone number"
        name="phoneNumber"
        type="tel"
        autoComplete="tel"
        required
        defaultValue={defaults.phoneNumber}
        hint="Where Flynn forwards your calls, e.g. +1 512 555 0123."
        error={errors.phoneNumber?.[0]}
      />
    </>
  );
}

export function readBusinessFields(form: FormData): BusinessValues {
  return {
    companyName: String(form.get("companyName")),
    industryType: String(form.get("industryType")) as IndustryType,
    timezone: String(form.get("timezone")),
    phoneNumber: toE164(String(form.get("phoneNumber"))),
  };
}
