-- A person's grammatical gender, so that every screen and document gives the title that agrees
-- with the person: Alcaldesa, Regidora, Concejala, Secretaria General, Presidenta de la
-- comisión. NULL when not said: titles keep their usual (masculine, generic) wording.
ALTER TABLE person ADD COLUMN gender TEXT CHECK (gender IN ('F', 'M'));

-- The published view gains the gender, so the areas that print titles (council, sessions,
-- norms, copies, plans) read it without touching `person`. `council_seat` (0008) reads this
-- view by name and keeps working once it is created again.
DROP VIEW person_name;
CREATE VIEW person_name AS
SELECT id,
       doc_type,
       doc_number,
       given_names,
       surnames,
       given_names || ' ' || surnames AS full_name,
       gender
FROM person;

-- The council's published seats carry the gender too (comisiones print "Presidenta de la
-- Comisión de …" from it).
DROP VIEW council_seat;
CREATE VIEW council_seat AS
SELECT m.id,
       m.term_id,
       m.person_id,
       m.role,
       m.seat,
       p.full_name,
       p.gender
FROM council_member m
JOIN person_name p ON p.id = m.person_id;
