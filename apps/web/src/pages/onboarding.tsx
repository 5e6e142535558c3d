/**
 * First run: the business (name, industry, timezone, the owner's phone), then the number its
 * customers call: one bought through Flynn (simulated numbers without Twilio credentials),
 * or one the business already has at Twilio. The number can also wait until Settings.
 */
import { INDUSTRY_TYPES } from "@flynn/domain/enums";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useNavigate } from "@tanstack/react-router";
import { type FormEvent, useMemo, useState } from "react";
import { Button } from "../components/button";
import { ErrorState, SkeletonRows } from "../components/feedback";
import { SelectField, TextField } from "../components/field";
import { fieldErrors } from "../lib/errors";
import { formatPhone, humanize } from "../lib/format";
import { toE164 } from "../lib/phone";
import { useProfile } from "../lib/profile";
import { toast } from "../lib/toast";
import { trpc } from "../lib/trpc";

const INDUSTRY_OPTIONS = INDUSTRY_TYPES.map((value) => ({ value, label: humanize(value) }));

function timezoneOptions(current: string) {
  const zones = typeof Intl.supportedValuesOf === "function" ? Intl.supportedValuesOf("timeZone") : [current];
  return (zones.includes(current) ? zones : [current, ...zones]).map((zone) => ({
    value: zone,
    label: zone.replace(/_/g, " "),
  }));
}

export function OnboardingPage() {
  const profile = useProfile().data;
  const [step, setStep] = useState<"business" | "number">(profile?.industryType ? "number" : "business");
  return (
    <main className="min-h-screen bg-slate-50 px-4 py-12">
      <div className="mx-auto max-w-lg">
        <p className="text-2xl font-semibold text-indigo-700">Flynn</p>
        <ol className="mt-4 flex gap-4 text-sm" aria-label="Setup steps">
          <li
            aria-current={step === "business" ? "step" : undefined}
            className={step === "business" ? "font-semibold text-slate-900" : "text-slate-500"}
          >
            1. Your business
          </li>
          <li
            aria-current={step === "number" ? "step" : undefined}
            className={step === "number" ? "font-semibold text-slate-900" : "text-slate-500"}
          >
            2. Your Flynn number
          </li>
        </ol>
        <div className="mt-6 rounded-lg bg-white p-6 shadow-xs ring-1 ring-slate-200">
          {step === "business" ? <BusinessStep onDone={() => setStep("number")} /> : <NumberStep />}
        </div>
      </div>
    </main>
  );
}

function BusinessStep({ onDone }: { onDone: () => void }) {
  const profile = useProfile().data;
  const queryClient = useQueryClient();
  const browserZone = Intl.DateTimeFormat().resolvedOptions().timeZone;
  const zones = useMemo(() => timezoneOptions(browserZone), [browserZone]);
  const save = useMutation(
    trpc.profile.onboarding.mutationOptions({
      meta: { quiet: true },
      onSuccess: async (saved) => {
        queryClient.setQueryData(trpc.profile.get.queryKey(), saved);
        onDone();
      },
    }),
  );
  const errors = fieldErrors(save.error);
  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    save.mutate({
      companyName: String(form.get("companyName")),
      industryType: String(form.get("industryType")) as (typeof INDUSTRY_TYPES)[number],
      timezone: String(form.get("timezone")),
      phoneNumber: toE164(String(form.get("phoneNumber"))),
    });
  };
  return (
    <form className="space-y-4" onSubmit={onSubmit}>
      <h1 className="text-lg font-semibold text-slate-900">Tell us about your business</h1>
      <TextField
        label="Business name"
        name="companyName"
        required
        defaultValue={profile?.companyName ?? ""}
        error={errors.companyName?.[0]}
      />
      <SelectField
        label="Industry"
        name="industryType"
        options={INDUSTRY_OPTIONS}
        defaultValue={profile?.industryType ?? "plumbing"}
        hint="Sets the words, event types, durations and business hours Flynn starts with."
        error={errors.industryType?.[0]}
      />
      <SelectField
        label="Time zone"
        name="timezone"
        options={zones}
        defaultValue={profile?.timezone && profile.timezone !== "UTC" ? profile.timezone : browserZone}
        error={errors.timezone?.[0]}
      />
      <TextField
        label="Your phone number"
        name="phoneNumber"
        type="tel"
        autoComplete="tel"
        required
        defaultValue={profile?.phoneNumber ?? ""}
        hint="Where Flynn forwards your calls, e.g. +1 512 555 0123."
        error={errors.phoneNumber?.[0]}
      />
      {save.error && Object.keys(errors).length === 0 ? <ErrorState error={save.error} /> : null}
      <Button type="submit" busy={save.isPending} className="w-full">
        Continue
      </Button>
    </form>
  );
}

