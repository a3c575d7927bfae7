-- Read interfaces other areas use instead of the owners' tables (docs/adr/0008-the-house.md):
-- the council publishes who sits where with their names; the file store publishes the type of
-- each stored file. Only `council` touches `council_member`, only `files` touches `stored_file`.
CREATE VIEW council_seat AS
SELECT m.id,
       m.term_id,
       m.person_id,
       m.role,
       m.seat,
       p.full_name
FROM council_member m
JOIN person_name p ON p.id = m.person_id;

CREATE VIEW stored_file_type AS
SELECT sha256, mime, size FROM stored_file;
