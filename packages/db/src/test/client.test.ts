import { Pool as NeonPool } from "@neondatabase/serverless";
import { sql } from "drizzle-orm";
import pg from "pg";
import { describe, expect, it, vi } from "vitest";
import { createDb, isNeonUrl, withSessionLock } from "../client";
import { useTestDatabase } from "../testing";

const database = useTestDatabase();

describe("createDb", () => {
  it("uses Neon's serverless driver for Neon hosts only", () => {
    expect(isNeonUrl("postgres://u:p@ep-cool-sun-123456.us-east-2.aws.neon.tech/flynn?sslmode=require")).toBe(true);
    expect(isNeonUrl("postgres://u:p@ep-cool-sun-123456-pooler.eu-central-1.aws.neon.tech/flynn")).toBe(true);
    expect(isNeonUrl("postgres://u:p@db.example.com/neon.tech")).toBe(false);
    expect(isNeonUrl("postgres://postgres:postgres@127.0.0.1:54330/flynn")).toBe(false);
    expect(isNeonUrl("not a url")).toBe(false);
  });

  it("builds a Neon pool without connecting until the first query", async () => {
    const neon = createDb({ url: "postgres://u:p@ep-x-1.us-east-2.aws.neon.tech/flynn" });
    const local = createDb({ url: database.current.url });
    expect(neon.db.$client).toBeInstanceOf(NeonPool);
    expect(local.db.$client).toBeInstanceOf(pg.Pool);
    await Promise.all([neon.close(), local.close()]);
  });

  it("talks node-postgres to any other Postgres, transactions included", async () => {
    const { db, close } = createDb({ url: database.current.url, max: 2 });
    try {
      const result = await db.transaction(async (tx) => (await tx.execute(sql`SELECT 41 + 1 AS answer`)).rows[0]);
      expect(result).toEqual({ answer: 42 });
    } finally {
      await close();
    }
  });
});

describe("withSessionLock", () => {
  const waitingForLocks = async () => {
    const { rows } = await database.current.db.execute<{ waiting: number }>(
      sql`SELECT count(*)::int AS waiting FROM pg_locks
        WHERE locktype = 'advisory' AND NOT granted AND database = (SELECT oid FROM pg_database WHERE datname = current_database())`,
    );
    return rows[0]?.waiting;
  };

  it("runs holders of one key one after the other, each on its own single connection; other keys do not wait", async () => {
    const { db } = database.current;
    const order: string[] = [];
    let release = () => {};
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    const first = withSessionLock(db, "test:a", async (locked) => {
      order.push("first starts");
      await held;
      // Its own transactions commit on the locked connection.
      await locked.transaction((tx) => tx.execute(sql`SELECT 1`));
      order.push("first ends");
    });
    await vi.waitFor(() => expect(order).toEqual(["first starts"]));
    const second = withSessionLock(db, "test:a", async () => {
      order.push("second");
    });
    await vi.waitFor(async () => expect(await waitingForLocks()).toBe(1));
    expect(await withSessionLock(db, "test:b", async () => "another key")).toBe("another key");
    expect(order).toEqual(["first starts"]);

    release();
    await Promise.all([first, second]);
    expect(order).toEqual(["first starts", "first ends", "second"]);
  });

  it("releases the lock when its holder throws", async () => {
    const { db } = database.current;
    await expect(
      withSessionLock(db, "test:c", async () => {
        throw new Error("holder failed");
      }),
    ).rejects.toThrow("holder failed");
    expect(await withSessionLock(db, "test:c", async () => "taken again")).toBe("taken again");
    expect(await waitingForLocks()).toBe(0);
  });
});
