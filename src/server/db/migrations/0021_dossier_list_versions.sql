-- The queue pages' cache (src/server/modules/dossiers/queue-cache.ts): a commune's list version moves whenever one of
-- its dossiers (as the competent commune or as the receiving one) is written, by any writer (the server, a CLI
-- command, psql). A server keeps recent pages with the version read before their rows and serves one again only
-- while the version it reads is the same, so it never serves a page older than the last committed change, whichever
-- instance made it.
-- Versions come from one sequence: never reused, even after a TRUNCATE or a restore.
CREATE SEQUENCE "dossier_list_version_seq";--> statement-breakpoint
CREATE TABLE "dossier_list_versions" (
  "commune_code" text PRIMARY KEY,
  "version" bigint NOT NULL,
  -- The transaction that moved it last: a transaction moves a commune's version once.
  "xid" xid8 NOT NULL
);--> statement-breakpoint
-- 1. Each statement that writes dossiers adds the communes it touched to the transaction's list (a setting local to
-- the transaction: no lock is taken here).
CREATE OR REPLACE FUNCTION xaso_dossier_lists_touched() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  touched text[];
BEGIN
  IF TG_OP = 'INSERT' THEN
    SELECT array_agg(c) INTO touched FROM (
      SELECT commune_code AS c FROM new_rows UNION SELECT receiving_commune_code FROM new_rows) s;
  ELSIF TG_OP = 'UPDATE' THEN
    SELECT array_agg(c) INTO touched FROM (
      SELECT commune_code AS c FROM new_rows UNION SELECT receiving_commune_code FROM new_rows
      UNION SELECT commune_code FROM old_rows UNION SELECT receiving_commune_code FROM old_rows) s;
  ELSE
    SELECT array_agg(c) INTO touched FROM (
      SELECT commune_code AS c FROM old_rows UNION SELECT receiving_commune_code FROM old_rows) s;
  END IF;
  IF touched IS NOT NULL THEN
    PERFORM set_config('xaso.dossier_lists', array_to_string(ARRAY(
      SELECT DISTINCT c FROM unnest(touched || string_to_array(nullif(current_setting('xaso.dossier_lists', true), ''), ',')) c
      WHERE c IS NOT NULL ORDER BY 1), ','), true);
  END IF;
  RETURN NULL;
END
$$;--> statement-breakpoint
CREATE TRIGGER xaso_dossier_lists_insert AFTER INSERT ON dossiers REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION xaso_dossier_lists_touched();--> statement-breakpoint
CREATE TRIGGER xaso_dossier_lists_update AFTER UPDATE ON dossiers REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION xaso_dossier_lists_touched();--> statement-breakpoint
CREATE TRIGGER xaso_dossier_lists_delete AFTER DELETE ON dossiers REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION xaso_dossier_lists_touched();--> statement-breakpoint
-- 2. At commit (a deferred trigger, after every statement of the transaction), the versions of all the communes
-- touched move at once, in sorted order: the version rows are the last locks a transaction takes and are taken in one
-- order by all, so two transactions writing several communes' dossiers never deadlock on them. Later invocations
-- of the same transaction find the list already moved and do nothing.
CREATE OR REPLACE FUNCTION xaso_dossier_lists_move() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  touched text := nullif(current_setting('xaso.dossier_lists', true), '');
BEGIN
  IF touched IS NULL OR touched = current_setting('xaso.dossier_lists_moved', true) THEN
    RETURN NULL;
  END IF;
  INSERT INTO dossier_list_versions AS v (commune_code, version, xid)
    SELECT c, nextval('dossier_list_version_seq'), pg_current_xact_id()
    FROM unnest(string_to_array(touched, ',')) c ORDER BY c
    ON CONFLICT (commune_code) DO UPDATE SET version = excluded.version, xid = excluded.xid
    WHERE v.xid IS DISTINCT FROM excluded.xid;
  PERFORM set_config('xaso.dossier_lists_moved', touched, true);
  RETURN NULL;
END
$$;--> statement-breakpoint
CREATE CONSTRAINT TRIGGER xaso_dossier_lists_move AFTER INSERT OR UPDATE OR DELETE ON dossiers
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION xaso_dossier_lists_move();--> statement-breakpoint
-- A TRUNCATE (tests, a restore's cleanup) moves every commune's version at once.
CREATE OR REPLACE FUNCTION xaso_dossier_lists_truncated() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE dossier_list_versions SET version = nextval('dossier_list_version_seq'), xid = pg_current_xact_id();
  RETURN NULL;
END
$$;--> statement-breakpoint
CREATE TRIGGER xaso_dossier_lists_truncate AFTER TRUNCATE ON dossiers
  FOR EACH STATEMENT EXECUTE FUNCTION xaso_dossier_lists_truncated();
