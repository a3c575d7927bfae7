-- Publication and validity of norms, relations between norms, distribution to units
-- (docs/adr/0016-norm-validity.md). A sealed `norm` never changes (migration 0003), so all of
-- this lives beside it. Marks in the notes: [V] read in the legal text, [S] secondary source,
-- [U] unverified.

-- What the law asks, per country: which kinds must be published (yes / no / per_norm: each norm
-- says so, default no), where (the media, their names and which of them give effect), how many
-- days after the publication a norm takes effect, and whether a district's tax ordinances need
-- the provincial ratification.
INSERT INTO rule (country, key, value, label, note) VALUES
 ('PE', 'norms.publication.ordenanza', 'yes', 'Las ordenanzas requieren publicación para surtir efecto (yes / no / per_norm = se indica en cada norma)', '[V] Ley 27972 art. 44: las ordenanzas, los decretos de alcaldía y los acuerdos sobre remuneración del alcalde y dietas de los regidores deben ser publicados; no surten efecto las que no cumplen con la publicación'),
 ('PE', 'norms.publication.decreto', 'yes', 'Los decretos de alcaldía requieren publicación (yes / no / per_norm)', '[V] Ley 27972 art. 44'),
 ('PE', 'norms.publication.acuerdo', 'per_norm', 'Los acuerdos de concejo requieren publicación (yes / no / per_norm = se indica en cada acuerdo)', '[V] Ley 27972 art. 44: solo los acuerdos sobre remuneración del alcalde y dietas de los regidores; otros cuando la norma lo disponga'),
 ('PE', 'norms.publication.resolucion', 'no', 'Las resoluciones requieren publicación (yes / no / per_norm)', '[S] Ley 27972 art. 44 no las enumera; rigen desde su fecha o su notificación'),
 ('PE', 'norms.publication.media', 'el_peruano, avisos_judiciales, carteles, portal', 'Medios de publicación, en el orden en que se ofrecen (códigos separados por comas; el nombre de cada uno en norms.publication.medium.<código>)', '[V] Ley 27972 art. 44 numerales 1 a 4'),
 ('PE', 'norms.publication.medium.el_peruano', 'Diario Oficial El Peruano', 'Nombre del medio el_peruano', '[V] art. 44.1: municipalidades de Lima y Callao'),
 ('PE', 'norms.publication.medium.avisos_judiciales', 'Diario encargado de los avisos judiciales', 'Nombre del medio avisos_judiciales', '[V] art. 44.2: donde existe tal diario'),
 ('PE', 'norms.publication.medium.carteles', 'Carteles municipales con constancia de la autoridad judicial', 'Nombre del medio carteles', '[V] art. 44.3: en los demás casos, la autoridad judicial da fe'),
 ('PE', 'norms.publication.medium.portal', 'Portal institucional', 'Nombre del medio portal', '[V] art. 44.4: en los portales electrónicos, donde existan'),
 ('PE', 'norms.publication.effect_media', 'el_peruano, avisos_judiciales, carteles', 'Medios cuya publicación da vigencia a la norma (códigos separados por comas)', '[S] el portal (art. 44.4) complementa la publicación oficial; agréguelo si su municipalidad solo publica en él'),
 ('PE', 'norms.validity.publication_offset_days', '1', 'Días después de la publicación en que la norma entra en vigencia (si ella no posterga su vigencia)', '[V] Ley 27972 art. 44: rigen a partir del día siguiente de su publicación, salvo que la propia norma postergue su vigencia'),
 ('PE', 'norms.ratification.district_tax', 'yes', 'Las ordenanzas tributarias distritales requieren ratificación provincial (yes / vacío = no)', '[S] Ley 27972 art. 40: las ordenanzas en materia tributaria expedidas por las municipalidades distritales deben ser ratificadas por las provinciales para su vigencia'),
 ('CL', 'norms.publication.ordenanza', 'yes', 'Las ordenanzas requieren publicación para surtir efecto (yes / no / per_norm = se indica en cada norma)', '[S] Ley 19.880 art. 48: se publican en el Diario Oficial los actos que contienen normas de general aplicación; Ley 20.285 art. 7: transparencia activa en el sitio web'),
 ('CL', 'norms.publication.decreto', 'per_norm', 'Los decretos alcaldicios requieren publicación (yes / no / per_norm = se indica en cada decreto)', '[S] Ley 19.880 arts. 48 y 51: los de contenido general se publican; los de contenido individual se notifican'),
 ('CL', 'norms.publication.acuerdo', 'per_norm', 'Los acuerdos del concejo requieren publicación (yes / no / per_norm)', '[U] la Ley 18.695 no lo exige en general'),
 ('CL', 'norms.publication.resolucion', 'no', 'Las resoluciones requieren publicación (yes / no / per_norm)', '[U]'),
 ('CL', 'norms.publication.media', 'diario_oficial, sitio_web', 'Medios de publicación, en el orden en que se ofrecen (códigos separados por comas; el nombre de cada uno en norms.publication.medium.<código>)', '[S] Ley 19.880 art. 48; Ley 20.285 art. 7'),
 ('CL', 'norms.publication.medium.diario_oficial', 'Diario Oficial', 'Nombre del medio diario_oficial', '[S] Ley 19.880 art. 48'),
 ('CL', 'norms.publication.medium.sitio_web', 'Sitio web municipal', 'Nombre del medio sitio_web', '[S] Ley 20.285 art. 7'),
 ('CL', 'norms.publication.effect_media', 'diario_oficial', 'Medios cuya publicación da vigencia a la norma (códigos separados por comas)', '[U] agregue sitio_web si su municipalidad publica sus ordenanzas solo en su sitio web'),
 ('CL', 'norms.validity.publication_offset_days', '0', 'Días después de la publicación en que la norma entra en vigencia (si ella no posterga su vigencia)', '[S] Ley 19.880 art. 51: los actos de contenido general producen efectos desde su publicación'),
 ('CL', 'norms.ratification.district_tax', '', 'Las ordenanzas tributarias requieren ratificación de otra municipalidad (yes / vacío = no)', '[V] no aplica en Chile: la comuna no depende de una municipalidad provincial');

