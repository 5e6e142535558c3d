import { useQuery } from "@tanstack/react-query";
import { trpc } from "./trpc";

/** The signed-in owner's profile (loaded before any dashboard page renders). */
export function useProfile() {
  return useQuery(trpc.profile.get.queryOptions());
}

/** The business's timezone: every time on the dashboard is shown in it. */
export function profileTimezone(profile: { timezone: string | null } | null | undefined): string {
  return profile?.timezone ?? "UTC";
}

export function useTimezone(): string {
  return profileTimezone(useProfile().data);
}

const TIMEZONE_KEY = "flynn:timezone";

/**
 * The timezone the dashboard's first queries are asked in before the profile has arrived:
 * the business's, as the last visit saw it, else this browser's (which onboarding proposes).
 * A wrong guess costs one extra request: the route's loader asks again with the real one.
 */
export function likelyTimezone(): string {
  try {
    const remembered = window.localStorage.getItem(TIMEZONE_KEY);
    if (remembered) return remembered;
  } catch {
    // Storage may be disabled; the browser's zone is the next best guess.
  }
  return Intl.DateTimeFormat().resolvedOptions().timeZone;
}

export function rememberTimezone(profile: { timezone: string | null } | null | undefined): void {
  try {
    window.localStorage.setItem(TIMEZONE_KEY, profileTimezone(profile));
  } catch {
    // Only a guess for the next visit's first requests.
  }
}
