import { fireEvent, screen, waitFor, within } from "@testing-library/react";
import { setupServer } from "msw/node";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { renderWithApp, resetApp, TrpcFailure, trpcApi } from "../../testing/render";
import { TemplatesTab } from "./templates-tab";
import { polyfillDialogs, recorded } from "./testing";

const AT = new Date("2026-02-01T15:00:00Z");
const OVERVIEW = {
  id: "00000000-0000-4000-8000-000000000001",
  scope: "default" as const,
  templateName: "Call Overview: Service Call",
  industryType: null,
  eventType: "service_call",
  subjectTemplate: "Service call request - {{customer_name}}",
  bodyTemplate: "New service call from {{customer_name}}.",
  isActive: true,
  isDefault: true,
  variables: { customer_name: "the caller" },
  styling: null,
  createdAt: AT,
  updatedAt: AT,
};

type Template = Omit<typeof OVERVIEW, "scope" | "industryType" | "isDefault"> & {
  scope: "own" | "default";
  industryType: string | null;
  isDefault: boolean;
};
interface PreviewInput {
  templateId: string;
  draft?: { subjectTemplate: string; bodyTemplate: string; variables?: Record<string, string> };
}
let templates: Template[] = [];
const created: unknown[] = [];
const updated: unknown[] = [];
const previews: PreviewInput[] = [];

const server = setupServer(
  ...trpcApi({
    "profile.get": () => ({ timezone: "America/Chicago", industryType: "plumbing" }),
    "templates.list": () => templates,
    // The stored text (or the draft) with the sample call's customer filled in, and the
    // template's fallbacks (the draft's own when it has them) for every other placeholder.
    "templates.preview": recorded(previews, (input: PreviewInput) => {
      const stored = templates.find((t) => t.id === input.templateId);
      const fallbacks: Record<string, string> = input.draft?.variables ?? stored?.variables ?? {};
      const fill = (text = "") =>
        text
          .replaceAll("{{customer_name}}", "Maria Lopez")
          .replace(/\{\{(\w+)\}\}/g, (_placeholder, name: string) => fallbacks[name] ?? "");
      return {
        subject: fill(input.draft?.subjectTemplate ?? stored?.subjectTemplate),
        body: fill(input.draft?.bodyTemplate ?? stored?.bodyTemplate),
        missing: [],
      };
    }),
    "templates.create": recorded(created, (input: Omit<Template, "id" | "scope">) => {
      const own = { ...OVERVIEW, ...input, id: "00000000-0000-4000-8000-000000000002", scope: "own" as const };
      templates = [own, ...templates];
      return own;
    }),
    "templates.update": recorded(updated, ({ id, ...patch }: Partial<Template> & { id: string }) => {
      if (patch.variables?.customer_name === "<b>") {
        throw new TrpcFailure("BAD_REQUEST", "Invalid input", { "variables.customer_name": ["no HTML here"] });
      }
      templates = templates.map((t) => (t.id === id ? { ...t, ...patch } : t));
      return templates.find((t) => t.id === id);
    }),
  }),
);

beforeAll(() => {
  server.listen({ onUnhandledRequest: "error" });
  polyfillDialogs();
});
afterEach(() => {
  resetApp();
  created.length = 0;
  updated.length = 0;
  previews.length = 0;
});
afterAll(() => server.close());

const OWN: Template = { ...OVERVIEW, id: "00000000-0000-4000-8000-000000000003", scope: "own", isDefault: false };

/** The variables the fallback table has a row for. */
const fallbackNames = (region: HTMLElement) =>
  within(region)
    .getAllByRole("textbox")
    .map((input) => input.getAttribute("aria-label")?.replace("Fallback for ", ""));
const fallbackField = (name: string) => screen.getByLabelText(`Fallback for ${name}`) as HTMLInputElement;

function renderTab() {
  renderWithApp(TemplatesTab);
}

