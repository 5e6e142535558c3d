/**
 * Connecting Google Calendar or Outlook: OAuth 2 authorization code with state and PKCE.
 *
 * `GET /api/calendar/:provider/connect` (signed in) sends the browser to the provider. The
 * flow's secrets (state, PKCE verifier) travel with the browser in an HttpOnly, SameSite=Lax
 * cookie sealed with the keyring (AES-256-GCM), together with the user who started and an
 * expiry: nothing is kept on the server, so any API instance finishes the flow.
 *
 * `GET /api/calendar/:provider/callback` checks the state against the cookie and that the
 * signed-in user is the one who started (400 / 403 and nothing stored otherwise), exchanges
 * the code with the verifier, checks the owner granted the events scope, stores the tokens
 * sealed (turning the other provider off), picks the primary calendar when none is chosen yet,
 * queues a sync of the upcoming events, and returns the browser to the dashboard's calendar
 * settings with `?connected=<provider>` or `?error=<code>`.
 */

import type { SessionUser } from "@flynn/auth";
import {
  CALENDAR_PROVIDER_LABELS,
  type CalendarProvider,
  CalendarProviderError,
  type CalendarProviderName,
  type CalendarProviders,
  createPkce,
  isCalendarProviderName,
  type OAuthTokens,
} from "@flynn/calendar";
import { sealTokens } from "@flynn/calendar/connection";
import { type Keyring, randomToken } from "@flynn/crypto";
import { type Db, withUser } from "@flynn/db/client";
import {
  chooseCalendar,
  connectCalendarIntegration,
  upcomingCalendarEventIds,
} from "@flynn/db/queries/calendar-integrations";
import { dashboardCalendarSettingsUrl } from "@flynn/domain";
import { addUserEventJobsStatement } from "@flynn/jobs";
import { type Context, Hono } from "hono";
import { deleteCookie, getCookie, setCookie } from "hono/cookie";
import { z } from "zod";
import type { Logger } from "./logger";

export interface CalendarOAuthDeps {
  db: Db;
  keyring: Keyring;
  resolveSession: (headers: Headers) => Promise<SessionUser | null>;
  providers: CalendarProviders;
  /** The API's public address: the redirect URI registered with each provider is `<publicUrl>/api/calendar/<provider>/callback`. */
  publicUrl: string;
  /** Where the browser returns to (the dashboard's calendar settings). */
  dashboardUrl: string;
  clock: () => Date;
  /** Secure cookies. */
  production: boolean;
}

type Env = { Variables: { log: Logger; clientIp: string | null } };

/** How long the owner may take at the provider's consent screen. */
const FLOW_TTL_MS = 10 * 60_000;
const FLOW_CONTEXT = "calendar-oauth-flow";

const flowSchema = z.object({
  state: z.string().min(1),
  verifier: z.string().min(43),
  userId: z.uuid(),
  provider: z.enum(["google", "outlook"]),
  expiresAt: z.number(),
});
type Flow = z.infer<typeof flowSchema>;

/** One cookie per provider: starting Outlook's flow does not spoil a Google one still open. */
const cookieName = (provider: CalendarProviderName) => `flynn_calendar_oauth_${provider}`;

/** Error codes the dashboard explains; the provider's own `error` is passed on only if it is one of these. */
const PROVIDER_ERRORS = new Set(["access_denied", "consent_required", "interaction_required", "server_error"]);

