-- Version 8: what an ingest's merge needs to merge only what changed.
--
-- An ingest merges again only the groups of mentions (dyad, root, polarity, claimant) that hold a mention not yet
-- placed in an event (foedus.coding.merge.merge_pending). Event ids are hashes of what identifies each event; when
-- the hashes of two different identities clash (events that may belong to different groups), the full merge gives
-- the later one a salted hash, and which is "later" is decided over the whole store. The ids involved in such a
-- clash are kept here: while any are, the merge runs over the whole store, so that the ids stay those a full merge
-- gives. (Equal identities belong to one group and are settled within it.)

CREATE TABLE IF NOT EXISTS merge_clashes (
    event_id VARCHAR NOT NULL
);

-- A store merged before this version may hold salted ids that no row here names: its next merge runs over the
-- whole store once, and leaves here what it finds.
INSERT INTO merge_clashes (event_id) VALUES ('*');
