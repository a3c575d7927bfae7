-- Cabildo foundation: municipality, rule sets, audit trail, organisation, council, numbering,
-- calendar. Forward-only; every table STRICT; dates as ISO text.

CREATE TABLE municipality (
    id               INTEGER PRIMARY KEY CHECK (id = 1),
    name             TEXT NOT NULL,
    short_name       TEXT NOT NULL,
    country          TEXT NOT NULL CHECK (country IN ('PE', 'CL')),
    kind             TEXT NOT NULL CHECK (kind IN ('distrital', 'provincial', 'metropolitana', 'comuna')),
    territorial_code TEXT,
    address          TEXT,
    phone            TEXT,
    email            TEXT,
    website          TEXT,
    logo_sha256      TEXT,
    logo_mime        TEXT,
    created_at       TEXT NOT NULL
) STRICT;

-- Official name of each year ("Año de la recuperación y consolidación de la economía peruana").
CREATE TABLE year_name (
    year INTEGER PRIMARY KEY CHECK (year BETWEEN 1900 AND 2200),
    name TEXT NOT NULL
) STRICT;

-- Legal rules as data: one set per country, editable by the municipality.
CREATE TABLE rule (
    country TEXT NOT NULL CHECK (country IN ('PE', 'CL')),
    key     TEXT NOT NULL,
    value   TEXT NOT NULL,
    label   TEXT NOT NULL,
    note    TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (country, key)
) STRICT;

-- Audit trail: one row per change, chained by SHA-256 so that `cabildo check` detects edits.
CREATE TABLE audit_log (
    id            INTEGER PRIMARY KEY,
    at            TEXT NOT NULL,
    actor         TEXT NOT NULL,
    method        TEXT NOT NULL,
    params_sha256 TEXT NOT NULL,
    result_sha256 TEXT NOT NULL,
    prev_hash     TEXT NOT NULL,
    hash          TEXT NOT NULL
) STRICT;

CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
BEGIN SELECT RAISE(ABORT, 'el registro de auditoría no se puede modificar'); END;
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
BEGIN SELECT RAISE(ABORT, 'el registro de auditoría no se puede borrar'); END;

CREATE TABLE person (
    id          INTEGER PRIMARY KEY,
    doc_type    TEXT NOT NULL CHECK (doc_type IN ('DNI', 'CE', 'RUN')),
    doc_number  TEXT NOT NULL,
    given_names TEXT NOT NULL,
    surnames    TEXT NOT NULL,
    email       TEXT,
    phone       TEXT,
    UNIQUE (doc_type, doc_number)
) STRICT;

CREATE TABLE org_unit (
    id             INTEGER PRIMARY KEY,
    parent_id      INTEGER REFERENCES org_unit (id),
    name           TEXT NOT NULL,
    code           TEXT NOT NULL UNIQUE,
    kind           TEXT NOT NULL CHECK (kind IN ('gobierno', 'alta_direccion', 'asesoramiento', 'apoyo', 'linea', 'desconcentrado')),
    head_person_id INTEGER REFERENCES person (id),
    sort_order     INTEGER NOT NULL DEFAULT 0
) STRICT;
CREATE INDEX org_unit_parent ON org_unit (parent_id, sort_order);

CREATE TABLE position (
    id         INTEGER PRIMARY KEY,
    person_id  INTEGER NOT NULL REFERENCES person (id),
    unit_id    INTEGER NOT NULL REFERENCES org_unit (id),
    title      TEXT NOT NULL,
    start_date TEXT NOT NULL,
    end_date   TEXT,
    CHECK (end_date IS NULL OR end_date >= start_date)
) STRICT;
CREATE INDEX position_person ON position (person_id);
CREATE INDEX position_unit ON position (unit_id);

CREATE TABLE council_term (
    id         INTEGER PRIMARY KEY,
    name       TEXT NOT NULL,
    start_date TEXT NOT NULL,
    end_date   TEXT NOT NULL,
    CHECK (end_date > start_date)
) STRICT;

