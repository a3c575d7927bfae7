-- Bodies of officials: the Chilean Comité Estratégico de Gestión, presided by the Administrador
-- Municipal, whose members are people holding positions, not council members. A session's
-- participants are therefore council members (Concejo, comisiones) or the officials of its
-- body (comité): convocation, attendance, vote and intervention keep `member_id`, and triggers
-- check it against the right table for the session's body (the foreign key to council_member
-- could not say "or").

CREATE TABLE body_official (
    id        INTEGER PRIMARY KEY,
    body_id   INTEGER NOT NULL REFERENCES body (id),
    person_id INTEGER NOT NULL REFERENCES person (id),
    role      TEXT NOT NULL CHECK (role IN ('presidente', 'secretario', 'miembro')),
    cargo     TEXT NOT NULL DEFAULT '',
    UNIQUE (body_id, person_id)
) STRICT;

CREATE TABLE convocation_new (
    session_id   INTEGER NOT NULL REFERENCES session (id),
    member_id    INTEGER NOT NULL,
    received_by  TEXT,
    received_at  TEXT,
    PRIMARY KEY (session_id, member_id)
) STRICT;
INSERT INTO convocation_new SELECT session_id, member_id, received_by, received_at FROM convocation;
DROP TABLE convocation;
ALTER TABLE convocation_new RENAME TO convocation;

CREATE TABLE attendance_new (
    session_id INTEGER NOT NULL REFERENCES session (id),
    member_id  INTEGER NOT NULL,
    status     TEXT NOT NULL CHECK (status IN ('presente', 'ausente', 'justificada', 'licencia')),
    arrival    TEXT,
    departure  TEXT,
    note       TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (session_id, member_id)
) STRICT;
INSERT INTO attendance_new SELECT session_id, member_id, status, arrival, departure, note FROM attendance;
DROP TABLE attendance;
ALTER TABLE attendance_new RENAME TO attendance;

CREATE TABLE vote_new (
    item_id   INTEGER NOT NULL REFERENCES agenda_item (id),
    member_id INTEGER NOT NULL,
    ballot    TEXT NOT NULL CHECK (ballot IN ('a_favor', 'en_contra', 'abstencion', 'no_vota')),
    PRIMARY KEY (item_id, member_id)
) STRICT;
INSERT INTO vote_new SELECT item_id, member_id, ballot FROM vote;
DROP TABLE vote;
ALTER TABLE vote_new RENAME TO vote;

CREATE TABLE intervention_new (
    id        INTEGER PRIMARY KEY,
    item_id   INTEGER NOT NULL REFERENCES agenda_item (id),
    member_id INTEGER,
    speaker   TEXT NOT NULL,
    text      TEXT NOT NULL
) STRICT;
INSERT INTO intervention_new SELECT id, item_id, member_id, speaker, text FROM intervention;
DROP TABLE intervention;
ALTER TABLE intervention_new RENAME TO intervention;

-- Whether `member` takes part in bodies like the one of `session`: a council member for the
-- Concejo and comisiones, an official of that very body for a comité.
-- `seat` orders them: the council's seats, or presidente, secretario, members.
CREATE VIEW session_participant AS
SELECT s.id AS session_id, m.id AS member_id, m.person_id, m.seat
  FROM session s JOIN body b ON b.id = s.body_id JOIN council_member m ON m.term_id = b.term_id
 WHERE b.kind <> 'comite'
UNION ALL
SELECT s.id, o.id, o.person_id,
       CASE o.role WHEN 'presidente' THEN 0 WHEN 'secretario' THEN 1 ELSE 2 END
  FROM session s JOIN body b ON b.id = s.body_id JOIN body_official o ON o.body_id = b.id
 WHERE b.kind = 'comite';

CREATE TRIGGER convocation_participant BEFORE INSERT ON convocation
WHEN NOT EXISTS (SELECT 1 FROM session_participant WHERE session_id = NEW.session_id AND member_id = NEW.member_id)
BEGIN SELECT RAISE(ABORT, 'quien se cita no integra el órgano de la sesión'); END;
CREATE TRIGGER attendance_participant BEFORE INSERT ON attendance
WHEN NOT EXISTS (SELECT 1 FROM session_participant WHERE session_id = NEW.session_id AND member_id = NEW.member_id)
BEGIN SELECT RAISE(ABORT, 'quien asiste no integra el órgano de la sesión'); END;
CREATE TRIGGER vote_participant BEFORE INSERT ON vote
WHEN NOT EXISTS (SELECT 1 FROM session_participant sp JOIN agenda_item i ON i.session_id = sp.session_id
                 WHERE i.id = NEW.item_id AND sp.member_id = NEW.member_id)
BEGIN SELECT RAISE(ABORT, 'quien vota no integra el órgano de la sesión'); END;
CREATE TRIGGER intervention_participant BEFORE INSERT ON intervention
WHEN NEW.member_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM session_participant sp JOIN agenda_item i ON i.session_id = sp.session_id
                 WHERE i.id = NEW.item_id AND sp.member_id = NEW.member_id)
BEGIN SELECT RAISE(ABORT, 'quien interviene no integra el órgano de la sesión'); END;

INSERT INTO rule (country, key, value, label, note) VALUES
 ('CL', 'committee.enabled', 'yes', 'Comité Estratégico de Gestión (funcionarios presididos por el Administrador Municipal)', '[S] funciones del Administrador Municipal'),
 ('PE', 'committee.enabled', '', 'Comités de funcionarios (vacío = no se usan)', '');
