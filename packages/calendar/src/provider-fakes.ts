/**
 * For tests: Google's and Microsoft's OAuth token endpoints, Google Calendar API v3 and
 * Microsoft Graph's calendar endpoints, as msw handlers at their real addresses with the
 * state a test asserts on (events stored, requests received, tokens issued). The real client
 * code runs against them; `failNext` makes one request fail the way the provider would.
 */
import { createHash } from "node:crypto";
import { HttpResponse, http } from "msw";

export interface RecordedRequest {
  method: string;
  url: URL;
  /** JSON bodies parsed; form bodies as an object of their fields. */
  body: Record<string, unknown> | null;
  authorization: string | null;
}

interface Failure {
  method: string;
  path: RegExp;
  status: number;
  body: unknown;
}

interface Grant {
  challenge: string;
  redirectUri: string;
  scope: string;
}

const MS_SCOPE_PREFIX = "https://graph.microsoft.com/";

/** The parts both fakes share: the token endpoint, recorded requests and injected failures. */
function oauthFake(options: { prefix: string; rotatesRefreshTokens: boolean }) {
  const state = {
    requests: [] as RecordedRequest[],
    tokenRequests: [] as Record<string, string>[],
    failures: [] as Failure[],
    grants: new Map<string, Grant>(),
    accessTokens: new Set<string>(),
    refreshTokens: new Set<string>(),
    issued: 0,
    /** Scopes a consent grants; default: all those asked for. */
    grantedScope: null as string | null,
  };

  const issue = (withRefresh: boolean, scope: string) => {
    state.issued += 1;
    const accessToken = `${options.prefix}-access-${state.issued}`;
    state.accessTokens.add(accessToken);
    const refreshToken = withRefresh ? `${options.prefix}-refresh-${state.issued}` : undefined;
    if (refreshToken) state.refreshTokens.add(refreshToken);
    return {
      access_token: accessToken,
      expires_in: 3599,
      token_type: "Bearer",
      scope,
      ...(refreshToken ? { refresh_token: refreshToken } : {}),
    };
  };

  const takeFailure = (method: string, path: string) => {
    const index = state.failures.findIndex((failure) => failure.method === method && failure.path.test(path));
    if (index < 0) return null;
    const [failure] = state.failures.splice(index, 1);
    return failure ? HttpResponse.json(failure.body as object, { status: failure.status }) : null;
  };

  const tokenEndpoint = async (request: Request) => {
    const form = Object.fromEntries(new URLSearchParams(await request.text()));
    state.tokenRequests.push(form);
    const failed = takeFailure("POST", "/token");
    if (failed) return failed;
    if (form.grant_type === "authorization_code") {
      const grant = form.code ? state.grants.get(form.code) : undefined;
      const challenge = form.code_verifier ? createHash("sha256").update(form.code_verifier).digest("base64url") : null;
      if (!grant || grant.challenge !== challenge || grant.redirectUri !== form.redirect_uri) {
        return HttpResponse.json(
          { error: "invalid_grant", error_description: "Bad code or verifier" },
          { status: 400 },
        );
      }
      if (form.code) state.grants.delete(form.code);
      return HttpResponse.json(issue(true, state.grantedScope ?? grant.scope));
    }
    if (form.grant_type === "refresh_token") {
      if (!form.refresh_token || !state.refreshTokens.has(form.refresh_token)) {
        return HttpResponse.json(
          { error: "invalid_grant", error_description: "Token has been expired or revoked." },
          { status: 400 },
        );
      }
      return HttpResponse.json(issue(options.rotatesRefreshTokens, form.scope ?? "refreshed"));
    }
    return HttpResponse.json({ error: "unsupported_grant_type" }, { status: 400 });
  };

  /** Records the request; answers 401 without a live access token, or an injected failure. */
  const enter = async (request: Request, path: string) => {
    const text = request.method === "GET" || request.method === "DELETE" ? "" : await request.text();
    const authorization = request.headers.get("authorization");
    state.requests.push({
      method: request.method,
      url: new URL(request.url),
      body: text ? (JSON.parse(text) as Record<string, unknown>) : null,
      authorization,
    });
    const failed = takeFailure(request.method, path);
    if (failed) return { response: failed, body: null };
    const token = authorization?.replace(/^Bearer /, "") ?? "";
    if (!state.accessTokens.has(token)) {
      return {
        response: HttpResponse.json({ error: { code: 401, message: "Invalid Credentials" } }, { status: 401 }),
        body: null,
      };
    }
    return { response: null, body: text ? (JSON.parse(text) as Record<string, unknown>) : null };
  };

  return {
    state,
    tokenEndpoint,
    enter,
    /**
     * The owner consenting at the provider: reads our authorization URL (its PKCE challenge and
     * redirect) and returns the code the provider would send back to the callback.
     */
    consent(authorizationUrl: string): string {
      const url = new URL(authorizationUrl);
      const code = `${options.prefix}-code-${state.grants.size + state.issued + 1}`;
      state.grants.set(code, {
        challenge: url.searchParams.get("code_challenge") ?? "",
        redirectUri: url.searchParams.get("redirect_uri") ?? "",
        scope: url.searchParams.get("scope") ?? "",
      });
      return code;
    },
    /** Makes the next matching request fail with this answer. */
    failNext(method: string, path: RegExp, status: number, body: unknown = {}) {
      state.failures.push({ method, path, status, body });
    },
    /** Tokens the provider accepts, as if issued by an earlier consent. */
    grant(tokens: { accessToken?: string; refreshToken?: string }) {
      if (tokens.accessToken) state.accessTokens.add(tokens.accessToken);
      if (tokens.refreshToken) state.refreshTokens.add(tokens.refreshToken);
    },
    /** The owner revoking Flynn's access (or an access token expiring). */
    revoke(token: string) {
      state.accessTokens.delete(token);
      state.refreshTokens.delete(token);
    },
  };
}

