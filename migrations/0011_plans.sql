-- Institutional plans (docs/adr/0009-plans.md). A strategic plan (PEI in Peru, PLADECO in
-- Chile) is a tree of objectives → actions → indicators; each version is a row of its own,
-- copied from the one it modifies. An operational plan (POI / Plan Anual de Acción Municipal /
-- Programa de Mejoramiento de la Gestión) holds activities per unit, their monthly targets per
-- programme version (1 = the original, the highest = the current), and each month's execution.
-- Every row that belongs to a unit carries `unit_id`, so a unit's head can be limited to it.

CREATE TABLE strategic_plan (
    id            INTEGER PRIMARY KEY,
    name          TEXT NOT NULL,
    first_year    INTEGER NOT NULL,
    last_year     INTEGER NOT NULL CHECK (last_year >= first_year),
    mission       TEXT NOT NULL DEFAULT '',
    version       INTEGER NOT NULL DEFAULT 1,
    previous_id   INTEGER REFERENCES strategic_plan (id),
    reason        TEXT,
    status        TEXT NOT NULL DEFAULT 'borrador' CHECK (status IN ('borrador', 'vigente', 'reemplazado')),
    norm_id       INTEGER,
    approved_on   TEXT,
    created_at    TEXT NOT NULL
) STRICT;

CREATE TABLE strategic_objective (
    id          INTEGER PRIMARY KEY,
    plan_id     INTEGER NOT NULL REFERENCES strategic_plan (id) ON DELETE CASCADE,
    code        TEXT NOT NULL,
    kind        TEXT NOT NULL CHECK (kind IN ('I', 'II')),
    statement   TEXT NOT NULL,
    unit_id     INTEGER NOT NULL REFERENCES org_unit (id),
    priority    INTEGER NOT NULL,
    UNIQUE (plan_id, code)
) STRICT;

CREATE TABLE strategic_action (
    id            INTEGER PRIMARY KEY,
    objective_id  INTEGER NOT NULL REFERENCES strategic_objective (id) ON DELETE CASCADE,
    code          TEXT NOT NULL,
    statement     TEXT NOT NULL,
    unit_id       INTEGER NOT NULL REFERENCES org_unit (id),
    priority      INTEGER NOT NULL,
    UNIQUE (objective_id, code)
) STRICT;
CREATE INDEX strategic_action_unit ON strategic_action (unit_id);

-- An indicator measures an objective or an action (exactly one of them).
CREATE TABLE plan_indicator (
    id              INTEGER PRIMARY KEY,
    objective_id    INTEGER REFERENCES strategic_objective (id) ON DELETE CASCADE,
    action_id       INTEGER REFERENCES strategic_action (id) ON DELETE CASCADE,
    name            TEXT NOT NULL,
    measure         TEXT NOT NULL CHECK (measure IN ('cantidad', 'numero', 'porcentaje', 'ratio', 'tasa', 'indice', 'tasa_variacion')),
    method          TEXT NOT NULL DEFAULT '',
    source          TEXT NOT NULL DEFAULT '',
    baseline_value  REAL,
    baseline_year   INTEGER,
    sort_order      INTEGER NOT NULL,
    CHECK ((objective_id IS NULL) <> (action_id IS NULL))
) STRICT;
CREATE INDEX plan_indicator_objective ON plan_indicator (objective_id);
CREATE INDEX plan_indicator_action ON plan_indicator (action_id);

CREATE TABLE plan_indicator_value (
    indicator_id  INTEGER NOT NULL REFERENCES plan_indicator (id) ON DELETE CASCADE,
    year          INTEGER NOT NULL,
    expected      REAL,
    actual        REAL,
    PRIMARY KEY (indicator_id, year)
) WITHOUT ROWID, STRICT;

CREATE TABLE operational_plan (
    id                  INTEGER PRIMARY KEY,
    kind                TEXT NOT NULL CHECK (kind IN ('poi', 'pmg')),
    year                INTEGER NOT NULL,
    last_year           INTEGER NOT NULL CHECK (last_year >= year),
    name                TEXT NOT NULL,
    strategic_plan_id   INTEGER REFERENCES strategic_plan (id),
    status              TEXT NOT NULL DEFAULT 'formulacion' CHECK (status IN ('formulacion', 'aprobado')),
    norm_id             INTEGER,
    approved_on         TEXT,
    created_at          TEXT NOT NULL,
    UNIQUE (kind, year)
) STRICT;

