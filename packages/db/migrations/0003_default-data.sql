-- System defaults (user_id NULL): readable by every user, changed by no user.
-- Idempotent: each row is inserted only if its default is not there yet.
--
-- Industry configurations: the spec's five (its event types, terminology, durations and
-- flags), with its abbreviated business hours completed to every working day, plus
-- consulting, general_services and other, and reminder settings for all.
INSERT INTO industry_configurations (
  user_id, industry_type, event_types, terminology, default_duration_minutes, business_hours,
  pricing_enabled, location_required, auto_confirm_enabled, reminder_settings
)
SELECT NULL, d.industry_type, d.event_types::jsonb, d.terminology::jsonb, d.default_duration_minutes,
       d.business_hours::jsonb, d.pricing_enabled, d.location_required, false, d.reminder_settings::jsonb
FROM (VALUES
  ('plumbing',
   '["service_call", "quote", "emergency", "follow_up"]',
   '{"appointment": "service call", "meeting": "site visit", "demo": "quote"}',
   90,
   '{"monday": {"start": "08:00", "end": "17:00"}, "tuesday": {"start": "08:00", "end": "17:00"}, "wednesday": {"start": "08:00", "end": "17:00"}, "thursday": {"start": "08:00", "end": "17:00"}, "friday": {"start": "08:00", "end": "17:00"}, "saturday": {"start": "09:00", "end": "15:00"}}',
   true, true,
   '{"enabled": true, "offsets_minutes": [1440, 120], "channels": ["email", "sms"]}'),
  ('real_estate',
   '["meeting", "inspection", "appointment", "follow_up"]',
   '{"service_call": "property showing", "meeting": "client meeting"}',
   60,
   '{"monday": {"start": "09:00", "end": "18:00"}, "tuesday": {"start": "09:00", "end": "18:00"}, "wednesday": {"start": "09:00", "end": "18:00"}, "thursday": {"start": "09:00", "end": "18:00"}, "friday": {"start": "09:00", "end": "18:00"}, "sunday": {"start": "12:00", "end": "17:00"}}',
   false, true,
   '{"enabled": true, "offsets_minutes": [1440, 60], "channels": ["email", "sms"]}'),
  ('legal',
   '["consultation", "meeting", "appointment"]',
   '{"service_call": "consultation", "demo": "case review"}',
   60,
   '{"monday": {"start": "09:00", "end": "17:00"}, "tuesday": {"start": "09:00", "end": "17:00"}, "wednesday": {"start": "09:00", "end": "17:00"}, "thursday": {"start": "09:00", "end": "17:00"}, "friday": {"start": "09:00", "end": "17:00"}}',
   true, false,
   '{"enabled": true, "offsets_minutes": [1440], "channels": ["email"]}'),
  ('medical',
   '["appointment", "consultation", "follow_up", "emergency"]',
   '{"meeting": "appointment", "service_call": "consultation"}',
   30,
   '{"monday": {"start": "08:00", "end": "17:00"}, "tuesday": {"start": "08:00", "end": "17:00"}, "wednesday": {"start": "08:00", "end": "17:00"}, "thursday": {"start": "08:00", "end": "17:00"}, "friday": {"start": "08:00", "end": "17:00"}}',
   false, true,
   '{"enabled": true, "offsets_minutes": [1440, 120], "channels": ["email", "sms"]}'),
  ('sales',
   '["demo", "meeting", "follow_up", "consultation"]',
   '{"service_call": "demo", "appointment": "sales meeting"}',
   45,
   '{"monday": {"start": "09:00", "end": "17:00"}, "tuesday": {"start": "09:00", "end": "17:00"}, "wednesday": {"start": "09:00", "end": "17:00"}, "thursday": {"start": "09:00", "end": "17:00"}, "friday": {"start": "09:00", "end": "17:00"}}',
   false, false,
   '{"enabled": true, "offsets_minutes": [1440, 30], "channels": ["email"]}'),
  ('consulting',
   '["consultation", "meeting", "follow_up"]',
   '{"service_call": "consultation", "appointment": "session", "demo": "discovery call"}',
   60,
   '{"monday": {"start": "09:00", "end": "17:00"}, "tuesday": {"start": "09:00", "end": "17:00"}, "wednesday": {"start": "09:00", "end": "17:00"}, "thursday": {"start": "09:00", "end": "17:00"}, "friday": {"start": "09:00", "end": "17:00"}}',
   true, false,
   '{"enabled": true, "offsets_minutes": [1440, 60], "channels": ["email"]}'),
  ('general_services',
   '["service_call", "appointment", "quote", "follow_up", "emergency"]',
   '{"meeting": "site visit", "demo": "quote"}',
   60,
   '{"monday": {"start": "08:00", "end": "17:00"}, "tuesday": {"start": "08:00", "end": "17:00"}, "wednesday": {"start": "08:00", "end": "17:00"}, "thursday": {"start": "08:00", "end": "17:00"}, "friday": {"start": "08:00", "end": "17:00"}, "saturday": {"start": "09:00", "end": "13:00"}}',
   true, true,
   '{"enabled": true, "offsets_minutes": [1440, 120], "channels": ["email", "sms"]}'),
  ('other',
   '["appointment", "meeting", "consultation", "service_call", "follow_up", "quote", "demo", "inspection", "emergency"]',
   '{}',
   60,
   '{"monday": {"start": "09:00", "end": "17:00"}, "tuesday": {"start": "09:00", "end": "17:00"}, "wednesday": {"start": "09:00", "end": "17:00"}, "thursday": {"start": "09:00", "end": "17:00"}, "friday": {"start": "09:00", "end": "17:00"}}',
   false, false,
   '{"enabled": true, "offsets_minutes": [1440], "channels": ["email"]}')
) AS d(industry_type, event_types, terminology, default_duration_minutes, business_hours,
       pricing_enabled, location_required, reminder_settings)
