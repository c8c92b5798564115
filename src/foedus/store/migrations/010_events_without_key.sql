-- Version 10: the events table without its primary key.
--
-- The merge rewrites events at every ingest batch (the groups that gained a report), and an event's id is a hash,
-- so each batch touched the key's index at random places: a writer came to hold more of it as the store grew
-- (measured: about 8 MB more held after 32 batches of a writer on a table of 80,000 events than on one without the key,
-- about 24 MB more at 400,000), the one part of a writer's memory left that followed the store's size. And a full merge
-- rebuilt the whole index in memory (a million keys at a million events).
-- The key guarded what the merge already ensures: only the merge writes events, and it settles ids to be unique
-- (`foedus.coding.merge`: clashing hashes are salted, and a pending merge that would reuse an id held by an event of
-- another group merges the whole store instead). The one point reader, an event's page, finds an event by its id in
-- a few milliseconds by scanning the id column (2 ms with the key, 4 ms without, at a million events).
-- Existing rows are kept, in the same order.

CREATE TABLE events_v10 (
    event_id         VARCHAR NOT NULL,
    date             DATE,
    date_precision   VARCHAR NOT NULL,
    source_code      VARCHAR,
    source_name      VARCHAR,
    source_country   VARCHAR,
    source_org       VARCHAR,
    source_role      VARCHAR,
    target_code      VARCHAR,
    target_name      VARCHAR,
    target_country   VARCHAR,
    target_org       VARCHAR,
    target_role      VARCHAR,
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
    location_name    VARCHAR,
    location_country VARCHAR,
    location_lat     DOUBLE,
    location_lon     DOUBLE,
    mentions         INTEGER NOT NULL,
    sources          INTEGER NOT NULL,
    documents        INTEGER NOT NULL,
    source_key       VARCHAR,
    target_key       VARCHAR,
    outlets          VARCHAR[],
    location_level   VARCHAR
);
INSERT INTO events_v10 SELECT
    event_id, date, date_precision, source_code, source_name, source_country, source_org, source_role,
    target_code, target_name, target_country, target_org, target_role, cameo, root, quad_class, goldstein,
    plover_type, plover_mode, plover_context, negated, modality, claimed_by_code, claimed_by_name,
    location_name, location_country, location_lat, location_lon, mentions, sources, documents,
    source_key, target_key, outlets, location_level
FROM events;
DROP TABLE events;
ALTER TABLE events_v10 RENAME TO events;
