-- Version 7: two indexes that no query used, dropped.
--
-- DuckDB keeps every index of a table in memory while a process writes to it, so an index grows the writer's memory
-- with the store (together about 90 keys per article). Neither earned its place:
-- * doc_lsh_bucket: the near-duplicate search joins a batch's buckets against all stored buckets with a hash join,
--   which reads the table whatever its indexes;
-- * actor_mentions_doc: the only reader (the parties of a pledge) now joins the pledges' sentences against the
--   mentions in one query.
-- The rows are untouched.

DROP INDEX IF EXISTS doc_lsh_bucket;
DROP INDEX IF EXISTS actor_mentions_doc;
