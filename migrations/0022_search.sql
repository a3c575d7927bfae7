-- Full-text search over the registry: every norm (drafts included, for the Secretaría) and
-- every acta, in one FTS5 index kept by triggers, so the index is written in the same
-- transaction as the record whatever code path writes it (editor, sealing, import).
-- See docs/adr/0020-search.md.

-- The number a norm took from its series (012 in "ORDENANZA N° 012-2019-MDSRQ"), so that an
-- identifier typed loosely ("ord 12 2019") is found by number rather than by text; and the text
-- of a norm whose content is a document rather than Cabildo's structured fields (a norm brought
-- in from the municipality's history: its PDF/DOCX text layer).
ALTER TABLE norm ADD COLUMN number INTEGER CHECK (number IS NULL OR number > 0);
ALTER TABLE norm ADD COLUMN document_text TEXT;

DROP TRIGGER norm_sealed_no_update;
UPDATE norm SET number = (SELECT a.number FROM numbering_assignment a WHERE a.id = norm.assignment_id)
 WHERE assignment_id IS NOT NULL;
CREATE TRIGGER norm_sealed_no_update BEFORE UPDATE ON norm WHEN OLD.sealed_at IS NOT NULL
BEGIN SELECT RAISE(ABORT, 'la norma está sellada y no se puede modificar; registre una corrección'); END;

CREATE INDEX norm_number ON norm (number, date) WHERE number IS NOT NULL;
CREATE INDEX norm_date ON norm (date, id);

-- What the search may filter norms by, published by the norms area (the owner of `norm`).
CREATE VIEW norm_facet AS
SELECT id, kind, series, date, issuer, number, identifier, title,
       CASE WHEN sealed_at IS NULL THEN 'borrador' ELSE 'sellada' END AS status
  FROM norm;

-- One row per searchable record. The rowid orders the index newest first and names the record:
--   days since 1900-01-01 of its date × 10⁹ + source × 10⁸ + the record's id
-- (source 1: norm, 2: acta by its session's id), so a page is a rowid range read in index order
-- (FTS5 walks its doclists by rowid; `ORDER BY rowid DESC LIMIT n` stops after n rows) and a
-- date range is a rowid range.
--   ident: the identifier and the kind ("ORDENANZA N° 012-2019-MDSRQ ordenanza")
--   title: what it is about
--   body:  every other word of it (vistos, considerandos, articles, literales, signatories,
--          the acta's text, a document's text layer)
-- unicode61 with remove_diacritics 2 folds case and accents ("desague" finds "desagüe");
-- prefix indexes keep "desag*" fast.
CREATE VIRTUAL TABLE search_text USING fts5(
    ident, title, body,
    tokenize = 'unicode61 remove_diacritics 2',
    prefix = '3'
);

-- What the index holds of each norm: one definition, read by the triggers and the backfill.
CREATE VIEW norm_search_source AS
SELECT id,
       CAST(julianday(date) - 2415020.5 AS INTEGER) * 1000000000 + 100000000 + id AS search_rowid,
       coalesce(identifier, '') || ' ' || kind AS ident,
       title,
       concat_ws(char(10),
           issuer,
           (SELECT group_concat(value, char(10)) FROM json_tree(vistos) WHERE type = 'text'),
           (SELECT group_concat(value, char(10)) FROM json_tree(considerandos) WHERE type = 'text'),
           preamble,
           (SELECT group_concat(value, char(10)) FROM json_tree(articles) WHERE type = 'text'),
           (SELECT group_concat(value, char(10)) FROM json_tree(signatories) WHERE key = 'name'),
           document_text) AS body
  FROM norm;

CREATE TRIGGER norm_search_insert AFTER INSERT ON norm BEGIN
    INSERT INTO search_text (rowid, ident, title, body)
    SELECT search_rowid, ident, title, body FROM norm_search_source WHERE id = NEW.id;
END;

CREATE TRIGGER norm_search_update AFTER UPDATE ON norm BEGIN
    DELETE FROM search_text
     WHERE rowid = CAST(julianday(OLD.date) - 2415020.5 AS INTEGER) * 1000000000 + 100000000 + OLD.id;
    INSERT INTO search_text (rowid, ident, title, body)
    SELECT search_rowid, ident, title, body FROM norm_search_source WHERE id = NEW.id;
END;

CREATE TRIGGER norm_search_delete AFTER DELETE ON norm BEGIN
    DELETE FROM search_text
     WHERE rowid = CAST(julianday(OLD.date) - 2415020.5 AS INTEGER) * 1000000000 + 100000000 + OLD.id;
END;

-- What the search shows of an acta, published by the sessions area: its session's date,
-- identifier, kind and status.
CREATE VIEW acta_facet AS
SELECT m.session_id AS id, s.date, s.kind, s.identifier, m.status,
       'Acta de la sesión ' || s.kind || coalesce(' ' || s.identifier, '') AS title
  FROM minutes m JOIN session s ON s.id = m.session_id;

-- What the index holds of each acta, as for norms.
CREATE VIEW acta_search_source AS
SELECT m.session_id AS id,
       CAST(julianday(s.date) - 2415020.5 AS INTEGER) * 1000000000 + 200000000 + s.id AS search_rowid,
       coalesce(s.identifier, '') || ' acta' AS ident,
       'Acta de la sesión ' || s.kind || coalesce(' ' || s.identifier, '') AS title,
       (SELECT group_concat(value, char(10)) FROM json_tree(m.content) WHERE type = 'text') AS body
  FROM minutes m JOIN session s ON s.id = m.session_id;

CREATE TRIGGER minutes_search_insert AFTER INSERT ON minutes BEGIN
    INSERT INTO search_text (rowid, ident, title, body)
    SELECT search_rowid, ident, title, body FROM acta_search_source WHERE id = NEW.session_id;
END;

CREATE TRIGGER minutes_search_update AFTER UPDATE OF content ON minutes BEGIN
    DELETE FROM search_text
     WHERE rowid = (SELECT CAST(julianday(s.date) - 2415020.5 AS INTEGER) * 1000000000 + 200000000 + s.id
                      FROM session s WHERE s.id = OLD.session_id);
    INSERT INTO search_text (rowid, ident, title, body)
    SELECT search_rowid, ident, title, body FROM acta_search_source WHERE id = NEW.session_id;
END;

CREATE TRIGGER minutes_search_delete AFTER DELETE ON minutes BEGIN
    DELETE FROM search_text
     WHERE rowid = (SELECT CAST(julianday(s.date) - 2415020.5 AS INTEGER) * 1000000000 + 200000000 + s.id
                      FROM session s WHERE s.id = OLD.session_id);
END;

-- A session rescheduled or numbered moves its acta in the index.
CREATE TRIGGER session_search_move AFTER UPDATE OF date, identifier, kind ON session
WHEN EXISTS (SELECT 1 FROM minutes WHERE session_id = NEW.id) BEGIN
    DELETE FROM search_text
     WHERE rowid = CAST(julianday(OLD.date) - 2415020.5 AS INTEGER) * 1000000000 + 200000000 + OLD.id;
    INSERT INTO search_text (rowid, ident, title, body)
    SELECT search_rowid, ident, title, body FROM acta_search_source WHERE id = NEW.id;
END;

-- What is already there.
INSERT INTO search_text (rowid, ident, title, body)
SELECT search_rowid, ident, title, body FROM norm_search_source;

INSERT INTO search_text (rowid, ident, title, body)
SELECT search_rowid, ident, title, body FROM acta_search_source;
