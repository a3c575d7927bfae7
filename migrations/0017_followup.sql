-- The follow-up desk (docs/adr/0014-followup.md): one engine for everything a unit must do by
-- a date — the encargos of the council's acuerdos and ordenanzas, the regidores' pedidos, the
-- requests for access to public information, citizens' complaints and queries, the
-- Contraloría's requirements and the instructions of the alcalde and the Gerencia.
--
-- `followup_item` is the one table the home screen, the lists and the reports read; an
-- information request and a complaint add their own facts in a table beside it (1:1).
-- An item is open while `closed_on` IS NULL; "vencido" is never stored: it is an open item
-- whose `due_on` has passed (the status table says so with `derived`).

CREATE TABLE followup_status (
    code        TEXT PRIMARY KEY,
    label       TEXT NOT NULL,
    open        INTEGER NOT NULL CHECK (open IN (0, 1)),
    derived     INTEGER NOT NULL DEFAULT 0 CHECK (derived IN (0, 1)),
    sort_order  INTEGER NOT NULL,
    note        TEXT NOT NULL DEFAULT ''
) STRICT;

INSERT INTO followup_status (code, label, open, derived, sort_order, note) VALUES
 ('pendiente', 'Pendiente', 1, 0, 1, 'Registrado, sin avance todavía'),
 ('en_proceso', 'En proceso', 1, 0, 2, 'La unidad informó avance'),
 ('vencido', 'Vencido', 1, 1, 3, 'Abierto con el plazo vencido: se calcula, no se elige'),
 ('atendido', 'Atendido', 0, 0, 4, 'Cumplido, con la respuesta registrada'),
 ('archivado', 'Archivado', 0, 0, 5, 'Cerrado sin atención (desistimiento, abandono, sin objeto)');

CREATE TABLE followup_item (
    id            INTEGER PRIMARY KEY,
    kind          TEXT NOT NULL CHECK (kind IN ('encargo', 'solicitud', 'reclamo')),
    year          INTEGER NOT NULL,
    seq           INTEGER NOT NULL,
    source        TEXT NOT NULL CHECK (source IN ('acuerdo', 'ordenanza', 'norma', 'pedido',
                      'solicitud', 'reclamo', 'contraloria', 'alcaldia', 'gerencia', 'otro')),
    norm_id       INTEGER REFERENCES norm (id),
    agenda_item_id INTEGER REFERENCES agenda_item (id),
    source_ref    TEXT NOT NULL DEFAULT '',
    subject       TEXT NOT NULL,
    detail        TEXT NOT NULL DEFAULT '',
    unit_id       INTEGER NOT NULL REFERENCES org_unit (id),
    received_on   TEXT NOT NULL,
    due_on        TEXT,
    due_basis     TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(due_basis)),
    status        TEXT NOT NULL REFERENCES followup_status (code),
    progress      INTEGER CHECK (progress BETWEEN 0 AND 100),
    objective_id  INTEGER REFERENCES strategic_objective (id) ON DELETE SET NULL,
    action_id     INTEGER REFERENCES strategic_action (id) ON DELETE SET NULL,
    answer        TEXT NOT NULL DEFAULT '',
    closed_on     TEXT,
    created_by    TEXT NOT NULL,
    created_at    TEXT NOT NULL,
    updated_at    TEXT NOT NULL,
    UNIQUE (kind, year, seq),
    CHECK ((closed_on IS NULL) = (status IN ('pendiente', 'en_proceso')))
) STRICT;
-- The home screen and the lists: open items by due date, overall and per unit.
CREATE INDEX followup_open_due ON followup_item (due_on, id) WHERE closed_on IS NULL;
CREATE INDEX followup_open_unit_due ON followup_item (unit_id, due_on, id) WHERE closed_on IS NULL;
CREATE INDEX followup_open_kind_due ON followup_item (kind, due_on, id) WHERE closed_on IS NULL;
CREATE INDEX followup_received ON followup_item (received_on, id);
CREATE INDEX followup_kind_received ON followup_item (kind, received_on, id);
CREATE INDEX followup_unit_received ON followup_item (unit_id, received_on, id);
CREATE INDEX followup_norm ON followup_item (norm_id) WHERE norm_id IS NOT NULL;
CREATE UNIQUE INDEX followup_one_per_pedido ON followup_item (agenda_item_id) WHERE agenda_item_id IS NOT NULL AND source = 'pedido';

