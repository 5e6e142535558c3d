/**
 * Development only: "Simulate a call". Sends a transcript (an industry sample or typed) as a
 * call to one of the owner's numbers through the server's real Twilio webhooks; the worker
 * then processes it like any call. Opened by ./simulate-call-button, which loads this module
 * when first wanted and is shown only where the server can simulate, i.e. never in production.
 */
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { Link } from "@tanstack/react-router";
import { type FormEvent, useState } from "react";
import { fieldErrors } from "../lib/errors";
import { formatPhone } from "../lib/format";
import { toE164 } from "../lib/phone";
import { useProfile } from "../lib/profile";
import { SAMPLE_CALLS, sampleFor } from "../lib/samples";
import { toast } from "../lib/toast";
import { trpc } from "../lib/trpc";
import { Button } from "./button";
import { Dialog } from "./dialog";
import { SelectField, TextAreaField, TextField } from "./field";

export const CALL_PLACED_MESSAGE = "Call placed — it appears here in a few seconds";

const TYPED = "typed";

/** The dialog the "Simulate a call" button (./simulate-call-button) opens. */
export function SimulateCallDialog({ open, onClose }: { open: boolean; onClose: () => void }) {
  return (
    <Dialog open={open} onClose={onClose} title="Simulate a call">
      <SimulateCallForm onDone={onClose} />
    </Dialog>
  );
}

export function SimulateCallForm({ onDone }: { onDone: () => void }) {
  const queryClient = useQueryClient();
  const industry = useProfile().data?.industryType;
  const numbers = useQuery(trpc.phoneNumbers.list.queryOptions());
  const active = numbers.data?.filter((number) => number.isActive) ?? [];
  const [sampleKey, setSampleKey] = useState<string>(() => sampleFor(industry).industry);
  const [transcript, setTranscript] = useState(() => sampleFor(industry).transcript);
  const [numberId, setNumberId] = useState("");
  const [from, setFrom] = useState("");

  const simulate = useMutation(
    trpc.phoneNumbers.simulateCall.mutationOptions({
      meta: { quiet: true },
      onSuccess: async () => {
        toast.success(CALL_PLACED_MESSAGE);
        onDone();
        // The call row exists now (the webhooks ran); live updates bring its processing.
        await queryClient.invalidateQueries({ queryKey: trpc.calls.list.pathKey() });
      },
    }),
  );
  const errors = fieldErrors(simulate.error);
  const otherError = simulate.error && Object.keys(errors).length === 0 ? simulate.error.message : null;

  const chooseSample = (key: string) => {
    setSampleKey(key);
    const sample = SAMPLE_CALLS.find((candidate) => candidate.industry === key);
    setTranscript(sample ? sample.transcript : "");
  };

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const id = numberId || active[0]?.id;
    if (!id) return;
    const caller = from.trim() ? toE164(from) : undefined;
    simulate.mutate({ id, transcript, ...(caller ? { from: caller } : {}) });
  };

  if (numbers.isSuccess && active.length === 0) {
    return (
      <div className="space-y-3 text-sm text-slate-700">
        <p>A simulated call goes to one of your Flynn numbers, and you have no active number yet.</p>
        <Link to="/settings" className="font-medium text-indigo-700 hover:underline" onClick={onDone}>
          Add a number in Settings
        </Link>
      </div>
    );
  }

  return (
    <form onSubmit={onSubmit} className="space-y-4" noValidate>
      <p className="text-sm text-slate-600">
        The call goes through Flynn's real webhooks and worker, as if someone had called your number.
      </p>
      <SelectField
        label="Sample call"
        value={sampleKey}
        onChange={(event) => chooseSample(event.target.value)}
        options={[
          ...SAMPLE_CALLS.map((sample) => ({ value: sample.industry, label: sample.label })),
          { value: TYPED, label: "My own transcript" },
        ]}
      />
      <TextAreaField
        label="Transcript"
        rows={9}
        value={transcript}
        onChange={(event) => setTranscript(event.target.value)}
        hint='One line per turn, starting "Caller:" or "Business:".'
        error={errors.transcript?.join(", ")}
        required
      />
      <div className="grid grid-cols-1 gap-4 sm:grid-cols-2">
        <SelectField
          label="Number called"
          value={numberId || active[0]?.id || ""}
          onChange={(event) => setNumberId(event.target.value)}
          options={active.map((number) => ({ value: number.id, label: formatPhone(number.twilioPhoneNumber) }))}
          error={errors.id?.join(", ")}
          disabled={!numbers.isSuccess}
        />
        <TextField
          label="Caller's number (optional)"
          type="tel"
          autoComplete="off"
          value={from}
          onChange={(event) => setFrom(event.target.value)}
          hint="Empty: a test caller"
          error={errors.from?.join(", ")}
        />
      </div>
      {otherError ? (
        <p role="alert" className="text-sm text-red-600">
          {otherError}
        </p>
      ) : null}
      <div className="flex justify-end gap-2">
        <Button variant="secondary" onClick={onDone}>
          Cancel
        </Button>
        <Button type="submit" busy={simulate.isPending} disabled={!numbers.isSuccess || !transcript.trim()}>
          Place the call
        </Button>
      </div>
    </form>
  );
}
