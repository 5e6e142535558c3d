-- What happens after an event changes (issue 7): calendars, customer confirmations, reminders.
--
-- 1. events.calendar_sequence counts the changes a calendar shows (iCalendar SEQUENCE). The
--    sealed contact columns get a new IV whenever they are written, so their keyed hashes
--    stand in for them here: re-saving the same phone number is not a change.
CREATE FUNCTION bump_calendar_sequence() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF (NEW.title, NEW.description, NEW.status, NEW.event_type, NEW.proposed_datetime, NEW.confirmed_datetime,
      NEW.duration_minutes, NEW.location, NEW.location_type, NEW.customer_name, NEW.customer_phone_hash,
      NEW.customer_email_hash, NEW.price_estimate, NEW.currency, NEW.notes)
     IS DISTINCT FROM
     (OLD.title, OLD.description, OLD.status, OLD.event_type, OLD.proposed_datetime, OLD.confirmed_datetime,
      OLD.duration_minutes, OLD.location, OLD.location_type, OLD.customer_name, OLD.customer_phone_hash,
      OLD.customer_email_hash, OLD.price_estimate, OLD.currency, OLD.notes) THEN
    NEW.calendar_sequence := OLD.calendar_sequence + 1;
  ELSE
    NEW.calendar_sequence := OLD.calendar_sequence;
  END IF;
  RETURN NEW;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER bump_events_calendar_sequence BEFORE UPDATE ON events
  FOR EACH ROW EXECUTE FUNCTION bump_calendar_sequence();
--> statement-breakpoint
-- 2. Every change to an event that is (or was) confirmed, tentative, cancelled or completed
--    queues one `event-changed` job (its key collapses bursts: a bulk edit is one job per event).
--    The worker's planner then decides, in TypeScript, what follows: the calendar copies, the
--    customer's confirmation, the reminders. Whatever path changed the row (a dashboard
--    request as flynn_app, the worker's auto-confirm), nothing is forgotten, and a rolled-back
--    change queues nothing. Events just extracted from a call (the worker's hot path) return
--    at the first test. PL/pgSQL resolves graphile_worker.add_job when it runs (the API and
--    the worker install that schema at start; the test template has it too).
CREATE FUNCTION queue_event_changed() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
BEGIN
  IF NEW.user_id IS NULL THEN
    RETURN NULL;
  END IF;
  IF TG_OP = 'UPDATE' AND NEW.calendar_sequence = OLD.calendar_sequence THEN
    RETURN NULL;
  END IF;
  IF NEW.status NOT IN ('confirmed', 'tentative', 'cancelled', 'completed')
     AND (TG_OP = 'INSERT' OR OLD.status NOT IN ('confirmed', 'tentative', 'cancelled', 'completed')) THEN
    RETURN NULL;
  END IF;
  PERFORM graphile_worker.add_job(
    'event-changed',
    json_build_object('eventId', NEW.id),
    job_key => 'event-changed:' || NEW.id::text,
    job_key_mode => 'replace'
  );
  RETURN NULL;
END;
$$;
--> statement-breakpoint
REVOKE ALL ON FUNCTION queue_event_changed(), bump_calendar_sequence() FROM PUBLIC;
--> statement-breakpoint
CREATE TRIGGER queue_events_changed AFTER INSERT OR UPDATE ON events
  FOR EACH ROW EXECUTE FUNCTION queue_event_changed();
--> statement-breakpoint
-- 3. The calendar feed: users manage their own (RLS), audited like the other user tables,
--    with the token hidden from the trail.
GRANT SELECT, INSERT, UPDATE, DELETE ON calendar_feeds TO flynn_app;
--> statement-breakpoint
CREATE TRIGGER audit_calendar_feeds AFTER UPDATE OR DELETE ON calendar_feeds
  FOR EACH ROW EXECUTE FUNCTION audit_row_change('calendar_feed', 'user_id', 'token', 'token_hash');
--> statement-breakpoint
CREATE TRIGGER audit_calendar_feeds_inserts AFTER INSERT ON calendar_feeds REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION audit_rows_inserted('calendar_feed', 'user_id', 'token', 'token_hash');
--> statement-breakpoint
-- 4. Customers' contact details are sealed now; the audit trail records that they changed,
--    never their values (sealed or hashed).
DROP TRIGGER audit_events ON events;
--> statement-breakpoint
DROP TRIGGER audit_events_inserts ON events;
--> statement-breakpoint
CREATE TRIGGER audit_events AFTER UPDATE OR DELETE ON events FOR EACH ROW
  EXECUTE FUNCTION audit_row_change('event', 'user_id', 'customer_phone', 'customer_email', 'customer_phone_hash', 'customer_email_hash');
--> statement-breakpoint
CREATE TRIGGER audit_events_inserts AFTER INSERT ON events REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION audit_rows_inserted('event', 'user_id', 'customer_phone', 'customer_email', 'customer_phone_hash', 'customer_email_hash');
