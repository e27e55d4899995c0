-- Cache invalidation (src/server/db/invalidation.ts): every instance keeps sessions, grants, procedures, the calendar
-- and the administrative map in memory and listens on the channel `xaso_cache`. Triggers on the tables those caches
-- are built from send the notification, so every writer (the server, CLI imports, an administrator's psql)
-- invalidates, and only when its transaction commits (NOTIFY is transactional; identical payloads of one
-- transaction are delivered once). Payload: a topic ("units", "calendar", "procedures", "principal") or
-- "principal:<account id>" (the cached sessions and API tokens of one account).
-- Each trigger also raises the notice `xaso_cache` to the writing session, so that a server that wrote waits until its
-- own listening connection heard the change before it answers (inTransaction): it then reads its own writes.
CREATE OR REPLACE FUNCTION xaso_notify_cache() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('xaso_cache', TG_ARGV[0]);
  RAISE NOTICE 'xaso_cache';
  RETURN NULL;
END
$$;--> statement-breakpoint
-- Row triggers of the principal's tables: TG_ARGV[0] names the column holding the account id.
CREATE OR REPLACE FUNCTION xaso_notify_principal() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP IN ('UPDATE', 'DELETE') THEN
    PERFORM pg_notify('xaso_cache', 'principal:' || (to_jsonb(OLD) ->> TG_ARGV[0]));
  END IF;
  IF TG_OP IN ('INSERT', 'UPDATE') THEN
    PERFORM pg_notify('xaso_cache', 'principal:' || (to_jsonb(NEW) ->> TG_ARGV[0]));
  END IF;
  RAISE NOTICE 'xaso_cache';
  RETURN NULL;
END
$$;--> statement-breakpoint
CREATE OR REPLACE FUNCTION xaso_notify_revision() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('xaso_cache', coalesce(NEW.name, OLD.name));
  RAISE NOTICE 'xaso_cache';
  RETURN NULL;
END
$$;--> statement-breakpoint
-- Sessions: a new session changes nothing cached (logins stay free of notifications); a deleted one (logout, password
-- change, disabling, expiry purge) drops the account's cached sessions.
CREATE TRIGGER xaso_cache_sessions AFTER UPDATE OR DELETE ON sessions
  FOR EACH ROW EXECUTE FUNCTION xaso_notify_principal('account_id');--> statement-breakpoint
CREATE TRIGGER xaso_cache_role_grants AFTER INSERT OR UPDATE OR DELETE ON role_grants
  FOR EACH ROW EXECUTE FUNCTION xaso_notify_principal('account_id');--> statement-breakpoint
-- API tokens: their last use is bookkeeping (written while serving from the cache), not an invalidation.
CREATE TRIGGER xaso_cache_api_tokens
  AFTER UPDATE OF token_hash, account_id, permissions, commune_code, expires_at, revoked_at OR DELETE ON api_tokens
  FOR EACH ROW EXECUTE FUNCTION xaso_notify_principal('account_id');--> statement-breakpoint
CREATE TRIGGER xaso_cache_accounts
  AFTER UPDATE OF username, display_name, status, must_change_password, password_hash OR DELETE ON accounts
  FOR EACH ROW EXECUTE FUNCTION xaso_notify_principal('id');--> statement-breakpoint
CREATE TRIGGER xaso_cache_sessions_truncate AFTER TRUNCATE ON sessions
  FOR EACH STATEMENT EXECUTE FUNCTION xaso_notify_cache('principal');--> statement-breakpoint
CREATE TRIGGER xaso_cache_role_grants_truncate AFTER TRUNCATE ON role_grants
  FOR EACH STATEMENT EXECUTE FUNCTION xaso_notify_cache('principal');--> statement-breakpoint
CREATE TRIGGER xaso_cache_api_tokens_truncate AFTER TRUNCATE ON api_tokens
  FOR EACH STATEMENT EXECUTE FUNCTION xaso_notify_cache('principal');--> statement-breakpoint
CREATE TRIGGER xaso_cache_accounts_truncate AFTER TRUNCATE ON accounts
  FOR EACH STATEMENT EXECUTE FUNCTION xaso_notify_cache('principal');--> statement-breakpoint
-- Procedures and their versions: one notification per statement.
CREATE TRIGGER xaso_cache_procedures AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON procedures
  FOR EACH STATEMENT EXECUTE FUNCTION xaso_notify_cache('procedures');--> statement-breakpoint
CREATE TRIGGER xaso_cache_procedure_versions AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON procedure_versions
  FOR EACH STATEMENT EXECUTE FUNCTION xaso_notify_cache('procedures');--> statement-breakpoint
-- The holiday calendar.
CREATE TRIGGER xaso_cache_calendar_ranges AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON calendar_holiday_ranges
  FOR EACH STATEMENT EXECUTE FUNCTION xaso_notify_cache('calendar');--> statement-breakpoint
CREATE TRIGGER xaso_cache_calendar_make_up AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON calendar_make_up_days
  FOR EACH STATEMENT EXECUTE FUNCTION xaso_notify_cache('calendar');--> statement-breakpoint
-- The administrative map (imports, corrections).
CREATE TRIGGER xaso_cache_provinces AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON provinces
  FOR EACH STATEMENT EXECUTE FUNCTION xaso_notify_cache('units');--> statement-breakpoint
CREATE TRIGGER xaso_cache_communes AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON communes
  FOR EACH STATEMENT EXECUTE FUNCTION xaso_notify_cache('units');--> statement-breakpoint
CREATE TRIGGER xaso_cache_former_units AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON former_units
  FOR EACH STATEMENT EXECUTE FUNCTION xaso_notify_cache('units');--> statement-breakpoint
CREATE TRIGGER xaso_cache_former_unit_targets AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON former_unit_targets
  FOR EACH STATEMENT EXECUTE FUNCTION xaso_notify_cache('units');--> statement-breakpoint
-- The revision counters (bumpRevision) name their topic themselves.
CREATE TRIGGER xaso_cache_data_revisions AFTER INSERT OR UPDATE OR DELETE ON data_revisions
  FOR EACH ROW EXECUTE FUNCTION xaso_notify_revision();