export interface FakeGoogleEvent {
  calendarId: string;
  id: string;
  status: string;
  body: Record<string, unknown>;
}

export function fakeGoogle() {
  const oauth = oauthFake({ prefix: "google", rotatesRefreshTokens: false });
  const events = new Map<string, FakeGoogleEvent>();
  const calendars = [
    { id: "primary-calendar@example.test", summary: "owner@example.test", primary: true, accessRole: "owner" },
    { id: "work@group.calendar.google.com", summary: "Work", accessRole: "writer" },
  ];
  const API = "https://www.googleapis.com/calendar/v3";

  const handlers = [
    http.post("https://oauth2.googleapis.com/token", ({ request }) => oauth.tokenEndpoint(request)),
    http.post("https://oauth2.googleapis.com/revoke", async ({ request }) => {
      const form = Object.fromEntries(new URLSearchParams(await request.text()));
      oauth.state.tokenRequests.push({ ...form, revoke: "true" });
      if (form.token) oauth.revoke(form.token);
      return new HttpResponse(null, { status: 200 });
    }),
    http.all(`${API}/*`, async ({ request }) => {
      const url = new URL(request.url);
      const path = url.pathname.replace("/calendar/v3", "");
      const { response, body } = await oauth.enter(request, path);
      if (response) return response;
      if (request.method === "GET" && path === "/users/me/calendarList") {
        return HttpResponse.json({ kind: "calendar#calendarList", items: calendars });
      }
      const match = /^\/calendars\/([^/]+)\/events(?:\/([^/]+))?$/.exec(path);
      if (!match?.[1]) return HttpResponse.json({ error: { code: 404, message: "Not Found" } }, { status: 404 });
      const calendarId = decodeURIComponent(match[1]);
      const eventId = match[2] ?? (body?.id as string | undefined) ?? `generated${events.size + 1}`;
      const key = `${calendarId}/${eventId}`;
      const existing = events.get(key);
      if (request.method === "POST" && !match[2]) {
        if (existing) {
          return HttpResponse.json(
            {
              error: {
                code: 409,
                message: "The requested identifier already exists.",
                errors: [{ reason: "duplicate" }],
              },
            },
            { status: 409 },
          );
        }
        const event = { calendarId, id: eventId, status: String(body?.status ?? "confirmed"), body: body ?? {} };
        events.set(key, event);
        return HttpResponse.json({ ...event.body, id: eventId, status: event.status });
      }
      if (!existing) return HttpResponse.json({ error: { code: 404, message: "Not Found" } }, { status: 404 });
      if (request.method === "PATCH") {
        existing.body = { ...existing.body, ...body };
        existing.status = String(body?.status ?? existing.status);
        return HttpResponse.json({ ...existing.body, id: eventId, status: existing.status });
      }
      if (request.method === "DELETE") {
        // Google keeps a deleted event with its id as `cancelled`.
        if (existing.status === "cancelled") {
          return HttpResponse.json({ error: { code: 410, message: "Resource has been deleted" } }, { status: 410 });
        }
        existing.status = "cancelled";
        return new HttpResponse(null, { status: 204 });
      }
      return HttpResponse.json({ error: { code: 405, message: "Method not allowed" } }, { status: 405 });
    }),
  ];

  return { ...oauth, handlers, events, calendars, eventRequests: () => oauth.state.requests };
}

