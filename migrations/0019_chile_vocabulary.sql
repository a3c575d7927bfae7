-- Chile in its own terms (docs/adr/0015-chile.md, «Vocabulary»): the kinds of unit of a
-- Chilean municipality (Direcciones, Departamentos…) beside the Peruvian órganos, and the parts
-- of a session's order of business as rule-set data per country (their order and names).

-- org_unit.kind gains the Chilean kinds. SQLite cannot change a CHECK in place and runs this
-- file inside a transaction (foreign keys stay on), so the rows are kept aside, the table made
-- again with the same name, and the rows put back: the deferred foreign-key count of the
-- tables that point at org_unit comes back to zero before the commit.
PRAGMA defer_foreign_keys = ON;
DROP VIEW unit_label;
CREATE TEMP TABLE org_unit_kept AS SELECT * FROM org_unit;
DROP TABLE org_unit;
CREATE TABLE org_unit (
    id             INTEGER PRIMARY KEY,
    parent_id      INTEGER REFERENCES org_unit (id),
    name           TEXT NOT NULL,
    code           TEXT NOT NULL UNIQUE,
    kind           TEXT NOT NULL CHECK (kind IN ('gobierno', 'alta_direccion', 'asesoramiento', 'apoyo', 'linea', 'desconcentrado',
                                                 'alcaldia', 'concejo', 'direccion', 'departamento', 'seccion', 'juzgado')),
    head_person_id INTEGER REFERENCES person (id),
    sort_order     INTEGER NOT NULL DEFAULT 0
) STRICT;
INSERT INTO org_unit (id, parent_id, name, code, kind, head_person_id, sort_order)
SELECT id, parent_id, name, code, kind, head_person_id, sort_order FROM org_unit_kept ORDER BY id;
DROP TABLE org_unit_kept;
CREATE INDEX org_unit_parent ON org_unit (parent_id, sort_order);
CREATE VIEW unit_label AS
SELECT id, code, name, sort_order FROM org_unit;

-- The order of business: which parts a session has, in which order, and what each is called.
-- The stored codes of the parts stay the same in every country (agenda_item.stage).
INSERT INTO rule (country, key, value, label, note) VALUES
 ('PE', 'agenda.name', 'Agenda', 'Nombre de los asuntos de una sesión', '[S] Reglamento Interno del Concejo típico'),
 ('PE', 'agenda.stage_order', 'acta_anterior, despacho, informes, pedidos, orden_del_dia', 'Orden de las estaciones de la sesión (códigos acta_anterior, despacho, informes, pedidos, orden_del_dia, separados por comas)', '[S] Reglamento Interno del Concejo típico'),
 ('PE', 'agenda.stage.acta_anterior', 'Aprobación del acta anterior', 'Nombre de la estación acta_anterior', '[S]'),
 ('PE', 'agenda.stage.despacho', 'Despacho', 'Nombre de la estación despacho (documentos recibidos)', '[S]'),
 ('PE', 'agenda.stage.informes', 'Informes', 'Nombre de la estación informes', '[S]'),
 ('PE', 'agenda.stage.pedidos', 'Pedidos', 'Nombre de la estación pedidos (de los miembros)', '[S]'),
 ('PE', 'agenda.stage.orden_del_dia', 'Orden del día', 'Nombre de la estación orden_del_dia (asuntos que se debaten y votan)', '[S]'),
 ('CL', 'agenda.name', 'Tabla', 'Nombre de los asuntos de una sesión', '[S] lo fija el reglamento interno del concejo'),
 ('CL', 'agenda.stage_order', 'acta_anterior, despacho, informes, orden_del_dia, pedidos', 'Orden de las partes de la sesión (códigos acta_anterior, despacho, informes, pedidos, orden_del_dia, separados por comas)', '[S] orden usual: aprobación de actas, correspondencia, cuenta del alcalde, tabla, incidentes; lo fija el reglamento interno del concejo'),
 ('CL', 'agenda.stage.acta_anterior', 'Aprobación de actas', 'Nombre de la parte acta_anterior', '[S]'),
 ('CL', 'agenda.stage.despacho', 'Correspondencia', 'Nombre de la parte despacho (documentos recibidos)', '[S]'),
 ('CL', 'agenda.stage.informes', 'Cuenta del alcalde', 'Nombre de la parte informes', '[S]'),
 ('CL', 'agenda.stage.pedidos', 'Incidentes / varios', 'Nombre de la parte pedidos (de los concejales)', '[S]'),
 ('CL', 'agenda.stage.orden_del_dia', 'Tabla', 'Nombre de la parte orden_del_dia (asuntos que se debaten y votan)', '[S]');
