import { Pool as NeonPool } from "@neondatabase/serverless";
import { sql } from "drizzle-orm";
import pg from "pg";
import { describe, expect, it } from "vitest";
import { createDb, isNeonUrl } from "../client";
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
