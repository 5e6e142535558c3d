import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { act, cleanup, fireEvent, render, screen, waitFor } from "@testing-library/react";
import { setupServer } from "msw/node";
import { useState } from "react";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { trpcApi } from "../../testing/render";
import {
  declaredFallbacks,
  PREVIEW_DELAY_MS,
  TemplatePreview,
  type TemplateText,
  TemplateTextFields,
} from "./template-editor";
import { recorded } from "./testing";

const TEMPLATE_ID = "7f1c1d1e-0000-4000-8000-000000000001";
const STORED: TemplateText = {
  subject: "Request from {{customer_name}}",
  body: "<script>parent.document.title = 'owned'</script>\nHi {{customer_name}}",
};

interface PreviewInput {
  templateId: string;
  draft?: { subjectTemplate: string; bodyTemplate: string; variables?: Record<string, string> };
}

/** What the API was asked to preview, in order. */
const previews: unknown[] = [];

/** templates.preview as the API answers it: the text with the sample call's caller filled in. */
const server = setupServer(
  ...trpcApi({
    "templates.preview": recorded(previews, (input: PreviewInput) => {
      const fill = (text: string) => text.replaceAll("{{customer_name}}", "Maria Lopez");
      const subject = input.draft?.subjectTemplate ?? STORED.subject;
      const body = input.draft?.bodyTemplate ?? STORED.body;
      return { subject: fill(subject), body: fill(body), missing: [] };
    }),
  }),
);

beforeAll(() => server.listen({ onUnhandledRequest: "error" }));
afterEach(() => {
  cleanup();
  vi.useRealTimers();
  server.resetHandlers();
  previews.length = 0;
});
afterAll(() => server.close());

/** The editor as the templates tab uses it: text fields and preview over one piece of state. */
function Editor({ initial = STORED }: { initial?: TemplateText }) {
  const [text, setText] = useState(initial);
  return (
    <>
      <TemplateTextFields value={text} onChange={setText} />
      <TemplatePreview templateId={TEMPLATE_ID} stored={STORED} text={text} />
      <output data-testid="text">{JSON.stringify(text)}</output>
    </>
  );
}

function renderEditor(initial?: TemplateText) {
  const queryClient = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  return render(
    <QueryClientProvider client={queryClient}>
      <Editor initial={initial} />
    </QueryClientProvider>,
  );
}

const frame = () => screen.getByTitle("Email preview") as HTMLIFrameElement;
const subjectField = () => screen.getByLabelText("Subject") as HTMLInputElement;
const bodyField = () => screen.getByLabelText("Body", { selector: "textarea" }) as HTMLTextAreaElement;
const currentText = () => JSON.parse(screen.getByTestId("text").textContent ?? "{}") as TemplateText;

describe("TemplatePreview", () => {
  it("renders the server's preview in a fully sandboxed iframe, the template's HTML as text", async () => {
    renderEditor();
    await waitFor(() => expect(frame().srcdoc).toContain("Request from Maria Lopez"));
    expect(frame().getAttribute("sandbox")).toBe("");
    expect(frame().srcdoc).toContain(
      "&lt;script&gt;parent.document.title = &#39;owned&#39;&lt;/script&gt;<br>Hi Maria Lopez",
    );
    expect(frame().srcdoc).not.toContain("<script>");
    // The stored text needs no draft.
    expect(previews).toEqual([{ templateId: TEMPLATE_ID }]);
  });

  it("asks for a new preview only once typing has paused, with the last text", async () => {
    vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout"] });
    renderEditor();
    await act(() => vi.advanceTimersByTimeAsync(0));
    await vi.waitFor(() => expect(previews).toHaveLength(1));

    for (const subject of ["R", "Re", "Reply to {{customer_name}}"]) {
      fireEvent.change(subjectField(), { target: { value: subject } });
      await act(() => vi.advanceTimersByTimeAsync(PREVIEW_DELAY_MS - 100));
    }
    expect(previews).toHaveLength(1);
    expect(screen.getByText("Updating…")).toBeTruthy();

    await act(() => vi.advanceTimersByTimeAsync(99));
    expect(previews).toHaveLength(1);
    await act(() => vi.advanceTimersByTimeAsync(1));
    await vi.waitFor(() => expect(previews).toHaveLength(2));
    expect(previews[1]).toEqual({
      templateId: TEMPLATE_ID,
      draft: { subjectTemplate: "Reply to {{customer_name}}", bodyTemplate: STORED.body },
    });
    await vi.waitFor(() => expect(frame().srcdoc).toContain("Reply to Maria Lopez"));
    expect(previews).toHaveLength(2);
  });

  it("keeps the last preview on screen while the next one renders", async () => {
    vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout"] });
    renderEditor();
    await act(() => vi.advanceTimersByTimeAsync(0));
    await vi.waitFor(() => expect(frame().srcdoc).toContain("Request from Maria Lopez"));
    fireEvent.change(subjectField(), { target: { value: "Changed" } });
    await act(() => vi.advanceTimersByTimeAsync(PREVIEW_DELAY_MS));
    expect(frame().srcdoc).toContain("Request from Maria Lopez");
    await vi.waitFor(() => expect(frame().srcdoc).toContain("Subject:</strong> Changed"));
  });

  it("previews the saved text instead of a draft too long to send in a URL, and says so", async () => {
    vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout"] });
    renderEditor();
    await act(() => vi.advanceTimersByTimeAsync(0));
    await vi.waitFor(() => expect(previews).toHaveLength(1));
    fireEvent.change(bodyField(), { target: { value: "word ".repeat(3000) } });
    await act(() => vi.advanceTimersByTimeAsync(PREVIEW_DELAY_MS));
    expect(screen.getByText(/too long to preview as you type/)).toBeTruthy();
    expect(previews).toEqual([{ templateId: TEMPLATE_ID }]);
    expect(frame().srcdoc).toContain("Request from Maria Lopez");
  });
});

