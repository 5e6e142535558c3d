/**
 * First run: the business (name, industry, timezone, the owner's phone), then the number its
 * customers call: one bought through Flynn (simulated numbers without Twilio credentials),
 * or one the business already has at Twilio. The number can also wait until Settings.
 */
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useNavigate } from "@tanstack/react-router";
import { type FormEvent, useState } from "react";
import { BusinessFields, readBusinessFields } from "../components/business-fields";
import { Button } from "../components/button";
import { ErrorState } from "../components/feedback";
import { PhoneNumberPicker } from "../components/phone-number-picker";
import { fieldErrors } from "../lib/errors";
import { formatPhone } from "../lib/format";
import { useProfile } from "../lib/profile";
import { trpc } from "../lib/trpc";

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
    save.mutate(readBusinessFields(new FormData(event.currentTarget)));
  };
  return (
    <form className="space-y-4" onSubmit={onSubmit}>
      <h1 className="text-lg font-semibold text-slate-900">Tell us about your business</h1>
      <BusinessFields
        defaults={{
          companyName: profile?.companyName ?? "",
          industryType: profile?.industryType ?? "plumbing",
          timezone: profile?.timezone && profile.timezone !== "UTC" ? profile.timezone : browserZone,
          phoneNumber: profile?.phoneNumber ?? "",
        }}
        errors={errors}
        industryHint="Sets the words, event types, durations and business hours Flynn starts with."
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
  const numbers = useQuery(trpc.phoneNumbers.list.queryOptions());
  const done = async () => {
    await queryClient.invalidateQueries({ queryKey: trpc.phoneNumbers.list.queryKey() });
    await navigate({ to: "/" });
  };
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
      <PhoneNumberPicker onAdded={() => navigate({ to: "/" })} />
      <p className="text-xs text-slate-500">
        <button type="button" className="text-slate-600 underline" onClick={done}>
          Skip for now
        </button>{" "}
        — you can add a number later in Settings.
      </p>
    </div>
  );
}
