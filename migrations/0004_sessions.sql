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
