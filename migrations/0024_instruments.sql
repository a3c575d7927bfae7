-- Management instruments (docs/adr/0017-instruments.md): the municipality's management
-- documents (ROF, MPP, TUPA, PEI… in Peru; PLADECO, reglamento de organización interna… in
-- Chile), each with its versions, the norm that approved each one, its status and its file.
-- The kinds of instrument are data per country, with the legal source and the kind of norm
-- that usually approves them; marks as in DOMAIN.md: [V] read in the legal text, [S] secondary
-- source, [U] unverified (editable, and the screen says so).

CREATE TABLE instrument_type (
    country      TEXT NOT NULL CHECK (country IN ('PE', 'CL')),
    code         TEXT NOT NULL,
    abbreviation TEXT NOT NULL,
    name         TEXT NOT NULL,
    -- Which norm approves it, as a person reads it ("Ordenanza municipal").
    approved_by  TEXT NOT NULL,
    -- The kind of norm that usually approves it, when there is one.
    norm_kind    TEXT CHECK (norm_kind IN ('ordenanza', 'decreto', 'resolucion', 'acuerdo')),
    -- What confirms the approval outside the municipality, when the law asks for it.
    ratification TEXT,
    legal_source TEXT NOT NULL,
    mark         TEXT NOT NULL CHECK (mark IN ('V', 'S', 'U')),
    position     INTEGER NOT NULL,
    PRIMARY KEY (country, code)
) STRICT;

CREATE TABLE instrument (
    id          INTEGER PRIMARY KEY,
    country     TEXT NOT NULL,
    type_code   TEXT NOT NULL,
    title       TEXT NOT NULL CHECK (title <> ''),
    -- The title folded (no accents, lower case): the list's order and its text filter.
    sort_title  TEXT NOT NULL,
    notes       TEXT,
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL,
    FOREIGN KEY (country, type_code) REFERENCES instrument_type (country, code)
) STRICT;

CREATE INDEX instrument_type_title ON instrument (type_code, sort_title, id);

-- A version of an instrument. Its approving norm is a row of the registry (`norm_id`) or, for
-- a norm that is not in it (a provincial acuerdo, an old ordenanza), a reference as written.
-- At most one version of an instrument is vigente; a version replaced by a later one is
-- derogado and points to the one that replaced it.
CREATE TABLE instrument_version (
    id               INTEGER PRIMARY KEY,
    instrument_id    INTEGER NOT NULL REFERENCES instrument (id),
    number           INTEGER NOT NULL CHECK (number >= 1),
    label            TEXT,
    date             TEXT NOT NULL,
    status           TEXT NOT NULL CHECK (status IN ('en_elaboracion', 'vigente', 'derogado')),
    norm_id          INTEGER REFERENCES norm (id),
    norm_text        TEXT,
    ratified_by_id   INTEGER REFERENCES norm (id),
    ratified_by_text TEXT,
    superseded_by    INTEGER REFERENCES instrument_version (id),
    file_sha256      TEXT REFERENCES stored_file (sha256),
    file_name        TEXT,
    notes            TEXT,
    created_at       TEXT NOT NULL,
    updated_at       TEXT NOT NULL,
    UNIQUE (instrument_id, number),
    CHECK (norm_id IS NULL OR norm_text IS NULL),
    CHECK (ratified_by_id IS NULL OR ratified_by_text IS NULL),
    CHECK ((file_sha256 IS NULL) = (file_name IS NULL))
) STRICT;

CREATE UNIQUE INDEX instrument_version_vigente ON instrument_version (instrument_id)
    WHERE status = 'vigente';
CREATE INDEX instrument_version_date ON instrument_version (instrument_id, date, number);