function openFlow(keyring: Keyring, sealed: string | undefined): Flow | null {
  if (!sealed) return null;
  try {
    const parsed = flowSchema.safeParse(JSON.parse(keyring.open(sealed, FLOW_CONTEXT)));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

export function createCalendarOAuthRoutes(deps: CalendarOAuthDeps) {
  const { keyring, providers } = deps;
  const app = new Hono<Env>();
  const base = deps.publicUrl.replace(/\/+$/, "");
  const redirectUri = (provider: CalendarProviderName) => `${base}/api/calendar/${provider}/callback`;
  const settings = (params: Record<string, string>) => dashboardCalendarSettingsUrl(deps.dashboardUrl, params);

  /**
   * A refusal. These routes are full-page visits from the dashboard: a browser goes back to
   * the calendars tab with the reason as a code it puts in words (or, signed out, to sign in),
   * not to a page of JSON; other clients get the status and the message.
   */
  function refuse(
    c: Context<Env>,
    status: 400 | 401 | 403 | 404 | 412,
    message: string,
    code: string,
    provider?: CalendarProviderName,
  ): Response {
    if (status !== 404 && c.req.header("accept")?.includes("text/html")) {
      if (status === 401) {
        const back = new URL(settings({}));
        return c.redirect(
          `${deps.dashboardUrl.replace(/\/+$/, "")}/sign-in?${new URLSearchParams({ redirect: back.pathname + back.search })}`,
          302,
        );
      }
      return c.redirect(settings({ error: code, ...(provider ? { provider } : {}) }), 302);
    }
    return c.json({ error: message }, status);
  }

  /** The provider named in the path, configured on this server; otherwise the answer to give. */
  function providerOf(c: Context<Env>): { name: CalendarProviderName; client: CalendarProvider } | Response {
    const name = c.req.param("provider") ?? "";
    if (!isCalendarProviderName(name)) return refuse(c, 404, "provider: must be google or outlook", "unknown");
    const client = providers[name];
    if (!client) {
      return refuse(
        c,
        412,
        `${CALENDAR_PROVIDER_LABELS[name]} is not configured on this server`,
        "not_configured",
        name,
      );
    }
    return { name, client };
  }

  app.get("/:provider/connect", async (c) => {
    const user = await deps.resolveSession(c.req.raw.headers);
    if (!user) return refuse(c, 401, "Sign in to continue", "signed_out");
    if (!user.isActive) return refuse(c, 403, "This account is deactivated", "deactivated");
    const provider = providerOf(c);
    if (provider instanceof Response) return provider;

    const pkce = createPkce();
    const flow: Flow = {
      state: randomToken(),
      verifier: pkce.verifier,
      userId: user.id,
      provider: provider.name,
      expiresAt: deps.clock().getTime() + FLOW_TTL_MS,
    };
    setCookie(c, cookieName(provider.name), keyring.seal(JSON.stringify(flow), FLOW_CONTEXT), {
      httpOnly: true,
      sameSite: "Lax",
      secure: deps.production,
      path: "/api/calendar",
      maxAge: FLOW_TTL_MS / 1000,
    });
    return c.redirect(
      provider.client.authorizationUrl({
        state: flow.state,
        codeChallenge: pkce.challenge,
        redirectUri: redirectUri(provider.name),
      }),
      302,
    );
  });

  app.get("/:provider/callback", async (c) => {
    const provider = providerOf(c);
    if (provider instanceof Response) return provider;
    const { name, client } = provider;
    const flow = openFlow(keyring, getCookie(c, cookieName(name)));
    // A flow is used once, whatever happens next.
    deleteCookie(c, cookieName(name), { path: "/api/calendar", secure: deps.production });
    const state = c.req.query("state");
    if (!flow || !state || flow.state !== state || flow.provider !== name || flow.expiresAt < deps.clock().getTime()) {
      return refuse(
        c,
        400,
        "state: does not match a connection this browser started (or it expired); start again from Settings",
        "expired",
        name,
      );
    }
    const user = await deps.resolveSession(c.req.raw.headers);
    if (!user) return refuse(c, 401, "Sign in to continue", "signed_out", name);
    if (user.id !== flow.userId) {
      return refuse(c, 403, "This connection was started by another account", "other_account", name);
    }

    const refused = c.req.query("error");
    if (refused) {
      return c.redirect(settings({ error: PROVIDER_ERRORS.has(refused) ? refused : "refused", provider: name }), 302);
    }
    const code = c.req.query("code");
    if (!code) return refuse(c, 400, "code: missing", "exchange_failed", name);

    const log = c.get("log");
    let tokens: OAuthTokens;
    try {
      tokens = await client.exchangeCode({
        code,
        codeVerifier: flow.verifier,
        redirectUri: redirectUri(name),
        now: deps.clock(),
      });
    } catch (error) {
      if (!(error instanceof CalendarProviderError)) throw error;
      log.warn({ provider: name, status: error.status, code: error.code }, "calendar connect: code exchange failed");
      return c.redirect(settings({ error: "exchange_failed", provider: name }), 302);
    }
    // The owner may untick the calendar scope on the consent screen.
    if (!client.grantsEvents(tokens.scopes))
      return c.redirect(settings({ error: "missing_scope", provider: name }), 302);

    const primary = await primaryCalendar(client, tokens.accessToken, log);
    const request = { userId: user.id, ip: c.get("clientIp"), userAgent: c.req.header("user-agent")?.slice(0, 1000) };
    await withUser(deps.db, request, async (tx) => {
      const row = await connectCalendarIntegration(tx, {
        userId: user.id,
        integrationType: name,
        ...sealTokens(keyring, tokens),
        tokenExpiresAt: tokens.expiresAt,
      });
      let calendarId = row?.calendarId ?? null;
      if (!calendarId && primary) {
        await chooseCalendar(tx, {
          userId: user.id,
          integrationType: name,
          calendarId: primary.id,
          calendarName: primary.name,
        });
        calendarId = primary.id;
      }
      // The upcoming events go to the new calendar, queued with the connection itself.
      if (calendarId) {
        const eventIds = await upcomingCalendarEventIds(tx, { userId: user.id, from: deps.clock() });
        await tx.execute(addUserEventJobsStatement("sync-calendar-event", eventIds));
      }
    });
    return c.redirect(settings({ connected: name }), 302);
  });

  return app;
}

/** The account's main calendar, so events start flowing without a further step; null if it cannot be listed now. */
async function primaryCalendar(client: CalendarProvider, accessToken: string, log: Logger) {
  try {
    const calendars = await client.listCalendars(accessToken);
    return calendars.find((calendar) => calendar.primary) ?? calendars[0] ?? null;
  } catch (error) {
    if (!(error instanceof CalendarProviderError)) throw error;
    log.warn({ status: error.status, code: error.code }, "calendar connect: could not list calendars");
    return null;
  }
}