WHERE NOT EXISTS (
  SELECT 1 FROM industry_configurations c WHERE c.user_id IS NULL AND c.industry_type = d.industry_type
);
--> statement-breakpoint
-- Email templates: the spec's two customer templates, word for word.
INSERT INTO email_templates (user_id, template_name, industry_type, event_type, subject_template, body_template, is_default, variables)
SELECT NULL, d.template_name, d.industry_type, d.event_type, d.subject_template, d.body_template, true, d.variables::jsonb
FROM (VALUES
  ('Service Call Overview', 'plumbing', 'service_call',
   'Service Call Request - {{customer_name}} - {{event_date}}',
   'Hi, I received your call about {{main_topic}}. I have scheduled a {{event_type}} for {{event_datetime}} at {{location}}. Please confirm if this works for you.',
   '{"customer_name": "", "main_topic": "", "event_type": "", "event_datetime": "", "location": ""}'),
  ('Property Showing', 'real_estate', 'meeting',
   'Property Showing - {{location}} - {{event_date}}',
   'Thank you for your interest in {{location}}. I have scheduled a showing for {{event_datetime}}. Looking forward to meeting you!',
   '{"location": "", "event_datetime": ""}')
) AS d(template_name, industry_type, event_type, subject_template, body_template, variables)
WHERE NOT EXISTS (
  SELECT 1 FROM email_templates t WHERE t.user_id IS NULL AND t.template_name = d.template_name
);
--> statement-breakpoint
-- The owner's call overview, one default per event type (any industry).
INSERT INTO email_templates (user_id, template_name, industry_type, event_type, subject_template, body_template, is_default, variables)
SELECT NULL,
       'Call Overview: ' || d.label,
       NULL,
       d.event_type,
       d.subject_lead || ' - {{customer_name}} - {{event_date}}',
       'New ' || lower(d.label) || ' from {{customer_name}} ({{customer_phone}}).' || E'\n\n'
         || 'Topic: {{main_topic}}' || E'\n'
         || 'When: {{event_datetime}} ({{duration_minutes}} min)' || E'\n'
         || 'Where: {{location}}' || E'\n'
         || 'Urgency: {{urgency_level}}' || E'\n\n'
         || '{{call_summary}}' || E'\n\n'
         || 'Confirm or change it in Flynn: {{event_url}}',
       true,
       '{"customer_name": "the caller", "customer_phone": "", "main_topic": "", "event_date": "", "event_datetime": "time to be agreed", "duration_minutes": "", "location": "to be agreed", "urgency_level": "medium", "call_summary": "", "event_url": ""}'::jsonb
FROM (VALUES
  ('service_call', 'Service Call', 'Service call request'),
  ('meeting', 'Meeting', 'Meeting request'),
  ('appointment', 'Appointment', 'Appointment request'),
  ('demo', 'Demo', 'Demo request'),
  ('follow_up', 'Follow-up', 'Follow-up needed'),
  ('quote', 'Quote', 'Quote request'),
  ('consultation', 'Consultation', 'Consultation request'),
  ('inspection', 'Inspection', 'Inspection request'),
  ('emergency', 'Emergency', 'EMERGENCY')
) AS d(event_type, label, subject_lead)
WHERE NOT EXISTS (
  SELECT 1 FROM email_templates t WHERE t.user_id IS NULL AND t.template_name = 'Call Overview: ' || d.label
);
