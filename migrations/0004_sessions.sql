-- Council sessions: bodies, sessions and their lifecycle, agenda, convocation receipts,
-- attendance, nominal votes, interventions. Forward-only; STRICT.

-- A collegiate body: the Concejo, a comisión de regidores, the Chilean Comité Estratégico.
CREATE TABLE body (
    id      INTEGER PRIMARY KEY,
    name    TEXT NOT NULL UNIQUE,
    kind    TEXT NOT NULL CHECK (kind IN ('concejo', 'comision', 'comite')),
    term_id INTEGER NOT NULL REFERENCES council_term (id)
) STRICT;

-- Members of a body other than the Concejo (the Concejo's members are the term's).
CREATE TABLE body_member (
    body_id   INTEGER NOT NULL REFERENCES body (id),
    member_id INTEGER NOT NULL REFERENCES council_member (id),
    role      TEXT NOT NULL CHECK (role IN ('presidente', 'vicepresidente', 'miembro')),
    PRIMARY KEY (body_id, member_id)
) STRICT;

CREATE TABLE session (
    id             INTEGER PRIMARY KEY,
    body_id        INTEGER NOT NULL REFERENCES body (id),
    kind           TEXT NOT NULL CHECK (kind IN ('ordinaria', 'extraordinaria', 'solemne')),
    assignment_id  INTEGER REFERENCES numbering_assignment (id),
    identifier     TEXT,
    date           TEXT NOT NULL,
    time           TEXT NOT NULL,
    place          TEXT NOT NULL,
    mode           TEXT NOT NULL CHECK (mode IN ('presencial', 'virtual')),
    status         TEXT NOT NULL CHECK (status IN ('borrador', 'convocada', 'en_curso', 'concluida', 'acta_aprobada', 'suspendida', 'cancelada')),
    convened_on    TEXT,
    convened_by    TEXT,
    postponed_from TEXT,
    started_at     TEXT,
    ended_at       TEXT,
    reason         TEXT,
    created_at     TEXT NOT NULL
) STRICT;
CREATE INDEX session_date ON session (body_id, date);

CREATE TABLE agenda_item (
    id           INTEGER PRIMARY KEY,
    session_id   INTEGER NOT NULL REFERENCES session (id),
    stage        TEXT NOT NULL CHECK (stage IN ('acta_anterior', 'despacho', 'informes', 'pedidos', 'orden_del_dia')),
    position     INTEGER NOT NULL,
    title        TEXT NOT NULL,
    summary      TEXT NOT NULL DEFAULT '',
    item_kind    TEXT NOT NULL,
    filed_by     TEXT NOT NULL DEFAULT '',
    filed_on     TEXT NOT NULL,
    late         INTEGER NOT NULL DEFAULT 0 CHECK (late IN (0, 1)),
    majority     TEXT NOT NULL CHECK (majority IN ('simple', 'absolute_legal', 'absolute_present', 'two_thirds_legal', 'two_thirds_able', 'quarter_able')),
    unit_id      INTEGER REFERENCES org_unit (id),
    debate       TEXT NOT NULL DEFAULT '',
    decision     TEXT,
    tie_round    INTEGER NOT NULL DEFAULT 0,
    casting      TEXT CHECK (casting IN ('a_favor', 'en_contra')),
    agreement_id INTEGER REFERENCES norm (id),
    -- For an item "aprobación del acta anterior": the session whose acta it approves.
    minutes_of   INTEGER REFERENCES session (id),
    UNIQUE (session_id, stage, position)
) STRICT;

CREATE TABLE item_attachment (
    item_id     INTEGER NOT NULL REFERENCES agenda_item (id),
    file_sha256 TEXT NOT NULL REFERENCES stored_file (sha256),
    name        TEXT NOT NULL,
    PRIMARY KEY (item_id, file_sha256)
) STRICT;

-- The citation of each member and its notification receipt.
CREATE TABLE convocation (
    session_id   INTEGER NOT NULL REFERENCES session (id),
    member_id    INTEGER NOT NULL REFERENCES council_member (id),
    received_by  TEXT,
    received_at  TEXT,
    PRIMARY KEY (session_id, member_id)
) STRICT;

CREATE TABLE attendance (
    session_id INTEGER NOT NULL REFERENCES session (id),
    member_id  INTEGER NOT NULL REFERENCES council_member (id),
    status     TEXT NOT NULL CHECK (status IN ('presente', 'ausente', 'justificada', 'licencia')),
    arrival    TEXT,
    departure  TEXT,
    note       TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (session_id, member_id)
) STRICT;

CREATE TABLE vote (
    item_id   INTEGER NOT NULL REFERENCES agenda_item (id),
    member_id INTEGER NOT NULL REFERENCES council_member (id),
    ballot    TEXT NOT NULL CHECK (ballot IN ('a_favor', 'en_contra', 'abstencion', 'no_vota')),
    PRIMARY KEY (item_id, member_id)
) STRICT;

CREATE TABLE intervention (
    id        INTEGER PRIMARY KEY,
    item_id   INTEGER NOT NULL REFERENCES agenda_item (id),
    member_id INTEGER REFERENCES council_member (id),
    speaker   TEXT NOT NULL,
    text      TEXT NOT NULL
) STRICT;

-- A Libro de Actas: opened and closed by the Secretaría; folios continue across actas.
CREATE TABLE minutes_book (
    id           INTEGER PRIMARY KEY,
    number       INTEGER NOT NULL UNIQUE,
    identifier   TEXT NOT NULL,
    opened_on    TEXT NOT NULL,
    folios       INTEGER NOT NULL CHECK (folios > 0),
    next_folio   INTEGER NOT NULL CHECK (next_folio >= 1),
    closed_on    TEXT,
    observations TEXT
) STRICT;
CREATE UNIQUE INDEX minutes_book_one_open ON minutes_book (closed_on IS NULL) WHERE closed_on IS NULL;
CREATE TRIGGER minutes_book_closed BEFORE UPDATE ON minutes_book WHEN OLD.closed_on IS NOT NULL
BEGIN SELECT RAISE(ABORT, 'el libro de actas está cerrado'); END;

-- The acta of a session: a draft generated from what happened, edited by the clerk, approved
-- (and sealed) in a later session, given its folios in the open book.
CREATE TABLE minutes (
    session_id   INTEGER PRIMARY KEY REFERENCES session (id),
    content      TEXT NOT NULL CHECK (json_valid(content)),
    status       TEXT NOT NULL CHECK (status IN ('borrador', 'aprobada')),
    observations TEXT NOT NULL DEFAULT '',
    approved_in  INTEGER REFERENCES session (id),
    book_id      INTEGER REFERENCES minutes_book (id),
    folio_from   INTEGER,
    folio_to     INTEGER,
    updated_at   TEXT NOT NULL
) STRICT;
CREATE TRIGGER minutes_sealed_no_update BEFORE UPDATE ON minutes WHEN OLD.status = 'aprobada'
BEGIN SELECT RAISE(ABORT, 'el acta está aprobada y sellada: no se puede modificar'); END;
CREATE TRIGGER minutes_sealed_no_delete BEFORE DELETE ON minutes WHEN OLD.status = 'aprobada'
BEGIN SELECT RAISE(ABORT, 'el acta está aprobada y sellada: no se puede borrar'); END;
