-- FerretDB 1.x on PostgreSQL answers a look-up by _id ({ _id: value }: every
-- read, update and delete of one document) with the SQL condition
--   _jsonb->'_id' @> '"value"'
-- which its own unique btree index on (_jsonb->'_id') cannot serve: every
-- such look-up is a sequential scan of the collection's table (1.7 ms on
-- 5,000 documents, 26 ms on 50,000; docs/performance.md). A GIN index with
-- jsonb_path_ops on the same expression serves @> (0.06 ms, flat; fastupdate
-- off: a pending list of new entries would be scanned in full until vacuumed).
--
-- This event trigger adds that index to every table created in the
-- database (FerretDB creates one per collection, on first use), so the
-- indexes exist before the first document. Install it once, as a superuser,
-- in the database FerretDB uses, before FerretDB creates its collections
-- (for existing ones, run the CREATE INDEX below on each table):
--   psql postgres://…/ferretdb -f .ci/ferretdb-pg-id-index.sql
-- FerretDB does not see it (it lists the indexes of its own metadata), so
-- the app's index checks (store/mongo/ensureIndexes.ts) leave it alone.
CREATE OR REPLACE FUNCTION pass_ferretdb_id_gin() RETURNS event_trigger LANGUAGE plpgsql AS $$
DECLARE
  created record;
BEGIN
  FOR created IN
    SELECT c.oid::regclass AS tbl, c.relname
    FROM pg_event_trigger_ddl_commands() AS d
    JOIN pg_class AS c ON c.oid = d.objid
    WHERE d.command_tag = 'CREATE TABLE' AND c.relkind = 'r'
      AND EXISTS (SELECT 1 FROM pg_attribute AS a WHERE a.attrelid = c.oid AND a.attname = '_jsonb' AND NOT a.attisdropped)
  LOOP
    EXECUTE format('CREATE INDEX IF NOT EXISTS %I ON %s USING gin ((_jsonb -> ''_id'') jsonb_path_ops) WITH (fastupdate = off)', left(created.relname, 50) || '_id_gin', created.tbl);
  END LOOP;
END
$$;

SET client_min_messages = warning;
DROP EVENT TRIGGER IF EXISTS pass_ferretdb_id_gin;
CREATE EVENT TRIGGER pass_ferretdb_id_gin ON ddl_command_end WHEN TAG IN ('CREATE TABLE') EXECUTE FUNCTION pass_ferretdb_id_gin();

-- FerretDB sends `_jsonb->$1 @> $2` as a prepared statement: a generic plan
-- (which PostgreSQL keeps after five runs when the table is still small)
-- does not know $1 is '_id' and cannot use the index; plan each run.
DO $$ BEGIN EXECUTE format('ALTER DATABASE %I SET plan_cache_mode = force_custom_plan', current_database()); END $$;