export interface FakeGraphEvent {
  calendarId: string;
  id: string;
  transactionId: string | null;
  deleted: boolean;
  body: Record<string, unknown>;
}

export function fakeGraph() {
  const oauth = oauthFake({ prefix: "microsoft", rotatesRefreshTokens: true });
  const events = new Map<string, FakeGraphEvent>();
  const calendars = [
    { id: "AAMkDefaultCalendar=", name: "Calendar", canEdit: true, isDefaultCalendar: true },
    { id: "AAMkBirthdays=", name: "Birthdays", canEdit: false, isDefaultCalendar: false },
    { id: "AAMkJobs=", name: "Jobs", canEdit: true, isDefaultCalendar: false },
  ];
  const GRAPH = "https://graph.microsoft.com/v1.0";
  const notFound = () =>
    HttpResponse.json(
      { error: { code: "ErrorItemNotFound", message: "The specified object was not found in the store." } },
      { status: 404 },
    );

  const handlers = [
    http.post("https://login.microsoftonline.com/common/oauth2/v2.0/token", ({ request }) =>
      oauth.tokenEndpoint(request),
    ),
    http.all(`${GRAPH}/*`, async ({ request }) => {
      const url = new URL(request.url);
      const path = url.pathname.replace("/v1.0", "");
      const { response, body } = await oauth.enter(request, path);
      if (response) {
        return response.status === 401
          ? HttpResponse.json(
              { error: { code: "InvalidAuthenticationToken", message: "Access token has expired." } },
              { status: 401 },
            )
          : response;
      }
      if (request.method === "GET" && path === "/me/calendars") return HttpResponse.json({ value: calendars });
      const create = /^\/me\/calendars\/([^/]+)\/events$/.exec(path);
      if (create?.[1] && request.method === "POST") {
        const transactionId = (body?.transactionId as string | undefined) ?? null;
        const same = transactionId ? [...events.values()].find((e) => e.transactionId === transactionId) : undefined;
        if (same) return HttpResponse.json({ ...same.body, id: same.id }, { status: 201 });
        const id = `AAMkEvent${events.size + 1}=`;
        const event = {
          calendarId: decodeURIComponent(create[1]),
          id,
          transactionId,
          deleted: false,
          body: body ?? {},
        };
        events.set(id, event);
        return HttpResponse.json({ ...event.body, id }, { status: 201 });
      }
      const one = /^\/me\/events\/([^/]+)$/.exec(path);
      const existing = one?.[1] ? events.get(decodeURIComponent(one[1])) : undefined;
      if (!existing || existing.deleted) return notFound();
      if (request.method === "PATCH") {
        existing.body = { ...existing.body, ...body };
        return HttpResponse.json({ ...existing.body, id: existing.id });
      }
      if (request.method === "DELETE") {
        existing.deleted = true;
        return new HttpResponse(null, { status: 204 });
      }
      return notFound();
    }),
  ];

  return {
    ...oauth,
    handlers,
    events,
    calendars,
    /** Microsoft names Graph's scopes with their resource in token answers. */
    grantFullScopes() {
      oauth.state.grantedScope = `${MS_SCOPE_PREFIX}Calendars.ReadWrite ${MS_SCOPE_PREFIX}User.Read`;
    },
    liveEvents: () => [...events.values()].filter((event) => !event.deleted),
  };
}