CREATE TABLE followup_milestone (
    id            INTEGER PRIMARY KEY,
    item_id       INTEGER NOT NULL REFERENCES followup_item (id),
    on_date       TEXT NOT NULL,
    kind          TEXT NOT NULL CHECK (kind IN ('registro', 'avance', 'estado', 'plazo',
                      'subsanacion', 'prorroga', 'respuesta', 'derivacion', 'nota')),
    note          TEXT NOT NULL,
    progress      INTEGER CHECK (progress BETWEEN 0 AND 100),
    status        TEXT REFERENCES followup_status (code),
    file_sha256   TEXT,
    file_name     TEXT,
    recorded_by   TEXT NOT NULL,
    recorded_at   TEXT NOT NULL,
    CHECK ((file_sha256 IS NULL) = (file_name IS NULL))
) STRICT;
CREATE INDEX followup_milestone_item ON followup_milestone (item_id, id);

-- A request for access to public information (Peru: TUO Ley 27806; Chile: Ley 20.285).
CREATE TABLE info_request (
    item_id             INTEGER PRIMARY KEY REFERENCES followup_item (id),
    filed_at            TEXT NOT NULL,
    channel             TEXT NOT NULL CHECK (channel IN ('presencial', 'correo', 'portal', 'carta')),
    requester           TEXT NOT NULL,
    requester_doc       TEXT NOT NULL DEFAULT '',
    address             TEXT NOT NULL DEFAULT '',
    email               TEXT NOT NULL DEFAULT '',
    phone               TEXT NOT NULL DEFAULT '',
    delivery            TEXT NOT NULL DEFAULT '',
    state               TEXT NOT NULL CHECK (state IN ('en_tramite', 'en_subsanacion', 'prorrogada',
                            'entregada', 'entregada_parcial', 'denegada', 'desistida', 'no_subsanada')),
    legal_due_on        TEXT,
    correction_asked_on TEXT,
    correction_due_on   TEXT,
    correction_note     TEXT NOT NULL DEFAULT '',
    corrected_on        TEXT,
    extended_on         TEXT,
    extension_reason    TEXT NOT NULL DEFAULT '',
    answered_on         TEXT,
    denial_ground       TEXT NOT NULL DEFAULT '',
    cost_cents          INTEGER NOT NULL DEFAULT 0 CHECK (cost_cents >= 0),
    days_taken          INTEGER
) STRICT;
CREATE INDEX info_request_state ON info_request (state);

-- A citizen's complaint (reclamo), grievance about a public servant (queja) or query (consulta).
CREATE TABLE citizen_complaint (
    item_id       INTEGER PRIMARY KEY REFERENCES followup_item (id),
    type          TEXT NOT NULL CHECK (type IN ('reclamo', 'queja', 'consulta')),
    channel       TEXT NOT NULL CHECK (channel IN ('presencial', 'correo', 'portal', 'telefono', 'carta')),
    citizen       TEXT NOT NULL,
    citizen_doc   TEXT NOT NULL DEFAULT '',
    contact       TEXT NOT NULL DEFAULT ''
) STRICT;

-- What the norms' registry publishes for other areas: a norm's identifier, title and date.
CREATE VIEW norm_label AS
SELECT id, kind, series, identifier, title, date, sealed_at FROM norm;

-- What the plans publish: each strategic element with its code and statement.
CREATE VIEW plan_element_label AS
SELECT 'oei' AS kind, o.id, o.plan_id, o.code, o.statement, o.unit_id FROM strategic_objective o
UNION ALL
SELECT 'aei' AS kind, a.id, o.plan_id, a.code, a.statement, a.unit_id
FROM strategic_action a JOIN strategic_objective o ON o.id = a.objective_id;

