/**
 * Getting a number customers can call: buy one through Flynn (search by area code or digits,
 * then choose; simulated numbers without Twilio credentials), or register one the business
 * already has at Twilio. Used by onboarding and by Settings → Phone numbers.
 */
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import { fieldErrors } from "../lib/errors";
import { formatPhone } from "../lib/format";
import { toE164 } from "../lib/phone";
import { toast } from "../lib/toast";
import { trpc } from "../lib/trpc";
import { Button } from "./button";
import { ErrorState, SkeletonRows } from "./feedback";
import { TextField } from "./field";

type Mode = "buy" | "register";

/** A number just added, as phoneNumbers.buy and phoneNumbers.register return it. */
export interface AddedNumber {
  id: string;
  twilioPhoneNumber: string;
}

export function PhoneNumberPicker({ onAdded }: { onAdded: (number: AddedNumber) => void | Promise<void> }) {
  const queryClient = useQueryClient();
  const [mode, setMode] = useState<Mode>("buy");
  const added = async (number: AddedNumber) => {
    toast.success(`${formatPhone(number.twilioPhoneNumber)} is yours. Calls to it now reach Flynn.`);
    await queryClient.invalidateQueries({ queryKey: trpc.phoneNumbers.list.queryKey() });
    await onAdded(number);
  };
  return (
    <div className="space-y-4">
      <div role="tablist" aria-label="How to get a number" className="flex flex-wrap gap-2">
        <ModeTab mode="buy" current={mode} onSelect={setMode}>
          Get a new number
        </ModeTab>
        <ModeTab mode="register" current={mode} onSelect={setMode}>
          Use my Twilio number
        </ModeTab>
      </div>
      {mode === "buy" ? <BuyNumber onBought={added} /> : <RegisterNumber onRegistered={added} />}
    </div>
  );
}

function ModeTab({
  mode,
  current,
  onSelect,
  children,
}: {
  mode: Mode;
  current: Mode;
  onSelect: (mode: Mode) => void;
  children: string;
}) {
  return (
    <Button
      role="tab"
      aria-selected={mode === current}
      variant={mode === current ? "primary" : "secondary"}
      size="sm"
      onClick={() => onSelect(mode)}
    >
      {children}
    </Button>
  );
}

interface Search {
  areaCode?: number;
  contains?: string;
}

function BuyNumber({ onBought }: { onBought: (number: AddedNumber) => Promise<void> }) {
  const [search, setSearch] = useState<Search>({});
  const available = useQuery({ ...trpc.phoneNumbers.search.queryOptions(search), retry: false });
  const buy = useMutation(trpc.phoneNumbers.buy.mutationOptions({ onSuccess: onBought }));
  const searchErrors = fieldErrors(available.error);
  const onSearch = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const areaCode = String(form.get("areaCode")).trim();
    const contains = String(form.get("contains")).trim();
    setSearch({
      ...(areaCode ? { areaCode: Number(areaCode) } : {}),
      ...(contains ? { contains } : {}),
    });
  };
  return (
    <div className="space-y-3">
      <form className="flex flex-wrap items-end gap-3" onSubmit={onSearch} aria-label="Search numbers">
        <div className="w-28">
          <TextField
            label="Area code"
            name="areaCode"
            inputMode="numeric"
            maxLength={3}
            placeholder="512"
            error={searchErrors.areaCode?.[0]}
          />
        </div>
        <div className="w-40">
          <TextField label="Contains" name="contains" placeholder="e.g. 777" error={searchErrors.contains?.[0]} />
        </div>
        <Button type="submit" variant="secondary" busy={available.isFetching}>
          Search
        </Button>
      </form>
      {available.isPending ? (
        <SkeletonRows rows={5} className="h-10" />
      ) : available.error ? (
        Object.keys(searchErrors).length > 0 ? null : (
          <ErrorState error={available.error} onRetry={() => available.refetch()} />
        )
      ) : (
        <div>
          {available.data.simulated ? (
            <p className="mb-2 rounded-md bg-amber-50 px-3 py-2 text-xs text-amber-900">
              Development mode: these are simulated numbers. Calls to them come from the call simulator.
            </p>
          ) : null}
          {available.data.numbers.length === 0 ? (
            <p className="rounded-md px-3 py-4 text-center text-sm text-slate-600 ring-1 ring-slate-200">
              No numbers match. Try another area code, or search without one.
            </p>
          ) : (
            <ul className="divide-y divide-slate-100 rounded-md ring-1 ring-slate-200">
              {available.data.numbers.slice(0, 5).map((n) => (
                <li key={n.phoneNumber} className="flex items-center justify-between gap-2 px-3 py-2 text-sm">
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
          )}
        </div>
      )}
    </div>
  );
}

function RegisterNumber({ onRegistered }: { onRegistered: (number: AddedNumber) => Promise<void> }) {
  const register = useMutation(
    trpc.phoneNumbers.register.mutationOptions({ meta: { quiet: true }, onSuccess: onRegistered }),
  );
  const errors = fieldErrors(register.error);
  return (
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
      <TextField label="Twilio phone number" name="phoneNumber" type="tel" required error={errors.phoneNumber?.[0]} />
      <TextField
        label="Phone number SID"
        name="twilioPhoneSid"
        required
        placeholder="PN…"
        hint="In the Twilio console, under Phone Numbers."
        error={errors.twilioPhoneSid?.[0]}
      />
      {register.error && Object.keys(errors).length === 0 ? <ErrorState error={register.error} /> : null}
      <Button type="submit" busy={register.isPending}>
        Use this number
      </Button>
    </form>
  );
}
