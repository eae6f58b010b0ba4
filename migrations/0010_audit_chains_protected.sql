-- A chain's head records its last event, and the append is the only writer: it creates the head with a chain's
-- first events and moves it forward with each append. Refuse anything else at the database level, as the events
-- themselves refuse change, so that deleting a head (which made verification blind to that chain and every later
-- write of its organisation fail) needs the same trigger bypass as forging an event.
CREATE OR REPLACE FUNCTION audit_chains_refuse_change() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'UPDATE' AND NEW.organization_id = OLD.organization_id AND NEW.head_seq > OLD.head_seq THEN
    RETURN NEW;
  END IF;
  RAISE EXCEPTION 'audit_chains heads only move forward: % refused', TG_OP
    USING ERRCODE = 'insufficient_privilege';
END;
$$;
--> statement-breakpoint
CREATE TRIGGER audit_chains_no_delete
  BEFORE DELETE ON audit_chains
  FOR EACH ROW EXECUTE FUNCTION audit_chains_refuse_change();
--> statement-breakpoint
CREATE TRIGGER audit_chains_forward_only
  BEFORE UPDATE ON audit_chains
  FOR EACH ROW EXECUTE FUNCTION audit_chains_refuse_change();
--> statement-breakpoint
CREATE TRIGGER audit_chains_no_truncate
  BEFORE TRUNCATE ON audit_chains
  FOR EACH STATEMENT EXECUTE FUNCTION audit_chains_refuse_change();
