-- A readable audit trail (ADR 0011): each entry keeps the params (secrets removed), the record it
-- touched and a Spanish summary; `v` names the hash formula (1: the digests only, entries written
-- before this migration; 2: also the params, the record and the summary). Sealed records keep
-- the chain's head at the moment they were sealed, so a re-chained trail is detected.

ALTER TABLE audit_log ADD COLUMN v INTEGER NOT NULL DEFAULT 1 CHECK (v IN (1, 2));
ALTER TABLE audit_log ADD COLUMN params TEXT CHECK (params IS NULL OR json_valid(params));
ALTER TABLE audit_log ADD COLUMN record_kind TEXT;
ALTER TABLE audit_log ADD COLUMN record_id INTEGER;
ALTER TABLE audit_log ADD COLUMN record_label TEXT;
ALTER TABLE audit_log ADD COLUMN summary TEXT NOT NULL DEFAULT '';

-- The area of a method is its first word (`norm` of `norm.seal`), computed, so that old entries
-- have it too and the filter by area reads one index range in id order.
ALTER TABLE audit_log ADD COLUMN area TEXT GENERATED ALWAYS AS (substr(method, 1, instr(method, '.') - 1)) VIRTUAL;

-- The filters of Configuración → Auditoría, each read newest first.
CREATE INDEX audit_log_actor ON audit_log (actor, id);
CREATE INDEX audit_log_method ON audit_log (method, id);
CREATE INDEX audit_log_area ON audit_log (area, id);
CREATE INDEX audit_log_record ON audit_log (record_kind, record_id, id);
CREATE INDEX audit_log_at ON audit_log (at);

-- The chain's head when the record was sealed (0 and '' for seals made before this migration).
ALTER TABLE record_seal ADD COLUMN audit_count INTEGER NOT NULL DEFAULT 0;
ALTER TABLE record_seal ADD COLUMN audit_hash TEXT NOT NULL DEFAULT '';