INSERT INTO instrument_type (country, code, abbreviation, name, approved_by, norm_kind, ratification, legal_source, mark, position) VALUES
 ('PE', 'rof', 'ROF', 'Reglamento de Organización y Funciones', 'Ordenanza municipal', 'ordenanza', NULL,
  'Ley N° 27972, arts. 9 inc. 3 y 40; estructura según el D.S. N° 054-2018-PCM (Lineamientos de Organización del Estado)', 'S', 1),
 ('PE', 'mof', 'MOF', 'Manual de Organización y Funciones', 'Resolución de alcaldía', 'resolucion', NULL,
  'Instrumento anterior a la Ley N° 30057; lo reemplaza el Manual de Perfiles de Puestos', 'U', 2),
 ('PE', 'mpp', 'MPP', 'Manual de Perfiles de Puestos', 'Resolución de alcaldía', 'resolucion', NULL,
  'Ley N° 30057, Ley del Servicio Civil; directivas de SERVIR sobre el Manual de Perfiles de Puestos', 'U', 3),
 ('PE', 'cap_p', 'CAP-P', 'Cuadro para Asignación de Personal Provisional', 'Ordenanza municipal', 'ordenanza', NULL,
  'Directiva N° 002-2015-SERVIR/GDSRH (reemplazo del CAP por el CAP Provisional y el Cuadro de Puestos de la Entidad)', 'U', 4),
 ('PE', 'cpe', 'CPE', 'Cuadro de Puestos de la Entidad', 'Ordenanza municipal', 'ordenanza', NULL,
  'Ley N° 30057; Directiva N° 002-2015-SERVIR/GDSRH', 'U', 5),
 ('PE', 'pap', 'PAP', 'Presupuesto Analítico de Personal', 'Resolución de alcaldía', 'resolucion', NULL,
  'Normas del Sistema Nacional de Presupuesto Público', 'U', 6),
 ('PE', 'tupa', 'TUPA', 'Texto Único de Procedimientos Administrativos', 'Ordenanza municipal; sus adecuaciones posteriores, por decreto de alcaldía', 'ordenanza',
  'En una municipalidad distrital, acuerdo del concejo provincial que ratifica la ordenanza',
  'Ley N° 27972, arts. 40 y 44; TUO de la Ley N° 27444 (D.S. N° 004-2019-JUS), arts. 43 y 44', 'S', 7),
 ('PE', 'tusne', 'TUSNE', 'Texto Único de Servicios No Exclusivos', 'Resolución de alcaldía', 'resolucion', NULL,
  'TUO de la Ley N° 27444 (D.S. N° 004-2019-JUS), art. 43.4', 'U', 8),
 ('PE', 'mapro', 'MAPRO', 'Manual de Procedimientos', 'Resolución de alcaldía', 'resolucion', NULL,
  'Norma interna de la entidad', 'U', 9),
 ('PE', 'pei', 'PEI', 'Plan Estratégico Institucional', 'Resolución de alcaldía', 'resolucion', NULL,
  'Guía para el Planeamiento Institucional (CEPLAN)', 'S', 10),
 ('PE', 'poi', 'POI', 'Plan Operativo Institucional', 'Resolución de alcaldía', 'resolucion', NULL,
  'Guía para el Planeamiento Institucional (CEPLAN)', 'S', 11),
 ('PE', 'pdlc', 'PDLC', 'Plan de Desarrollo Local Concertado', 'Ordenanza municipal', 'ordenanza', NULL,
  'Ley N° 27972, arts. 9 inc. 1 y 97', 'S', 12),
 ('CL', 'pladeco', 'PLADECO', 'Plan de Desarrollo Comunal', 'Acuerdo del concejo, sancionado por decreto alcaldicio', 'acuerdo', NULL,
  'Ley N° 18.695, arts. 6 a), 7, 65 a) y 82 a)', 'S', 1),
 ('CL', 'reglamento_interno', 'ROI', 'Reglamento de organización interna', 'Decreto alcaldicio, con acuerdo del concejo', 'decreto', NULL,
  'Ley N° 18.695, arts. 31 y 65 k)', 'S', 2),
 ('CL', 'paam', 'PAAM', 'Plan anual de acción municipal', 'Acuerdo del concejo', 'acuerdo', NULL,
  'Ley N° 18.695, arts. 65 a) y 82 a)', 'S', 3),
 ('CL', 'presupuesto', 'PPTO', 'Presupuesto municipal', 'Acuerdo del concejo', 'acuerdo', NULL,
  'Ley N° 18.695, arts. 6 c), 65 a) y 82 a)', 'S', 4),
 ('CL', 'plan_regulador', 'PRC', 'Plan regulador comunal', 'Acuerdo del concejo, promulgado por decreto alcaldicio', 'acuerdo',
  'Informe o aprobación de la Secretaría Regional Ministerial de Vivienda y Urbanismo o del gobierno regional, según corresponda',
  'Ley N° 18.695, arts. 6 b) y 65 b); Ley General de Urbanismo y Construcciones, art. 43', 'U', 5),
 ('CL', 'ordenanza_participacion', 'OPC', 'Ordenanza de participación ciudadana', 'Ordenanza, con acuerdo del concejo', 'ordenanza', NULL,
  'Ley N° 18.695, art. 93 (texto de la Ley N° 20.500)', 'S', 6),
 ('CL', 'pmg', 'PMG', 'Programa de Mejoramiento de la Gestión', 'Acuerdo del concejo', 'acuerdo', NULL,
  'Ley N° 19.803, arts. 5 y 6', 'S', 7);
