import { testKeyring } from "@flynn/crypto";
import { sealCustomerContacts } from "@flynn/db/sealed-contacts";
import { insertUser, seedUserGraph, useTestDatabase } from "@flynn/db/testing";
import { afterEach, describe, expect, it, vi } from "vitest";
import { callerFor, invalidFields } from "../testing";

const database = useTestDatabase();

afterEach(() => {
  vi.useRealTimers();
});

/** The fields a BAD_REQUEST names: the paths of its ZodError, which the error formatter reports. */
async function templateRow(id: string) {
  const { rows } = await database.current.db.$client.query(
    "SELECT user_id, template_name, subject_template, body_template, event_type, industry_type, is_active, variables FROM email_templates WHERE id = $1",
    [id],
  );
  return rows[0] ?? null;
}

async function defaultTemplateId(name: string): Promise<string> {
  const { rows } = await database.current.db.$client.query(
    "SELECT id FROM email_templates WHERE user_id IS NULL AND template_name = $1",
    [name],
  );
  return rows[0].id;
}

const newTemplate = {
  templateName: "Booking confirmation",
  subjectTemplate: "Your {{event_type}} on {{event_date}}",
  bodyTemplate: "Hi {{customer_name}},\n\nSee you at {{location}} on {{event_datetime}}.\n\n{{company_name}}",
  eventType: "service_call" as const,
  industryType: "plumbing" as const,
  variables: { customer_name: "there" },
};

