-- foedus storage schema, version 1.
-- Applied by foedus.store.db.connect() on a new database; later versions are
-- reached by the numbered files in migrations/ (NNN_description.sql), each run
-- once, in order, inside a transaction, and recorded in schema_info.

CREATE TABLE IF NOT EXISTS schema_info (
    version     INTEGER NOT NULL,
    applied_at  TIMESTAMP NOT NULL DEFAULT current_timestamp
);

-- One row per distinct document content. doc_id is the first 16 hex digits of
-- the SHA-256 of the raw bytes as read (the same content twice is stored once).
CREATE TABLE IF NOT EXISTS documents (
    doc_id            VARCHAR PRIMARY KEY,
    content_hash      VARCHAR NOT NULL,     -- full sha256 of raw bytes
    text_hash         VARCHAR NOT NULL,     -- sha256 of normalised clean text
    path              VARCHAR,              -- path as given at ingest
    source_format     VARCHAR,              -- txt | html | json | jsonl | gz+...
    record_index      INTEGER,              -- position inside a JSON/JSONL file
    url               VARCHAR,
    outlet            VARCHAR,
    outlet_source     VARCHAR NOT NULL,     -- given | inferred | unknown
    title             VARCHAR,
    title_source      VARCHAR NOT NULL,
    published         DATE,
    published_source  VARCHAR NOT NULL,
    author            VARCHAR,
    author_source     VARCHAR NOT NULL,
    language          VARCHAR,
    language_source   VARCHAR NOT NULL,
    raw_text          VARCHAR NOT NULL,     -- the document as read (decoded)
    text              VARCHAR NOT NULL,     -- clean article text; all offsets refer to it
    n_words           INTEGER NOT NULL,
    near_dup_of       VARCHAR,              -- doc_id of the earlier near-duplicate, if any
    near_dup_score    DOUBLE,
    ingested_at       TIMESTAMP NOT NULL DEFAULT current_timestamp,
    parsed_at         TIMESTAMP,            -- NULL until the NLP stages have run
    meta              JSON                  -- any other metadata given
);

-- Files or records that were not stored, with the reason (one run may add many).
CREATE TABLE IF NOT EXISTS rejections (
    path        VARCHAR NOT NULL,
    reason      VARCHAR NOT NULL,
    run_id      VARCHAR NOT NULL,
    rejected_at TIMESTAMP NOT NULL DEFAULT current_timestamp
);

CREATE TABLE IF NOT EXISTS runs (
    run_id      VARCHAR PRIMARY KEY,
    kind        VARCHAR NOT NULL,           -- ingest | recode
    started_at  TIMESTAMP NOT NULL,
    finished_at TIMESTAMP,
    summary     JSON
);

-- Sentences of the clean text with the date that governs each (version 9 drops the key).
CREATE TABLE IF NOT EXISTS sentences (
    doc_id          VARCHAR NOT NULL,
    sent_index      INTEGER NOT NULL,
    start_char      INTEGER NOT NULL,
    end_char        INTEGER NOT NULL,
    text            VARCHAR NOT NULL,
    date            DATE,
    date_precision  VARCHAR NOT NULL,
    date_from       VARCHAR NOT NULL,
    PRIMARY KEY (doc_id, sent_index)
);

-- Token boundaries, so any later annotation can be mapped to exact spans (version 6 drops the key).
CREATE TABLE IF NOT EXISTS tokens (
    doc_id      VARCHAR NOT NULL,
    tok_index   INTEGER NOT NULL,
    start_char  INTEGER NOT NULL,
    end_char    INTEGER NOT NULL,
    sent_index  INTEGER NOT NULL,
    pos         VARCHAR,
    dep         VARCHAR,
    head_index  INTEGER,
    lemma       VARCHAR,
    PRIMARY KEY (doc_id, tok_index)
);

CREATE TABLE IF NOT EXISTS actor_mentions (
    doc_id      VARCHAR NOT NULL,
    start_char  INTEGER NOT NULL,
    end_char    INTEGER NOT NULL,
    text        VARCHAR NOT NULL,
    code        VARCHAR,
    name        VARCHAR,
    country     VARCHAR,
    org         VARCHAR,
    role        VARCHAR,
    entity_id   VARCHAR,
    person      VARCHAR,
    how         VARCHAR NOT NULL,
    label       VARCHAR
);

CREATE TABLE IF NOT EXISTS time_expressions (
    doc_id      VARCHAR NOT NULL,
    start_char  INTEGER NOT NULL,
    end_char    INTEGER NOT NULL,
    text        VARCHAR NOT NULL,
    value       DATE,
    end_value   DATE,
    granularity VARCHAR NOT NULL,
    exact       BOOLEAN NOT NULL,
    how         VARCHAR
);

CREATE TABLE IF NOT EXISTS place_mentions (
    doc_id      VARCHAR NOT NULL,
    start_char  INTEGER NOT NULL,
    end_char    INTEGER NOT NULL,
    text        VARCHAR NOT NULL,
    name        VARCHAR NOT NULL,
    country     VARCHAR,
    lat         DOUBLE,
    lon         DOUBLE,
    place_id    VARCHAR,
    kind        VARCHAR
);

