-- What drizzle cannot express: the spec's updated_at function and its seven triggers,
-- get_user_event_stats made safe, and what the flynn_app role may do.

CREATE OR REPLACE FUNCTION update_updated_at_column()
RETURNS TRIGGER AS $$
BEGIN
  NEW.updated_at = NOW();
  RETURN NEW;
END;
$$ language 'plpgsql';
--> statement-breakpoint
CREATE TRIGGER update_users_updated_at BEFORE UPDATE ON users FOR EACH ROW EXECUTE PROCEDURE update_updated_at_column();
--> statement-breakpoint
CREATE TRIGGER update_calls_updated_at BEFORE UPDATE ON calls FOR EACH ROW EXECUTE PROCEDURE update_updated_at_column();
--> statement-breakpoint
CREATE TRIGGER update_events_updated_at BEFORE UPDATE ON events FOR EACH ROW EXECUTE PROCEDURE update_updated_at_column();
--> statement-breakpoint
CREATE TRIGGER update_calendar_integrations_updated_at BEFORE UPDATE ON calendar_integrations FOR EACH ROW EXECUTE PROCEDURE update_updated_at_column();
--> statement-breakpoint
CREATE TRIGGER update_email_templates_updated_at BEFORE UPDATE ON email_templates FOR EACH ROW EXECUTE PROCEDURE update_updated_at_column();
--> statement-breakpoint
CREATE TRIGGER update_industry_configurations_updated_at BEFORE UPDATE ON industry_configurations FOR EACH ROW EXECUTE PROCEDURE update_updated_at_column();
--> statement-breakpoint
CREATE TRIGGER update_phone_numbers_updated_at BEFORE UPDATE ON phone_numbers FOR EACH ROW EXECUTE PROCEDURE update_updated_at_column();
--> statement-breakpoint
-- The spec's signature and result columns. Unlike the spec's SECURITY DEFINER version (which
-- let anyone read anyone's figures) it runs with the caller's rights, so row-level security
-- applies, and it refuses outright an id other than the signed-in user's. Server code running
-- as the owner with no user set (the worker, reports) may ask for any user.
CREATE OR REPLACE FUNCTION get_user_event_stats(user_uuid UUID)
RETURNS TABLE (
  total_events BIGINT,
  pending_events BIGINT,
  confirmed_events BIGINT,
  completed_events BIGINT,
  conversion_rate DECIMAL
) AS $$
BEGIN
  IF (auth.uid() IS NOT NULL OR current_user = 'flynn_app') AND user_uuid IS DISTINCT FROM auth.uid() THEN
    RAISE EXCEPTION 'get_user_event_stats: permission denied for the statistics of another user'
      USING ERRCODE = 'insufficient_privilege';
  END IF;

  RETURN QUERY
  SELECT
    COUNT(*)::BIGINT as total_events,
    COUNT(*) FILTER (WHERE status = 'pending')::BIGINT as pending_events,
    COUNT(*) FILTER (WHERE status = 'confirmed')::BIGINT as confirmed_events,
    COUNT(*) FILTER (WHERE status = 'completed')::BIGINT as completed_events,
    CASE
      WHEN COUNT(*) > 0 THEN
        ROUND(COUNT(*) FILTER (WHERE status IN ('confirmed', 'completed'))::DECIMAL / COUNT(*)::DECIMAL * 100, 2)
      ELSE 0
    END as conversion_rate
  FROM events
  WHERE user_id = user_uuid;
END;
$$ LANGUAGE plpgsql STABLE SECURITY INVOKER SET search_path = public, pg_temp;
--> statement-breakpoint
REVOKE ALL ON FUNCTION get_user_event_stats(UUID) FROM PUBLIC;
--> statement-breakpoint
GRANT EXECUTE ON FUNCTION get_user_event_stats(UUID) TO flynn_app;
--> statement-breakpoint
-- flynn_app: what the dashboard needs, nothing more. Row-level security decides which rows.
GRANT USAGE ON SCHEMA public TO flynn_app;
--> statement-breakpoint
-- Users read their profile and edit only its user-editable fields; id, email, subscription
-- and activation are changed by the server alone. Accounts are created and deleted by
-- better-auth, which runs as the owner.
GRANT SELECT ON users TO flynn_app;
--> statement-breakpoint
GRANT UPDATE (full_name, company_name, industry_type, phone_number, timezone, settings, image) ON users TO flynn_app;
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE, DELETE ON
  phone_numbers, calls, events, calendar_integrations, email_templates, communication_logs, industry_configurations
  TO flynn_app;
--> statement-breakpoint
-- The audit trail is written by the server only.
GRANT SELECT ON audit_logs TO flynn_app;
