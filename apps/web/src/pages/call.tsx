/**
 * One call: who called and when, what Flynn made of it (summary, sentiment, urgency), the
 * transcript as speaker turns, the recording, how processing went (with "Run again" when it
 * failed or stalled), and the events agreed in it, each confirmable in place.
 */
import type { AppRouter } from "@flynn/api";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { getRouteApi, Link } from "@tanstack/react-router";
import type { inferRouterOutputs } from "@trpc/server";
import { type ReactNode, useState } from "react";
import { Badge, type Tone, ValueBadge } from "../components/badge";
import { Button, buttonClass } from "../components/button";
import { Card, PageHeader } from "../components/card";
import { ErrorState, Skeleton } from "../components/feedback";
import { formatDateTime, formatDuration, formatPhone, humanize, zoneName } from "../lib/format";
import { useTimezone } from "../lib/profile";
import { toast } from "../lib/toast";
import { transcriptTurns } from "../lib/transcript";
import { trpc } from "../lib/trpc";

const route = getRouteApi("/signed-in/app/calls/$callId");

export type CallDetail = inferRouterOutputs<AppRouter>["calls"]["byId"];
type CallEvent = CallDetail["events"][number];

/** Statuses an event may be confirmed from (the domain's state machine). */
const CONFIRMABLE = new Set(["extracted", "pending", "tentative"]);

/** The worker stores why processing failed in the summary, after this prefix. */
const FAILED_PREFIX = /^Processing failed:\s*/;

export function failureReason(call: Pick<CallDetail, "aiProcessingStatus" | "callSummary">): string | null {
  if (call.aiProcessingStatus !== "failed") return null;
  return call.callSummary?.replace(FAILED_PREFIX, "") || "Flynn could not process this call.";
}

/** `call` with event `id` in `status`: what the page shows while the change is on its way. */
export function withEventStatus(call: CallDetail, id: string, status: CallEvent["status"]): CallDetail {
  return { ...call, events: call.events.map((event) => (event.id === id ? { ...event, status } : event)) };
}

/** The sentiment the worker stored (`{ label, score }`), readable, or null. */
export function sentimentOf(value: unknown): { label: string; score: number | null } | null {
  if (!value || typeof value !== "object") return null;
  const record = value as Record<string, unknown>;
  const label =
    typeof record.label === "string" ? record.label : typeof record.overall === "string" ? record.overall : null;
  if (!label) return null;
  return { label, score: typeof record.score === "number" ? record.score : null };
}

export function confidenceTone(confidence: number): Tone {
  if (confidence >= 0.8) return "green";
  if (confidence >= 0.5) return "amber";
  return "red";
}

export function CallPage() {
  const { callId } = route.useParams();
  const timezone = useTimezone();
  const call = useQuery(trpc.calls.byId.queryOptions({ id: callId }));

  return (
    <>
      <Link
        to="/calls"
        className="mb-3 inline-block rounded text-sm font-medium text-indigo-700 hover:underline focus-visible:outline-2 focus-visible:outline-indigo-600"
      >
        ← Calls
      </Link>
      {call.isPending ? (
        <CallSkeleton />
      ) : call.isError ? (
        <>
          <PageHeader title="Call" />
          <ErrorState error={call.error} onRetry={() => call.refetch()} />
        </>
      ) : (
        <CallView call={call.data} timezone={timezone} />
      )}
    </>
  );
}

function CallSkeleton() {
  return (
    <div role="status" aria-label="Loading the call">
      <Skeleton className="mb-2 h-7 w-64" />
      <Skeleton className="mb-6 h-4 w-80 max-w-full" />
      <div className="grid gap-4 lg:grid-cols-3">
        <div className="space-y-4 lg:col-span-2">
          <Skeleton className="h-32 w-full" />
          <Skeleton className="h-40 w-full" />
          <Skeleton className="h-64 w-full" />
        </div>
        <Skeleton className="h-72 w-full" />
      </div>
    </div>
  );
}

