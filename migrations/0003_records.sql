-- Printable, sealed and signed records: norms, certified copies, seals, signatures, the
-- municipality's trusted root certificates and print settings. Forward-only; STRICT.

-- Paper and margins of every printed page (one row).
CREATE TABLE print_settings (
    id               INTEGER PRIMARY KEY CHECK (id = 1),
    paper            TEXT NOT NULL DEFAULT 'a4' CHECK (paper IN ('a4', 'oficio', 'carta')),
    margin_top_mm    REAL NOT NULL DEFAULT 25 CHECK (margin_top_mm BETWEEN 5 AND 60),
    margin_right_mm  REAL NOT NULL DEFAULT 20 CHECK (margin_right_mm BETWEEN 5 AND 60),
    margin_bottom_mm REAL NOT NULL DEFAULT 25 CHECK (margin_bottom_mm BETWEEN 5 AND 60),
    margin_left_mm   REAL NOT NULL DEFAULT 30 CHECK (margin_left_mm BETWEEN 5 AND 60),
    letterhead_subtitle TEXT
) STRICT;
INSERT INTO print_settings (id) VALUES (1);

-- A municipal norm: ordenanza, decreto, resolución, acuerdo. A draft is edited freely; sealing
-- gives it its number (in the same transaction) and freezes it.
CREATE TABLE norm (
    id                INTEGER PRIMARY KEY,
    series            TEXT NOT NULL REFERENCES numbering_series (code),
    kind              TEXT NOT NULL CHECK (kind IN ('ordenanza', 'decreto', 'resolucion', 'acuerdo')),
    session_kind      TEXT CHECK (session_kind IN ('ordinaria', 'extraordinaria', 'solemne')),
    date              TEXT NOT NULL,
    title             TEXT NOT NULL,
    issuer            TEXT,
    vistos            TEXT NOT NULL CHECK (json_valid(vistos) AND json_type(vistos) = 'array'),
    considerandos     TEXT NOT NULL CHECK (json_valid(considerandos) AND json_type(considerandos) = 'array'),
    preamble          TEXT,
    operative_heading TEXT NOT NULL,
    articles          TEXT NOT NULL CHECK (json_valid(articles) AND json_type(articles) = 'array'),
    closing_formula   TEXT NOT NULL,
    signatories       TEXT NOT NULL CHECK (json_valid(signatories) AND json_type(signatories) = 'array'),
    corrects_id       INTEGER REFERENCES norm (id),
    correction_reason TEXT,
    assignment_id     INTEGER REFERENCES numbering_assignment (id),
    identifier        TEXT,
    created_at        TEXT NOT NULL,
    updated_at        TEXT NOT NULL,
    sealed_at         TEXT,
    CHECK ((sealed_at IS NULL) = (identifier IS NULL)),
    CHECK ((corrects_id IS NULL) = (correction_reason IS NULL))
) STRICT;
CREATE INDEX norm_kind_date ON norm (kind, date);
CREATE UNIQUE INDEX norm_one_correction_draft ON norm (corrects_id) WHERE corrects_id IS NOT NULL AND sealed_at IS NULL;

CREATE TRIGGER norm_sealed_no_update BEFORE UPDATE ON norm WHEN OLD.sealed_at IS NOT NULL
BEGIN SELECT RAISE(ABORT, 'la norma está sellada y no se puede modificar; registre una corrección'); END;
CREATE TRIGGER norm_sealed_no_delete BEFORE DELETE ON norm WHEN OLD.sealed_at IS NOT NULL
BEGIN SELECT RAISE(ABORT, 'la norma está sellada y no se puede borrar'); END;

