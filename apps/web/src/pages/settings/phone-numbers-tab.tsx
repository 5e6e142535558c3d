/**
 * The numbers customers call: which route their calls to Flynn (active), turning that on and
 * off, getting another one, and giving one back to Twilio.
 */
import type { AppRouter } from "@flynn/api";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { inferRouterOutputs } from "@trpc/server";
import { useState } from "react";
import { Badge } from "../../components/badge";
import { Button } from "../../components/button";
import { Card } from "../../components/card";
import { Dialog } from "../../components/dialog";
import { EmptyState, ErrorState, SkeletonRows } from "../../components/feedback";
import { PhoneNumberPicker } from "../../components/phone-number-picker";
import { formatDate, formatPhone } from "../../lib/format";
import { useTimezone } from "../../lib/profile";
import { toast } from "../../lib/toast";
import { trpc, trpcClient } from "../../lib/trpc";

type PhoneNumber = inferRouterOutputs<AppRouter>["phoneNumbers"]["list"][number];

export function PhoneNumbersTab() {
  const numbers = useQuery(trpc.phoneNumbers.list.queryOptions());
  const [adding, setAdding] = useState(false);
  const [releasing, setReleasing] = useState<PhoneNumber | null>(null);
  const active = useSetActive();

  if (numbers.isPending) return <SkeletonRows rows={3} className="h-16" />;
  if (numbers.error) return <ErrorState error={numbers.error} onRetry={() => numbers.refetch()} />;
  const showPicker = adding || numbers.data.length === 0;

  return (
    <div className="space-y-4">
      {numbers.data.length === 0 ? (
        <EmptyState title="No Flynn number yet">
          Get one below: calls to it are recorded, and their events show up here minutes later.
        </EmptyState>
      ) : (
        <Card
          title="Your numbers"
          actions={
            adding ? null : (
              <Button size="sm" onClick={() => setAdding(true)}>
                Add a number
              </Button>
            )
          }
        >
          <ul className="divide-y divide-slate-100">
            {numbers.data.map((number) => (
              <NumberRow
                key={number.id}
                number={number}
                busy={active.isPending && active.variables?.id === number.id}
                onActive={(isActive) => active.mutate({ id: number.id, isActive })}
                onRelease={() => setReleasing(number)}
              />
            ))}
          </ul>
        </Card>
      )}
      {showPicker ? (
        <Card
          title="Add a number"
          actions={
            numbers.data.length > 0 ? (
              <Button variant="ghost" size="sm" onClick={() => setAdding(false)}>
                Cancel
              </Button>
            ) : null
          }
        >
          <PhoneNumberPicker onAdded={() => setAdding(false)} />
        </Card>
      ) : null}
      <ReleaseDialog number={releasing} onClose={() => setReleasing(null)} />
    </div>
  );
}

function NumberRow({
  number,
  busy,
  onActive,
  onRelease,
}: {
  number: PhoneNumber;
  busy: boolean;
  onActive: (isActive: boolean) => void;
  onRelease: () => void;
}) {
  const timezone = useTimezone();
  const isActive = number.isActive === true;
  return (
    <li className="flex flex-wrap items-center justify-between gap-3 py-3 first:pt-0 last:pb-0">
      <div className="min-w-0">
        <p className="flex items-center gap-2 font-medium text-slate-900">
          {formatPhone(number.twilioPhoneNumber)}
          <Badge tone={isActive ? "green" : "grey"}>{isActive ? "Active" : "Inactive"}</Badge>
        </p>
        <p className="truncate text-xs text-slate-500">
          <span className="font-mono">{number.twilioPhoneSid}</span> · added {formatDate(number.createdAt, timezone)}
        </p>
        <p className="text-xs text-slate-500">
          {isActive ? "Calls to it reach Flynn." : "Calls to it are not routed to Flynn."}
        </p>
      </div>
      <div className="flex gap-2">
        <Button variant="secondary" size="sm" busy={busy} onClick={() => onActive(!isActive)}>
          {isActive ? "Deactivate" : "Activate"}
        </Button>
        <Button variant="ghost" size="sm" onClick={onRelease}>
          Release
        </Button>
      </div>
    </li>
  );
}

/** Activate or deactivate, shown at once and rolled back if the server refuses. */
function useSetActive() {
  const queryClient = useQueryClient();
  const listKey = trpc.phoneNumbers.list.queryKey();
  return useMutation({
    mutationFn: ({ id, isActive }: { id: string; isActive: boolean }) =>
      isActive ? trpcClient.phoneNumbers.activate.mutate({ id }) : trpcClient.phoneNumbers.deactivate.mutate({ id }),
    onMutate: async ({ id, isActive }) => {
      await queryClient.cancelQueries({ queryKey: listKey });
      const before = queryClient.getQueryData(listKey);
      queryClient.setQueryData(listKey, (list) => list?.map((n) => (n.id === id ? { ...n, isActive } : n)));
      return { before };
    },
    onError: (_error, _variables, context) => {
      queryClient.setQueryData(listKey, context?.before);
    },
    onSuccess: (saved) => {
      toast.success(
        saved.isActive
          ? `${formatPhone(saved.twilioPhoneNumber)} is active: its calls reach Flynn`
          : `${formatPhone(saved.twilioPhoneNumber)} is inactive: its calls no longer reach Flynn`,
      );
    },
    onSettled: () => queryClient.invalidateQueries({ queryKey: listKey }),
  });
}

function ReleaseDialog({ number, onClose }: { number: PhoneNumber | null; onClose: () => void }) {
  const queryClient = useQueryClient();
  const release = useMutation(
    trpc.phoneNumbers.release.mutationOptions({
      onSuccess: async (released) => {
        toast.success(`${formatPhone(released.twilioPhoneNumber)} was given back to Twilio`);
        onClose();
        await queryClient.invalidateQueries({ queryKey: trpc.phoneNumbers.list.queryKey() });
      },
    }),
  );
  return (
    <Dialog
      open={number !== null}
      onClose={onClose}
      title="Release this number?"
      footer={
        <>
          <Button variant="secondary" onClick={onClose}>
            Keep it
          </Button>
          <Button variant="danger" busy={release.isPending} onClick={() => number && release.mutate({ id: number.id })}>
            Release
          </Button>
        </>
      }
    >
      <p className="text-sm text-slate-700">
        {number ? formatPhone(number.twilioPhoneNumber) : ""} goes back to Twilio: calls to it stop reaching Flynn, and
        you may not get the same number again. Its call history stays in Flynn.
      </p>
    </Dialog>
  );
}