describe("TemplatePreview with fallbacks", () => {
  it("sends changed fallbacks with the draft once typing pauses, and none while they are the stored ones", async () => {
    vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout"] });
    const stored = { ...STORED, variables: { customer_name: "the caller" } };
    const queryClient = new QueryClient({ defaultOptions: { queries: { retry: false } } });
    const { rerender } = render(
      <QueryClientProvider client={queryClient}>
        <TemplatePreview
          templateId={TEMPLATE_ID}
          stored={stored}
          text={{ ...stored, variables: { ...stored.variables } }}
        />
      </QueryClientProvider>,
    );
    await act(() => vi.advanceTimersByTimeAsync(PREVIEW_DELAY_MS));
    await vi.waitFor(() => expect(previews).toEqual([{ templateId: TEMPLATE_ID }]));

    rerender(
      <QueryClientProvider client={queryClient}>
        <TemplatePreview
          templateId={TEMPLATE_ID}
          stored={stored}
          text={{ ...stored, variables: { customer_name: "" } }}
        />
      </QueryClientProvider>,
    );
    await act(() => vi.advanceTimersByTimeAsync(PREVIEW_DELAY_MS));
    await vi.waitFor(() => expect(previews).toHaveLength(2));
    expect(previews[1]).toEqual({
      templateId: TEMPLATE_ID,
      draft: { subjectTemplate: STORED.subject, bodyTemplate: STORED.body, variables: { customer_name: "" } },
    });
  });
});

describe("declaredFallbacks", () => {
  it("has one fallback per variable Flynn fills that the text uses, in order of use, from the known ones", () => {
    expect(
      declaredFallbacks(
        {
          subject: "{{event_date}} for {{customer_name}}",
          body: "{{ location }} {{constructor}} {{x}} {{event_date}}",
        },
        { customer_name: "the caller", location: 12, notes: "unused" },
      ),
    ).toEqual({ event_date: "", customer_name: "the caller", location: "" });
    expect(Object.keys(declaredFallbacks({ subject: "{{location}}", body: "{{event_date}}" }, null))).toEqual([
      "location",
      "event_date",
    ]);
  });
});

describe("TemplateTextFields", () => {
  it("inserts a variable at the cursor of the body and puts the cursor after it", async () => {
    renderEditor({ subject: "Hi", body: "Dear , see you" });
    const body = bodyField();
    act(() => {
      body.focus();
      body.setSelectionRange(5, 5);
    });
    // A real click moves focus to the button; the insertion hands it back to the body.
    const insert = screen.getByRole("button", { name: /^Insert customer_name/ });
    act(() => insert.focus());
    fireEvent.click(insert);
    expect(currentText()).toEqual({ subject: "Hi", body: "Dear {{customer_name}}, see you" });
    await waitFor(() => expect(document.activeElement).toBe(body));
    expect([body.selectionStart, body.selectionEnd]).toEqual([22, 22]);
  });

  it("replaces the selection of the field that last had focus, the subject too", () => {
    renderEditor({ subject: "Call about TOPIC today", body: "Body" });
    const subject = subjectField();
    act(() => {
      subject.focus();
      subject.setSelectionRange(11, 16);
    });
    fireEvent.click(screen.getByRole("button", { name: /^Insert main_topic/ }));
    expect(currentText()).toEqual({ subject: "Call about {{main_topic}} today", body: "Body" });
  });

  it("goes into the body when no field has had focus", () => {
    renderEditor({ subject: "Hi", body: "Thanks" });
    fireEvent.click(screen.getByRole("button", { name: /^Insert company_name/ }));
    expect(currentText().body).toBe("Thanks{{company_name}}");
    expect(currentText().subject).toBe("Hi");
  });

  it("lists every variable Flynn fills, and warns about one it does not know", () => {
    renderEditor({ subject: "{{customer_nam}}", body: "{{event_url}}" });
    expect(screen.getAllByRole("button", { name: /^Insert / })).toHaveLength(16);
    expect(screen.getByText(/Flynn has no value for/).textContent).toContain("{{customer_nam}}: it stays empty");
  });
});
