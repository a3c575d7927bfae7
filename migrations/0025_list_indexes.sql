-- Every list that grows with the years is paged by a key (ADR 0018): sorted in SQL by an index
-- that serves the order, a page reads its rows and stops.

-- People: sorted and searched by a folded key (surnames, given names, document; lower case,
-- without accents: «Álvarez» sorts with «alvarez» and is found by «alvarez»). The same fold as
-- `spanish::fold` in the core, computed by SQLite so that every writer keeps it.
ALTER TABLE person ADD COLUMN name_key TEXT GENERATED ALWAYS AS (lower(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(
    surnames || ' ' || given_names || ' ' || doc_number,
    'Á', 'a'), 'á', 'a'), 'É', 'e'), 'é', 'e'), 'Í', 'i'), 'í', 'i'), 'Ó', 'o'), 'ó', 'o'),
    'Ú', 'u'), 'ú', 'u'), 'Ü', 'u'), 'ü', 'u'), 'Ñ', 'n'), 'ñ', 'n'))) VIRTUAL;
CREATE INDEX person_name_key ON person (name_key);

-- Positions: current first, then newest first; for everyone, one person or one unit.
DROP INDEX position_person;
DROP INDEX position_unit;
CREATE INDEX position_order ON position (end_date IS NULL, start_date);
CREATE INDEX position_person ON position (person_id, end_date IS NULL, start_date);
CREATE INDEX position_unit ON position (unit_id, end_date IS NULL, start_date);

-- Sessions: newest first by date, time and id; for every body or one.
DROP INDEX session_date;
CREATE INDEX session_order ON session (date, time);
CREATE INDEX session_body_order ON session (body_id, date, time);

-- Certified copies: newest first by date and id (a year is a range of it).
CREATE INDEX certified_copy_date ON certified_copy (date);

-- The plans' reports among the printable records: by kind, newest first.
CREATE INDEX plan_report_kind ON plan_report (kind);

-- What was said on an agenda item, in order.
CREATE INDEX intervention_item ON intervention (item_id);

-- Plans: newest first.
CREATE INDEX strategic_plan_order ON strategic_plan (first_year, version);
CREATE INDEX operational_plan_order ON operational_plan (year, kind);

-- Trusted root certificates: by subject.
CREATE INDEX trusted_root_subject ON trusted_root (subject);
