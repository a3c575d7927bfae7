-- Automatic backups (docs/adr/0010-backups.md): one row of settings, and the outcome of the
-- last automatic run so the settings screen can say whether the newest copy worked. The
-- folder is where the person wants the archives (an external drive); the app makes one a day
-- at start while `enabled`, and keeps the newest `keep` archives there.
CREATE TABLE backup_settings (
    id               INTEGER PRIMARY KEY CHECK (id = 1),
    enabled          INTEGER NOT NULL DEFAULT 0 CHECK (enabled IN (0, 1)),
    folder           TEXT,
    keep             INTEGER NOT NULL DEFAULT 7 CHECK (keep BETWEEN 1 AND 365),
    -- The last automatic run (successful or not): when, whether it worked, what it said.
    last_run_at      TEXT,
    last_ok          INTEGER CHECK (last_ok IN (0, 1)),
    last_message     TEXT,
    last_archive     TEXT,
    -- The last run that produced a verified archive (a day's copy is due when it is older).
    last_success_at  TEXT,
    CHECK (enabled = 0 OR folder IS NOT NULL)
) STRICT;

INSERT INTO backup_settings (id) VALUES (1);
