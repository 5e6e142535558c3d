/**
 * The dashboard's one tRPC client and query client. The SPA has no server rendering, so both
 * are module singletons: pages call `trpc.calls.list.queryOptions(...)` with TanStack Query's
 * hooks, and route loaders prefetch with the same options. Subscriptions (live updates) go over
 * SSE; everything else is batched over HTTP. The session cookie rides along (same origin in
 * production, the Vite proxy in development).
 */
import type { AppRouter } from "@flynn/api";
import { MutationCache, QueryClient } from "@tanstack/react-query";
import { createTRPCClient, httpBatchLink, httpSubscriptionLink, splitLink } from "@trpc/client";
import { createTRPCOptionsProxy } from "@trpc/tanstack-react-query";
import superjson from "superjson";
import { errorMessage } from "./errors";
import { toast } from "./toast";

export const queryClient = new QueryClient({
  defaultOptions: {
    queries: {
      staleTime: 30_000,
      // A 4xx will not get better by asking again; a dropped connection might.
      retry: (failures, error) => failures < 2 && !isClientError(error),
      refetchOnWindowFocus: true,
    },
  },
  // Every failed mutation says why, with the server's message, unless its caller handles it.
  mutationCache: new MutationCache({
    onError: (error, _variables, _context, mutation) => {
      if (mutation.options.meta?.quiet) return;
      toast.error(errorMessage(error));
    },
  }),
});

declare module "@tanstack/react-query" {
  interface Register {
    mutationMeta: { quiet?: boolean };
  }
}

function isClientError(error: unknown): boolean {
  const status = (error as { data?: { httpStatus?: number } } | null)?.data?.httpStatus;
  return typeof status === "number" && status >= 400 && status < 500;
}

export const trpcClient = createTRPCClient<AppRouter>({
  links: [
    splitLink({
      condition: (op) => op.type === "subscription",
      true: httpSubscriptionLink({ url: "/trpc", transformer: superjson }),
      false: httpBatchLink({
        url: "/trpc",
        transformer: superjson,
        fetch: (url, options) => fetch(url, { ...options, credentials: "include" } as RequestInit),
      }),
    }),
  ],
});

export const trpc = createTRPCOptionsProxy<AppRouter>({ client: trpcClient, queryClient });
