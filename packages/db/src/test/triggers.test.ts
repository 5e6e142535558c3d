import { describe, expect, it } from "vitest";
import { seedUserGraph, useTestDatabase } from "../testing";

const database = useTestDatabase();

// Each table with an updated_at trigger, the column to change, and the fixture row's id.
const cases = [
  ["users", "full_name", (g: Graph) => g.user.id],
  ["phone_numbers", "twilio_phone_sid", (g: Graph) => g.phoneNumber.id],
  ["calls", "caller_name", (g: Graph) => g.call.id],
  ["events", "title", (g: Graph) => g.event.id],
  ["calendar_integrations", "calendar_name", (g: Graph) => g.integration.id],
  ["email_templates", "template_name", (g: Graph) => g.template.id],
  ["industry_configurations", "industry_type", (g: Graph) => g.configuration.id],
] as const;
type Graph = Awaited<ReturnType<typeof seedUserGraph>>;

describe("update_updated_at_column triggers", () => {
  it("exist for the seven tables of the spec, and for sms_opt_outs", async () => {
    const { rows } = await database.current.db.$client.query(
      `SELECT c.relname FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid
       JOIN pg_proc p ON p.oid = t.tgfoid WHERE p.proname = 'update_updated_at_column' ORDER BY 1`,
    );
    expect(rows.map((r) => r.relname)).toEqual([...cases.map(([table]) => table), "sms_opt_outs"].sort());
  });

  it.each(cases)("move %s.updated_at on update", async (table, column, idOf) => {
    const client = database.current.db.$client;
    const graph = await seedUserGraph(database.current.db);
    const id = idOf(graph);
    // Age the row with the trigger off (with it on, the trigger would override the value).
    await client.query(`ALTER TABLE ${table} DISABLE TRIGGER update_${table}_updated_at`);
    await client.query(`UPDATE ${table} SET updated_at = '2000-01-01T00:00:00Z' WHERE id = $1`, [id]);
    await client.query(`ALTER TABLE ${table} ENABLE TRIGGER update_${table}_updated_at`);

    await client.query(`UPDATE ${table} SET ${column} = ${column} || ' (edited)' WHERE id = $1`, [id]);

    const { rows } = await client.query(`SELECT updated_at, now() AS now FROM ${table} WHERE id = $1`, [id]);
    expect(rows[0].updated_at.getTime()).toBeGreaterThan(new Date("2000-01-02").getTime());
    expect(Math.abs(rows[0].updated_at.getTime() - rows[0].now.getTime())).toBeLessThan(60_000);
  });
});