describe("templates router", () => {
  it("lists the user's own templates first, then the eleven defaults, never another user's", async () => {
    const { db } = database.current;
    const other = await seedUserGraph(db);
    const user = await insertUser(db);
    const caller = callerFor(db, user);
    const own = await caller.templates.create(newTemplate);
    const listed = await caller.templates.list();
    expect(listed[0]).toMatchObject({ id: own.id, scope: "own", templateName: "Booking confirmation" });
    const defaults = listed.slice(1);
    expect(defaults).toHaveLength(11);
    expect(defaults.every((template) => template.scope === "default" && template.isDefault)).toBe(true);
    expect(defaults.map((template) => template.templateName)).toContain("Call Overview: Emergency");
    expect(listed.map((template) => template.id)).not.toContain(other.template.id);
  });

  it("filters by event type and industry", async () => {
    const { db } = database.current;
    const user = await insertUser(db);
    const caller = callerFor(db, user);
    const own = await caller.templates.create(newTemplate);
    const serviceCalls = await caller.templates.list({ eventType: "service_call" });
    expect(serviceCalls.map((template) => template.templateName)).toEqual([
      "Booking confirmation",
      "Call Overview: Service Call",
      "Service Call Overview",
    ]);
    const realEstate = await caller.templates.list({ industryType: "real_estate" });
    expect(realEstate.map((template) => template.templateName)).toEqual(["Property Showing"]);
    const both = await caller.templates.list({ eventType: "service_call", industryType: "plumbing" });
    expect(both.map((template) => template.id)).toEqual([own.id, await defaultTemplateId("Service Call Overview")]);
  });

  it("reads one template, own or default", async () => {
    const { db } = database.current;
    const user = await insertUser(db);
    const caller = callerFor(db, user);
    const own = await caller.templates.create(newTemplate);
    expect(await caller.templates.byId({ id: own.id })).toMatchObject({ ...newTemplate, scope: "own" });
    const defaultId = await defaultTemplateId("Property Showing");
    expect(await caller.templates.byId({ id: defaultId })).toMatchObject({ scope: "default", eventType: "meeting" });
  });

  it("creates an own template, and audits it", async () => {
    const { db } = database.current;
    const user = await insertUser(db);
    const created = await callerFor(db, user).templates.create({
      templateName: "  Quick note ",
      subjectTemplate: "Thanks {{customer_name}}",
      bodyTemplate: "We will call you back.",
    });
    expect(created).toMatchObject({ scope: "own", isActive: true, isDefault: false, eventType: null });
    expect(await templateRow(created.id)).toEqual({
      user_id: user.id,
      template_name: "Quick note",
      subject_template: "Thanks {{customer_name}}",
      body_template: "We will call you back.",
      event_type: null,
      industry_type: null,
      is_active: true,
      variables: null,
    });
    const { rows } = await db.$client.query("SELECT action, user_id FROM audit_logs WHERE resource_id = $1", [
      created.id,
    ]);
    expect(rows).toEqual([{ action: "email_template.created", user_id: user.id }]);
  });

  it("updates and deletes an own template", async () => {
    const { db } = database.current;
    const user = await insertUser(db);
    const caller = callerFor(db, user);
    const { id } = await caller.templates.create(newTemplate);
    const updated = await caller.templates.update({
      id,
      subjectTemplate: "New subject",
      eventType: null,
      isActive: false,
    });
    expect(updated).toMatchObject({ id, subjectTemplate: "New subject", eventType: null, isActive: false });
    expect(await templateRow(id)).toMatchObject({
      subject_template: "New subject",
      body_template: newTemplate.bodyTemplate,
      event_type: null,
      is_active: false,
    });
    expect(await caller.templates.delete({ id })).toEqual({ id });
    expect(await templateRow(id)).toBeNull();
    await expect(caller.templates.byId({ id })).rejects.toMatchObject({ code: "NOT_FOUND" });
  });

  it("another user's template is NOT_FOUND for every procedure, and stays unchanged", async () => {
    const { db } = database.current;
    const other = await seedUserGraph(db);
    const user = await insertUser(db);
    const caller = callerFor(db, user);
    const before = await templateRow(other.template.id);
    const id = other.template.id;
    await expect(caller.templates.byId({ id })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(caller.templates.update({ id, templateName: "Mine now" })).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
    await expect(caller.templates.delete({ id })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(caller.templates.preview({ templateId: id })).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect(await templateRow(id)).toEqual(before);
  });

  it("a default template cannot be updated or deleted: NOT_FOUND, and it stays unchanged", async () => {
    const { db } = database.current;
    const user = await insertUser(db);
    const caller = callerFor(db, user);
    const id = await defaultTemplateId("Service Call Overview");
    const before = await templateRow(id);
    await expect(caller.templates.update({ id, bodyTemplate: "Hacked" })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(caller.templates.delete({ id })).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect(await templateRow(id)).toEqual(before);
  });

  it("previews a default template with the sample plumbing call, in the user's time zone", async () => {
    const { db } = database.current;
    const user = await insertUser(db, { timezone: "America/Chicago", companyName: "Pat's Pipes" });
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(new Date("2026-03-10T14:20:00Z"));
    const preview = await callerFor(db, user).templates.preview({
      templateId: await defaultTemplateId("Call Overview: Service Call"),
    });
    expect(preview.subject).toBe("Service call request - Maria Lopez - Wed, Mar 11, 2026");
    expect(preview.body).toContain("New service call from Maria Lopez (+1 512 555 0142).");
    expect(preview.body).toContain("When: Wed, Mar 11, 2026, 10:00 AM (90 min)");
    expect(preview.body).toContain("Urgency: high");
    expect(preview.missing).toEqual(["event_url"]);
  });

  it("previews with a real event of the user: its call, its time in the user's zone, declared defaults for gaps", async () => {
    const { db } = database.current;
    const { user, event, call } = await seedUserGraph(db, { timezone: "America/New_York" });
    const { customerPhone, customerPhoneHash } = sealCustomerContacts(testKeyring(), { customerPhone: "+15125550100" });
    await db.$client.query(
      `UPDATE events SET customer_phone = $2, customer_phone_hash = $3, location = '12 Elm St', price_estimate = 240,
              confirmed_datetime = '2026-12-02T19:30:00Z', urgency_level = 'emergency' WHERE id = $1`,
      [event.id, customerPhone, customerPhoneHash],
    );
    await db.$client.query("UPDATE calls SET call_summary = 'Burst pipe under the sink.' WHERE id = $1", [call.id]);
    const caller = callerFor(db, user);
    const own = await caller.templates.create({
      ...newTemplate,
      bodyTemplate: "{{customer_name}}|{{main_topic}}|{{call_summary}}|{{price_estimate}}|{{event_datetime}}|{{notes}}",
    });
    const preview = await caller.templates.preview({ templateId: own.id, eventId: event.id });
    expect(preview).toEqual({
      subject: "Your service call on Wed, Dec 2, 2026",
      body: "there|Leaking water heater|Burst pipe under the sink.|$240.00|Wed, Dec 2, 2026, 2:30 PM|",
      missing: ["customer_name", "notes"],
    });
    const overview = await caller.templates.preview({
      templateId: await defaultTemplateId("Call Overview: Emergency"),
      eventId: event.id,
    });
    expect(overview.subject).toBe("EMERGENCY - the caller - Wed, Dec 2, 2026");
    expect(overview.body).toContain("Where: 12 Elm St");
    // The customer's phone is stored sealed; the preview shows it opened (and formatted).
    expect(overview.body).toContain("(+1 512 555 0100)");
  });

  it("previews the editor's unsaved draft with the template's declared defaults, and stores nothing", async () => {
    const { db } = database.current;
    const user = await insertUser(db, { timezone: "America/Chicago" });
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(new Date("2026-03-10T14:20:00Z"));
    const caller = callerFor(db, user);
    const id = await defaultTemplateId("Call Overview: Service Call");
    const before = await templateRow(id);
    const preview = await caller.templates.preview({
      templateId: id,
      draft: { subjectTemplate: "Hi {{customer_name}}", bodyTemplate: "<b>{{event_date}}</b> at {{event_url}}" },
    });
    // event_url has no value in a preview; the default template declares "" for it.
    expect(preview).toEqual({
      subject: "Hi Maria Lopez",
      body: "<b>Wed, Mar 11, 2026</b> at ",
      missing: ["event_url"],
    });
    expect(
      await caller.templates.preview({ templateId: id, draft: { subjectTemplate: "", bodyTemplate: "" } }),
    ).toEqual({ subject: "", body: "", missing: [] });
    expect(await templateRow(id)).toEqual(before);
    const tooLong = await caller.templates
      .preview({ templateId: id, draft: { subjectTemplate: "s".repeat(201), bodyTemplate: "x".repeat(20_001) } })
      .catch((e) => e);
    expect(invalidFields(tooLong)).toEqual(["draft.bodyTemplate", "draft.subjectTemplate"]);
  });

  it("saves a template's fallback values, and refuses unknown variables or overlong values, writing nothing", async () => {
    const { db } = database.current;
    const user = await insertUser(db);
    const caller = callerFor(db, user);
    const { id } = await caller.templates.create(newTemplate);
    const fallbacks = { customer_name: "there", location: "the address you gave us", event_datetime: "" };
    expect(await caller.templates.update({ id, variables: fallbacks })).toMatchObject({ id, variables: fallbacks });
    expect((await templateRow(id)).variables).toEqual(fallbacks);

    const error = await caller.templates
      .update({ id, variables: { customer_name: "x".repeat(501), booking_code: "A1", constructor: "y" } })
      .catch((e) => e);
    expect(error.code).toBe("BAD_REQUEST");
    expect(invalidFields(error)).toEqual([
      "variables.booking_code",
      "variables.constructor",
      "variables.customer_name",
    ]);
    expect(error.cause.issues.map((issue: { message: string }) => issue.message)).toEqual([
      "must be at most 500 characters",
      '"booking_code" is not a variable Flynn fills',
      '"constructor" is not a variable Flynn fills',
    ]);
    const created = await caller.templates
      .create({ ...newTemplate, variables: { booking_code: "A1" } })
      .catch((e) => e);
    expect(invalidFields(created)).toEqual(["variables.booking_code"]);
    expect((await templateRow(id)).variables).toEqual(fallbacks);
    const { rows } = await db.$client.query("SELECT count(*)::int AS n FROM email_templates WHERE user_id = $1", [
      user.id,
    ]);
    expect(rows).toEqual([{ n: 1 }]);
  });

  it("previews a draft with its own fallback values, else the stored ones", async () => {
    const { db } = database.current;
    const user = await insertUser(db);
    const caller = callerFor(db, user);
    const { id } = await caller.templates.create({ ...newTemplate, variables: { event_url: "your dashboard" } });
    const text = { subjectTemplate: "Hi", bodyTemplate: "Open {{event_url}}" };
    // The sample call has no event link: the fallback stands in.
    expect((await caller.templates.preview({ templateId: id, draft: text })).body).toBe("Open your dashboard");
    const own = await caller.templates.preview({
      templateId: id,
      draft: { ...text, variables: { event_url: "Flynn" } },
    });
    expect(own).toEqual({ subject: "Hi", body: "Open Flynn", missing: ["event_url"] });
    expect((await caller.templates.preview({ templateId: id, draft: { ...text, variables: null } })).body).toBe(
      "Open ",
    );
    const refused = await caller.templates
      .preview({ templateId: id, draft: { ...text, variables: { nope: "x" } } })
      .catch((e) => e);
    expect(invalidFields(refused)).toEqual(["draft.variables.nope"]);
    expect((await templateRow(id)).variables).toEqual({ event_url: "your dashboard" });
  });

  it("another user's event cannot be previewed: NOT_FOUND, nothing of it shown", async () => {
    const { db } = database.current;
    const other = await seedUserGraph(db);
    const user = await insertUser(db);
    const error = await callerFor(db, user)
      .templates.preview({ templateId: await defaultTemplateId("Service Call Overview"), eventId: other.event.id })
      .catch((e) => e);
    expect(error).toMatchObject({ code: "NOT_FOUND" });
    expect(JSON.stringify(error)).not.toContain("Leaking water heater");
  });

  it("rejects bad input naming the fields, and writes nothing", async () => {
    const { db } = database.current;
    const user = await insertUser(db);
    const caller = callerFor(db, user);
    const error = await caller.templates
      .create({
        templateName: "",
        subjectTemplate: "s".repeat(201),
        bodyTemplate: "x".repeat(20_001),
        eventType: "party",
        industryType: "space",
      } as never)
      .catch((e) => e);
    expect(error.code).toBe("BAD_REQUEST");
    expect(invalidFields(error)).toEqual([
      "bodyTemplate",
      "eventType",
      "industryType",
      "subjectTemplate",
      "templateName",
    ]);
    const own = await caller.templates.create(newTemplate);
    const blank = await caller.templates.update({ id: own.id, subjectTemplate: " ", bodyTemplate: "" }).catch((e) => e);
    expect(invalidFields(blank)).toEqual(["bodyTemplate", "subjectTemplate"]);
    await expect(caller.templates.update({ id: own.id })).rejects.toMatchObject({ code: "BAD_REQUEST" });
    expect(invalidFields(await caller.templates.preview({ templateId: "nope" }).catch((e) => e))).toEqual([
      "templateId",
    ]);
    const { rows } = await db.$client.query("SELECT subject_template FROM email_templates WHERE user_id = $1", [
      user.id,
    ]);
    expect(rows).toEqual([{ subject_template: newTemplate.subjectTemplate }]);
  });

  it("refuses callers without a session", async () => {
    const anonymous = callerFor(database.current.db, null);
    const id = await defaultTemplateId("Service Call Overview");
    await expect(anonymous.templates.list()).rejects.toMatchObject({ code: "UNAUTHORIZED" });
    await expect(anonymous.templates.byId({ id })).rejects.toMatchObject({ code: "UNAUTHORIZED" });
    await expect(anonymous.templates.create(newTemplate)).rejects.toMatchObject({ code: "UNAUTHORIZED" });
    await expect(anonymous.templates.update({ id, templateName: "x" })).rejects.toMatchObject({ code: "UNAUTHORIZED" });
    await expect(anonymous.templates.delete({ id })).rejects.toMatchObject({ code: "UNAUTHORIZED" });
    await expect(anonymous.templates.preview({ templateId: id })).rejects.toMatchObject({ code: "UNAUTHORIZED" });
  });
});
