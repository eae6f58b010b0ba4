-- The large documents (a rating result with its explanations is about 40 KB, a stored response 45 KB) are
-- compressed out of line by PostgreSQL when stored. Its default method, pglz, cost about 0.8 ms of the server's
-- CPU per quote (measured 2026-12-04, a third of a quote's statement time); lz4 compresses them as small for a
-- fraction of it. A server built without lz4, as the embedded PGlite is, keeps pglz: values compressed either way
-- read back alike, so a database may hold both.
DO $$
BEGIN
  IF 'lz4' = ANY ((SELECT enumvals FROM pg_settings WHERE name = 'default_toast_compression')::text[]) THEN
    ALTER TABLE quotes ALTER COLUMN result SET COMPRESSION lz4, ALTER COLUMN rating_input SET COMPRESSION lz4;
    ALTER TABLE assessments ALTER COLUMN rating SET COMPRESSION lz4, ALTER COLUMN posture SET COMPRESSION lz4;
    ALTER TABLE idempotency_keys ALTER COLUMN response_body SET COMPRESSION lz4;
    ALTER TABLE audit_events ALTER COLUMN canonical SET COMPRESSION lz4,
      ALTER COLUMN "before" SET COMPRESSION lz4, ALTER COLUMN "after" SET COMPRESSION lz4;
  END IF;
END
$$;
