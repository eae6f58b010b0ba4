-- Every process keeps hot reference data in memory (API keys, rating-model versions, the loaded KEV catalog) so a
-- rating needs no query. A committed change to one of those tables is announced on the uw_changes channel, with
-- the table's name as payload, so every process drops what it holds of that table; PostgreSQL delivers a
-- notification only on commit, and one per distinct payload per transaction, however many rows changed.
CREATE OR REPLACE FUNCTION announce_table_change() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('uw_changes', TG_TABLE_NAME);
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER api_keys_announce_change
  AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON api_keys
  FOR EACH STATEMENT EXECUTE FUNCTION announce_table_change();
--> statement-breakpoint
CREATE TRIGGER organizations_announce_change
  AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON organizations
  FOR EACH STATEMENT EXECUTE FUNCTION announce_table_change();
--> statement-breakpoint
CREATE TRIGGER rating_models_announce_change
  AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON rating_models
  FOR EACH STATEMENT EXECUTE FUNCTION announce_table_change();
--> statement-breakpoint
CREATE TRIGGER vulnerability_catalogs_announce_change
  AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON vulnerability_catalogs
  FOR EACH STATEMENT EXECUTE FUNCTION announce_table_change();
--> statement-breakpoint
CREATE TRIGGER kev_entries_announce_change
  AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON kev_entries
  FOR EACH STATEMENT EXECUTE FUNCTION announce_table_change();
