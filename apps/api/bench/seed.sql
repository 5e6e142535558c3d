-- Benchmark data: for every bench user (email like 'bench-%'), 10,000 calls spread over the
-- last 365 days, each with one event. Triggers (audit trail, updated_at) are switched off for
-- the bulk load: this is fixture data, not user activity. Events carry no customer phone or
-- email: those are sealed by the application (ENCRYPTION_KEY), which SQL cannot do, and
-- nothing plaintext may be stored in their place.
SET session_replication_role = replica;

INSERT INTO calls (user_id, twilio_call_sid, caller_number, caller_name, call_status, call_direction, call_duration,
                   ai_processing_status, main_topic, call_summary, urgency_level, transcription_text, created_at, processed_at)
SELECT u.id,
       'CA' || md5(u.id::text || ':' || n),
       '+1555' || lpad((n % 10000000)::text, 7, '0'),
       (ARRAY['Maria Lopez', 'John Smith', 'Aisha Khan', 'Wei Chen', NULL])[1 + n % 5],
       (ARRAY['completed', 'completed', 'completed', 'no_answer', 'busy'])[1 + n % 5],
       'inbound',
       30 + n % 600,
       (ARRAY['completed', 'completed', 'completed', 'failed', 'pending'])[1 + n % 5],
       (ARRAY['Leaking water heater', 'Kitchen sink blocked', 'Quote for bathroom refit', 'Burst pipe in basement', 'Annual boiler service'])[1 + n % 5],
       'Caller reported an issue and agreed a visit. Call number ' || n || '.',
       (ARRAY['low', 'medium', 'medium', 'high', 'emergency'])[1 + n % 5],
       'Hello, this is a transcript of call ' || n || '.',
       now() - (n * interval '52 minutes'),
       now() - (n * interval '52 minutes') + interval '1 minute'
FROM users u
CROSS JOIN generate_series(1, 10000) AS n
WHERE u.email LIKE 'bench-%'
  AND NOT EXISTS (SELECT 1 FROM calls c WHERE c.user_id = u.id);

INSERT INTO events (call_id, user_id, event_type, status, title, proposed_datetime, confirmed_datetime, duration_minutes,
                    location, location_type, customer_name, price_estimate, urgency_level, ai_confidence, created_at)
SELECT c.id, c.user_id,
       (ARRAY['service_call', 'quote', 'emergency', 'follow_up', 'appointment'])[1 + x.n % 5],
       (ARRAY['extracted', 'pending', 'confirmed', 'tentative', 'completed', 'cancelled'])[1 + x.n % 6],
       c.main_topic,
       c.created_at + interval '2 days',
       CASE WHEN x.n % 6 IN (2, 4) THEN c.created_at + interval '2 days' END,
       60 + (x.n % 4) * 30,
       x.n || ' Main Street, Springfield',
       'address',
       c.caller_name,
       (100 + x.n % 900)::numeric(10, 2),
       c.urgency_level,
       0.85,
       c.created_at + interval '1 minute'
FROM calls c
CROSS JOIN LATERAL (SELECT abs(hashtext(c.id::text)) AS n) x
JOIN users u ON u.id = c.user_id
WHERE u.email LIKE 'bench-%'
  AND NOT EXISTS (SELECT 1 FROM events e WHERE e.call_id = c.id);

SET session_replication_role = DEFAULT;
ANALYZE calls;
ANALYZE events;