export function CallView({ call, timezone }: { call: CallDetail; timezone: string }) {
  const caller = call.callerName ?? formatPhone(call.callerNumber);
  const failure = failureReason(call);
  return (
    <>
      <PageHeader
        title={call.mainTopic ? `${caller}: ${call.mainTopic}` : caller}
        description={`${formatDateTime(call.createdAt, timezone)} ${zoneName(call.createdAt, timezone)} · ${formatDuration(call.callDuration)}`}
      />
      <div className="grid gap-4 lg:grid-cols-3">
        <div className="min-w-0 space-y-4 lg:col-span-2">
          {call.aiProcessingStatus === "completed" ? null : <ProcessingPanel call={call} failure={failure} />}
          <Card title="Summary">
            {call.callSummary && !failure ? (
              <p className="text-sm whitespace-pre-line text-slate-800">{call.callSummary}</p>
            ) : (
              <p className="text-sm text-slate-500">
                {failure ? "No summary: processing failed." : "The summary appears once Flynn has processed the call."}
              </p>
            )}
          </Card>
          <EventsCard call={call} timezone={timezone} />
          <Card title="Transcript">
            <Transcript text={call.transcriptionText} />
          </Card>
        </div>
        <div className="min-w-0 space-y-4">
          <DetailsCard call={call} timezone={timezone} />
          <RecordingCard call={call} />
        </div>
      </div>
    </>
  );
}

function ProcessingPanel({ call, failure }: { call: CallDetail; failure: string | null }) {
  const queryClient = useQueryClient();
  const reprocess = useMutation(
    trpc.calls.reprocess.mutationOptions({
      onSuccess: async () => {
        toast.info("Processing again — the result appears here in a few seconds");
        await Promise.all([
          queryClient.invalidateQueries({ queryKey: trpc.calls.byId.queryKey({ id: call.id }) }),
          queryClient.invalidateQueries({ queryKey: trpc.calls.list.pathKey() }),
        ]);
      },
    }),
  );
  const runAgain = (
    <Button
      variant={failure ? "primary" : "secondary"}
      size="sm"
      busy={reprocess.isPending}
      onClick={() => reprocess.mutate({ id: call.id })}
    >
      Run again
    </Button>
  );
  if (failure) {
    return (
      <div role="alert" className="rounded-lg border border-red-200 bg-red-50 p-4 text-sm text-red-900">
        <p className="font-semibold">Processing failed</p>
        <p className="mt-1">{failure}</p>
        <div className="mt-3">{runAgain}</div>
      </div>
    );
  }
  return (
    <div role="status" className="rounded-lg border border-blue-200 bg-blue-50 p-4 text-sm text-blue-900">
      <p className="font-semibold">
        {call.aiProcessingStatus === "processing" ? "Flynn is reading this call" : "Waiting to be processed"}
      </p>
      <p className="mt-1">
        Its summary and events appear here by themselves, usually seconds after the call ends. If nothing changes for a
        quarter of an hour, run it again.
      </p>
      <div className="mt-3">{runAgain}</div>
    </div>
  );
}

function EventsCard({ call, timezone }: { call: CallDetail; timezone: string }) {
  const queryClient = useQueryClient();
  const callKey = trpc.calls.byId.queryKey({ id: call.id });
  const confirm = useMutation(
    trpc.events.confirm.mutationOptions({
      // Shown as confirmed at once; put back as it was if the server refuses (its reason is toasted).
      onMutate: async ({ id }) => {
        await queryClient.cancelQueries({ queryKey: callKey });
        const previous = queryClient.getQueryData(callKey);
        if (previous) queryClient.setQueryData(callKey, withEventStatus(previous, id, "confirmed"));
        return { previous };
      },
      onError: (_error, _input, context) => {
        if (context?.previous) queryClient.setQueryData(callKey, context.previous);
      },
      onSuccess: (event) => toast.success(`Confirmed “${event.title}”`),
      onSettled: () =>
        Promise.all([
          queryClient.invalidateQueries({ queryKey: callKey }),
          queryClient.invalidateQueries({ queryKey: trpc.events.pathKey() }),
          queryClient.invalidateQueries({ queryKey: trpc.stats.pathKey() }),
        ]),
    }),
  );

  return (
    <Card title={`Events (${call.events.length})`}>
      {call.events.length === 0 ? (
        <p className="text-sm text-slate-500">
          {call.aiProcessingStatus === "completed"
            ? "Nothing was agreed in this call that needs a calendar entry."
            : "Events agreed in the call appear here once it is processed."}
        </p>
      ) : (
        <ul className="divide-y divide-slate-100">
          {call.events.map((event) => (
            <EventRow
              key={event.id}
              event={event}
              timezone={timezone}
              confirming={confirm.isPending && confirm.variables?.id === event.id}
              onConfirm={() => confirm.mutate({ id: event.id })}
            />
          ))}
        </ul>
      )}
    </Card>
  );
}

