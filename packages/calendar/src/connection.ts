/**
 * A stored calendar connection in use: its sealed access token opened, refreshed when it
 * expires within a minute, and the connection deactivated (with a readable reason) when the
 * grant is gone. Refreshes lock the connection's row (FOR UPDATE) until the new tokens are
 * stored, so two processes refreshing at once take turns and the second uses the first's
 * tokens: a rotated refresh token (Microsoft sends a new one every time) is never lost.
 */
import type { Keyring } from "@flynn/crypto";
import type { Db, Tx } from "@flynn/db/client";
import {
  deactivateCalendarIntegration,
  type IntegrationTokens,
  integrationTokens,
  storeIntegrationTokens,
} from "@flynn/db/queries/calendar-integrations";
import {
  CALENDAR_PROVIDER_LABELS,
  type CalendarProvider,
  CalendarProviderError,
  type CalendarProviderName,
  type CalendarProviders,
  type OAuthTokens,
} from "./provider";

const ACCESS_TOKEN = "calendar_integrations.access_token";
const REFRESH_TOKEN = "calendar_integrations.refresh_token";

/** Refresh this long before the access token expires, so a request never carries a dying one. */
export const REFRESH_MARGIN_MS = 60_000;

/** Tokens as they are stored: sealed with the keyring, each for its own column. */
export function sealTokens(keyring: Keyring, tokens: Pick<OAuthTokens, "accessToken" | "refreshToken">) {
  return {
    accessToken: keyring.seal(tokens.accessToken, ACCESS_TOKEN),
    refreshToken: tokens.refreshToken === null ? null : keyring.seal(tokens.refreshToken, REFRESH_TOKEN),
  };
}

export function openRefreshToken(keyring: Keyring, sealed: string): string {
  return keyring.open(sealed, REFRESH_TOKEN);
}

export interface CalendarAccessDeps {
  keyring: Keyring;
  providers: CalendarProviders;
  now: () => Date;
  /**
   * Runs in the transaction that deactivates a connection, so the owner is told exactly when
   * the deactivation commits (the worker queues `notify-calendar-disconnected` there).
   */
  onDisconnected?: (tx: Tx, integrationId: string) => Promise<void>;
}

export type Disconnected = { kind: "disconnected"; reason: string };

type Executor = Db | Tx;

export function providerFor(providers: CalendarProviders, name: CalendarProviderName | string): CalendarProvider {
  const provider = providers[name as CalendarProviderName];
  if (!provider) {
    const label = CALENDAR_PROVIDER_LABELS[name as CalendarProviderName] ?? name;
    throw new CalendarProviderError(`${label} is not configured on this server`, "permanent", null);
  }
  return provider;
}

const reconnectAdvice = (provider: CalendarProvider) => `Reconnect ${provider.label} in Settings > Calendars.`;

/** Deactivates the connection (once: the owner is told only by the run that deactivated it). */
async function deactivate(tx: Tx, deps: CalendarAccessDeps, id: string, reason: string): Promise<Disconnected> {
  if ((await deactivateCalendarIntegration(tx, { id, reason, at: deps.now() })) && deps.onDisconnected) {
    await deps.onDisconnected(tx, id);
  }
  return { kind: "disconnected", reason };
}

const disconnect = (executor: Executor, deps: CalendarAccessDeps, id: string, reason: string) =>
  executor.transaction((tx) => deactivate(tx, deps, id, reason));

type Access = { kind: "ok"; accessToken: string; refreshed: boolean } | Disconnected;

function isFresh(row: Pick<NonNullable<IntegrationTokens>, "accessToken" | "tokenExpiresAt">, now: Date): boolean {
  if (!row.accessToken) return false;
  return !row.tokenExpiresAt || row.tokenExpiresAt.getTime() - now.getTime() > REFRESH_MARGIN_MS;
}

/**
 * The connection's access token: the stored one while it lives (unless `force`: the provider
 * refused it), else a refreshed one, stored before it is used. Transient failures throw and
 * change nothing; a dead grant deactivates the connection.
 */
export async function accessToken(
  executor: Executor,
  deps: CalendarAccessDeps,
  integration: NonNullable<IntegrationTokens>,
  { force = false }: { force?: boolean } = {},
): Promise<Access> {
  const provider = providerFor(deps.providers, integration.integrationType);
  const open = (sealed: string) => deps.keyring.open(sealed, ACCESS_TOKEN);
  if (!force && integration.accessToken && isFresh(integration, deps.now())) {
    return { kind: "ok", accessToken: open(integration.accessToken), refreshed: false };
  }
  // The row stays locked until the new tokens are stored, or the connection is deactivated: a
  // reconnect in the meantime waits, and is never undone by this run.
  return executor.transaction(async (tx): Promise<Access> => {
    const row = await integrationTokens(tx, integration.id, { lock: true });
    // Gone, or its grant is dead. A connection merely switched off for the other provider
    // (inactive, never disconnected) still refreshes: its copies are removed through it.
    if (!row || row.disconnectedAt) {
      return { kind: "disconnected", reason: `${provider.label} is no longer connected. ${reconnectAdvice(provider)}` };
    }
    // Another process refreshed while this one waited for the lock: use its token.
    if (row.accessToken && row.accessToken !== integration.accessToken && isFresh(row, deps.now())) {
      return { kind: "ok", accessToken: open(row.accessToken), refreshed: true };
    }
    if (!row.refreshToken) {
      return deactivate(
        tx,
        deps,
        row.id,
        `${provider.label} gave Flynn no refresh token. ${reconnectAdvice(provider)}`,
      );
    }
    let tokens: OAuthTokens;
    try {
      tokens = await provider.refresh({
        refreshToken: openRefreshToken(deps.keyring, row.refreshToken),
        now: deps.now(),
      });
    } catch (error) {
      if (error instanceof CalendarProviderError && error.kind === "reconnect") {
        return deactivate(tx, deps, row.id, `${error.message}. ${reconnectAdvice(provider)}`);
      }
      throw error;
    }
    await storeIntegrationTokens(tx, {
      id: row.id,
      ...sealTokens(deps.keyring, tokens),
      tokenExpiresAt: tokens.expiresAt,
    });
    return { kind: "ok", accessToken: tokens.accessToken, refreshed: true };
  });
}

/**
 * Runs `use` with the connection's access token. A token the provider refuses (401) is
 * refreshed once and `use` runs again; refused again (or refused right after a refresh),
 * the connection is deactivated.
 */
export async function withAccessToken<T>(
  executor: Executor,
  deps: CalendarAccessDeps,
  integration: NonNullable<IntegrationTokens>,
  use: (accessToken: string, provider: CalendarProvider) => Promise<T>,
): Promise<{ kind: "ok"; value: T } | Disconnected> {
  const provider = providerFor(deps.providers, integration.integrationType);
  let access = await accessToken(executor, deps, integration);
  for (let attempt = 0; ; attempt++) {
    if (access.kind === "disconnected") return access;
    try {
      return { kind: "ok", value: await use(access.accessToken, provider) };
    } catch (error) {
      if (!(error instanceof CalendarProviderError && error.kind === "unauthorized")) throw error;
      if (access.refreshed || attempt > 0) {
        return disconnect(
          executor,
          deps,
          integration.id,
          `${provider.label} refused a freshly refreshed access token. ${reconnectAdvice(provider)}`,
        );
      }
    }
    access = await accessToken(executor, deps, integration, { force: true });
  }
}
