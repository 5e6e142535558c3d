/**
 * Component tests against the real tRPC client, with msw answering as the API would: a piece
 * of a page rendered with the app's query client, a router (for its links) and the toasts.
 */
import { QueryClientProvider } from "@tanstack/react-query";
import { createMemoryHistory, createRootRoute, createRouter, RouterProvider } from "@tanstack/react-router";
import { cleanup, render } from "@testing-library/react";
import { HttpResponse, http } from "msw";
import superjson from "superjson";
import { Toaster } from "../components/toaster";
import { dismissToast, useToasts } from "../lib/toast";
import { queryClient } from "../lib/trpc";

/** A tRPC batch answer, as the API sends it through superjson. */
export const trpcResult = (data: unknown) => HttpResponse.json([{ result: { data: superjson.serialize(data) } }]);

const ERRORS = {
  BAD_REQUEST: { rpc: -32600, http: 400 },
  FORBIDDEN: { rpc: -32003, http: 403 },
  CONFLICT: { rpc: -32009, http: 409 },
} as const;

function errorOf(code: keyof typeof ERRORS, message: string, fieldErrors: Record<string, string[]> | null) {
  const { rpc, http: status } = ERRORS[code];
  const shape = { message, code: rpc, data: { code, httpStatus: status, fieldErrors } };
  return { error: superjson.serialize(shape), status };
}

/** A tRPC error answer; `fieldErrors` as the API's error formatter names them. */
export function trpcError(
  code: keyof typeof ERRORS,
  message: string,
  fieldErrors: Record<string, string[]> | null = null,
) {
  const { error, status } = errorOf(code, message, fieldErrors);
  return HttpResponse.json([{ error }], { status });
}

/** Thrown by a procedure of `trpcApi`: the request fails as the API would fail it. */
export class TrpcFailure extends Error {
  constructor(
    readonly code: keyof typeof ERRORS,
    message: string,
    readonly fieldErrors: Record<string, string[]> | null = null,
  ) {
    super(message);
  }
}

type Procedure = (input: never) => unknown;

/**
 * msw handlers that answer tRPC requests, batched or not, as the API would: each procedure
 * named in the URL is given its deserialized input and its answer (or `TrpcFailure`) is
 * serialized back. A procedure the test did not define fails the test's request loudly.
 */
export function trpcApi(procedures: Record<string, Procedure>) {
  const answer = async (paths: string, inputs: Record<string, unknown>) => {
    const names = paths.split(",");
    const items = await Promise.all(
      names.map(async (name, index) => {
        const procedure = procedures[name];
        if (!procedure) throw new Error(`no test answer for ${name}`);
        const raw = inputs[String(index)];
        const input = raw === undefined ? undefined : superjson.deserialize(raw as never);
        try {
          return { result: { data: superjson.serialize(await procedure(input as never)) }, status: 200 };
        } catch (error) {
          if (!(error instanceof TrpcFailure)) throw error;
          return errorOf(error.code, error.message, error.fieldErrors);
        }
      }),
    );
    const statuses = new Set(items.map((item) => item.status));
    // One status for the whole batch, or 207 when its calls fared differently (as tRPC answers).
    const status = statuses.size === 1 ? (items[0]?.status ?? 200) : 207;
    return HttpResponse.json(
      items.map(({ status: _status, ...item }) => item),
      { status },
    );
  };
  return [
    http.get("*/trpc/:paths", ({ request, params }) => {
      const raw = new URL(request.url).searchParams.get("input");
      return answer(String(params.paths), raw ? JSON.parse(raw) : {});
    }),
    http.post("*/trpc/:paths", async ({ request, params }) =>
      answer(String(params.paths), (await request.json()) as Record<string, unknown>),
    ),
  ];
}

/** The input of a batched mutation request. */
export async function mutationInput(request: Request): Promise<unknown> {
  const body = (await request.json()) as Record<string, { json: never }>;
  return superjson.deserialize(body["0"] as { json: never });
}

let shownToasts: { id: number }[] = [];
function ToastWatch() {
  shownToasts = useToasts();
  return null;
}

/** Renders `Page` at "/" of a one-route router, inside the app's query client, with toasts. */
export function renderWithApp(Page: () => React.ReactNode) {
  const router = createRouter({
    routeTree: createRootRoute({ component: Page }),
    history: createMemoryHistory({ initialEntries: ["/"] }),
  });
  return render(
    <QueryClientProvider client={queryClient}>
      {/* biome-ignore lint/suspicious/noExplicitAny: a one-route test router, not the app's registered one */}
      <RouterProvider router={router as any} />
      <Toaster />
      <ToastWatch />
    </QueryClientProvider>,
  );
}

/** For afterEach: unmounts, forgets cached data and dismisses toasts (their store outlives a test). */
export function resetApp() {
  for (const toast of shownToasts) dismissToast(toast.id);
  shownToasts = [];
  cleanup();
  queryClient.clear();
}