function EventRow({
  event,
  timezone,
  confirming,
  onConfirm,
}: {
  event: CallEvent;
  timezone: string;
  confirming: boolean;
  onConfirm: () => void;
}) {
  const status = event.status ?? "extracted";
  const when = event.confirmedDatetime ?? event.proposedDatetime;
  return (
    <li className="flex flex-wrap items-start justify-between gap-3 py-3 first:pt-0 last:pb-0">
      <div className="min-w-0 flex-1">
        <Link
          to="/events/$eventId"
          params={{ eventId: event.id }}
          className="rounded font-medium text-indigo-700 hover:underline focus-visible:outline-2 focus-visible:outline-indigo-600"
        >
          {event.title}
        </Link>
        <p className="mt-0.5 text-sm text-slate-600">
          {[
            humanize(event.eventType),
            when ? `${formatDateTime(when, timezone)} ${zoneName(when, timezone)}` : "No time yet",
            event.durationMinutes ? `${event.durationMinutes} min` : null,
          ]
            .filter(Boolean)
            .join(" · ")}
        </p>
        {event.location || event.customerName ? (
          <p className="mt-0.5 truncate text-sm text-slate-500">
            {[event.customerName, event.location].filter(Boolean).join(" · ")}
          </p>
        ) : null}
        <div className="mt-1.5 flex flex-wrap items-center gap-1.5">
          <ValueBadge value={status} />
          <ValueBadge value={event.urgencyLevel} />
          {event.aiConfidence !== null ? (
            <Badge tone={confidenceTone(event.aiConfidence)}>{Math.round(event.aiConfidence * 100)}% confidence</Badge>
          ) : null}
        </div>
      </div>
      {!CONFIRMABLE.has(status) ? null : when ? (
        <Button size="sm" busy={confirming} onClick={onConfirm}>
          Confirm
        </Button>
      ) : (
        // Confirming needs a time, which the event page sets.
        <Link to="/events/$eventId" params={{ eventId: event.id }} className={buttonClass("secondary", "sm")}>
          Set a time
        </Link>
      )}
    </li>
  );
}

function Transcript({ text }: { text: string | null }) {
  const turns = transcriptTurns(text);
  if (turns.length === 0) return <p className="text-sm text-slate-500">No transcript yet.</p>;
  return (
    <ol aria-label="Transcript" className="space-y-3 text-sm">
      {turns.map((turn, index) => (
        <li
          // Turns never move or change once written.
          // biome-ignore lint/suspicious/noArrayIndexKey: the transcript is fixed text
          key={index}
          className={turn.side === "business" ? "sm:pl-8" : turn.side === "caller" ? "sm:pr-8" : ""}
        >
          {turn.speaker ? (
            <span
              className={`block text-xs font-semibold ${turn.side === "caller" ? "text-indigo-700" : "text-slate-600"}`}
            >
              {turn.speaker}
            </span>
          ) : null}
          <p
            className={`mt-0.5 rounded-lg px-3 py-2 text-slate-800 ${turn.side === "caller" ? "bg-indigo-50" : "bg-slate-50"}`}
          >
            {turn.text}
          </p>
        </li>
      ))}
    </ol>
  );
}

