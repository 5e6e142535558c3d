/**
 * Sign-up, sign-in and sign-out against better-auth's endpoints (/api/auth/*). Plain fetch:
 * the dashboard needs four calls, not a client library. The session is an httpOnly cookie;
 * `sessionQuery` asks the server who is signed in.
 */
import { queryOptions } from "@tanstack/react-query";
import { queryClient } from "./trpc";

export interface SessionUser {
  id: string;
  email: string;
  name: string | null;
}

export class AuthError extends Error {
  override name = "AuthError";
}

async function post(path: string, body: unknown): Promise<unknown> {
  const response = await fetch(`/api/auth/${path}`, {
    method: "POST",
    credentials: "include",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(body),
  });
  const data = (await response.json().catch(() => null)) as { message?: string } | null;
  if (!response.ok) throw new AuthError(data?.message ?? `The request failed (${response.status})`);
  return data;
}

export const sessionQuery = queryOptions({
  queryKey: ["session"],
  queryFn: async (): Promise<SessionUser | null> => {
    const response = await fetch("/api/auth/get-session", { credentials: "include" });
    if (!response.ok) return null;
    const data = (await response.json().catch(() => null)) as { user?: SessionUser } | null;
    return data?.user ?? null;
  },
  staleTime: 5 * 60_000,
});

/** After a change of who is signed in, nothing cached for the previous user may show. */
async function restart() {
  queryClient.clear();
  await queryClient.fetchQuery(sessionQuery);
}

export async function signUp(input: { name: string; email: string; password: string }) {
  await post("sign-up/email", input);
  await restart();
}

export async function signIn(input: { email: string; password: string }) {
  await post("sign-in/email", input);
  await restart();
}

export async function signOut() {
  await post("sign-out", {});
  await restart();
}
