/**
 * Test helpers. `trpcHandler` answers the dashboard's tRPC calls at the HTTP boundary with
 * msw, so the real client, links and (de)serialisation run, batches included.
 */
import { HttpResponse, http } from "msw";
import superjson from "superjson";

/** A procedure's answer: its result, or a thrown `{ code, message, httpStatus }`. */
// biome-ignore lint/suspicious/noExplicitAny: each test types its own procedures' inputs.
type Answer = (input: any) => unknown;

interface Failure {
  code?: string;
  message?: string;
  httpStatus?: number;
}

async function answerOne(answer: Answer | undefined, path: string, input: unknown) {
  if (!answer) throw new Error(`no answer for ${path} in this test`);
  try {
    return { status: 200, body: { result: { data: superjson.serialize(await answer(input)) } } };
  } catch (error) {
    const { code = "INTERNAL_SERVER_ERROR", message = "failed", httpStatus = 500 } = error as Failure;
    const shape = { message, code: -32603, data: { code, httpStatus, fieldErrors: null } };
    return { status: httpStatus, body: { error: superjson.serialize(shape) } };
  }
}

/**
 * One msw handler for `/trpc/a,b?batch=1`: each procedure's input (deserialised) is recorded
 * in `calls[path]`, and `procedures[path]` answers it.
 */
export function trpcHandler(procedures: Record<string, Answer>, calls: Record<string, unknown[]> = {}) {
  const respond = async ({ request, params }: { request: Request; params: Record<string, unknown> }) => {
    const paths = String(params.paths).split(",");
    const batch =
      request.method === "GET"
        ? JSON.parse(new URL(request.url).searchParams.get("input") ?? "{}")
        : await request.json();
    const answers = await Promise.all(
      paths.map((path, index) => {
        const input = batch[String(index)] ? superjson.deserialize(batch[String(index)]) : undefined;
        calls[path]?.push(input);
        return answerOne(procedures[path], path, input);
      }),
    );
    // One status for the batch: the failure's alone, 207 for a mix (as tRPC's server answers).
    const statuses = new Set(answers.map((answer) => answer.status));
    const status = statuses.size > 1 ? 207 : (answers[0]?.status ?? 200);
    return HttpResponse.json(
      answers.map((answer) => answer.body),
      { status },
    );
  };
  return [http.get("*/trpc/:paths", respond), http.post("*/trpc/:paths", respond)];
}

/** jsdom has no modal dialogs: opening one shows it, closing hides it and says so. */
export function polyfillDialogs() {
  HTMLDialogElement.prototype.showModal = function showModal(this: HTMLDialogElement) {
    this.setAttribute("open", "");
  };
  HTMLDialogElement.prototype.close = function close(this: HTMLDialogElement) {
    this.removeAttribute("open");
    this.dispatchEvent(new Event("close"));
  };
}
