/**
 * Where confirmed events go: the private feed any calendar app can subscribe to, and the
 * Google Calendar and Outlook connections (connect, the calendar events go to, sync on or off,
 * last sync and its error, disconnect). Events sync to one of the two at a time: connecting
 * one turns the other off (the server does; the cards say so before the owner clicks).
 * Connecting is a full page visit to the provider, which sends the browser back here with
 * `?connected=<provider>` or `?error=<code>`: `arrival` carries those, shown once as a toast.
 */
import type { AppRouter } from "@flynn/api";
import { type QueryClient, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { inferRouterOutputs } from "@trpc/server";
import { type ReactNode, useEffect, useId, useRef, useState } from "react";
import { Badge, type Tone } from "../../components/badge";
import { Button, buttonClass } from "../../components/button";
import { Card } from "../../components/card";
import { ConfirmDialog } from "../../components/dialog";
import { Loaded, Skeleton } from "../../components/feedback";
import { controlClass, TextField } from "../../components/field";
import { TimeAgo } from "../../components/time-ago";
import { errorMessage } from "../../lib/errors";
import { useTimezone } from "../../lib/profile";
import { toast } from "../../lib/toast";
import { trpc, trpcClient } from "../../lib/trpc";

export type CalendarConnection = inferRouterOutputs<AppRouter>["calendars"]["list"][number];
type ProviderName = CalendarConnection["provider"];

/** What the OAuth callback put in the URL on its way back. */
export interface ConnectArrival {
  connected?: string;
  error?: string;
  provider?: string;
}

/** As tall as what replaces them, so nothing moves when the data arrives. */
const CARDS_SKELETON = (
  <div className="grid gap-4 lg:grid-cols-2">
    <Skeleton className="h-40 w-full" />
    <Skeleton className="h-40 w-full" />
  </div>
);
const FEED_SKELETON = (
  <div className="space-y-3">
    <Skeleton className="h-[3.75rem] w-full" />
    <Skeleton className="h-8 w-64" />
  </div>
);

export function CalendarsTab({
  arrival,
  onArrivalShown,
}: {
  arrival?: ConnectArrival;
  /** Called once the arrival's toast is up: the page drops the params from the URL. */
  onArrivalShown?: () => void;
}) {
  const connections = useQuery(trpc.calendars.list.queryOptions());
  useArrivalToast(arrival, connections.data, onArrivalShown);
  return (
    <div className="space-y-6">
      <FeedCard />
      <section aria-labelledby="calendar-sync-heading" className="space-y-3">
        <div>
          <h2 id="calendar-sync-heading" className="text-sm font-semibold text-slate-900">
            Sync to Google Calendar or Outlook
          </h2>
          <p className="mt-1 text-sm text-slate-600">
            Confirmed events reach the calendar within a minute and follow every change you make in Flynn. Events sync
            to one of the two at a time: connecting one stops syncing to the other.
          </p>
        </div>
        <Loaded query={connections} label="Loading calendar connections" skeleton={CARDS_SKELETON}>
          {(list) => (
            <div className="grid items-start gap-4 lg:grid-cols-2">
              {list.map((connection) => (
                <ProviderCard key={connection.provider} connection={connection} />
              ))}
            </div>
          )}
        </Loaded>
      </section>
    </div>
  );
}

/** The callback's error codes, in words. */
function connectErrorMessage(code: string, label: string): string {
  switch (code) {
    case "access_denied":
      return `${label} is not connected: access was not allowed.`;
    case "consent_required":
    case "interaction_required":
      return `${label} needs you to approve Flynn's access: connect again and allow it.`;
    case "missing_scope":
      return `${label} is not connected: Flynn needs permission to manage your calendar's events. Connect again and leave that permission ticked.`;
    case "exchange_failed":
      return `${label} did not accept the connection (it may have taken too long). Connect again.`;
    case "not_configured":
      return `${label} cannot be connected: this Flynn server is not set up for it.`;
    case "expired":
      return `${label} did not connect: the connection took too long or was started in another browser. Connect again.`;
    case "other_account":
      return `${label} did not connect: it was started while signed in to another Flynn account. Connect again from this one.`;
    case "server_error":
      return `${label} had a problem. Try connecting again in a minute.`;
    default:
      return `${label} did not connect. Try again.`;
  }
}

/** One toast for the OAuth callback's outcome, once the providers' names have loaded. */
function useArrivalToast(
  arrival: ConnectArrival | undefined,
  connections: CalendarConnection[] | undefined,
  onShown: (() => void) | undefined,
) {
  const shown = useRef(false);
  useEffect(() => {
    if (shown.current || !connections || !(arrival?.connected || arrival?.error)) return;
    shown.current = true;
    const connection = connections.find((c) => c.provider === (arrival.connected ?? arrival.provider));
    const label = connection?.label ?? "Your calendar";
    if (arrival.connected) {
      toast.success(
        connection?.calendarName
          ? `${label} is connected: confirmed events go to “${connection.calendarName}”.`
          : `${label} is connected: choose the calendar for your events below.`,
      );
    } else {
      toast.error(connectErrorMessage(arrival.error ?? "", label));
    }
    onShown?.();
  }, [arrival, connections, onShown]);
}

function FeedCard() {
  const feed = useQuery(trpc.calendarFeed.get.queryOptions());
  const [resetting, setResetting] = useState(false);
  const linkRef = useRef<HTMLDivElement>(null);

  const copy = async (url: string) => {
    try {
      await navigator.clipboard.writeText(url);
      toast.success("Calendar link copied");
    } catch {
      // No clipboard (an old browser, a permission refused): select it for the keyboard's copy.
      linkRef.current?.querySelector("input")?.select();
      toast.info("Press Ctrl+C (⌘C on a Mac) to copy the selected link");
    }
  };

  return (
    <Card title="Subscribe from any calendar app">
      <p className="text-sm text-slate-600">
        Your confirmed and tentative events, in any calendar app that subscribes to this private link; it keeps itself
        up to date. Anyone with the link can see your events, so keep it to yourself.
      </p>
      <div className="mt-4">
        <Loaded query={feed} label="Loading your calendar link" skeleton={FEED_SKELETON}>
          {({ url, webcalUrl }) => (
            <>
              <div className="flex flex-col gap-2 sm:flex-row sm:items-end">
                <div ref={linkRef} className="min-w-0 flex-1">
                  <TextField
                    label="Your calendar link"
                    value={url}
                    readOnly
                    onFocus={(event) => event.currentTarget.select()}
                  />
                </div>
                <Button onClick={() => copy(url)}>Copy link</Button>
              </div>
              <div className="mt-3 flex flex-wrap gap-2">
                <a href={webcalUrl} className={buttonClass("secondary", "sm")}>
                  Open in Apple Calendar
                </a>
                <Button variant="ghost" size="sm" onClick={() => setResetting(true)}>
                  Reset link
                </Button>
              </div>
            </>
          )}
        </Loaded>
      </div>
      <ul className="mt-4 space-y-2 text-sm text-slate-600">
        <li>
          <span className="font-medium text-slate-800">Apple Calendar</span> (Mac, iPhone, iPad): “Open in Apple
          Calendar” above, or File → New Calendar Subscription and paste the link.
        </li>
        <li>
          <span className="font-medium text-slate-800">Google Calendar</span>: on calendar.google.com, Other calendars →
          + → From URL, paste the link, then Add calendar. Google refreshes subscribed calendars only every few hours;
          connect Google Calendar below to see changes within a minute.
        </li>
        <li>
          <span className="font-medium text-slate-800">Outlook</span>: in Outlook on the web, Add calendar → Subscribe
          from web, paste the link and name it. Outlook also refreshes it every few hours.
        </li>
      </ul>
      <ResetFeedDialog open={resetting} onClose={() => setResetting(false)} />
    </Card>
  );
}

function ResetFeedDialog({ open, onClose }: { open: boolean; onClose: () => void }) {
  const queryClient = useQueryClient();
  const rotate = useMutation(
    trpc.calendarFeed.rotate.mutationOptions({
      onSuccess: (feed) => {
        queryClient.setQueryData(trpc.calendarFeed.get.queryKey(), feed);
        toast.success("New calendar link ready. Subscribe your calendar apps to it again.");
        onClose();
      },
    }),
  );
  return (
    <ConfirmDialog
      open={open}
      onClose={onClose}
      title="Reset your calendar link?"
      keepLabel="Keep this link"
      confirmLabel="Reset link"
      busy={rotate.isPending}
      onConfirm={() => rotate.mutate()}
    >
      The current link stops working at once: calendars subscribed to it stop getting your events. Subscribe them again
      with the new link. Reset it if the link reached someone who should not see your events.
    </ConfirmDialog>
  );
}

/** The environment variables a server needs to offer each provider. */
const SERVER_SETUP: Record<ProviderName, { variables: string; registeredWith: string }> = {
  google: { variables: "GOOGLE_CLIENT_ID and GOOGLE_CLIENT_SECRET", registeredWith: "Google Cloud" },
  outlook: { variables: "MICROSOFT_CLIENT_ID and MICROSOFT_CLIENT_SECRET", registeredWith: "Microsoft Entra" },
};

function connectionBadge(connection: CalendarConnection): { tone: Tone; label: string } {
  if (!connection.configured) return { tone: "grey", label: "Not available" };
  if (!connection.connected) return { tone: "grey", label: "Not connected" };
  if (connection.needsReconnect) return { tone: "red", label: "Reconnect needed" };
  if (!connection.active) return { tone: "grey", label: "Not syncing" };
  if (!connection.calendarId) return { tone: "amber", label: "Choose a calendar" };
  if (!connection.syncEnabled) return { tone: "amber", label: "Sync off" };
  return { tone: "green", label: "Syncing" };
}

function ProviderCard({ connection }: { connection: CalendarConnection }) {
  const [disconnecting, setDisconnecting] = useState(false);
  const badge = connectionBadge(connection);
  const { label } = connection;
  return (
    <Card title={label} actions={<Badge tone={badge.tone}>{badge.label}</Badge>}>
      <div className="space-y-4 text-sm">
        {!connection.configured ? (
          <p className="text-slate-600">
            This Flynn server is not set up to connect {label}. Whoever runs it registers Flynn with{" "}
            {SERVER_SETUP[connection.provider].registeredWith} and sets {SERVER_SETUP[connection.provider].variables} in
            the API's environment.
          </p>
        ) : !connection.connected ? (
          <>
            <p className="text-slate-600">
              Confirmed events appear in {label} within a minute, and follow every change you make in Flynn.
            </p>
            <ConnectLink connection={connection}>Connect {label}</ConnectLink>
          </>
        ) : connection.needsReconnect ? (
          <>
            <div role="alert" className="rounded-md border border-red-200 bg-red-50 px-3 py-2 text-red-800">
              <p className="font-medium">{label} disconnected: confirmed events are not reaching your calendar.</p>
              {connection.lastError ? <p className="mt-1">{connection.lastError}</p> : null}
            </div>
            <ConnectLink connection={connection}>Reconnect</ConnectLink>
          </>
        ) : !connection.active ? (
          <>
            <p className="text-slate-600">
              Connected, but not syncing: events go to the calendar you connected after this one.
            </p>
            <ConnectLink connection={connection}>Sync to {label} instead</ConnectLink>
          </>
        ) : (
          <ActiveConnection connection={connection} />
        )}
        {connection.connected ? (
          <div className="border-t border-slate-100 pt-3">
            <Button variant="ghost" size="sm" className="-ml-2" onClick={() => setDisconnecting(true)}>
              Disconnect {label}
            </Button>
          </div>
        ) : null}
      </div>
      <DisconnectDialog connection={connection} open={disconnecting} onClose={() => setDisconnecting(false)} />
    </Card>
  );
}

/** Connecting leaves the dashboard for the provider's consent page: a plain link, not a request. */
function ConnectLink({ connection, children }: { connection: CalendarConnection; children: ReactNode }) {
  const noticeId = useId();
  return (
    <div className="space-y-2">
      {connection.connectNotice ? (
        <p id={noticeId} className="rounded-md bg-amber-50 px-3 py-2 text-amber-900">
          {connection.connectNotice}
        </p>
      ) : null}
      <a
        href={connection.connectUrl}
        className={buttonClass("primary")}
        aria-describedby={connection.connectNotice ? noticeId : undefined}
      >
        {children}
      </a>
    </div>
  );
}

const listKey = () => trpc.calendars.list.queryKey();

/** Puts one provider's new state into the cached list, and returns the list as it was. */
async function patchConnection(
  queryClient: QueryClient,
  provider: ProviderName,
  patch: (connection: CalendarConnection) => CalendarConnection,
) {
  await queryClient.cancelQueries({ queryKey: listKey() });
  const before = queryClient.getQueryData(listKey());
  queryClient.setQueryData(listKey(), (list) => list?.map((c) => (c.provider === provider ? patch(c) : c)));
  return before;
}

type ResyncOutcome = { queued: number } | { error: string };

/** Queues a sync of the upcoming events; a refusal is reported, not thrown (what came before it stands). */
async function resyncUpcoming(): Promise<ResyncOutcome> {
  try {
    return await trpcClient.calendars.resync.mutate();
  } catch (error) {
    return { error: errorMessage(error) };
  }
}

/** `movedFrom`: the calendar chosen before, which the upcoming events' copies leave. */
function resyncMessage(outcome: ResyncOutcome, label: string, movedFrom?: string | null): string {
  if ("error" in outcome) return `Upcoming events could not be queued (${outcome.error}). Try “Sync now”.`;
  if (outcome.queued === 0) return `No upcoming confirmed events to copy to ${label} yet.`;
  const events = outcome.queued === 1 ? "1 upcoming event is" : `${outcome.queued} upcoming events are`;
  return movedFrom ? `${events} being moved there from “${movedFrom}”.` : `${events} being copied to ${label}.`;
}

function ActiveConnection({ connection }: { connection: CalendarConnection }) {
  const queryClient = useQueryClient();
  const timezone = useTimezone();
  const { provider, label } = connection;
  const syncId = useId();
  const choices = useQuery(trpc.calendars.choices.queryOptions({ provider }));
  const dead = choices.data?.kind === "reconnect";
  // The server found the grant dead while listing and marked the connection: show that.
  useEffect(() => {
    if (dead) void queryClient.invalidateQueries({ queryKey: listKey() });
  }, [dead, queryClient]);
  const calendars = choices.data?.kind === "ok" ? choices.data.calendars : null;

  const choose = useMutation({
    mutationFn: async (calendarId: string) => {
      const chosen = await trpcClient.calendars.choose.mutate({ provider, calendarId });
      const resync = chosen.kind === "ok" && chosen.status.syncEnabled ? await resyncUpcoming() : null;
      return { chosen, resync };
    },
    onMutate: async (calendarId) => {
      const name = calendars?.find((c) => c.id === calendarId)?.name ?? null;
      const previous = connection.calendarId && connection.calendarId !== calendarId ? connection.calendarName : null;
      return {
        before: await patchConnection(queryClient, provider, (c) => ({ ...c, calendarId, calendarName: name })),
        previous,
      };
    },
    onError: (_error, _calendarId, context) => queryClient.setQueryData(listKey(), context?.before),
    onSuccess: ({ chosen, resync }, _calendarId, context) => {
      if (chosen.kind === "reconnect") {
        toast.error(`${label} needs reconnecting: ${chosen.reason}`);
        return;
      }
      queryClient.setQueryData(listKey(), (list) => list?.map((c) => (c.provider === provider ? chosen.status : c)));
      const where = `Confirmed events now go to “${chosen.status.calendarName ?? "this calendar"}”.`;
      toast.success(resync ? `${where} ${resyncMessage(resync, label, context?.previous)}` : where);
    },
    onSettled: () => queryClient.invalidateQueries({ queryKey: listKey() }),
  });

  const setSync = useMutation({
    mutationFn: async (enabled: boolean) => {
      const status = await trpcClient.calendars.setSyncEnabled.mutate({ provider, enabled });
      // Changes made while sync was off reach the calendar now.
      const resync = enabled && status.calendarId ? await resyncUpcoming() : null;
      return { status, resync };
    },
    onMutate: async (enabled) => ({
      before: await patchConnection(queryClient, provider, (c) => ({ ...c, syncEnabled: enabled })),
    }),
    onError: (_error, _enabled, context) => queryClient.setQueryData(listKey(), context?.before),
    onSuccess: ({ status, resync }) => {
      queryClient.setQueryData(listKey(), (list) => list?.map((c) => (c.provider === provider ? status : c)));
      toast.success(
        status.syncEnabled
          ? `Sync to ${label} is on.${resync ? ` ${resyncMessage(resync, label)}` : ""}`
          : `Sync to ${label} is off: Flynn stops changing it. Events already there stay.`,
      );
    },
    onSettled: () => queryClient.invalidateQueries({ queryKey: listKey() }),
  });

  const resync = useMutation({
    mutationFn: resyncUpcoming,
    onSuccess: (outcome) =>
      "error" in outcome ? toast.error(resyncMessage(outcome, label)) : toast.success(resyncMessage(outcome, label)),
  });

  const selectId = useId();
  const current = connection.calendarId ?? "";
  const options =
    calendars ?? (connection.calendarId ? [{ id: current, name: connection.calendarName ?? current }] : []);
  const offered = calendars === null || calendars.some((c) => c.id === current);

  return (
    <>
      <div>
        <label htmlFor={selectId} className="block text-sm font-medium text-slate-800">
          Calendar for your events
        </label>
        <select
          id={selectId}
          className={`mt-1 ${controlClass}`}
          value={offered ? current : ""}
          disabled={calendars === null || choose.isPending}
          aria-busy={choices.isFetching || undefined}
          aria-describedby={choices.error ? `${selectId}-error` : undefined}
          onChange={(event) => event.target.value && choose.mutate(event.target.value)}
        >
          {!current || !offered ? <option value="">Choose a calendar…</option> : null}
          {options.map((calendar) => (
            <option key={calendar.id} value={calendar.id}>
              {"primary" in calendar && calendar.primary ? `${calendar.name} (main)` : calendar.name}
            </option>
          ))}
        </select>
        {choices.error ? (
          <p id={`${selectId}-error`} role="alert" className="mt-1 text-xs text-red-600">
            Your calendars could not be listed: {errorMessage(choices.error)}{" "}
            <button
              type="button"
              className="rounded font-medium underline focus-visible:outline-2 focus-visible:outline-indigo-600"
              onClick={() => choices.refetch()}
            >
              Try again
            </button>
          </p>
        ) : null}
      </div>
      <div className="flex items-start gap-3">
        <input
          id={syncId}
          type="checkbox"
          className="mt-0.5 size-4 rounded border-slate-300 focus-visible:outline-2 focus-visible:outline-indigo-600"
          checked={connection.syncEnabled}
          disabled={setSync.isPending}
          onChange={(event) => setSync.mutate(event.target.checked)}
        />
        <label htmlFor={syncId} className="text-slate-800">
          Copy confirmed events to {label}
        </label>
      </div>
      <p className="text-slate-600">
        {connection.lastSyncAt ? (
          <>
            Last synced <TimeAgo at={connection.lastSyncAt} timezone={timezone} />
          </>
        ) : (
          "Nothing synced yet"
        )}
      </p>
      {connection.lastError ? (
        <p role="alert" className="rounded-md border border-amber-200 bg-amber-50 px-3 py-2 text-amber-900">
          The last sync failed: {connection.lastError}
        </p>
      ) : null}
      <Button
        variant="secondary"
        size="sm"
        busy={resync.isPending}
        disabled={!connection.syncEnabled || !connection.calendarId}
        onClick={() => resync.mutate()}
      >
        Sync now
      </Button>
    </>
  );
}

function DisconnectDialog({
  connection,
  open,
  onClose,
}: {
  connection: CalendarConnection;
  open: boolean;
  onClose: () => void;
}) {
  const queryClient = useQueryClient();
  const disconnect = useMutation(
    trpc.calendars.disconnect.mutationOptions({
      onSuccess: async (result) => {
        toast.success(result.message);
        onClose();
        await queryClient.invalidateQueries({ queryKey: trpc.calendars.pathKey() });
      },
    }),
  );
  const { label } = connection;
  return (
    <ConfirmDialog
      open={open}
      onClose={onClose}
      title={`Disconnect ${label}?`}
      keepLabel="Stay connected"
      confirmLabel="Disconnect"
      busy={disconnect.isPending}
      onConfirm={() => disconnect.mutate({ provider: connection.provider })}
    >
      Flynn stops adding and changing events in {label} and forgets its access. Events already there stay. You can
      connect again at any time.
    </ConfirmDialog>
  );
}