-- The rules of the follow-up desk, per country (docs/adr/0014-followup.md).
INSERT INTO rule (country, key, value, label, note) VALUES
 ('PE', 'office.closing_time', '16:30', 'Hora de cierre de la mesa de partes (lo presentado después cuenta desde el día hábil siguiente)', '[U] lo fija cada municipalidad; D.S. 007-2024-JUS: después del horario se tiene por presentado el día hábil siguiente'),
 ('PE', 'access.days', '10', 'Días hábiles para entregar la información solicitada', '[V] TUO Ley 27806 art. 11 b)'),
 ('PE', 'access.extension_mode', 'fecha', 'Prórroga: «fecha» (la entidad comunica la fecha de entrega) o «dias» (días hábiles adicionales)', '[V] TUO Ley 27806 art. 11 g): una sola vez, comunicando la fecha'),
 ('PE', 'access.extension_days', '', 'Días hábiles adicionales de la prórroga (modo «dias»)', '[V] en el Perú la prórroga fija una fecha'),
 ('PE', 'access.extension_notice_days', '2', 'Días hábiles desde la recepción para comunicar la prórroga (vacío: hasta el vencimiento)', '[V] TUO Ley 27806 art. 11 g)'),
 ('PE', 'access.correction_days', '2', 'Días hábiles del solicitante para subsanar; el plazo se reinicia al subsanar', '[V] D.S. 007-2024-JUS'),
 ('PE', 'access.law', 'Texto Único Ordenado de la Ley N° 27806, Ley de Transparencia y Acceso a la Información Pública', 'Ley citada en las cartas de acceso a la información', '[V]'),
 ('PE', 'access.denial_grounds', 'Información secreta (art. 15 del TUO de la Ley N° 27806)|Información reservada (art. 16 del TUO de la Ley N° 27806)|Información confidencial (art. 17 del TUO de la Ley N° 27806)|La información no existe ni debe ser producida por la entidad (art. 13 del TUO de la Ley N° 27806)', 'Causales de denegatoria (una por línea separada con «|»)', '[V] TUO Ley 27806 arts. 13, 15–17'),
 ('PE', 'access.appeal', 'Puede interponer recurso de apelación ante el Tribunal de Transparencia y Acceso a la Información Pública dentro de los quince (15) días calendario siguientes.', 'Recurso que se informa al denegar', '[S] D. Leg. 1353'),
 ('PE', 'complaint.days', '15', 'Días hábiles para atender reclamos, quejas y consultas', '[S] D.S. 007-2020-PCM (Libro de Reclamaciones): 15 días hábiles'),
 ('PE', 'followup.pedido_days', '15', 'Días hábiles para que una unidad atienda un pedido de regidor', '[U] lo fija el Reglamento Interno del Concejo'),
 ('PE', 'followup.encargo_days', '30', 'Plazo sugerido (días hábiles) para un encargo sin plazo legal', '[U] práctica; el plazo se puede cambiar en cada encargo'),
 ('CL', 'office.closing_time', '14:00', 'Hora de cierre de la oficina de partes (lo presentado después cuenta desde el día hábil siguiente)', '[U] lo fija cada municipalidad'),
 ('CL', 'access.days', '20', 'Días hábiles para responder la solicitud de acceso a la información', '[V] Ley 20.285 art. 14'),
 ('CL', 'access.extension_mode', 'dias', 'Prórroga: «fecha» (la entidad comunica la fecha de entrega) o «dias» (días hábiles adicionales)', '[V] Ley 20.285 art. 14'),
 ('CL', 'access.extension_days', '10', 'Días hábiles adicionales de la prórroga (modo «dias»)', '[V] Ley 20.285 art. 14'),
 ('CL', 'access.extension_notice_days', '', 'Días hábiles desde la recepción para comunicar la prórroga (vacío: hasta el vencimiento)', '[V] Ley 20.285 art. 14: antes del vencimiento del plazo'),
 ('CL', 'access.correction_days', '5', 'Días hábiles del solicitante para subsanar; el plazo se reinicia al subsanar', '[S] Ley 20.285 art. 12'),
 ('CL', 'access.law', 'Ley N° 20.285 sobre Acceso a la Información Pública', 'Ley citada en las cartas de acceso a la información', '[V]'),
 ('CL', 'access.denial_grounds', 'Afecta el debido cumplimiento de las funciones del órgano (art. 21 N° 1 de la Ley N° 20.285)|Afecta los derechos de las personas (art. 21 N° 2 de la Ley N° 20.285)|Afecta la seguridad de la Nación (art. 21 N° 3 de la Ley N° 20.285)|Afecta el interés nacional (art. 21 N° 4 de la Ley N° 20.285)|Declarada secreta o reservada por una ley de quórum calificado (art. 21 N° 5 de la Ley N° 20.285)|La información no obra en poder del municipio', 'Causales de denegatoria (una por línea separada con «|»)', '[V] Ley 20.285 art. 21'),
 ('CL', 'access.appeal', 'Puede deducir reclamo de amparo ante el Consejo para la Transparencia dentro del plazo de quince (15) días hábiles.', 'Recurso que se informa al denegar', '[S] Ley 20.285 art. 24'),
 ('CL', 'complaint.days', '10', 'Días hábiles para atender reclamos, quejas y consultas', '[U] práctica de las OIRS'),
 ('CL', 'followup.pedido_days', '15', 'Días hábiles para que una dirección atienda una solicitud de concejal', '[U] lo fija el reglamento interno del concejo'),
 ('CL', 'followup.encargo_days', '30', 'Plazo sugerido (días hábiles) para un encargo sin plazo legal', '[U] práctica; el plazo se puede cambiar en cada encargo');