function DetailsCard({ call, timezone }: { call: CallDetail; timezone: string }) {
  const sentiment = sentimentOf(call.sentimentAnalysis);
  return (
    <Card title="Details">
      <dl className="grid grid-cols-[auto_minmax(0,1fr)] gap-x-4 gap-y-2 text-sm">
        <Detail term="Caller">
          {call.callerName ? (
            <>
              {call.callerName}
              <span className="block text-slate-500">{formatPhone(call.callerNumber)}</span>
            </>
          ) : (
            formatPhone(call.callerNumber)
          )}
        </Detail>
        <Detail term="Status">
          {humanize(call.callStatus)}
          {call.callDirection ? <span className="text-slate-500"> · {humanize(call.callDirection)}</span> : null}
        </Detail>
        <Detail term="Duration">{formatDuration(call.callDuration)}</Detail>
        <Detail term="Urgency">
          <ValueBadge value={call.urgencyLevel} />
        </Detail>
        <Detail term="Sentiment">
          {sentiment ? (
            <>
              {humanize(sentiment.label)}
              {sentiment.score !== null ? (
                <span className="text-slate-500">
                  {" "}
                  ({sentiment.score > 0 ? "+" : ""}
                  {sentiment.score.toFixed(1)})
                </span>
              ) : null}
            </>
          ) : (
            "—"
          )}
        </Detail>
        <Detail term="Processing">
          <ValueBadge value={call.aiProcessingStatus} />
          {call.processedAt ? (
            <span className="mt-0.5 block text-xs text-slate-500">{formatDateTime(call.processedAt, timezone)}</span>
          ) : null}
        </Detail>
        <Detail term="Transcript">
          {call.transcriptionConfidence !== null
            ? `${Math.round(call.transcriptionConfidence * 100)}% confidence`
            : call.transcriptionText
              ? "Received"
              : "—"}
        </Detail>
        <Detail term="Overview email">
          {call.emailSentAt ? formatDateTime(call.emailSentAt, timezone) : "Not sent"}
        </Detail>
      </dl>
    </Card>
  );
}

function Detail({ term, children }: { term: string; children: ReactNode }) {
  return (
    <>
      <dt className="text-slate-500">{term}</dt>
      <dd className="min-w-0 text-slate-900">{children}</dd>
    </>
  );
}

/** Where the API streams a call's recording from Twilio (with the account's credentials, which never reach the browser). */
export const recordingSrc = (callId: string) => `/api/calls/${callId}/recording`;

function RecordingCard({ call }: { call: Pick<CallDetail, "id" | "recordingUrl" | "callDuration"> }) {
  return (
    <Card title="Recording">
      {call.recordingUrl ? (
        // A new call starts with a fresh player, not the last one's failure.
        <RecordingPlayer key={call.id} callId={call.id} duration={call.callDuration} />
      ) : (
        <p className="text-sm text-slate-500">No recording for this call.</p>
      )}
    </Card>
  );
}

/** Nothing is downloaded until the owner presses play; seeking asks the API for byte ranges. */
function RecordingPlayer({ callId, duration }: { callId: string; duration: number | null }) {
  const src = recordingSrc(callId);
  const [failure, setFailure] = useState<string | null>(null);
  if (failure) {
    return (
      <p role="status" className="text-sm text-slate-600">
        {failure}
      </p>
    );
  }
  return (
    <div className="space-y-1.5">
      {/* biome-ignore lint/a11y/useMediaCaption: a phone call's recording has no captions; its transcript is on this page */}
      <audio
        controls
        preload="none"
        src={src}
        aria-label="Call recording"
        className="w-full"
        onError={() => void recordingFailure(src).then(setFailure)}
      />
      <p className="text-xs text-slate-500">{formatDuration(duration)} · kept in your Twilio account</p>
    </div>
  );
}

const RECORDING_FAILED = "The recording could not be loaded. Try again later.";

/**
 * Why the player could not load the recording. A media element's error says nothing, so the
 * API is asked again (one byte) for its reason: a simulated call, a recording Twilio deleted.
 */
export async function recordingFailure(src: string): Promise<string> {
  try {
    const response = await fetch(src, { headers: { range: "bytes=0-0" }, credentials: "include" });
    if (response.ok) {
      await response.body?.cancel();
      return RECORDING_FAILED;
    }
    const body = (await response.json()) as { error?: unknown };
    return typeof body.error === "string" ? `${body.error}.` : RECORDING_FAILED;
  } catch {
    return RECORDING_FAILED;
  }
}
