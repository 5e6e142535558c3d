-- sms_opt_outs: users may read and change their customers' consent (RLS limits it to their
-- own rows); the updated_at trigger and the audit trail cover it like the other user tables.
GRANT SELECT, INSERT, UPDATE, DELETE ON sms_opt_outs TO flynn_app;
--> statement-breakpoint
CREATE TRIGGER update_sms_opt_outs_updated_at BEFORE UPDATE ON sms_opt_outs FOR EACH ROW EXECUTE PROCEDURE update_updated_at_column();
--> statement-breakpoint
CREATE TRIGGER audit_sms_opt_outs AFTER INSERT OR UPDATE OR DELETE ON sms_opt_outs
  FOR EACH ROW EXECUTE FUNCTION audit_row_change('sms_opt_out', 'user_id');
