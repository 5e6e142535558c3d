-- The owner's "Sync now" (calendars.resync) and a new calendar connection queue a calendar
-- sync of their upcoming events from a dashboard request (flynn_app), in that request's
-- transaction, as 0013's add_user_call_job does for a call: flynn_app has no rights on the
-- graphile_worker schema, and this function is its door for its own events only (others' ids
-- are skipped). Returns how many jobs it queued. The key is the one @flynn/jobs gives
-- (`sync-calendar-event:<event id>`; a test in @flynn/jobs holds the two to each other).
CREATE OR REPLACE FUNCTION add_user_event_jobs(task_identifier text, target_event_ids uuid[]) RETURNS integer
  LANGUAGE plpgsql
  SECURITY DEFINER
  SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
  queued integer;
BEGIN
  IF task_identifier IS DISTINCT FROM 'sync-calendar-event' THEN
    RAISE EXCEPTION 'a user may not queue the job %', task_identifier USING ERRCODE = '42501';
  END IF;
  PERFORM graphile_worker.add_job(
    task_identifier,
    json_build_object('eventId', e.id),
    job_key => task_identifier || ':' || e.id::text
  )
  FROM public.events e
  WHERE e.id = ANY(target_event_ids) AND e.user_id = auth.uid();
  GET DIAGNOSTICS queued = ROW_COUNT;
  RETURN queued;
END
$$;
--> statement-breakpoint
REVOKE ALL ON FUNCTION add_user_event_jobs(text, uuid[]) FROM PUBLIC;
--> statement-breakpoint
GRANT EXECUTE ON FUNCTION add_user_event_jobs(text, uuid[]) TO flynn_app;
