import { readFileSync } from "node:fs";
import path from "node:path";
import {
  businessHoursSchema,
  EVENT_TYPES,
  INDUSTRY_TYPES,
  industryEventTypesSchema,
  reminderSettingsSchema,
  terminologySchema,
} from "@flynn/domain";
import pg from "pg";
import { afterEach, describe, expect, it } from "vitest";
import { checkDrift } from "../drift";
import { MIGRATIONS_FOLDER, runMigrations } from "../migrate";
import { createEmptyDatabase } from "../testing";
import { readCatalog, readFunction } from "../testing/catalog";
import { specSql } from "../testing/spec";

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup();
});

async function emptyDatabase() {
  const database = await createEmptyDatabase();
  cleanups.push(database.drop);
  return database.url;
}

async function exec(url: string, ...statements: string[]) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const results = [];
    for (const statement of statements) results.push(await client.query(statement));
    return results;
  } finally {
    await client.end();
  }
}

/** The spec's own database: its tables and functions, run verbatim on an empty database. */
async function specDatabase() {
  const url = await emptyDatabase();
  // The spec's policies call Supabase's auth.uid(); ours is the first migration.
  const authPrelude = readFileSync(path.join(MIGRATIONS_FOLDER, "0000_auth-uid-and-app-role.sql"), "utf8");
  await exec(url, authPrelude, ...specSql("Database Tables"), ...specSql("Database Functions"));
  return url;
}

const sortKeys = (o: object) => Object.keys(o).sort();
const pick = <T>(o: Record<string, T>, keys: string[]) => Object.fromEntries(keys.map((k) => [k, o[k]]));
const without = <T>(o: Record<string, T>, keys: string[]) =>
  Object.fromEntries(Object.entries(o).filter(([k]) => !keys.includes(k)));

