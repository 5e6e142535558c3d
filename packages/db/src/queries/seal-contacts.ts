/**
 * The one-off backfill behind `pnpm flynn seal-contacts`, as the database owner (no RLS):
 * events written before customers' contacts were sealed hold them in plaintext, without
 * hashes. Each such row gets its values sealed and its hashes filled; rows already sealed are
 * left alone, so a second run changes nothing, and a run stopped half way is finished by the
 * next. Each row is written only if its contacts are still what was read, so a dashboard edit
 * made meanwhile is never overwritten.
 */
import type { Keyring } from "@flynn/crypto";
import { and, asc, type Column, eq, gt, isNotNull, isNull, notLike, or, type SQL, sql } from "drizzle-orm";
import type { Db } from "../client";
import { events } from "../schema/index";
import { sealLegacyContacts } from "../sealed-contacts";

export interface SealContactsResult {
  /** Rows that looked unsealed and were checked. */
  checked: number;
  /** Rows whose contacts were sealed (or whose hashes were filled). */
  sealed: number;
}

/** A value that may need the backfill: no hash beside it, or not even the start of a sealed value. */
const mayNeedSealing = (value: Column, hash: Column): SQL | undefined =>
  and(isNotNull(value), or(isNull(hash), notLike(value, "v%")));

export async function sealPlaintextContacts(
  db: Db,
  keyring: Keyring,
  { batchSize = 500 }: { batchSize?: number } = {},
): Promise<SealContactsResult> {
  const result: SealContactsResult = { checked: 0, sealed: 0 };
  let after: string | null = null;
  for (;;) {
    const rows = await db
      .select({
        id: events.id,
        customerPhone: events.customerPhone,
        customerEmail: events.customerEmail,
        customerPhoneHash: events.customerPhoneHash,
        customerEmailHash: events.customerEmailHash,
      })
      .from(events)
      .where(
        and(
          after ? gt(events.id, after) : undefined,
          or(
            mayNeedSealing(events.customerPhone, events.customerPhoneHash),
            mayNeedSealing(events.customerEmail, events.customerEmailHash),
          ),
        ),
      )
      .orderBy(asc(events.id))
      .limit(batchSize);
    for (const row of rows) {
      result.checked += 1;
      const patch = sealLegacyContacts(keyring, row);
      if (Object.keys(patch).length === 0) continue;
      const updated = await db
        .update(events)
        .set(patch)
        .where(
          and(
            eq(events.id, row.id),
            sql`${events.customerPhone} IS NOT DISTINCT FROM ${row.customerPhone}`,
            sql`${events.customerEmail} IS NOT DISTINCT FROM ${row.customerEmail}`,
          ),
        )
        .returning({ id: events.id });
      result.sealed += updated.length;
    }
    const last = rows.at(-1);
    if (!last || rows.length < batchSize) return result;
    after = last.id;
  }
}