CREATE TABLE IF NOT EXISTS quotes (
    doc_id          VARCHAR NOT NULL,
    sent_index      INTEGER NOT NULL,
    start_char      INTEGER NOT NULL,
    end_char        INTEGER NOT NULL,
    text            VARCHAR NOT NULL,
    kind            VARCHAR NOT NULL,
    speaker_code    VARCHAR,
    speaker_name    VARCHAR,
    speaker_country VARCHAR,
    speaker_text    VARCHAR
);

-- One coded event per sentence-level mention (the evidence); version 9 drops its key and index.
CREATE TABLE IF NOT EXISTS event_mentions (
    mention_id      VARCHAR PRIMARY KEY,   -- doc_id:sent_index:n
    event_id        VARCHAR,               -- merged event this mention belongs to
    doc_id          VARCHAR NOT NULL,
    sent_index      INTEGER NOT NULL,
    sent_start      INTEGER NOT NULL,
    sent_end        INTEGER NOT NULL,
    sentence        VARCHAR NOT NULL,
    date            DATE,
    date_precision  VARCHAR NOT NULL,
    source_code     VARCHAR,
    source_name     VARCHAR,
    source_country  VARCHAR,
    source_org      VARCHAR,
    source_role     VARCHAR,
    source_text     VARCHAR,
    target_code     VARCHAR,
    target_name     VARCHAR,
    target_country  VARCHAR,
    target_org      VARCHAR,
    target_role     VARCHAR,
    target_text     VARCHAR,
    cameo           VARCHAR NOT NULL,
    root            VARCHAR NOT NULL,
    quad_class      INTEGER NOT NULL,      -- 1 verbal coop, 2 material coop, 3 verbal conflict, 4 material conflict
    goldstein       DOUBLE NOT NULL,
    plover_type     VARCHAR,
    plover_mode     VARCHAR,
    plover_context  VARCHAR,
    negated         BOOLEAN NOT NULL,
    modality        VARCHAR NOT NULL,
    claimed_by_code VARCHAR,
    claimed_by_name VARCHAR,
    trigger_start   INTEGER NOT NULL,
    trigger_end     INTEGER NOT NULL,
    trigger_text    VARCHAR NOT NULL,
    pattern_id      VARCHAR NOT NULL,
    location_name   VARCHAR,
    location_country VARCHAR,
    location_lat    DOUBLE,
    location_lon    DOUBLE
);

-- Merged events: the same real event reported in several documents.
CREATE TABLE IF NOT EXISTS events (
    event_id        VARCHAR PRIMARY KEY,
    date            DATE,
    date_precision  VARCHAR NOT NULL,
    source_code     VARCHAR,
    source_name     VARCHAR,
    source_country  VARCHAR,
    source_org      VARCHAR,
    source_role     VARCHAR,
    target_code     VARCHAR,
    target_name     VARCHAR,
    target_country  VARCHAR,
    target_org      VARCHAR,
    target_role     VARCHAR,
    cameo           VARCHAR NOT NULL,
    root            VARCHAR NOT NULL,
    quad_class      INTEGER NOT NULL,
    goldstein       DOUBLE NOT NULL,
    plover_type     VARCHAR,
    plover_mode     VARCHAR,
    plover_context  VARCHAR,
    negated         BOOLEAN NOT NULL,
    modality        VARCHAR NOT NULL,
    claimed_by_code VARCHAR,
    claimed_by_name VARCHAR,
    location_name   VARCHAR,
    location_country VARCHAR,
    location_lat    DOUBLE,
    location_lon    DOUBLE,
    mentions        INTEGER NOT NULL,
    sources         INTEGER NOT NULL,      -- distinct outlets
    documents       INTEGER NOT NULL
);

-- Commitment ledger: pledges and agreements found in the news.
CREATE TABLE IF NOT EXISTS pledges (
    pledge_id    VARCHAR PRIMARY KEY,
    doc_id       VARCHAR NOT NULL,
    sent_index   INTEGER NOT NULL,
    sentence     VARCHAR NOT NULL,
    date         DATE,
    parties      JSON NOT NULL,            -- list of actor codes
    kind         VARCHAR NOT NULL,         -- agreement | declaration | promise | ...
    content      VARCHAR NOT NULL,
    deadline     DATE,
    event_id     VARCHAR
);

-- Analyst overrides of ledger verdicts. Never touched by ingest or recode.
CREATE TABLE IF NOT EXISTS verdict_overrides (
    invocation_key VARCHAR NOT NULL,       -- stable key: treaty:article:invoked_by:date:guarantor
    verdict        VARCHAR NOT NULL,
    note           VARCHAR NOT NULL,
    author         VARCHAR NOT NULL,
    created_at     TIMESTAMP NOT NULL DEFAULT current_timestamp
);

-- MinHash LSH buckets of each document's shingles, for near-duplicate search.
CREATE TABLE IF NOT EXISTS doc_lsh (
    doc_id  VARCHAR NOT NULL,
    band    INTEGER NOT NULL,
    bucket  BIGINT NOT NULL
);
CREATE INDEX IF NOT EXISTS doc_lsh_bucket ON doc_lsh (band, bucket);
CREATE INDEX IF NOT EXISTS event_mentions_doc ON event_mentions (doc_id);
CREATE INDEX IF NOT EXISTS actor_mentions_doc ON actor_mentions (doc_id);
