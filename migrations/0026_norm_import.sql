-- Norms brought in from the municipality's history (issue 13; docs/adr/0019-history-import.md).
-- An imported norm is a row of `norm` like any other (listed, searched, related, published),
-- registered rather than sealed by Cabildo: it has its historical identifier and number, its
-- original file (PDF or Word) in the files store, the text read from that file in
-- `document_text` (indexed for search by the triggers of 0022), and no record_seal.

-- 'cabildo': written and sealed here; 'importada': registered from the history.
ALTER TABLE norm ADD COLUMN origin TEXT NOT NULL DEFAULT 'cabildo'
    CHECK (origin IN ('cabildo', 'importada'));
-- The original file, content-addressed.
ALTER TABLE norm ADD COLUMN document_sha256 TEXT REFERENCES stored_file (sha256)
    CHECK (document_sha256 IS NULL OR origin = 'importada');
-- Whether its words are searchable: 'with_text' (a text layer was read), 'scanned' (a file
-- without text: found by its data, not by its content), 'no_file' (only the spreadsheet's row).
ALTER TABLE norm ADD COLUMN text_status TEXT
    CHECK (text_status IN ('with_text', 'scanned', 'no_file'))
    CHECK ((text_status IS NULL) = (origin = 'cabildo'))
    CHECK ((text_status = 'no_file') = (document_sha256 IS NULL) OR origin = 'cabildo');
-- When it was published (diario oficial, El Peruano, the municipal website), as the sheet says.
ALTER TABLE norm ADD COLUMN published_on TEXT
    CHECK (published_on IS NULL OR date(published_on) = published_on);

CREATE INDEX norm_imported ON norm (text_status, date) WHERE origin = 'importada';

-- A number given before Cabildo and registered by an import: it holds its place in the series
-- (never given again) and the series' counter continues after it.
ALTER TABLE numbering_assignment ADD COLUMN historical INTEGER NOT NULL DEFAULT 0
    CHECK (historical IN (0, 1));
