/**
 * `GET /api/calls/:id/recording`: a call's recording, for the dashboard's audio player.
 * Twilio keeps it behind the account's credentials, which must never reach the browser, so
 * this route fetches it for the signed-in owner and streams it through. The browser's
 * `Range` goes to Twilio and Twilio's partial answer comes back, so the player can seek.
 * Only recordings on Twilio's API host are ever asked for (see @flynn/telephony/recordings):
 * a stored URL cannot make this server fetch anything else.
 */
import type { SessionUser } from "@flynn/auth";
import { type Db, withUser } from "@flynn/db/client";
import { getCallRecording } from "@flynn/db/queries/calls";
import {
  parseTwilioRecordingUrl,
  type TwilioRecordingCredentials,
  twilioMediaHeaders,
} from "@flynn/telephony/recordings";
import { Hono } from "hono";
import { z } from "zod";
import type { Logger } from "./logger";

export interface CallRecordingDeps {
  db: Db;
  resolveSession: (headers: Headers) => Promise<SessionUser | null>;
  /** Twilio's media auth; without both parts (development) the request is anonymous, as the worker's. */
  credentials: Partial<TwilioRecordingCredentials>;
}

type Env = { Variables: { log: Logger; clientIp: string | null } };

/** What the player may cache: the owner's own browser only, for an hour (a recording never changes). */
const AUDIO_CACHE_CONTROL = "private, max-age=3600";

/** Twilio's headers that make seeking work; nothing else of its answer is passed on. */
const PASSED_THROUGH = ["content-range", "accept-ranges", "content-length"] as const;

/** How long Twilio may take to start answering; the audio itself may stream for longer. */
const TWILIO_HEADERS_TIMEOUT_MS = 15_000;

/** One byte range or several, as a browser's media element sends them. */
const RANGE = /^bytes=\d*-\d*(?:,\s*\d*-\d*)*$/;

const callId = z.uuid();

/** Lets go of a body nobody reads, so its connection is freed (not awaited: nothing depends on it). */
function discard(response: Response) {
  response.body?.cancel().catch(() => {});
}

export function createCallRecordingRoutes({ db, resolveSession, credentials }: CallRecordingDeps) {
  const authorization = twilioMediaHeaders(credentials);
  const app = new Hono<Env>();

  app.get("/:id/recording", async (c) => {
    const user = await resolveSession(c.req.raw.headers);
    if (!user) return c.json({ error: "Sign in to continue" }, 401);
    if (!user.isActive) return c.json({ error: "This account is deactivated" }, 403);
    const id = c.req.param("id");
    if (!callId.safeParse(id).success) return c.json({ error: "id: must be a call id (UUID)" }, 400);

    // Another user's call reads as no call (row-level security): never say whether it exists.
    const call = await withUser(
      db,
      { userId: user.id, ip: c.get("clientIp"), userAgent: c.req.header("user-agent")?.slice(0, 1000) },
      (tx) => getCallRecording(tx, { userId: user.id, id }),
    );
    if (!call) return c.json({ error: "Call not found" }, 404);
    if (!call.recordingUrl) return c.json({ error: "This call has no recording" }, 404);
    const recording = parseTwilioRecordingUrl(call.recordingUrl);
    if (!recording) {
      c.get("log").warn({ callId: id }, "call recording refused: its address is not a recording at Twilio");
      return c.json({ error: "This call's recording is not at Twilio and cannot be played" }, 404);
    }
    if (recording.simulated) {
      return c.json({ error: "Recordings of simulated calls cannot be played: no audio was recorded" }, 404);
    }

    const range = c.req.header("range");
    const timeout = new AbortController();
    const timer = setTimeout(
      () => timeout.abort(new Error("Twilio took too long to answer")),
      TWILIO_HEADERS_TIMEOUT_MS,
    );
    let upstream: Response;
    try {
      upstream = await fetch(recording.mp3Url, {
        method: c.req.method === "HEAD" ? "HEAD" : "GET",
        headers: {
          ...authorization,
          // A decoded (gunzipped) body would no longer match Twilio's content-length.
          "accept-encoding": "identity",
          ...(range && RANGE.test(range) ? { range } : {}),
        },
        signal: AbortSignal.any([c.req.raw.signal, timeout.signal]),
      });
    } catch (error) {
      c.get("log").warn({ err: error, callId: id }, "call recording: Twilio not reachable");
      return c.json({ error: "Twilio could not be reached for the recording; try again" }, 502);
    } finally {
      clearTimeout(timer);
    }

    if (upstream.status === 200 || upstream.status === 206 || upstream.status === 416) {
      const headers = new Headers({ "content-type": "audio/mpeg", "cache-control": AUDIO_CACHE_CONTROL });
      for (const name of PASSED_THROUGH) {
        const value = upstream.headers.get(name);
        if (value) headers.set(name, value);
      }
      const body = upstream.status === 416 ? null : upstream.body;
      if (!body) discard(upstream);
      return new Response(body, { status: upstream.status, headers });
    }

    // Twilio's error body is not ours to show.
    discard(upstream);
    if (upstream.status === 404) {
      return c.json({ error: "The recording is no longer at Twilio (it may have been deleted)" }, 404);
    }
    c.get("log").warn({ callId: id, twilioStatus: upstream.status }, "call recording: Twilio refused");
    if (upstream.status === 401 || upstream.status === 403) {
      return c.json({ error: "Twilio refused access to the recording" }, 502);
    }
    return c.json({ error: `Twilio could not provide the recording (${upstream.status}); try again` }, 502);
  });

  return app;
}
