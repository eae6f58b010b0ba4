-- An assessment is what the applicant said on a day, and a quote's rating input and pinned model are what its
-- premium was made from: both must still be exactly that when a regulator asks years later, whatever the
-- application does.
CREATE OR REPLACE FUNCTION assessments_refuse_change() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'assessments are immutable: % refused; record a new assessment instead', TG_OP
    USING ERRCODE = 'insufficient_privilege';
END;
$$;
--> statement-breakpoint
CREATE TRIGGER assessments_no_update_or_delete
  BEFORE UPDATE OR DELETE ON assessments
  FOR EACH ROW EXECUTE FUNCTION assessments_refuse_change();
--> statement-breakpoint
CREATE OR REPLACE FUNCTION quotes_keep_rating_basis() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN
    RAISE EXCEPTION 'quotes are never deleted' USING ERRCODE = 'insufficient_privilege';
  END IF;
  IF NEW.rating_input IS DISTINCT FROM OLD.rating_input
     OR NEW.rating_input_hash IS DISTINCT FROM OLD.rating_input_hash
     OR NEW.model_id IS DISTINCT FROM OLD.model_id
     OR NEW.model_version IS DISTINCT FROM OLD.model_version
     OR NEW.model_hash IS DISTINCT FROM OLD.model_hash
     OR NEW.kev_catalog_version IS DISTINCT FROM OLD.kev_catalog_version
     OR NEW.assessment_id IS DISTINCT FROM OLD.assessment_id
     OR NEW.owner_organization_id IS DISTINCT FROM OLD.owner_organization_id THEN
    RAISE EXCEPTION 'a quote''s rating input, pinned model and catalog cannot change'
      USING ERRCODE = 'insufficient_privilege';
  END IF;
  RETURN NEW;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER quotes_rating_basis_fixed
  BEFORE UPDATE OR DELETE ON quotes
  FOR EACH ROW EXECUTE FUNCTION quotes_keep_rating_basis();
