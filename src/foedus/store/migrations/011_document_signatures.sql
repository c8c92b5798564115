-- Version 11: each document's MinHash signature, kept with it.
--
-- The near-duplicate check finds candidates through the stored LSH buckets (`doc_lsh`); before this version each
-- candidate was then verified by reading its text and shingling it again. On news that retells the same events most
-- candidates are far from the threshold (98% of them, traced at 10,000 articles), and that verification grew with the
-- store. With both signatures kept (128 values of 32 bits, 512 bytes a document) a pair is judged first by the share
-- of equal values, an estimate of the same similarity; only pairs the estimate cannot rule out are verified word by
-- word (`foedus.ingest.dedupe.worth_verifying`). Documents stored before this version have no signature (NULL): they
-- are verified as before, and given their signature when their text is first read for that or by a recode
-- (`foedus.store.write.fill_signatures`).

ALTER TABLE documents ADD COLUMN minhash BLOB;