describe("migrations", () => {
  it("build the spec's tables one for one: columns, types, defaults, constraints, indexes, triggers, policies", async () => {
    const ours = await emptyDatabase();
    await runMigrations(ours);
    const spec = await specDatabase();
    const [mine, theirs] = await Promise.all([readCatalog(ours), readCatalog(spec)]);

    // Columns: the spec's, identical, plus the two better-auth needs on users.
    const extraColumns = [
      "users.email_verified",
      "users.image",
      "calls.status_sequence",
      "events.customer_phone_hash",
      "events.customer_email_hash",
      "events.calendar_sequence",
      "events.calendar_copy_integration_id",
      "events.calendar_copy_calendar_id",
      "calendar_integrations.last_error",
      "calendar_integrations.disconnected_at",
      "communication_logs.idempotency_key",
    ];
    expect(sortKeys(without(mine.columns, extraColumns))).toEqual(sortKeys(theirs.columns));
    expect(pick(mine.columns, sortKeys(theirs.columns))).toEqual(theirs.columns);
    expect(Object.keys(theirs.columns)).toHaveLength(136);

    // Constraints (primary keys, UNIQUE, CHECK value lists, foreign keys with ON DELETE), by name.
    // (Postgres 18 also lists NOT NULL as constraints: the extra one is email_verified's.)
    expect(
      without(mine.constraints, [
        "users.users_email_verified_not_null",
        "events.events_calendar_sequence_not_null",
        "events.events_calendar_copy_integration_id_fkey",
      ]),
    ).toEqual(theirs.constraints);

    // Every index under the spec's name, plus ours (README lists them).
    const extraIndexes = [
      "industry_configurations_user_id_industry_type_key",
      "phone_numbers_active_number_key",
      "idx_calls_user_id_created_at",
      "idx_events_user_id_created_at",
      "idx_communication_logs_user_id_created_at",
      "idx_audit_logs_user_id_created_at",
      "idx_events_user_id_customer_phone_hash",
      "calendar_integrations_user_id_integration_type_key",
      "communication_logs_idempotency_key_key",
    ];
    expect(without(mine.indexes, extraIndexes)).toEqual(theirs.indexes);

    // The spec's seven updated_at triggers, plus the audit trail's (two per user table: inserts
    // per statement, updates and deletes per row) and live updates' (the same two on calls and
    // events, in place of the spec's Supabase publication).
    const auditTriggers = Object.keys(mine.triggers).filter((name) => name.startsWith("audit_"));
    expect(auditTriggers).toHaveLength(14);
    const notifyTriggers = Object.keys(mine.triggers).filter((name) => name.startsWith("notify_"));
    expect(notifyTriggers.sort()).toEqual([
      "notify_calls_changes",
      "notify_calls_inserts",
      "notify_events_changes",
      "notify_events_inserts",
    ]);
    // Calendar follow-ups (migration 0015): SEQUENCE bumps and the event-changed job.
    const followUpTriggers = ["bump_events_calendar_sequence", "queue_events_changed"];
    expect(Object.keys(mine.triggers)).toEqual(expect.arrayContaining(followUpTriggers));
    expect(without(mine.triggers, [...auditTriggers, ...notifyTriggers, ...followUpTriggers])).toEqual(theirs.triggers);
    expect(Object.keys(theirs.triggers)).toHaveLength(7);
    expect(mine.rowLevelSecurity).toEqual(theirs.rowLevelSecurity);
    expect(Object.values(mine.rowLevelSecurity).every(Boolean)).toBe(true);

    // Policies: the spec's word for word, except the fixes of ADAPTATION.md for global defaults.
    const changed = "email_templates.Users can access own templates";
    const added = [
      "email_templates.Users can read default templates",
      "industry_configurations.Users can read default configurations",
    ];
    expect(without(without(mine.policies, added), [changed])).toEqual(without(theirs.policies, [changed]));
    expect(theirs.policies[changed]?.using).toBe("((auth.uid() = user_id) OR (user_id IS NULL))");
    expect(mine.policies[changed]).toEqual({
      command: "ALL",
      using: "(auth.uid() = user_id)",
      withCheck: null,
      roles: "public",
    });
    for (const policy of added)
      expect(mine.policies[policy]).toMatchObject({ command: "SELECT", using: "(user_id IS NULL)" });

    // get_user_event_stats: same signature and result columns, but not SECURITY DEFINER.
    const [mineStats, theirStats] = await Promise.all([
      readFunction(ours, "get_user_event_stats"),
      readFunction(spec, "get_user_event_stats"),
    ]);
    expect(mineStats.map(({ args, result }) => ({ args, result }))).toEqual(
      theirStats.map(({ args, result }) => ({ args, result })),
    );
    expect(theirStats[0]?.security_definer).toBe(true);
    expect(mineStats[0]?.security_definer).toBe(false);
  });

  it("a second run changes nothing", async () => {
    const url = await emptyDatabase();
    await runMigrations(url);
    const state = async () => {
      const [rows] = await exec(
        url,
        `SELECT (SELECT count(*) FROM drizzle.__drizzle_migrations)::int AS migrations,
                (SELECT count(*) FROM industry_configurations)::int AS configurations,
                (SELECT count(*) FROM email_templates)::int AS templates,
                (SELECT count(*) FROM pg_proc WHERE proname IN ('uid', 'get_user_event_stats', 'update_updated_at_column'))::int AS functions`,
      );
      return { counts: rows?.rows[0], catalog: await readCatalog(url) };
    };
    const first = await state();
    await runMigrations(url);
    expect(await state()).toEqual(first);
    const journal = JSON.parse(readFileSync(path.join(MIGRATIONS_FOLDER, "meta/_journal.json"), "utf8"));
    expect(first.counts).toEqual({
      migrations: journal.entries.length,
      configurations: 8,
      templates: 11,
      functions: 3,
    });
  });

  it("the default-data migration is itself idempotent when run again", async () => {
    const url = await emptyDatabase();
    await runMigrations(url);
    const dataMigration = readFileSync(path.join(MIGRATIONS_FOLDER, "0003_default-data.sql"), "utf8");
    await exec(url, dataMigration);
    const [rows] = await exec(
      url,
      "SELECT (SELECT count(*) FROM industry_configurations)::int AS c, (SELECT count(*) FROM email_templates)::int AS t",
    );
    expect(rows?.rows[0]).toEqual({ c: 8, t: 11 });
  });

  it("0018 assigns each existing calendar copy to the connection events were syncing to", async () => {
    const url = await emptyDatabase();
    await runMigrations(url);
    const migration = readFileSync(path.join(MIGRATIONS_FOLDER, "0018_calendar-copy-location.sql"), "utf8");
    const backfill = migration.split("--> statement-breakpoint").at(-1) as string;
    const [a, b] = ["00000000-0000-4000-8000-00000000000a", "00000000-0000-4000-8000-00000000000b"];
    const [rows] = (
      await exec(
        url,
        // The event triggers queue jobs in graphile-worker's schema, which this database has not.
        "SET session_replication_role = replica",
        `INSERT INTO users (id, email) VALUES ('${a}', 'a@example.test'), ('${b}', 'b@example.test')`,
        // A switched from Google to Outlook; B's connection has no calendar chosen.
        `INSERT INTO calendar_integrations (id, user_id, integration_type, is_active, calendar_id, updated_at) VALUES
          ('00000000-0000-4000-8000-0000000000a1', '${a}', 'google', false, 'old-google', now() - interval '2 days'),
          ('00000000-0000-4000-8000-0000000000a2', '${a}', 'outlook', true, 'jobs-outlook', now()),
          ('00000000-0000-4000-8000-0000000000b1', '${b}', 'google', true, NULL, now())`,
        `INSERT INTO events (user_id, title, event_type, status, calendar_synced, calendar_event_id) VALUES
          ('${a}', 'copied', 'service_call', 'confirmed', true, 'remote-1'),
          ('${a}', 'never copied', 'service_call', 'confirmed', false, NULL),
          ('${b}', 'copied, no target', 'service_call', 'confirmed', true, 'remote-2')`,
        backfill,
        `SELECT title, calendar_copy_integration_id AS integration, calendar_copy_calendar_id AS calendar
         FROM events ORDER BY title`,
      )
    ).slice(-1);
    expect(rows?.rows).toEqual([
      { title: "copied", integration: "00000000-0000-4000-8000-0000000000a2", calendar: "jobs-outlook" },
      { title: "copied, no target", integration: null, calendar: null },
      { title: "never copied", integration: null, calendar: null },
    ]);
  });

  it("the spec's own default-data INSERTs and a get_user_event_stats call run unchanged", async () => {
    const url = await emptyDatabase();
    await runMigrations(url);
    const [configurations, templates] = await exec(url, ...specSql("Initial Data Setup"));
    expect(configurations?.rowCount).toBe(5);
    expect(templates?.rowCount).toBe(2);
    const [stats] = await exec(url, "SELECT * FROM get_user_event_stats(gen_random_uuid())");
    expect(stats?.rows).toEqual([
      { total_events: "0", pending_events: "0", confirmed_events: "0", completed_events: "0", conversion_rate: "0" },
    ]);
  });

  it("seeds valid defaults: every industry, the spec's two templates and an overview per event type", async () => {
    const url = await emptyDatabase();
    await runMigrations(url);
    const [configurations, templates] = await exec(
      url,
      "SELECT * FROM industry_configurations WHERE user_id IS NULL ORDER BY industry_type",
      "SELECT * FROM email_templates WHERE user_id IS NULL ORDER BY template_name",
    );
    expect(configurations?.rows.map((r) => r.industry_type)).toEqual([...INDUSTRY_TYPES].sort());
    for (const row of configurations?.rows ?? []) {
      expect(industryEventTypesSchema.safeParse(row.event_types).success, row.industry_type).toBe(true);
      expect(terminologySchema.safeParse(row.terminology).success, row.industry_type).toBe(true);
      expect(businessHoursSchema.safeParse(row.business_hours).success, row.industry_type).toBe(true);
      expect(reminderSettingsSchema.safeParse(row.reminder_settings).success, row.industry_type).toBe(true);
      expect(row.business_hours.monday, row.industry_type).toBeDefined();
    }
    const plumbing = configurations?.rows.find((r) => r.industry_type === "plumbing");
    expect(plumbing).toMatchObject({
      event_types: ["service_call", "quote", "emergency", "follow_up"],
      default_duration_minutes: 90,
      pricing_enabled: true,
      location_required: true,
    });

    const rows = templates?.rows ?? [];
    expect(rows.filter((r) => r.industry_type !== null).map((r) => r.template_name)).toEqual([
      "Property Showing",
      "Service Call Overview",
    ]);
    const overviews = rows.filter((r) => r.template_name.startsWith("Call Overview: "));
    expect(overviews.map((r) => r.event_type).sort()).toEqual([...EVENT_TYPES].sort());
    for (const template of rows) expect(template.is_default).toBe(true);
    for (const template of overviews) {
      // Every placeholder an overview uses has a declared default (the spec's two are kept as written).
      const used = [...`${template.subject_template} ${template.body_template}`.matchAll(/\{\{(\w+)\}\}/g)].map(
        (m) => m[1],
      );
      for (const variable of used)
        expect(template.variables, `${template.template_name}: ${variable}`).toHaveProperty(variable as string);
    }
  });

  it("the drift check passes on the committed schema and fails on a schema change without a migration", async () => {
    expect(await checkDrift()).toMatchObject({ drifted: false, wouldAdd: [] });
    const drifted = await checkDrift({ schemaPath: "./src/testing/drifted-schema.fixture.ts" });
    expect(drifted.drifted).toBe(true);
    expect(drifted.wouldAdd).toEqual([expect.stringMatching(/^\d{4}_drift\.sql$/)]);
  }, 60_000);
});
