-- Version 2: columns the dashboard filters and groups on, stored with the rows
-- instead of being computed (or joined) for every row of every query.
--
-- event_mentions.outlet / published: the outlet and publication date of the
--   mention's own document (a near-duplicate copy keeps its own outlet).
-- *_key: the country-level actor key, the organisation if the actor has one,
--   else its ISO3 country; the same definition as
--   foedus.analysis.filters.actor_key, and NULL when neither is known.
-- events.outlets: sorted distinct outlets of the documents that report the
--   event (empty list when none is known).
--
-- Existing rows are filled here; foedus.jobs.rows and foedus.coding.merge fill
-- them for every row written afterwards.

ALTER TABLE event_mentions ADD COLUMN outlet VARCHAR;
ALTER TABLE event_mentions ADD COLUMN published DATE;
ALTER TABLE event_mentions ADD COLUMN source_key VARCHAR;
ALTER TABLE event_mentions ADD COLUMN target_key VARCHAR;

UPDATE event_mentions
SET source_key = coalesce(source_org, source_country),
    target_key = coalesce(target_org, target_country);

UPDATE event_mentions
SET outlet = d.outlet, published = d.published
FROM documents d
WHERE d.doc_id = event_mentions.doc_id;

ALTER TABLE events ADD COLUMN source_key VARCHAR;
ALTER TABLE events ADD COLUMN target_key VARCHAR;
ALTER TABLE events ADD COLUMN outlets VARCHAR[];

UPDATE events
SET source_key = coalesce(source_org, source_country),
    target_key = coalesce(target_org, target_country),
    outlets = []::VARCHAR[];

UPDATE events
SET outlets = o.outlets
FROM (
    SELECT event_id, list_sort(list(DISTINCT outlet)) AS outlets
    FROM event_mentions
    WHERE event_id IS NOT NULL AND outlet IS NOT NULL
    GROUP BY event_id
) o
WHERE o.event_id = events.event_id;