function NumberStep() {
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [mode, setMode] = useState<"buy" | "register">("buy");
  const numbers = useQuery(trpc.phoneNumbers.list.queryOptions());
  const available = useQuery({ ...trpc.phoneNumbers.search.queryOptions({}), enabled: mode === "buy", retry: false });
  const done = async () => {
    await queryClient.invalidateQueries({ queryKey: trpc.phoneNumbers.list.queryKey() });
    await navigate({ to: "/" });
  };
  const buy = useMutation(
    trpc.phoneNumbers.buy.mutationOptions({
      onSuccess: async (bought) => {
        toast.success(`${formatPhone(bought.twilioPhoneNumber)} is yours. Calls to it now reach Flynn.`);
        await done();
      },
    }),
  );
  const register = useMutation(trpc.phoneNumbers.register.mutationOptions({ meta: { quiet: true }, onSuccess: done }));
  const registerErrors = fieldErrors(register.error);
  const owned = numbers.data?.filter((n) => n.isActive) ?? [];

  return (
    <div className="space-y-4">
      <h1 className="text-lg font-semibold text-slate-900">The number your customers call</h1>
      {owned.length > 0 ? (
        <p className="text-sm text-slate-700">
          You already have {owned.map((n) => formatPhone(n.twilioPhoneNumber)).join(", ")}.{" "}
          <button type="button" className="font-medium text-indigo-700 hover:underline" onClick={done}>
            Go to the dashboard
          </button>
        </p>
      ) : null}
      <div role="tablist" aria-label="How to get a number" className="flex gap-2">
        <Button
          role="tab"
          aria-selected={mode === "buy"}
          variant={mode === "buy" ? "primary" : "secondary"}
          size="sm"
          onClick={() => setMode("buy")}
        >
          Get a new number
        </Button>
        <Button
          role="tab"
          aria-selected={mode === "register"}
          variant={mode === "register" ? "primary" : "secondary"}
          size="sm"
          onClick={() => setMode("register")}
        >
          Use my Twilio number
        </Button>
      </div>
      {mode === "buy" ? (
        available.isPending ? (
          <SkeletonRows rows={3} className="h-10" />
        ) : available.error ? (
          <ErrorState error={available.error} onRetry={() => available.refetch()} />
        ) : (
          <div>
            {available.data.simulated ? (
              <p className="mb-2 rounded-md bg-amber-50 px-3 py-2 text-xs text-amber-900">
                Development mode: these are simulated numbers. Calls to them come from the call simulator.
              </p>
            ) : null}
            <ul className="divide-y divide-slate-100 rounded-md ring-1 ring-slate-200">
              {available.data.numbers.slice(0, 5).map((n) => (
                <li key={n.phoneNumber} className="flex items-center justify-between px-3 py-2 text-sm">
                  <span>
                    {formatPhone(n.phoneNumber)}
                    {n.locality ? <span className="ml-2 text-slate-500">{n.locality}</span> : null}
                  </span>
                  <Button
                    size="sm"
                    busy={buy.isPending && buy.variables?.phoneNumber === n.phoneNumber}
                    disabled={buy.isPending}
                    onClick={() => buy.mutate({ phoneNumber: n.phoneNumber })}
                  >
                    Choose
                  </Button>
                </li>
              ))}
            </ul>
          </div>
        )
      ) : (
        <form
          className="space-y-4"
          onSubmit={(event) => {
            event.preventDefault();
            const form = new FormData(event.currentTarget);
            register.mutate({
              phoneNumber: toE164(String(form.get("phoneNumber"))),
              twilioPhoneSid: String(form.get("twilioPhoneSid")),
            });
          }}
        >
          <TextField
            label="Twilio phone number"
            name="phoneNumber"
            type="tel"
            required
            error={registerErrors.phoneNumber?.[0]}
          />
          <TextField
            label="Phone number SID"
            name="twilioPhoneSid"
            required
            placeholder="PN…"
            hint="In the Twilio console, under Phone Numbers."
            error={registerErrors.twilioPhoneSid?.[0]}
          />
          {register.error && Object.keys(registerErrors).length === 0 ? <ErrorState error={register.error} /> : null}
          <Button type="submit" busy={register.isPending}>
            Use this number
          </Button>
        </form>
      )}
      <p className="text-xs text-slate-500">
        <button type="button" className="text-slate-600 underline" onClick={done}>
          Skip for now
        </button>{" "}
        — you can add a number later in Settings.
      </p>
    </div>
  );
}
