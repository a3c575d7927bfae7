-- The organisation publishes the names of people as a view: other areas read names through
-- it (attendance lists, signatories, votes) and never touch the `person` table, which only
-- the organisation's store writes and reads (docs/adr/0008-the-house.md).
CREATE VIEW person_name AS
SELECT id,
       doc_type,
       doc_number,
       given_names,
       surnames,
       given_names || ' ' || surnames AS full_name
FROM person;
