-- Supabase's auth.uid() and the role dashboard requests run as (see ADAPTATION.md).
-- Runs before the tables because their row-level-security policies call auth.uid().

CREATE SCHEMA IF NOT EXISTS auth;
--> statement-breakpoint
-- The signed-in user of the current transaction, set by withUser() with
-- set_config('app.user_id', <uuid>, true); NULL when no user is set.
CREATE OR REPLACE FUNCTION auth.uid() RETURNS uuid
  LANGUAGE sql STABLE
  AS $$ SELECT nullif(current_setting('app.user_id', true), '')::uuid $$;
--> statement-breakpoint
-- Roles are global to the cluster, so create it only if absent, and tolerate a concurrent
-- migration of another database creating it at the same moment.
DO $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'flynn_app') THEN
    BEGIN
      CREATE ROLE flynn_app NOLOGIN;
    EXCEPTION WHEN duplicate_object OR unique_violation THEN
      NULL;
    END;
  END IF;
END
$$;
--> statement-breakpoint
-- The migrating (owner) role must be able to SET ROLE flynn_app. A superuser already can;
-- on managed Postgres (Neon) the owner created the role and grants it to itself.
DO $$
BEGIN
  IF NOT pg_has_role(current_user, 'flynn_app', 'MEMBER') THEN
    EXECUTE format('GRANT flynn_app TO %I', current_user);
  END IF;
END
$$;
--> statement-breakpoint
GRANT USAGE ON SCHEMA auth TO flynn_app;
--> statement-breakpoint
GRANT EXECUTE ON FUNCTION auth.uid() TO flynn_app;
