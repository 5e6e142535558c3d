/**
 * OAuth 2 for a web server (RFC 6749) with PKCE (RFC 7636, S256), as Google and Microsoft
 * identity platforms both speak it: the authorization URL, the code exchange and the refresh.
 * The token endpoint's answers are validated; `invalid_grant` on a refresh means the owner
 * must connect again (`reconnect`), never a retry.
 */
import { createHash } from "node:crypto";
import { randomToken } from "@flynn/crypto";
import { z } from "zod";
import {
  CalendarProviderError,
  kindOfStatus,
  type OAuthClientConfig,
  type OAuthTokens,
  providerError,
  providerRequest,
} from "./provider";

export interface OAuthEndpoints {
  /** Names the provider in errors ("Google Calendar"). */
  label: string;
  authorizeUrl: string;
  tokenUrl: string;
  scopes: readonly string[];
  /** Further parameters of the authorization request (Google: access_type=offline, prompt=consent). */
  authorizeParams?: Record<string, string>;
  /** Microsoft wants the scopes named again on a refresh. */
  scopeOnRefresh?: boolean;
}

/** A PKCE verifier (43 base64url characters: 32 random bytes) and its S256 challenge. */
export function createPkce(): { verifier: string; challenge: string } {
  const verifier = randomToken(32);
  return { verifier, challenge: pkceChallenge(verifier) };
}

export function pkceChallenge(verifier: string): string {
  return createHash("sha256").update(verifier).digest("base64url");
}

export function buildAuthorizationUrl(
  endpoints: OAuthEndpoints,
  client: OAuthClientConfig,
  { state, codeChallenge, redirectUri }: { state: string; codeChallenge: string; redirectUri: string },
): string {
  const url = new URL(endpoints.authorizeUrl);
  const params = {
    client_id: client.clientId,
    redirect_uri: redirectUri,
    response_type: "code",
    scope: endpoints.scopes.join(" "),
    state,
    code_challenge: codeChallenge,
    code_challenge_method: "S256",
    ...endpoints.authorizeParams,
  };
  for (const [name, value] of Object.entries(params)) url.searchParams.set(name, value);
  return url.toString();
}

const tokenAnswer = z.object({
  access_token: z.string().min(1),
  refresh_token: z.string().min(1).optional(),
  expires_in: z.coerce.number().positive().optional(),
  scope: z.string().optional(),
});

const errorAnswer = z.object({ error: z.string(), error_description: z.string().optional() });

async function requestTokens(
  endpoints: OAuthEndpoints,
  client: OAuthClientConfig,
  grant: Record<string, string>,
  { now, action }: { now: Date; action: string },
): Promise<OAuthTokens> {
  const response = await providerRequest(endpoints.label, endpoints.tokenUrl, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded", accept: "application/json" },
    body: new URLSearchParams({ client_id: client.clientId, client_secret: client.clientSecret, ...grant }).toString(),
  });
  if (response.status !== 200) {
    const refusal = errorAnswer.safeParse(response.body);
    const code = refusal.success ? refusal.data.error : null;
    // A dead grant is the owner's to renew; a refused client (wrong id or secret) is the
    // server's configuration, which no retry or reconnect fixes.
    const kind =
      code === "invalid_grant"
        ? "reconnect"
        : code === "invalid_client" || code === "unauthorized_client" || response.status === 401
          ? "permanent"
          : kindOfStatus(response.status);
    throw providerError(endpoints.label, action, response.status, {
      code,
      message: refusal.success ? refusal.data.error_description : null,
      kind,
    });
  }
  const parsed = tokenAnswer.safeParse(response.body);
  if (!parsed.success) {
    throw new CalendarProviderError(
      `${endpoints.label} answered ${action} without an access token`,
      "permanent",
      response.status,
    );
  }
  const { access_token, refresh_token, expires_in, scope } = parsed.data;
  return {
    accessToken: access_token,
    refreshToken: refresh_token ?? null,
    expiresAt: expires_in ? new Date(now.getTime() + expires_in * 1000) : null,
    scopes: scope ? scope.split(/\s+/).filter(Boolean) : [],
  };
}

export function exchangeAuthorizationCode(
  endpoints: OAuthEndpoints,
  client: OAuthClientConfig,
  { code, codeVerifier, redirectUri, now }: { code: string; codeVerifier: string; redirectUri: string; now: Date },
): Promise<OAuthTokens> {
  return requestTokens(
    endpoints,
    client,
    { grant_type: "authorization_code", code, code_verifier: codeVerifier, redirect_uri: redirectUri },
    { now, action: "exchange the authorization code" },
  );
}

export function refreshAccessToken(
  endpoints: OAuthEndpoints,
  client: OAuthClientConfig,
  { refreshToken, now }: { refreshToken: string; now: Date },
): Promise<OAuthTokens> {
  return requestTokens(
    endpoints,
    client,
    {
      grant_type: "refresh_token",
      refresh_token: refreshToken,
      ...(endpoints.scopeOnRefresh ? { scope: endpoints.scopes.join(" ") } : {}),
    },
    { now, action: "refresh the access token" },
  );
}