-- How one norm relates to another, with its active and passive wording (after SAPL's list).
-- `effect`: what the relation does to the older norm's validity.
CREATE TABLE norm_relation_kind (
    code       TEXT PRIMARY KEY,
    active     TEXT NOT NULL,
    passive    TEXT NOT NULL,
    effect     TEXT NOT NULL DEFAULT '' CHECK (effect IN ('', 'deroga', 'deroga_parcial', 'suspende')),
    sort_order INTEGER NOT NULL
) STRICT;
INSERT INTO norm_relation_kind (code, active, passive, effect, sort_order) VALUES
 ('modifica', 'Modifica a', 'Modificada por', '', 1),
 ('deroga_total', 'Deroga totalmente a', 'Derogada totalmente por', 'deroga', 2),
 ('deroga_parcial', 'Deroga parcialmente a', 'Derogada parcialmente por', 'deroga_parcial', 3),
 ('reglamenta', 'Reglamenta a', 'Reglamentada por', '', 4),
 ('prorroga', 'Prorroga a', 'Prorrogada por', '', 5),
 ('suspende', 'Suspende a', 'Suspendida por', 'suspende', 6),
 ('rectifica', 'Rectifica a', 'Rectificada por', '', 7),
 ('ratifica', 'Ratifica a', 'Ratificada por', '', 8),
 ('complementa', 'Complementa a', 'Complementada por', '', 9),
 ('interpreta', 'Interpreta a', 'Interpretada por', '', 10),
 ('concuerda', 'Concuerda con', 'Concordante con', '', 11);

-- The validity of a sealed norm: what the clerk says of it (per-norm publication, tax
-- ordinance, the date it says it takes effect) and what is derived from its publications,
-- ratification and the relations that point at it, rewritten in the same transaction as each
-- of those writes. A draft has no row.
CREATE TABLE norm_validity (
    norm_id            INTEGER PRIMARY KEY REFERENCES norm (id),
    publication_flag   INTEGER CHECK (publication_flag IN (0, 1)),
    tax_ordinance      INTEGER NOT NULL DEFAULT 0 CHECK (tax_ordinance IN (0, 1)),
    stated_from        TEXT,
    needs_publication  INTEGER NOT NULL CHECK (needs_publication IN (0, 1)),
    needs_ratification INTEGER NOT NULL DEFAULT 0 CHECK (needs_ratification IN (0, 1)),
    published_on       TEXT,
    ratified_on        TEXT,
    in_force_from      TEXT,
    ended_on           TEXT,
    ended_by           INTEGER REFERENCES norm (id),
    partial_from       TEXT,
    suspended_from     TEXT,
    suspended_until    TEXT,
    updated_at         TEXT NOT NULL,
    CHECK (ended_on IS NULL OR ended_by IS NOT NULL)
) STRICT;
CREATE INDEX norm_validity_in_force ON norm_validity (in_force_from);

-- Each publication of a norm: the medium (a code of norms.publication.media), the day, the
-- edition or page, and the scanned page or PDF in the file store.
CREATE TABLE norm_publication (
    id           INTEGER PRIMARY KEY,
    norm_id      INTEGER NOT NULL REFERENCES norm (id),
    medium       TEXT NOT NULL,
    published_on TEXT NOT NULL,
    reference    TEXT,
    file_sha256  TEXT REFERENCES stored_file (sha256),
    file_name    TEXT,
    created_at   TEXT NOT NULL,
    created_by   TEXT NOT NULL,
    UNIQUE (norm_id, medium, published_on)
) STRICT;

-- The provincial act that ratified a district tax ordinance (Ley 27972 art. 40).
CREATE TABLE norm_ratification (
    norm_id      INTEGER PRIMARY KEY REFERENCES norm (id),
    identifier   TEXT NOT NULL,
    date         TEXT NOT NULL,
    published_on TEXT,
    file_sha256  TEXT REFERENCES stored_file (sha256),
    file_name    TEXT,
    created_at   TEXT NOT NULL,
    created_by   TEXT NOT NULL
) STRICT;

-- A relation recorded from the newer norm (`source_id`) to an older one (`target_id`).
CREATE TABLE norm_relation (
    id         INTEGER PRIMARY KEY,
    source_id  INTEGER NOT NULL REFERENCES norm (id),
    target_id  INTEGER NOT NULL REFERENCES norm (id),
    kind       TEXT NOT NULL REFERENCES norm_relation_kind (code),
    note       TEXT,
    until_on   TEXT,
    created_at TEXT NOT NULL,
    created_by TEXT NOT NULL,
    CHECK (source_id <> target_id),
    UNIQUE (source_id, target_id, kind)
) STRICT;
CREATE INDEX norm_relation_target ON norm_relation (target_id);
-- At most one total repeal of a norm.
CREATE UNIQUE INDEX norm_relation_one_repeal ON norm_relation (target_id) WHERE kind = 'deroga_total';

-- The organic units a norm was sent to, and each one's acknowledgement.
CREATE TABLE norm_distribution (
    norm_id     INTEGER NOT NULL REFERENCES norm (id),
    unit_id     INTEGER NOT NULL REFERENCES org_unit (id),
    sent_on     TEXT NOT NULL,
    received_on TEXT,
    received_by TEXT,
    note        TEXT,
    PRIMARY KEY (norm_id, unit_id),
    CHECK ((received_on IS NULL) = (received_by IS NULL))
) STRICT;
CREATE INDEX norm_distribution_pending ON norm_distribution (unit_id, sent_on, norm_id) WHERE received_on IS NULL;

-- Norms sealed before this migration: their validity as the rules say, from their date when
-- they need no publication, none yet when they do.
INSERT INTO norm_validity (norm_id, needs_publication, in_force_from, updated_at)
SELECT n.id,
       CASE WHEN r.value = 'yes' THEN 1 ELSE 0 END,
       CASE WHEN r.value = 'yes' THEN NULL ELSE n.date END,
       n.sealed_at
FROM norm n
JOIN municipality m ON m.id = 1
LEFT JOIN rule r ON r.country = m.country AND r.key = 'norms.publication.' || n.kind
WHERE n.sealed_at IS NOT NULL;
