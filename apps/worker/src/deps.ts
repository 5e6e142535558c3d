import type { Db } from "@flynn/db/client";
import type { Mailer } from "@flynn/email";

/** What the jobs need, built once by main.ts (and by tests, with their own database and mailer). */
export interface WorkerDeps {
  db: Db;
  mailer: Mailer;
  /** The dashboard's address, for links in emails. */
  webUrl: string;
  /** The clock; tests pass a fixed one. */
  now: () => Date;
}
