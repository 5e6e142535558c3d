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