CREATE TABLE council_member (
    id        INTEGER PRIMARY KEY,
    term_id   INTEGER NOT NULL REFERENCES council_term (id),
    person_id INTEGER NOT NULL REFERENCES person (id),
    role      TEXT NOT NULL CHECK (role IN ('alcalde', 'regidor')),
    party     TEXT NOT NULL DEFAULT '',
    seat      INTEGER NOT NULL,
    from_date TEXT NOT NULL,
    to_date   TEXT,
    UNIQUE (term_id, person_id)
) STRICT;

CREATE TABLE council_member_status (
    id        INTEGER PRIMARY KEY,
    member_id INTEGER NOT NULL REFERENCES council_member (id),
    status    TEXT NOT NULL CHECK (status IN ('activo', 'licencia', 'suspendido', 'vacado')),
    from_date TEXT NOT NULL,
    to_date   TEXT,
    note      TEXT NOT NULL DEFAULT '',
    CHECK (to_date IS NULL OR to_date >= from_date)
) STRICT;
CREATE INDEX council_member_status_member ON council_member_status (member_id, from_date);

CREATE TABLE numbering_series (
    id      INTEGER PRIMARY KEY,
    code    TEXT NOT NULL UNIQUE,
    name    TEXT NOT NULL,
    organ   TEXT NOT NULL DEFAULT '',
    pattern TEXT NOT NULL,
    reset   TEXT NOT NULL CHECK (reset IN ('yearly', 'never'))
) STRICT;

CREATE TABLE numbering_counter (
    series_id   INTEGER NOT NULL REFERENCES numbering_series (id),
    period      INTEGER NOT NULL,
    last_number INTEGER NOT NULL CHECK (last_number >= 0),
    PRIMARY KEY (series_id, period)
) STRICT;

CREATE TABLE numbering_assignment (
    id            INTEGER PRIMARY KEY,
    series_id     INTEGER NOT NULL REFERENCES numbering_series (id),
    period        INTEGER NOT NULL,
    number        INTEGER NOT NULL CHECK (number > 0),
    identifier    TEXT NOT NULL,
    date          TEXT NOT NULL,
    record_kind   TEXT,
    record_id     INTEGER,
    assigned_at   TEXT NOT NULL,
    annulled_at   TEXT,
    annul_reason  TEXT,
    UNIQUE (series_id, period, number)
) STRICT;

-- A number, once given, keeps its place: it can be annulled, never removed or renumbered.
CREATE TRIGGER numbering_assignment_no_delete BEFORE DELETE ON numbering_assignment
BEGIN SELECT RAISE(ABORT, 'un número asignado no se puede borrar; anúlelo'); END;
CREATE TRIGGER numbering_assignment_fixed BEFORE UPDATE OF series_id, period, number, identifier ON numbering_assignment
BEGIN SELECT RAISE(ABORT, 'un número asignado no se puede cambiar'); END;

-- Holiday rules per country (fixed dates, Easter-relative dates, dates moved to Monday).
CREATE TABLE holiday_rule (
    id            INTEGER PRIMARY KEY,
    country       TEXT NOT NULL CHECK (country IN ('PE', 'CL')),
    name          TEXT NOT NULL,
    kind          TEXT NOT NULL CHECK (kind IN ('fixed', 'easter', 'nearest_monday')),
    month         INTEGER CHECK (month BETWEEN 1 AND 12),
    day           INTEGER CHECK (day BETWEEN 1 AND 31),
    easter_offset INTEGER,
    from_year     INTEGER,
    to_year       INTEGER,
    CHECK ((kind = 'easter') = (easter_offset IS NOT NULL)),
    CHECK (kind = 'easter' OR (month IS NOT NULL AND day IS NOT NULL))
) STRICT;

-- Per-date edits of the calendar: extra non-working days, regional holidays, or a rule's
-- holiday declared working for one year.
CREATE TABLE calendar_day (
    date TEXT PRIMARY KEY,
    kind TEXT NOT NULL CHECK (kind IN ('no_laborable', 'regional', 'laborable')),
    name TEXT NOT NULL
) STRICT;

-- Content-addressed files kept beside the database (logo, later attachments and signed PDFs).
CREATE TABLE stored_file (
    sha256     TEXT PRIMARY KEY,
    size       INTEGER NOT NULL,
    mime       TEXT NOT NULL,
    name       TEXT NOT NULL,
    created_at TEXT NOT NULL
) STRICT;
