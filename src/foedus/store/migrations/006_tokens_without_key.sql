-- Version 6: the tokens table without its primary key.
--
-- Tokens are stored only when asked (`foedus ingest --store-tokens`); nothing in foedus reads them back. Their
-- primary key (doc_id, tok_index) was an index kept in memory by every writer, growing with the store (5.4 million
-- rows at 10,000 articles) while nothing looked a token up by it. A document's tokens are written once, in the
-- transaction that stores the document (a document already stored is never analysed again), so the key guarded
-- nothing the writer does not. Existing rows are kept, in the same order.

CREATE TABLE tokens_v6 (
    doc_id      VARCHAR NOT NULL,
    tok_index   INTEGER NOT NULL,
    start_char  INTEGER NOT NULL,
    end_char    INTEGER NOT NULL,
    sent_index  INTEGER NOT NULL,
    pos         VARCHAR,
    dep         VARCHAR,
    head_index  INTEGER,
    lemma       VARCHAR
);
INSERT INTO tokens_v6 SELECT doc_id, tok_index, start_char, end_char, sent_index, pos, dep, head_index, lemma
FROM tokens ORDER BY doc_id, tok_index;
DROP TABLE tokens;
ALTER TABLE tokens_v6 RENAME TO tokens;
