-- The audit trigger of 0005, doing less per row: it runs on every write to user data (each
-- Twilio webhook, each worker step), so it is on the hottest path Flynn has. Same rows as
-- before: the owner lookup now runs only for deletions (the only case where the owner can be
-- gone), and auth.uid() is read once.

CREATE OR REPLACE FUNCTION audit_row_change() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
  resource_type text := TG_ARGV[0];
  owner_column text := TG_ARGV[1];
  hidden text[] := TG_ARGV[2:];
  old_row jsonb := CASE WHEN TG_OP IN ('UPDATE', 'DELETE') THEN to_jsonb(OLD) END;
  new_row jsonb := CASE WHEN TG_OP IN ('INSERT', 'UPDATE') THEN to_jsonb(NEW) END;
  owner uuid;
  actor uuid := auth.uid();
  old_values jsonb;
  new_values jsonb;
  column_name text;
BEGIN
  IF TG_OP = 'UPDATE' THEN
    -- Only what changed; updated_at alone is not a change.
    SELECT jsonb_object_agg(o.key, o.value), jsonb_object_agg(o.key, new_row -> o.key)
      INTO old_values, new_values
      FROM jsonb_each(old_row) o
     WHERE o.key <> 'updated_at' AND o.value IS DISTINCT FROM new_row -> o.key;
    IF old_values IS NULL THEN
      RETURN NULL;
    END IF;
  ELSE
    old_values := old_row - 'updated_at';
    new_values := new_row - 'updated_at';
  END IF;

  FOREACH column_name IN ARRAY hidden LOOP
    IF old_values ? column_name THEN
      old_values := jsonb_set(old_values, ARRAY[column_name], to_jsonb('[hidden]'::text));
    END IF;
    IF new_values ? column_name THEN
      new_values := jsonb_set(new_values, ARRAY[column_name], to_jsonb('[hidden]'::text));
    END IF;
  END LOOP;

  owner := (coalesce(new_row, old_row) ->> owner_column)::uuid;
  -- Only a deletion can leave the owner missing (on insert and update the foreign key, or the
  -- user row itself, proves it exists), so only a deletion pays for the lookup.
  IF TG_OP = 'DELETE' AND owner IS NOT NULL AND NOT EXISTS (SELECT 1 FROM users WHERE id = owner) THEN
    -- The owner is being deleted: its own audit row covers the rows its deletion cascades to.
    IF TG_OP = 'DELETE' AND owner_column <> 'id' THEN
      RETURN NULL;
    END IF;
    -- The user row itself: keep the record, without the link to a user who no longer exists.
    owner := NULL;
  END IF;

  INSERT INTO audit_logs (user_id, action, resource_type, resource_id, old_values, new_values, metadata, ip_address, user_agent)
  VALUES (
    owner,
    resource_type || '.' || CASE TG_OP WHEN 'INSERT' THEN 'created' WHEN 'UPDATE' THEN 'updated' ELSE 'deleted' END,
    resource_type,
    (coalesce(new_row, old_row) ->> 'id')::uuid,
    CASE WHEN TG_OP = 'INSERT' THEN NULL ELSE old_values END,
    CASE WHEN TG_OP = 'DELETE' THEN NULL ELSE new_values END,
    jsonb_build_object(
      'actor', CASE WHEN actor IS NULL THEN 'system' ELSE 'user' END,
      'actor_id', actor,
      'table', TG_TABLE_NAME
    ),
    nullif(current_setting('app.ip_address', true), '')::inet,
    nullif(current_setting('app.user_agent', true), '')
  );
  RETURN NULL;
END;
$$;
