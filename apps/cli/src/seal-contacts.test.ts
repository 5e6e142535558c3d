import { testKeyring } from "@flynn/crypto";
import { events } from "@flynn/db/schema";
import { customerPhoneHash } from "@flynn/db/sealed-contacts";
import { insertUser, useTestDatabase } from "@flynn/db/testing";
import { describe, expect, it } from "vitest";
import { EXIT_FAILED, EXIT_OK, runCli } from "./cli";
import { captureIo } from "./testing";

const database = useTestDatabase();
/** testKeyring()'s key, as an operator would set ENCRYPTION_KEY (base64). */
const TEST_ENCRYPTION_KEY = Buffer.alloc(32, 7).toString("base64");

describe("pnpm flynn seal-contacts", () => {
  it("seals the legacy plaintext contacts with ENCRYPTION_KEY, once", async () => {
    const { db } = database.current;
    const user = await insertUser(db);
    const [event] = await db
      .insert(events)
      .values({ userId: user.id, title: "Legacy", customerPhone: "+15125550166" })
      .returning({ id: events.id });
    const env = { DATABASE_URL: database.current.url, ENCRYPTION_KEY: TEST_ENCRYPTION_KEY };

    const first = captureIo({ env });
    expect(await runCli(["seal-contacts"], first.io)).toBe(EXIT_OK);
    expect(first.out).toEqual(["sealed the customer contacts of 1 event (1 checked)."]);
    const { rows } = await db.$client.query("SELECT customer_phone, customer_phone_hash FROM events WHERE id = $1", [
      event?.id,
    ]);
    expect(rows[0].customer_phone).not.toContain("5550166");
    expect(testKeyring().open(rows[0].customer_phone, "events.customer_phone")).toBe("+15125550166");
    expect(rows[0].customer_phone_hash).toBe(customerPhoneHash(testKeyring(), "+15125550166"));

    const second = captureIo({ env });
    expect(await runCli(["seal-contacts"], second.io)).toBe(EXIT_OK);
    expect(second.out).toEqual(["nothing to seal: every customer contact is sealed already."]);
  });

  it("refuses a bad key or production without one, naming the variable, and touches nothing", async () => {
    const bad = captureIo({ env: { DATABASE_URL: database.current.url, ENCRYPTION_KEY: "too-short" } });
    expect(await runCli(["seal-contacts"], bad.io)).toBe(EXIT_FAILED);
    expect(bad.err.join("\n")).toContain("ENCRYPTION_KEY: must be 32 random bytes");
    const production = captureIo({ env: { NODE_ENV: "production", DATABASE_URL: database.current.url } });
    expect(await runCli(["seal-contacts"], production.io)).toBe(EXIT_FAILED);
    expect(production.err.join("\n")).toContain("ENCRYPTION_KEY: required in production");
  });
});
