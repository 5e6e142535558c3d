import { randomUUID } from "node:crypto";
import { sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { type Tx, withUser } from "../client";
import { seedUserGraph, type UserGraph, useTestDatabase } from "../testing";

const database = useTestDatabase();
let a: UserGraph;
let b: UserGraph;

beforeAll(async () => {
  a = await seedUserGraph(database.current.db);
  b = await seedUserGraph(database.current.db);
});

/** The spec's nine tables: the owner column, a text column to tamper with, a new row for a user. */
const tables: Array<{
  table: string;
  owner: string;
  text: string;
  newRow: (userId: string) => Record<string, unknown>;
}> = [
  { table: "users", owner: "id", text: "full_name", newRow: (id) => ({ id, email: `${randomUUID()}@example.test` }) },
  {
    table: "phone_numbers",
    owner: "user_id",
    text: "twilio_phone_sid",
    newRow: (user_id) => ({ user_id, twilio_phone_number: "+15550100001", twilio_phone_sid: "PNnew" }),
  },
  {
    table: "calls",
    owner: "user_id",
    text: "caller_name",
    newRow: (user_id) => ({ user_id, twilio_call_sid: `CA${randomUUID()}`, caller_number: "+15550100002" }),
  },
  { table: "events", owner: "user_id", text: "title", newRow: (user_id) => ({ user_id, title: "New" }) },
  {
    table: "calendar_integrations",
    owner: "user_id",
    text: "calendar_name",
    newRow: (user_id) => ({ user_id, integration_type: "outlook" }),
  },
  {
    table: "email_templates",
    owner: "user_id",
    text: "template_name",
    newRow: (user_id) => ({ user_id, template_name: "New", subject_template: "S", body_template: "B" }),
  },
  {
    table: "communication_logs",
    owner: "user_id",
    text: "subject",
    newRow: (user_id) => ({ user_id, communication_type: "sms", recipient: "+15550100003" }),
  },
  {
    table: "industry_configurations",
    owner: "user_id",
    text: "industry_type",
    newRow: (user_id) => ({ user_id, industry_type: "legal", event_types: '["meeting"]' }),
  },
  { table: "audit_logs", owner: "user_id", text: "action", newRow: (user_id) => ({ user_id, action: "forged" }) },
];

type Outcome = { rows: number } | { error: string };

/** Runs `statement` as user A and reports rows affected or the SQLSTATE it failed with. */
async function asA(statement: (tx: Tx) => Promise<{ rowCount: number | null }>): Promise<Outcome> {
  try {
    const result = await withUser(database.current.db, { userId: a.user.id, ip: "203.0.113.7" }, statement);
    return { rows: result.rowCount ?? 0 };
  } catch (error) {
    return { error: (error as { cause?: { code?: string } }).cause?.code ?? String(error) };
  }
}

function insertSql(table: string, row: Record<string, unknown>) {
  const columns = Object.keys(row).map((c) => sql.identifier(c));
  const values = Object.values(row).map((v) => sql`${v}`);
  return sql`INSERT INTO ${sql.identifier(table)} (${sql.join(columns, sql`, `)}) VALUES (${sql.join(values, sql`, `)})`;
}

async function ownerRow(table: string, owner: string, text: string, userId: string) {
  const { rows } = await database.current.db.$client.query(
    `SELECT ${text} AS text FROM ${table} WHERE ${owner} = $1 ORDER BY created_at LIMIT 1`,
    [userId],
  );
  return rows[0] as { text: string } | undefined;
}

const refused = (outcome: Outcome) =>
  "error" in outcome ? expect(outcome.error).toBe("42501") : expect(outcome.rows).toBe(0);

describe.each(tables)("row-level security on $table", ({ table, owner, text, newRow }) => {
  const t = sql.identifier(table);
  const o = sql.identifier(owner);

  it("A reads their own rows and none of B's", async () => {
    const rows = await withUser(database.current.db, { userId: a.user.id }, async (tx) => {
      const result = await tx.execute(sql`SELECT ${o} AS owner FROM ${t}`);
      return result.rows.map((r) => r.owner);
    });
    expect(rows).toContain(a.user.id);
    expect(rows).not.toContain(b.user.id);
    const byId = await asA((tx) => tx.execute(sql`SELECT 1 FROM ${t} WHERE ${o} = ${b.user.id}`));
    expect(byId).toEqual({ rows: 0 });
  });

  it("A cannot update B's rows", async () => {
    const before = await ownerRow(table, owner, text, b.user.id);
    refused(
      await asA((tx) =>
        tx.execute(sql`UPDATE ${t} SET ${sql.identifier(text)} = 'tampered' WHERE ${o} = ${b.user.id}`),
      ),
    );
    // An unqualified update may touch A's own rows only.
    await asA((tx) => tx.execute(sql`UPDATE ${t} SET ${sql.identifier(text)} = 'tampered'`));
    expect(await ownerRow(table, owner, text, b.user.id)).toEqual(before);
  });

  it("A cannot delete B's rows", async () => {
    refused(await asA((tx) => tx.execute(sql`DELETE FROM ${t} WHERE ${o} = ${b.user.id}`)));
    expect(await ownerRow(table, owner, text, b.user.id)).toBeDefined();
  });

  it("A cannot insert a row carrying B's id", async () => {
    const outcome = await asA((tx) => tx.execute(insertSql(table, newRow(b.user.id))));
    expect(outcome).toEqual({ error: "42501" });
  });
});

describe("what A may do with their own rows", () => {
  const writable = tables.filter(({ table }) => table !== "users" && table !== "audit_logs");

  it.each(writable)("inserts, updates and deletes own $table rows", async ({ table, text, newRow }) => {
    const t = sql.identifier(table);
    const id = await withUser(database.current.db, { userId: a.user.id }, async (tx) => {
      const { rows } = await tx.execute(sql`${insertSql(table, newRow(a.user.id))} RETURNING id`);
      return rows[0]?.id as string;
    });
    expect(id).toMatch(/^[0-9a-f-]{36}$/);
    expect(
      await asA((tx) => tx.execute(sql`UPDATE ${t} SET ${sql.identifier(text)} = 'mine' WHERE id = ${id}`)),
    ).toEqual({
      rows: 1,
    });
    expect(await asA((tx) => tx.execute(sql`DELETE FROM ${t} WHERE id = ${id}`))).toEqual({ rows: 1 });
  });

  it("edits own profile fields but not subscription, activation or email", async () => {
    expect(await asA((tx) => tx.execute(sql`UPDATE users SET full_name = 'Ann', timezone = 'Europe/Paris'`))).toEqual({
      rows: 1,
    });
    for (const column of ["subscription_tier", "is_active", "email", "stripe_customer_id"]) {
      const outcome = await asA((tx) =>
        tx.execute(sql`UPDATE users SET ${sql.identifier(column)} = ${column === "is_active" ? false : "enterprise"}`),
      );
      expect(outcome, column).toEqual({ error: "42501" });
    }
  });

  it("reads own audit rows but cannot write, change or delete any", async () => {
    const seen = await withUser(database.current.db, { userId: a.user.id }, (tx) =>
      tx.execute(sql`SELECT id, user_id FROM audit_logs`),
    );
    expect(seen.rows.map((r) => r.id)).toContain(a.audit.id);
    expect(new Set(seen.rows.map((r) => r.user_id))).toEqual(new Set([a.user.id]));
    expect(await asA((tx) => tx.execute(insertSql("audit_logs", { user_id: a.user.id, action: "x" })))).toEqual({
      error: "42501",
    });
    expect(await asA((tx) => tx.execute(sql`UPDATE audit_logs SET action = 'x'`))).toEqual({ error: "42501" });
    expect(await asA((tx) => tx.execute(sql`DELETE FROM audit_logs`))).toEqual({ error: "42501" });
  });
});

describe("global defaults (user_id NULL)", () => {
  const defaults = [
    { table: "industry_configurations", text: "industry_type", count: 8 },
    { table: "email_templates", text: "template_name", count: 11 },
  ];

  it.each(defaults)("$table: A reads them but cannot change, delete or add any", async ({ table, text, count }) => {
    const t = sql.identifier(table);
    expect(await asA((tx) => tx.execute(sql`SELECT 1 FROM ${t} WHERE user_id IS NULL`))).toEqual({ rows: count });
    refused(await asA((tx) => tx.execute(sql`UPDATE ${t} SET ${sql.identifier(text)} = 'x' WHERE user_id IS NULL`)));
    refused(await asA((tx) => tx.execute(sql`DELETE FROM ${t} WHERE user_id IS NULL`)));
    const row =
      table === "email_templates"
        ? { user_id: null, template_name: "Fake default", subject_template: "S", body_template: "B" }
        : { user_id: null, industry_type: "legal", event_types: '["meeting"]' };
    expect(await asA((tx) => tx.execute(insertSql(table, row)))).toEqual({ error: "42501" });
    const { rows } = await database.current.db.$client.query(
      `SELECT count(*)::int AS n FROM ${table} WHERE user_id IS NULL AND ${text} <> 'x'`,
    );
    expect(rows[0].n).toBe(count);
  });
});

describe("flynn_app", () => {
  it.each(["sessions", "accounts", "verifications"])("has no access to better-auth's %s table", async (table) => {
    expect(await asA((tx) => tx.execute(sql`SELECT 1 FROM ${sql.identifier(table)}`))).toEqual({ error: "42501" });
  });

  it("sees no user data when no user is set", async () => {
    const { db } = database.current;
    const counts = await db.transaction(async (tx) => {
      await tx.execute(sql`SET LOCAL ROLE flynn_app`);
      const { rows } = await tx.execute(
        sql`SELECT (SELECT count(*) FROM events)::int AS events, (SELECT count(*) FROM users)::int AS users`,
      );
      return rows[0];
    });
    expect(counts).toEqual({ events: 0, users: 0 });
  });

  it("withUser sets auth.uid() and the request metadata for the audit trail, for that transaction only", async () => {
    const { db } = database.current;
    const seen = await withUser(db, { userId: a.user.id, ip: "203.0.113.7", userAgent: "Vitest/1" }, async (tx) => {
      const { rows } = await tx.execute(sql`SELECT auth.uid() AS uid, current_user AS role,
        current_setting('app.ip_address') AS ip, current_setting('app.user_agent') AS ua`);
      return rows[0];
    });
    expect(seen).toEqual({ uid: a.user.id, role: "flynn_app", ip: "203.0.113.7", ua: "Vitest/1" });
    const after = await db.execute(sql`SELECT auth.uid() AS uid, current_user AS role`);
    expect(after.rows[0]).toMatchObject({ uid: null });
    expect(after.rows[0]?.role).not.toBe("flynn_app");
  });

  it("withUser rejects a malformed user id before touching the database", async () => {
    await expect(withUser(database.current.db, { userId: "1 OR 1=1" }, async () => 1)).rejects.toThrow(
      /userId must be a UUID/,
    );
  });
});