describe("TemplatesTab", () => {
  it("shows a default read-only, and Customize makes the user's own copy for their industry", async () => {
    templates = [OVERVIEW];
    renderTab();
    await screen.findByText("Flynn's defaults cannot be changed. Choose Customize to make your own copy and edit it.");
    expect((screen.getByLabelText("Subject") as HTMLInputElement).readOnly).toBe(true);
    expect(screen.queryByRole("button", { name: /^Insert / })).toBeNull();
    expect(screen.getByText("None yet. Pick a Flynn default and choose Customize.")).toBeTruthy();

    const customize = screen.getByRole("button", { name: "Customize" }) as HTMLButtonElement;
    await waitFor(() => expect(customize.disabled).toBe(false));
    fireEvent.click(customize);
    await screen.findByText("Your copy of “Call Overview: Service Call” is ready to edit");
    expect(created).toEqual([
      {
        templateName: "Call Overview: Service Call",
        subjectTemplate: OVERVIEW.subjectTemplate,
        bodyTemplate: OVERVIEW.bodyTemplate,
        eventType: "service_call",
        industryType: "plumbing",
        variables: { customer_name: "the caller" },
        isActive: true,
      },
    ]);
    await screen.findByText("Your call overview email for service call events.");
    expect((screen.getByLabelText("Subject") as HTMLInputElement).readOnly).toBe(false);
  });

  it("saves an own template's edits", async () => {
    const own: Template = { ...OVERVIEW, id: "00000000-0000-4000-8000-000000000003", scope: "own", isDefault: false };
    templates = [{ ...own, industryType: "plumbing" }, OVERVIEW];
    renderTab();
    const save = (await screen.findByRole("button", { name: "Save template" })) as HTMLButtonElement;
    expect(save.disabled).toBe(true);
    fireEvent.change(screen.getByLabelText("Subject"), { target: { value: "Booked: {{customer_name}}" } });
    fireEvent.click(save);
    await screen.findByText("“Call Overview: Service Call” saved");
    expect(updated).toEqual([
      {
        id: own.id,
        templateName: own.templateName,
        subjectTemplate: "Booked: {{customer_name}}",
        bodyTemplate: own.bodyTemplate,
        eventType: "service_call",
        industryType: "plumbing",
        variables: { customer_name: "the caller" },
        isActive: true,
      },
    ]);
    await waitFor(() => expect(save.disabled).toBe(true));
    const nav = screen.getByRole("navigation", { name: "Templates" });
    expect(within(nav).getAllByRole("button")).toHaveLength(2);
  });

  it("previews the saved text once saved, not the text it had before", async () => {
    const own: Template = { ...OVERVIEW, id: "00000000-0000-4000-8000-000000000003", scope: "own", isDefault: false };
    templates = [{ ...own, industryType: "plumbing" }];
    renderTab();
    const frame = () => screen.getByTitle("Email preview") as HTMLIFrameElement;
    await waitFor(() => expect(frame().srcdoc).toContain("Service call request - Maria Lopez"));
    fireEvent.change(screen.getByLabelText("Subject"), { target: { value: "Booked: {{customer_name}}" } });
    // The draft's preview, once typing pauses.
    await waitFor(() => expect(frame().srcdoc).toContain("Booked: Maria Lopez"));
    const save = screen.getByRole("button", { name: "Save template" }) as HTMLButtonElement;
    fireEvent.click(save);
    await screen.findByText("“Call Overview: Service Call” saved");
    // Saved: the editor's text is the stored text again, previewed without a draft.
    await waitFor(() => expect(save.disabled).toBe(true));
    await waitFor(() => expect(previews.at(-1)).toEqual({ templateId: own.id }));
    await waitFor(() => expect(frame().srcdoc).toContain("Booked: Maria Lopez"));
    expect(frame().srcdoc).not.toContain("Service call request");
  });

  it("edits the fallback of each variable the text uses, previews them live, and saves them with the template", async () => {
    templates = [{ ...OWN, industryType: "plumbing" }];
    renderTab();
    const frame = () => screen.getByTitle("Email preview") as HTMLIFrameElement;
    expect(fallbackNames(await screen.findByRole("region", { name: "Fallback values" }))).toEqual(["customer_name"]);
    expect(fallbackField("customer_name").value).toBe("the caller");

    fireEvent.change(screen.getByLabelText("Body", { selector: "textarea" }), {
      target: { value: "New service call from {{customer_name}} at {{location}}. {{bookng_code}}" },
    });
    // A row for the variable just used (not for one Flynn does not fill), empty at first.
    expect(fallbackNames(screen.getByRole("region", { name: "Fallback values" }))).toEqual([
      "customer_name",
      "location",
    ]);
    expect(fallbackField("location").value).toBe("");
    fireEvent.change(fallbackField("location"), { target: { value: "your address" } });
    fireEvent.change(fallbackField("customer_name"), { target: { value: "a customer" } });
    await waitFor(() => expect(frame().srcdoc).toContain("New service call from Maria Lopez at your address."));
    expect(previews.at(-1)?.draft?.variables).toEqual({ customer_name: "a customer", location: "your address" });

    fireEvent.click(screen.getByRole("button", { name: "Save template" }));
    await screen.findByText("“Call Overview: Service Call” saved");
    expect(updated).toEqual([
      expect.objectContaining({ variables: { customer_name: "a customer", location: "your address" } }),
    ]);
    await waitFor(() =>
      expect((screen.getByRole("button", { name: "Save template" }) as HTMLButtonElement).disabled).toBe(true),
    );
    expect(fallbackField("location").value).toBe("your address");
  });

  it("counts a changed fallback as an unsaved change, discards it, and shows the server's message for one", async () => {
    templates = [{ ...OWN, industryType: "plumbing" }];
    renderTab();
    const save = (await screen.findByRole("button", { name: "Save template" })) as HTMLButtonElement;
    fireEvent.change(fallbackField("customer_name"), { target: { value: "there" } });
    expect(save.disabled).toBe(false);
    fireEvent.click(screen.getByRole("button", { name: "Discard changes" }));
    expect(fallbackField("customer_name").value).toBe("the caller");
    expect(save.disabled).toBe(true);

    fireEvent.change(fallbackField("customer_name"), { target: { value: "<b>" } });
    fireEvent.click(save);
    const region = screen.getByRole("region", { name: "Fallback values" });
    expect((await within(region).findByRole("alert")).textContent).toBe("no HTML here");
    expect(fallbackField("customer_name").getAttribute("aria-invalid")).toBe("true");
    expect(templates[0]?.variables).toEqual({ customer_name: "the caller" });
  });

  it("shows a default's fallbacks read-only", async () => {
    templates = [OVERVIEW];
    renderTab();
    await screen.findByText("Flynn's defaults cannot be changed. Choose Customize to make your own copy and edit it.");
    expect(fallbackField("customer_name").value).toBe("the caller");
    expect(fallbackField("customer_name").readOnly).toBe(true);
  });
});
