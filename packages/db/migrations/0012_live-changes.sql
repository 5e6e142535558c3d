-- Live updates (ADAPTATION.md, "Realtime"): each committed change to a call or an event is
-- announced on channel flynn_changes as {"table":"calls","op":"update","id":...,"user_id":...};
-- every API process LISTENs once and forwards it to the owner's open dashboards
-- (packages/db/src/changes.ts). The user_id lets the API route a change without a query.
--
-- The worker updates a call several times per call, so this must stay cheap: one pg_notify per
-- changed row, a payload built by concatenation (ids and table names need no escaping), no
-- lookups, and inserts announced once per statement from its transition table (shared with the
-- audit trigger's). Postgres sends a transaction's notifications at commit, and drops
-- duplicates within it, so a rolled-back change is never announced and one transaction that
-- updates a row repeatedly announces it once. Rows without an owner have nobody to tell.

CREATE FUNCTION notify_row_change() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
  changed record;
  op text;
BEGIN
  IF TG_OP = 'DELETE' THEN
    changed := OLD;
    op := 'delete';
  ELSE
    changed := NEW;
    op := 'update';
  END IF;
  IF changed.user_id IS NOT NULL THEN
    PERFORM pg_catalog.pg_notify('flynn_changes',
      '{"table":"' || TG_TABLE_NAME || '","op":"' || op || '","id":"' || changed.id || '","user_id":"' || changed.user_id || '"}');
  END IF;
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE FUNCTION notify_rows_inserted() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_catalog.pg_notify('flynn_changes',
    '{"table":"' || TG_TABLE_NAME || '","op":"insert","id":"' || id || '","user_id":"' || user_id || '"}')
  FROM new_rows WHERE user_id IS NOT NULL;
  RETURN NULL;
END;
$$;
--> statement-breakpoint
REVOKE ALL ON FUNCTION notify_row_change(), notify_rows_inserted() FROM PUBLIC;
--> statement-breakpoint
CREATE TRIGGER notify_calls_changes AFTER UPDATE OR DELETE ON calls
  FOR EACH ROW EXECUTE FUNCTION notify_row_change();
--> statement-breakpoint
CREATE TRIGGER notify_calls_inserts AFTER INSERT ON calls REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION notify_rows_inserted();
--> statement-breakpoint
CREATE TRIGGER notify_events_changes AFTER UPDATE OR DELETE ON events
  FOR EACH ROW EXECUTE FUNCTION notify_row_change();
--> statement-breakpoint
CREATE TRIGGER notify_events_inserts AFTER INSERT ON events REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION notify_rows_inserted();