-- A certified copy: a numbered certificate of a norm Cabildo holds or of an attached PDF.
-- It is issued sealed: there is no draft.
CREATE TABLE certified_copy (
    id            INTEGER PRIMARY KEY,
    norm_id       INTEGER REFERENCES norm (id),
    file_sha256   TEXT REFERENCES stored_file (sha256),
    description   TEXT NOT NULL,
    purpose       TEXT,
    date          TEXT NOT NULL,
    folios        INTEGER NOT NULL CHECK (folios > 0),
    certifier     TEXT NOT NULL CHECK (json_valid(certifier)),
    assignment_id INTEGER NOT NULL REFERENCES numbering_assignment (id),
    identifier    TEXT NOT NULL,
    created_at    TEXT NOT NULL,
    CHECK ((norm_id IS NULL) <> (file_sha256 IS NULL))
) STRICT;
CREATE TRIGGER certified_copy_no_update BEFORE UPDATE ON certified_copy
BEGIN SELECT RAISE(ABORT, 'la copia certificada está sellada y no se puede modificar'); END;
CREATE TRIGGER certified_copy_no_delete BEFORE DELETE ON certified_copy
BEGIN SELECT RAISE(ABORT, 'la copia certificada está sellada y no se puede borrar'); END;

-- The seal of a record: its content frozen as canonical JSON, the SHA-256 of that JSON, the
-- short verification code printed on every page and the PDF document ID derived from it.
CREATE TABLE record_seal (
    id                INTEGER PRIMARY KEY,
    record_kind       TEXT NOT NULL,
    record_id         INTEGER NOT NULL,
    content           TEXT NOT NULL CHECK (json_valid(content)),
    digest            TEXT NOT NULL UNIQUE,
    verification_code TEXT NOT NULL UNIQUE,
    pdf_id            TEXT NOT NULL UNIQUE,
    sealed_at         TEXT NOT NULL,
    sealed_by         TEXT NOT NULL,
    UNIQUE (record_kind, record_id)
) STRICT;
CREATE TRIGGER record_seal_no_update BEFORE UPDATE ON record_seal
BEGIN SELECT RAISE(ABORT, 'un sello no se puede modificar'); END;
CREATE TRIGGER record_seal_no_delete BEFORE DELETE ON record_seal
BEGIN SELECT RAISE(ABORT, 'un sello no se puede borrar'); END;

-- Digital signatures of a sealed record, in order: each row points to the signed PDF as it was
-- after that signature (content-addressed in stored_file).
CREATE TABLE record_signature (
    id          INTEGER PRIMARY KEY,
    record_kind TEXT NOT NULL,
    record_id   INTEGER NOT NULL,
    seq         INTEGER NOT NULL CHECK (seq > 0),
    file_sha256 TEXT NOT NULL REFERENCES stored_file (sha256),
    signer_name TEXT NOT NULL,
    signer_dni  TEXT,
    block       INTEGER,
    reason      TEXT,
    signed_at   TEXT NOT NULL,
    UNIQUE (record_kind, record_id, seq)
) STRICT;
CREATE TRIGGER record_signature_no_update BEFORE UPDATE ON record_signature
BEGIN SELECT RAISE(ABORT, 'una firma registrada no se puede modificar'); END;
CREATE TRIGGER record_signature_no_delete BEFORE DELETE ON record_signature
BEGIN SELECT RAISE(ABORT, 'una firma registrada no se puede borrar'); END;

-- What happened to a record, for its history panel (creation, edits, seal, signatures, copies).
CREATE TABLE record_event (
    id          INTEGER PRIMARY KEY,
    record_kind TEXT NOT NULL,
    record_id   INTEGER NOT NULL,
    at          TEXT NOT NULL,
    actor       TEXT NOT NULL,
    event       TEXT NOT NULL
) STRICT;
CREATE INDEX record_event_record ON record_event (record_kind, record_id, id);
CREATE TRIGGER record_event_no_update BEFORE UPDATE ON record_event
BEGIN SELECT RAISE(ABORT, 'el historial no se puede modificar'); END;
CREATE TRIGGER record_event_no_delete BEFORE DELETE ON record_event
BEGIN SELECT RAISE(ABORT, 'el historial no se puede borrar'); END;

-- Root certificates the municipality trusts when verifying signatures (e.g. the RENIEC /
-- INDECOPI chain in Peru), DER-encoded.
CREATE TABLE trusted_root (
    id          INTEGER PRIMARY KEY,
    subject     TEXT NOT NULL,
    issuer      TEXT NOT NULL,
    serial      TEXT NOT NULL,
    sha256      TEXT NOT NULL UNIQUE,
    not_before  TEXT NOT NULL,
    not_after   TEXT NOT NULL,
    der         BLOB NOT NULL,
    added_at    TEXT NOT NULL
) STRICT;
