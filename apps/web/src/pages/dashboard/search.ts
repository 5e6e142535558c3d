/** The dashboard's period in the URL (`/?days=90`). Part of the first download: keep it tiny. */
import { oneOf } from "../../lib/search-params";

export const PERIODS = [7, 30, 90] as const;
export type Period = (typeof PERIODS)[number];
export const DEFAULT_PERIOD: Period = 30;

export interface DashboardSearch {
  days?: Period;
}

export function validateDashboardSearch(search: Record<string, unknown>): DashboardSearch {
  return { days: oneOf(search.days, PERIODS) };
}
