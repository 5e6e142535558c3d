// Input schemas and rules of this domain, shared by the API and the dashboard.
import { z } from "zod";

export const statsOverviewInputSchema = z
  .object({
    /** Length of the period, in the user's local days, today included. */
    days: z.number().int().min(1).max(365).default(30),
  })
  // `stats.overview()` with no input at all means the default period.
  .prefault({});
export type StatsOverviewInput = z.output<typeof statsOverviewInputSchema>;
