-- Version 9: the rows written with every article (its sentences and its coded reports) keep no index.
--
-- A writer holds in memory every part of an index it has touched, and an article's keys start with its id, a hash,
-- so they land at random places: over a long ingest a writer came to hold nearly the whole of each such index
-- (about 1 MB more per 1,000 articles stored, the indexes together). Three of them guarded nothing and served no
-- look-up that needs them:
-- * sentences' primary key (doc_id, sent_index), about 24 keys an article: nothing looks a sentence up by it
--   (the merge joins the table whole);
-- * event_mentions' primary key (mention_id) and its index by document (event_mentions_doc): the merge and the
--   exports join or scan the table; the one point reader, a document's page, filters it by document, as it already
--   does the quotes, places and actors of that document, which have no index either.
-- An article's rows are written once, in the transaction that stores the article under the documents' key (which
-- stays), and a recode replaces a document's rows in one transaction, so no key is needed to keep them unique.
-- Existing rows are kept, in the same order.

DROP INDEX IF EXISTS event_mentions_doc;

CREATE TABLE sentences_v9 (
    doc_id          VARCHAR NOT NULL,
    sent_index      INTEGER NOT NULL,
    start_char      INTEGER NOT NULL,
    end_char        INTEGER NOT NULL,
    text            VARCHAR NOT NULL,
    date            DATE,
    date_precision  VARCHAR NOT NULL,
    date_from       VARCHAR NOT NULL
);
INSERT INTO sentences_v9 SELECT doc_id, sent_index, start_char, end_char, text, date, date_precision, date_from
FROM sentences;
DROP TABLE sentences;
ALTER TABLE sentences_v9 RENAME TO sentences;

CREATE TABLE event_mentions_v9 (
    mention_id       VARCHAR NOT NULL,   -- doc_id:sent_index:n
    event_id         VARCHAR,
    doc_id           VARCHAR NOT NULL,
    sent_index       INTEGER NOT NULL,
    sent_start       INTEGER NOT NULL,
    sent_end         INTEGER NOT NULL,
    sentence         VARCHAR NOT NULL,
    date             DATE,
    date_precision   VARCHAR NOT NULL,
    source_code      VARCHAR,
    source_name      VARCHAR,
    source_country   VARCHAR,
    source_org       VARCHAR,
    source_role      VARCHAR,
    source_text      VARCHAR,
    target_code      VARCHAR,
    target_name      VARCHAR,
    target_country   VARCHAR,
    target_org       VARCHAR,
    target_role      VARCHAR,
    target_text      VARCHAR,
    cameo            VARCHAR NOT NULL,
    root             VARCHAR NOT NULL,
    quad_class       INTEGER NOT NULL,
    goldstein        DOUBLE NOT NULL,
    plover_type      VARCHAR,
    plover_mode      VARCHAR,
    plover_context   VARCHAR,
    negated          BOOLEAN NOT NULL,
    modality         VARCHAR NOT NULL,
    claimed_by_code  VARCHAR,
    claimed_by_name  VARCHAR,
    trigger_start    INTEGER NOT NULL,
    trigger_end      INTEGER NOT NULL,
    trigger_text     VARCHAR NOT NULL,
    pattern_id       VARCHAR NOT NULL,
    location_name    VARCHAR,
    location_country VARCHAR,
    location_lat     DOUBLE,
    location_lon     DOUBLE,
    outlet           VARCHAR,
    published        DATE,
    source_key       VARCHAR,
    target_key       VARCHAR,
    target_from      VARCHAR,
    location_level   VARCHAR
);
INSERT INTO event_mentions_v9 SELECT
    mention_id, event_id, doc_id, sent_index, sent_start, sent_end, sentence, date, date_precision,
    source_code, source_name, source_country, source_org, source_role, source_text,
    target_code, target_name, target_country, target_org, target_role, target_text,
    cameo, root, quad_class, goldstein, plover_type, plover_mode, plover_context, negated, modality,
    claimed_by_code, claimed_by_name, trigger_start, trigger_end, trigger_text, pattern_id,
    location_name, location_country, location_lat, location_lon,
    outlet, published, source_key, target_key, target_from, location_level
FROM event_mentions;
DROP TABLE event_mentions;
ALTER TABLE event_mentions_v9 RENAME TO event_mentions;
