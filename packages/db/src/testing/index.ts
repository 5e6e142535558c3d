/**
 * Test databases: each test file gets its own database, cloned from the migrated template
 * that the globalSetup (`@flynn/db/testing/global-setup`) prepared.
 */
import { randomBytes } from "node:crypto";
import pg from "pg";
import { afterAll, beforeAll, inject } from "vitest";
import { createDb, type Database } from "../client";
import "./provided";
import { withDatabaseUrl } from "./urls";

export { withDatabaseUrl } from "./urls";

export interface TestDatabase extends Database {
  name: string;
  url: string;
  /** Milliseconds the clone took. */
  createdInMs: number;
  /** Closes the pool and drops the database. */
  drop(): Promise<void>;
}

async function admin<T>(adminUrl: string, fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

/** A new, migrated, empty (but for the default rows) database. */
export async function createTestDatabase(): Promise<TestDatabase> {
  const { adminUrl, template } = inject("flynnTestDatabase");
  const name = `${template}_${randomBytes(4).toString("hex")}`;
  const started = performance.now();
  await admin(adminUrl, (c) => c.query(`CREATE DATABASE ${name} TEMPLATE ${template} STRATEGY FILE_COPY`));
  const createdInMs = Math.round(performance.now() - started);
  const url = withDatabaseUrl(adminUrl, name);
  const database = createDb({ url, max: 4 });
  return {
    ...database,
    name,
    url,
    createdInMs,
    drop: async () => {
      await database.close();
      await admin(adminUrl, (c) => c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
    },
  };
}

/** An empty database on the test server, with no migrations applied. */
export async function createEmptyDatabase(): Promise<{ url: string; drop(): Promise<void> }> {
  const { adminUrl, template } = inject("flynnTestDatabase");
  const name = `${template}_empty_${randomBytes(4).toString("hex")}`;
  await admin(adminUrl, (c) => c.query(`CREATE DATABASE ${name}`));
  return {
    url: withDatabaseUrl(adminUrl, name),
    drop: () => admin(adminUrl, (c) => c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)).then(() => {}),
  };
}

/**
 * Registers hooks that give the calling test file its own database for all its tests,
 * and prints how long the clone took. Read `.current` inside tests.
 */
export function useTestDatabase(): { current: TestDatabase } {
  const holder = {} as { current: TestDatabase };
  beforeAll(async () => {
    holder.current = await createTestDatabase();
    console.log(`[db] fresh test database in ${holder.current.createdInMs} ms`);
  });
  afterAll(async () => {
    await holder.current?.drop();
  });
  return holder;
}

export {
  insertCall,
  insertEvent,
  insertPhoneNumber,
  insertUser,
  randomPhoneNumber,
  seedUserGraph,
  type UserGraph,
} from "./fixtures";
