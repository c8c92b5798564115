-- Version 3: where an event mention's target comes from.
--
-- event_mentions.target_from: NULL when the target is named in the mention's own sentence; 'story' when the
--   sentence names none and the target is the source's counterpart in the document (see
--   foedus.coding.coder.EventCoder._story_targets). Analysts who want only targets the sentence states filter
--   on it; the events export carries it in each piece of evidence.

ALTER TABLE event_mentions ADD COLUMN target_from VARCHAR;
