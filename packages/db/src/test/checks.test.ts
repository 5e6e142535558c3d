import { randomUUID } from "node:crypto";
import {
  AI_PROCESSING_STATUSES,
  CALL_DIRECTIONS,
  CALL_STATUSES,
  COMMUNICATION_STATUSES,
  COMMUNICATION_TYPES,
  EVENT_STATUSES,
  EVENT_TYPES,
  INDUSTRY_TYPES,
  INTEGRATION_TYPES,
  LOCATION_TYPES,
  SUBSCRIPTION_TIERS,
  URGENCY_LEVELS,
} from "@flynn/domain/enums";
import { describe, expect, it } from "vitest";
import { useTestDatabase } from "../testing";

const database = useTestDatabase();

/** The smallest valid row of each table, as column -> value. */
const minimalRow: Record<string, () => Record<string, unknown>> = {
  users: () => ({ email: `${randomUUID()}@example.test` }),
  calls: () => ({ twilio_call_sid: `CA${randomUUID()}`, caller_number: "+15550100000" }),
  events: () => ({ title: "Visit" }),
  calendar_integrations: () => ({ integration_type: "google" }),
  communication_logs: () => ({ communication_type: "email", recipient: "a@example.test" }),
};

const checks: Array<[table: string, column: string, values: readonly string[]]> = [
  ["users", "industry_type", INDUSTRY_TYPES],
  ["users", "subscription_tier", SUBSCRIPTION_TIERS],
  ["calls", "call_status", CALL_STATUSES],
  ["calls", "call_direction", CALL_DIRECTIONS],
  ["calls", "ai_processing_status", AI_PROCESSING_STATUSES],
  ["calls", "urgency_level", URGENCY_LEVELS],
  ["events", "event_type", EVENT_TYPES],
  ["events", "status", EVENT_STATUSES],
  ["events", "location_type", LOCATION_TYPES],
  ["events", "urgency_level", URGENCY_LEVELS],
  ["calendar_integrations", "integration_type", INTEGRATION_TYPES],
  ["communication_logs", "communication_type", COMMUNICATION_TYPES],
  ["communication_logs", "status", COMMUNICATION_STATUSES],
];

async function insert(table: string, column: string, value: string) {
  const row = { ...minimalRow[table]?.(), [column]: value };
  const columns = Object.keys(row);
  const { rows } = await database.current.db.$client.query(
    `INSERT INTO ${table} (${columns.join(", ")}) VALUES (${columns.map((_, i) => `$${i + 1}`).join(", ")})
     RETURNING ${column} AS value`,
    Object.values(row),
  );
  return rows[0]?.value as string;
}

describe.each(checks)("CHECK on %s.%s", (table, column, values) => {
  it.each([...values])("accepts %s", async (value) => {
    expect(await insert(table, column, value)).toBe(value);
  });

  it("rejects a value outside the list, naming the constraint", async () => {
    await expect(insert(table, column, "not_a_listed_value")).rejects.toMatchObject({
      code: "23514",
      constraint: `${table}_${column}_check`,
    });
  });
});
