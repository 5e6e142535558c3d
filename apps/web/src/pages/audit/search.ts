/**
 * The audit log's filters in the URL (`/audit?resource=event&from=2026-01-01&to=2026-01-31`,
 * or `?resourceId=<uuid>` for one record's history). Days are the business's, both included.
 * Part of the first download, so only shapes are checked here; the page narrows `resource`
 * and `actor` to the known values.
 */
import { searchDay, searchText } from "../../lib/search-params";

export interface AuditSearch {
  resource?: string;
  actor?: string;
  resourceId?: string;
  from?: string;
  to?: string;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function validateAuditSearch(search: Record<string, unknown>): AuditSearch {
  const from = searchDay(search.from);
  const to = searchDay(search.to);
  const resourceId = searchText(search.resourceId, 36);
  return {
    resource: searchText(search.resource, 40),
    actor: searchText(search.actor, 40),
    resourceId: resourceId && UUID.test(resourceId) ? resourceId : undefined,
    from,
    // A range that ends before it starts keeps its start.
    to: to && (!from || to >= from) ? to : undefined,
  };
}