CREATE TABLE operational_activity (
    id          INTEGER PRIMARY KEY,
    plan_id     INTEGER NOT NULL REFERENCES operational_plan (id) ON DELETE CASCADE,
    unit_id     INTEGER NOT NULL REFERENCES org_unit (id),
    action_id   INTEGER REFERENCES strategic_action (id),
    code        TEXT NOT NULL,
    name        TEXT NOT NULL,
    measure     TEXT NOT NULL,
    funding     TEXT NOT NULL DEFAULT '',
    goal_kind   TEXT CHECK (goal_kind IN ('institucional', 'colectiva')),
    UNIQUE (plan_id, code)
) STRICT;
CREATE INDEX operational_activity_unit ON operational_activity (plan_id, unit_id, code);
CREATE INDEX operational_activity_action ON operational_activity (action_id);

-- Version 1 is the programme approved; each reprogramming adds the next with its reason.
CREATE TABLE operational_programme (
    id          INTEGER PRIMARY KEY,
    plan_id     INTEGER NOT NULL REFERENCES operational_plan (id) ON DELETE CASCADE,
    version     INTEGER NOT NULL,
    reason      TEXT NOT NULL,
    decided_on  TEXT NOT NULL,
    created_at  TEXT NOT NULL,
    created_by  TEXT NOT NULL,
    UNIQUE (plan_id, version)
) STRICT;

-- Monthly targets of a programme version: physical in the activity's unit of measure,
-- financial in céntimos. Later years of a multi-year plan keep one annual row (month 0).
CREATE TABLE operational_target (
    programme_id  INTEGER NOT NULL REFERENCES operational_programme (id) ON DELETE CASCADE,
    activity_id   INTEGER NOT NULL REFERENCES operational_activity (id) ON DELETE CASCADE,
    year          INTEGER NOT NULL,
    month         INTEGER NOT NULL CHECK (month BETWEEN 0 AND 12),
    physical      REAL NOT NULL DEFAULT 0 CHECK (physical >= 0),
    financial     INTEGER NOT NULL DEFAULT 0 CHECK (financial >= 0),
    PRIMARY KEY (programme_id, activity_id, year, month)
) WITHOUT ROWID, STRICT;

CREATE TABLE operational_execution (
    activity_id  INTEGER NOT NULL REFERENCES operational_activity (id) ON DELETE CASCADE,
    month        INTEGER NOT NULL CHECK (month BETWEEN 1 AND 12),
    physical     REAL NOT NULL CHECK (physical >= 0),
    financial    INTEGER NOT NULL CHECK (financial >= 0),
    comment      TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (activity_id, month)
) WITHOUT ROWID, STRICT;

-- A unit's report of a month: when it was entered, by whom, and whether after the close.
CREATE TABLE operational_report (
    plan_id      INTEGER NOT NULL REFERENCES operational_plan (id) ON DELETE CASCADE,
    unit_id      INTEGER NOT NULL REFERENCES org_unit (id),
    month        INTEGER NOT NULL CHECK (month BETWEEN 1 AND 12),
    reported_on  TEXT NOT NULL,
    reported_at  TEXT NOT NULL,
    reported_by  TEXT NOT NULL,
    late         INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (plan_id, unit_id, month)
) WITHOUT ROWID, STRICT;

-- Follow-up settings are part of the rule set (Configuración → Reglas): the traffic-light
-- thresholds and the working day of the next month on which a month closes.
INSERT INTO rule (country, key, value, label, note) VALUES
  ('PE', 'plans.light.green', '90', 'Semáforo verde desde (% de ejecución)', 'Umbral interno de seguimiento, no fijado por CEPLAN; por defecto 90 %.'),
  ('PE', 'plans.light.amber', '70', 'Semáforo ámbar desde (% de ejecución)', 'Debajo de este porcentaje el semáforo es rojo; por defecto 70 %.'),
  ('PE', 'plans.month_close', '5', 'Cierre del mes: día hábil del mes siguiente', 'Las unidades registran la ejecución del mes hasta este día hábil del mes siguiente; después queda marcada como tardía.'),
  ('CL', 'plans.light.green', '90', 'Semáforo verde desde (% de cumplimiento)', 'Umbral interno de control de gestión; por defecto 90 %.'),
  ('CL', 'plans.light.amber', '70', 'Semáforo ámbar desde (% de cumplimiento)', 'Debajo de este porcentaje el semáforo es rojo; por defecto 70 %.'),
  ('CL', 'plans.month_close', '5', 'Cierre del mes: día hábil del mes siguiente', 'Las direcciones informan el avance del mes hasta este día hábil del mes siguiente; después queda marcado como tardío.');
