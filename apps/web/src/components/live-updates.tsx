/**
 * Keeps open pages current: subscribes to the signed-in owner's call and event changes
 * (`live.changes`, SSE) and refreshes the queries they affect. Renders nothing.
 * Filled in with the live-updates subscription once the server side lands.
 */
export function LiveUpdates() {
  return null;
}
