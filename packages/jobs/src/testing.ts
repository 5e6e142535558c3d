/** Test helpers: the job queue on the calling test file's database. */
import { afterAll, beforeAll } from "vitest";
import { createJobQueue, type JobQueue } from "./queue";

/**
 * Registers hooks that install graphile-worker's schema on the file's test database (from
 * `useTestDatabase()`, registered first) and close the queue after its tests. Read
 * `.current` inside tests.
 */
export function useJobQueue(database: { current: { url: string } }): { current: JobQueue } {
  const holder = {} as { current: JobQueue };
  beforeAll(async () => {
    holder.current = createJobQueue({ connectionString: database.current.url });
    await holder.current.migrate();
  });
  afterAll(async () => {
    await holder.current?.close();
  });
  return holder;
}
