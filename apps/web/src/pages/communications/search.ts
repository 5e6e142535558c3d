/**
 * The communications log's filters in the URL (`/communications?type=email&status=failed&q=smith`).
 * Part of the first download, so only shapes are checked here; the page narrows `type` and
 * `status` to the known values.
 */
import { searchText } from "../../lib/search-params";

export interface CommunicationsSearch {
  type?: string;
  status?: string;
  /** Part of the recipient or the subject. */
  q?: string;
}

export function validateCommunicationsSearch(search: Record<string, unknown>): CommunicationsSearch {
  return { type: searchText(search.type, 40), status: searchText(search.status, 40), q: searchText(search.q) };
}
