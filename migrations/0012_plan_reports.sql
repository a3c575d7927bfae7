-- The plans' printed reports: the monthly report of the Gerencia Municipal (Administración
-- Municipal in Chile) to the alcalde, the semestral Reporte de Seguimiento of the operational
-- plan, the yearly Reporte de Seguimiento of the strategic plan and the annual evaluation of the
-- operational plan. While a draft, a report prints the plans' data as they stand; sealing
-- freezes what it prints in record_seal (record kind 'informe-plan'), and the row never changes
-- again. One report per kind, plan and period; ids are never reused, so a discarded draft's
-- history (record_event) never joins a later report's.
CREATE TABLE plan_report (
    id                   INTEGER PRIMARY KEY AUTOINCREMENT,
    kind                 TEXT NOT NULL CHECK (kind IN ('informe-mensual', 'seguimiento-poi', 'seguimiento-pei', 'evaluacion-anual')),
    operational_plan_id  INTEGER REFERENCES operational_plan (id),
    strategic_plan_id    INTEGER REFERENCES strategic_plan (id),
    -- Month 1–12 (informe-mensual), semester 1–2 (seguimiento-poi) or year (the others).
    period               INTEGER NOT NULL,
    title                TEXT NOT NULL,
    created_at           TEXT NOT NULL,
    created_by           TEXT NOT NULL,
    sealed_at            TEXT,
    CHECK ((strategic_plan_id IS NOT NULL) = (kind = 'seguimiento-pei')),
    CHECK ((operational_plan_id IS NULL) <> (strategic_plan_id IS NULL)),
    CHECK (kind <> 'informe-mensual' OR period BETWEEN 1 AND 12),
    CHECK (kind <> 'seguimiento-poi' OR period BETWEEN 1 AND 2),
    CHECK (kind NOT IN ('seguimiento-pei', 'evaluacion-anual') OR period BETWEEN 2000 AND 2100)
) STRICT;
CREATE UNIQUE INDEX plan_report_one ON plan_report (kind, coalesce(operational_plan_id, strategic_plan_id), period);

CREATE TRIGGER plan_report_sealed_no_update BEFORE UPDATE ON plan_report WHEN OLD.sealed_at IS NOT NULL
BEGIN SELECT RAISE(ABORT, 'el informe está sellado y no se puede modificar'); END;
CREATE TRIGGER plan_report_sealed_no_delete BEFORE DELETE ON plan_report WHEN OLD.sealed_at IS NOT NULL
BEGIN SELECT RAISE(ABORT, 'el informe está sellado y no se puede borrar'); END;
