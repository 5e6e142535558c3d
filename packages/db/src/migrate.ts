import path from "node:path";
import { fileURLToPath } from "node:url";
import { migrate } from "drizzle-orm/node-postgres/migrator";
import { createDb } from "./client";

export const MIGRATIONS_FOLDER = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../migrations");

/**
 * Applies the committed migrations (drizzle-kit's and the custom SQL ones) in order.
 * Already-applied migrations are skipped, so a second run changes nothing.
 */
export async function runMigrations(url: string): Promise<void> {
  const { db, close } = createDb({ url, max: 1 });
  try {
    await migrate(db, { migrationsFolder: MIGRATIONS_FOLDER });
  } finally {
    await close();
  }
}
