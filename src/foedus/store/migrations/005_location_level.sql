-- Version 5: what kind of place a location is.
--
-- place_mentions.level, event_mentions.location_level, events.location_level: the gazetteer's level of the place,
--   one of 'country', 'admin1' (a first-level division: province, oblast, state, governorate), 'city' (a city, town
--   or village) or 'feature' (a region that is no administrative division, a corridor, lake, mountain, river or
--   border crossing); NULL when there is no resolved place. Exports map it to GDELT's Geo_Type and PLOVER's
--   location resolution. foedus.coding.merge carries every location_* column both tables have into the events.
--
-- Existing rows are filled where the stored facts decide it: a place mention's kind gives its level (a GeoNames
-- region was a US state; the curated regions are named by id, as the curated file of version 5 classes them); an event mention takes the level of the place mention of its document with the same
-- name and country, when that is one level; an event takes the level of its mentions at the same location.
-- Anything else stays NULL until `foedus recode`.

ALTER TABLE place_mentions ADD COLUMN level VARCHAR;
ALTER TABLE event_mentions ADD COLUMN location_level VARCHAR;
ALTER TABLE events ADD COLUMN location_level VARCHAR;

UPDATE place_mentions
SET level = CASE
    WHEN kind = 'country' THEN 'country'
    WHEN kind IN ('city', 'town', 'village') THEN 'city'
    WHEN kind IN ('lake', 'corridor', 'mountain', 'river', 'border-crossing') THEN 'feature'
    WHEN kind = 'region' AND place_id LIKE 'geonames-%' THEN 'admin1'
    WHEN kind = 'region' AND place_id IN ('armenia-syunik', 'armenia-gegharkunik', 'armenia-vayots-dzor',
                                          'armenia-tavush', 'azerbaijan-nakhchivan') THEN 'admin1'
    WHEN kind = 'region' AND place_id = 'azerbaijan-nagorno-karabakh' THEN 'feature'
    ELSE NULL
END;

UPDATE event_mentions
SET location_level = p.level
FROM (
    SELECT doc_id, name, country, min(level) AS level
    FROM place_mentions
    WHERE level IS NOT NULL
    GROUP BY doc_id, name, country
    HAVING count(DISTINCT level) = 1
) p
WHERE p.doc_id = event_mentions.doc_id
  AND p.name = event_mentions.location_name
  AND p.country IS NOT DISTINCT FROM event_mentions.location_country;

UPDATE events
SET location_level = m.level
FROM (
    SELECT event_id, location_name, location_country, min(location_level) AS level
    FROM event_mentions
    WHERE event_id IS NOT NULL AND location_level IS NOT NULL
    GROUP BY event_id, location_name, location_country
    HAVING count(DISTINCT location_level) = 1
) m
WHERE m.event_id = events.event_id
  AND m.location_name = events.location_name
  AND m.location_country IS NOT DISTINCT FROM events.location_country;
