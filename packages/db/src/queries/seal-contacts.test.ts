import { testKeyring } from "@flynn/crypto";
import { describe, expect, it } from "vitest";
import { events } from "../schema/index";
import { customerEmailHash, customerPhoneHash, sealCustomerContacts } from "../sealed-contacts";
import { insertUser, useTestDatabase } from "../testing";
import { sealPlaintextContacts } from "./seal-contacts";

const database = useTestDatabase();
const keyring = testKeyring();

/** Every event's contacts and hashes as stored, by title. */
async function storedContacts() {
  const { rows } = await database.current.db.$client.query(
    `SELECT title, customer_phone, customer_email, customer_phone_hash, customer_email_hash FROM events ORDER BY title`,
  );
  return rows;
}

describe("sealPlaintextContacts", () => {
  it("seals every legacy plaintext contact once and fills its hash; a second run changes nothing", async () => {
    const { db } = database.current;
    const user = await insertUser(db);
    // Rows as they were written before contacts were sealed.
    const legacy = Array.from({ length: 5 }, (_, index) => ({
      userId: user.id,
      title: `Legacy ${index}`,
      customerPhone: `+1512555010${index}`,
      customerEmail: index % 2 === 0 ? `Pat${index}@Example.test` : null,
    }));
    await db.insert(events).values([
      ...legacy,
      { userId: user.id, title: "No contacts" },
      {
        userId: user.id,
        title: "Sealed already",
        ...sealCustomerContacts(keyring, { customerPhone: "+15125550199", customerEmail: null }),
      },
    ]);
    const sealedBefore = (await storedContacts()).find((row) => row.title === "Sealed already");

    // Batches of two: the keyset walks past rows that needed nothing.
    expect(await sealPlaintextContacts(db, keyring, { batchSize: 2 })).toEqual({ checked: 5, sealed: 5 });

    const rows = await storedContacts();
    expect(JSON.stringify(rows)).not.toMatch(/\+1512555010|Pat\d@/i);
    for (const [index, row] of rows.filter((r) => r.title.startsWith("Legacy")).entries()) {
      expect(keyring.open(row.customer_phone, "events.customer_phone")).toBe(`+1512555010${index}`);
      expect(row.customer_phone_hash).toBe(customerPhoneHash(keyring, `+1512555010${index}`));
      if (index % 2 === 0) {
        expect(keyring.open(row.customer_email, "events.customer_email")).toBe(`Pat${index}@Example.test`);
        expect(row.customer_email_hash).toBe(customerEmailHash(keyring, `pat${index}@example.test`));
      } else {
        expect(row).toMatchObject({ customer_email: null, customer_email_hash: null });
      }
    }
    expect(rows.find((row) => row.title === "Sealed already")).toEqual(sealedBefore);
    expect(rows.find((row) => row.title === "No contacts")).toMatchObject({
      customer_phone: null,
      customer_email: null,
    });

    expect(await sealPlaintextContacts(db, keyring)).toEqual({ checked: 0, sealed: 0 });
    expect(await storedContacts()).toEqual(rows);
  });

  it("records the change in the audit trail without any value", async () => {
    const { db } = database.current;
    const user = await insertUser(db);
    const [event] = await db
      .insert(events)
      .values({ userId: user.id, title: "Audited", customerPhone: "+15125550177", customerEmail: "lee@example.test" })
      .returning({ id: events.id });
    await sealPlaintextContacts(db, keyring);
    const { rows } = await db.$client.query(
      `SELECT old_values, new_values FROM audit_logs WHERE resource_id = $1 AND action = 'event.updated'`,
      [event?.id],
    );
    expect(rows).toHaveLength(1);
    expect(rows[0].new_values).toMatchObject({
      customer_phone: "[hidden]",
      customer_email: "[hidden]",
      customer_phone_hash: "[hidden]",
      customer_email_hash: "[hidden]",
    });
    expect(JSON.stringify(rows)).not.toMatch(/5550177|lee@|v1\./);
  });
});
