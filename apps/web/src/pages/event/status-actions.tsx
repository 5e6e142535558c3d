/**
 * What can happen to an event next: confirm, reschedule, mark tentative, cancel, complete,
 * reopen. Each shows at once (the badge and time change before the server answers) and is
 * put back, with the server's message in a toast, if the server refuses.
 */
import {
  allowedTransitions,
  EVENT_TRANSITIONS,
  type EventTransition,
  rescheduleRefusal,
} from "@flynn/domain/event-states";
import { useMutation } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import { Button } from "../../components/button";
import { Dialog } from "../../components/dialog";
import { queryClient, trpc } from "../../lib/trpc";
import { localInputs } from "../../lib/zoned";
import { DateTimeFields } from "./date-time-fields";
import { type EventDetail, readLocalDateTime } from "./event-form";

/** The queries an event's change may show in, refreshed once the server has answered. */
export function refreshEventQueries(id: string) {
  return Promise.all([
    queryClient.invalidateQueries({ queryKey: trpc.events.byId.queryKey({ id }) }),
    queryClient.invalidateQueries({ queryKey: trpc.events.list.pathKey() }),
    queryClient.invalidateQueries({ queryKey: trpc.stats.pathKey() }),
    queryClient.invalidateQueries({ queryKey: trpc.calls.byId.pathKey() }),
  ]);
}

/**
 * TanStack Query callbacks that apply `change` to the cached event at once, restore the
 * event as it was if the request fails (the global handler toasts the server's message),
 * and refetch the truth either way.
 */
function optimistic<Variables>(id: string, change: (variables: Variables, event: EventDetail) => Partial<EventDetail>) {
  const key = trpc.events.byId.queryKey({ id });
  return {
    onMutate: async (variables: Variables) => {
      await queryClient.cancelQueries({ queryKey: key });
      const previous = queryClient.getQueryData(key);
      if (previous) queryClient.setQueryData(key, { ...previous, ...change(variables, previous) });
      return { previous };
    },
    onError: (_error: unknown, _variables: Variables, context: { previous?: EventDetail | undefined } | undefined) => {
      if (context?.previous) queryClient.setQueryData(key, context.previous);
    },
    onSettled: () => refreshEventQueries(id),
  };
}

const LABELS: Record<EventTransition, string> = {
  confirm: "Confirm",
  markTentative: "Mark tentative",
  cancel: "Cancel event",
  complete: "Mark completed",
  reopen: "Reopen",
};

const VARIANTS: Record<EventTransition, "primary" | "secondary" | "danger"> = {
  confirm: "primary",
  markTentative: "secondary",
  cancel: "danger",
  complete: "primary",
  reopen: "secondary",
};

type TimeDialog = { kind: "confirm" | "reschedule" } | null;

export function StatusActions({ event, timezone }: { event: EventDetail; timezone: string }) {
  const id = event.id;
  const [dialog, setDialog] = useState<TimeDialog>(null);
  const statusOnly = (transition: EventTransition) =>
    optimistic<{ id: string }>(id, () => ({
      status: EVENT_TRANSITIONS[transition].to,
      ...(transition === "complete" ? { completedAt: new Date() } : {}),
      ...(transition === "reopen" ? { completedAt: null } : {}),
    }));
  const confirm = useMutation(
    trpc.events.confirm.mutationOptions(
      optimistic<{ id: string; confirmedDatetime?: Date }>(id, (variables, current) => ({
        status: "confirmed",
        confirmedDatetime: variables.confirmedDatetime ?? current.confirmedDatetime ?? current.proposedDatetime,
      })),
    ),
  );
  const markTentative = useMutation(trpc.events.markTentative.mutationOptions(statusOnly("markTentative")));
  const cancel = useMutation(trpc.events.cancel.mutationOptions(statusOnly("cancel")));
  const complete = useMutation(trpc.events.complete.mutationOptions(statusOnly("complete")));
  const reopen = useMutation(trpc.events.reopen.mutationOptions(statusOnly("reopen")));
  const reschedule = useMutation(
    trpc.events.reschedule.mutationOptions(
      optimistic<{ id: string; datetime: Date }>(id, ({ datetime }, current) =>
        current.confirmedDatetime ? { confirmedDatetime: datetime } : { proposedDatetime: datetime },
      ),
    ),
  );
  const mutations = { confirm, markTentative, cancel, complete, reopen };
  const busy = Object.values(mutations).some((m) => m.isPending) || reschedule.isPending;

  const hasTime = Boolean(event.confirmedDatetime ?? event.proposedDatetime);
  const run = (transition: EventTransition) => {
    if (transition === "confirm") {
      if (hasTime) confirm.mutate({ id });
      else setDialog({ kind: "confirm" });
      return;
    }
    mutations[transition].mutate({ id });
  };

  return (
    <div className="flex flex-wrap gap-2">
      {allowedTransitions(event.status).map((transition) => (
        <Button
          key={transition}
          size="sm"
          variant={VARIANTS[transition]}
          disabled={busy}
          busy={mutations[transition].isPending}
          onClick={() => run(transition)}
        >
          {LABELS[transition]}
        </Button>
      ))}
      {rescheduleRefusal(event.status) === null ? (
        <Button
          size="sm"
          variant="secondary"
          disabled={busy}
          busy={reschedule.isPending}
          onClick={() => setDialog({ kind: "reschedule" })}
        >
          Reschedule
        </Button>
      ) : null}
      <PickTimeDialog
        open={dialog !== null}
        title={dialog?.kind === "confirm" ? "Confirm at a date and time" : "Reschedule"}
        action={dialog?.kind === "confirm" ? "Confirm" : "Move the event"}
        initial={event.confirmedDatetime ?? event.proposedDatetime}
        timezone={timezone}
        onClose={() => setDialog(null)}
        onPick={(at) => {
          if (dialog?.kind === "confirm") confirm.mutate({ id, confirmedDatetime: at });
          else reschedule.mutate({ id, datetime: at });
          setDialog(null);
        }}
      />
    </div>
  );
}

function PickTimeDialog({
  open,
  title,
  action,
  initial,
  timezone,
  onClose,
  onPick,
}: {
  open: boolean;
  title: string;
  action: string;
  initial: Date | null;
  timezone: string;
  onClose: () => void;
  onPick: (at: Date) => void;
}) {
  const [value, setValue] = useState(() => localInputs(initial, timezone));
  const [error, setError] = useState<{ date?: string; time?: string }>({});
  // Each opening starts from the event's current time.
  const [wasOpen, setWasOpen] = useState(open);
  if (wasOpen !== open) {
    setWasOpen(open);
    if (open) {
      setValue(localInputs(initial, timezone));
      setError({});
    }
  }
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const typed = readLocalDateTime(value.date, value.time, timezone);
    if (!typed.ok) setError({ [typed.field]: typed.message });
    else if (!typed.at) setError({ date: "Pick a date and a time" });
    else onPick(typed.at);
  };
  return (
    <Dialog open={open} onClose={onClose} title={title}>
      <form noValidate onSubmit={submit} className="space-y-4">
        <DateTimeFields
          date={value.date}
          time={value.time}
          timezone={timezone}
          onChange={setValue}
          errors={error}
          required
        />
        <div className="flex justify-end gap-2">
          <Button variant="secondary" onClick={onClose}>
            Close
          </Button>
          <Button type="submit">{action}</Button>
        </div>
      </form>
    </Dialog>
  );
}
