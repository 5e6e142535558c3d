-- "Run again" on a call: a dashboard request (flynn_app) queues the call's process-call job in
-- the transaction that resets the call. flynn_app has no rights on the graphile_worker
-- schema (which belongs to the owner and would let it queue anything, for anyone); this
-- function is its one door, for its own calls only. The job key is the one @flynn/jobs gives
-- (`process-call:<call id>`; a test in @flynn/jobs holds the two to each other).
-- PL/pgSQL resolves graphile_worker.add_job when it runs, so this migration does not need the
-- graphile_worker schema, which the API installs at start.
CREATE OR REPLACE FUNCTION add_user_call_job(
  task_identifier text,
  target_call_id uuid,
  key_mode text DEFAULT 'preserve_run_at',
  run_at timestamptz DEFAULT NULL
) RETURNS void
  LANGUAGE plpgsql
  SECURITY DEFINER
  SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
  IF task_identifier IS DISTINCT FROM 'process-call' THEN
    RAISE EXCEPTION 'a user may not queue the job %', task_identifier USING ERRCODE = '42501';
  END IF;
  -- auth.uid() is the request's user (withUser); NULL, or someone else's call, finds nothing.
  IF NOT EXISTS (SELECT 1 FROM public.calls WHERE id = target_call_id AND user_id = auth.uid()) THEN
    RAISE EXCEPTION 'no call % of the current user', target_call_id USING ERRCODE = '42501';
  END IF;
  PERFORM graphile_worker.add_job(
    task_identifier,
    json_build_object('callId', target_call_id),
    run_at => add_user_call_job.run_at,
    job_key => task_identifier || ':' || target_call_id::text,
    job_key_mode => key_mode
  );
END
$$;
--> statement-breakpoint
REVOKE ALL ON FUNCTION add_user_call_job(text, uuid, text, timestamptz) FROM PUBLIC;
--> statement-breakpoint
GRANT EXECUTE ON FUNCTION add_user_call_job(text, uuid, text, timestamptz) TO flynn_app;
