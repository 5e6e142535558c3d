-- Inserts are audited once per statement instead of once per row: an AFTER INSERT ... FOR
-- EACH STATEMENT trigger reads the statement's new rows from a transition table and writes
-- their audit rows with one INSERT ... SELECT. A webhook that records a burst of calls in one
-- statement (see incomingCallRecorder) or a worker writing a call's events pays the
-- trigger's fixed cost once. The audit rows are the same as audit_row_change() writes for an
-- insert (values without updated_at, hidden columns as "[hidden]"); updates and deletes keep
-- the per-row trigger, which compares old and new values.

CREATE OR REPLACE FUNCTION audit_rows_inserted() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
  resource_type text := TG_ARGV[0];
  owner_column text := TG_ARGV[1];
  hidden jsonb := coalesce((SELECT jsonb_object_agg(h, '[hidden]') FROM unnest(TG_ARGV[2:]) h), '{}');
  actor uuid := auth.uid();
BEGIN
  INSERT INTO audit_logs (user_id, action, resource_type, resource_id, old_values, new_values, metadata, ip_address, user_agent)
  SELECT (r ->> owner_column)::uuid, resource_type || '.created', resource_type, (r ->> 'id')::uuid, NULL,
         r || hidden,
         jsonb_build_object(
           'actor', CASE WHEN actor IS NULL THEN 'system' ELSE 'user' END,
           'actor_id', actor,
           'table', TG_TABLE_NAME
         ),
         nullif(current_setting('app.ip_address', true), '')::inet,
         nullif(current_setting('app.user_agent', true), '')
  FROM (SELECT to_jsonb(n) - 'updated_at' AS r FROM new_rows n) AS inserted;
  RETURN NULL;
END;
$$;
--> statement-breakpoint
REVOKE ALL ON FUNCTION audit_rows_inserted() FROM PUBLIC;
--> statement-breakpoint
-- Each audited table: the same arguments as its trigger of 0005/0009 (resource type, owner
-- column, hidden columns), now on two triggers.
DO $$
DECLARE
  audited record;
BEGIN
  FOR audited IN
    SELECT * FROM (VALUES
      ('users', ARRAY['user', 'id']),
      ('phone_numbers', ARRAY['phone_number', 'user_id']),
      ('calls', ARRAY['call', 'user_id', 'transcription_text']),
      ('events', ARRAY['event', 'user_id']),
      ('calendar_integrations', ARRAY['calendar_integration', 'user_id', 'access_token', 'refresh_token']),
      ('email_templates', ARRAY['email_template', 'user_id']),
      ('industry_configurations', ARRAY['industry_configuration', 'user_id']),
      ('sms_opt_outs', ARRAY['sms_opt_out', 'user_id'])
    ) AS t(table_name, args)
  LOOP
    EXECUTE format('DROP TRIGGER audit_%1$s ON %1$I', audited.table_name);
    EXECUTE format(
      'CREATE TRIGGER audit_%1$s AFTER UPDATE OR DELETE ON %1$I FOR EACH ROW EXECUTE FUNCTION audit_row_change(%2$s)',
      audited.table_name, (SELECT string_agg(quote_literal(a), ', ') FROM unnest(audited.args) a));
    EXECUTE format(
      'CREATE TRIGGER audit_%1$s_inserts AFTER INSERT ON %1$I REFERENCING NEW TABLE AS new_rows '
      'FOR EACH STATEMENT EXECUTE FUNCTION audit_rows_inserted(%2$s)',
      audited.table_name, (SELECT string_agg(quote_literal(a), ', ') FROM unnest(audited.args) a));
  END LOOP;
END;
$$;
