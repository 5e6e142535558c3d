import type { Db } from "@flynn/db/client";
import type { Mailer } from "@flynn/email";
import type { Extractor } from "@flynn/extraction";

/** What the jobs need, built once by main.ts (and by tests, with their own database and mailer). */
export interface WorkerDeps {
  db: Db;
  mailer: Mailer;
  /** Reads a call's transcript into its overview and events (the rules extractor for now). */
  extractor: Extractor;
  /** The dashboard's address, for links in emails. */
  webUrl: string;
  /** The clock; tests pass a fixed one. */
  now: () => Date;
}
