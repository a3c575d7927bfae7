-- Users, roles and the permission of each role per method (issue 10, docs/adr/0013-users-and-roles.md).
-- Only the `auth` area reads and writes these tables.

CREATE TABLE app_user (
    id              INTEGER PRIMARY KEY,
    login           TEXT NOT NULL COLLATE NOCASE UNIQUE,
    name            TEXT NOT NULL,
    -- The unit a Jefe de unidad answers for (what their unit-bound permissions reach).
    unit_id         INTEGER REFERENCES org_unit (id),
    -- Argon2id in PHC string form; never the password itself.
    password_hash   TEXT NOT NULL,
    active          INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
    -- Set by a reset: the user chooses a new password at the next sign-in.
    must_change     INTEGER NOT NULL DEFAULT 0 CHECK (must_change IN (0, 1)),
    failed_attempts INTEGER NOT NULL DEFAULT 0,
    locked_until    TEXT,
    last_sign_in    TEXT,
    created_at      TEXT NOT NULL,
    updated_at      TEXT NOT NULL
) STRICT;

CREATE TABLE role (
    code        TEXT PRIMARY KEY,
    name        TEXT NOT NULL,
    description TEXT NOT NULL DEFAULT '',
    -- Seeded by Cabildo (its name follows the country; it cannot be deleted).
    builtin     INTEGER NOT NULL DEFAULT 0 CHECK (builtin IN (0, 1)),
    sort_order  INTEGER NOT NULL
) WITHOUT ROWID, STRICT;

-- A role may call a method; `unit_only` limits it to the user's own unit where the method
-- names a unit (its params carry `unit_id`).
CREATE TABLE role_permission (
    role      TEXT NOT NULL REFERENCES role (code) ON DELETE CASCADE,
    method    TEXT NOT NULL,
    unit_only INTEGER NOT NULL DEFAULT 0 CHECK (unit_only IN (0, 1)),
    PRIMARY KEY (role, method)
) WITHOUT ROWID, STRICT;

CREATE TABLE user_role (
    user_id INTEGER NOT NULL REFERENCES app_user (id) ON DELETE CASCADE,
    role    TEXT NOT NULL REFERENCES role (code),
    PRIMARY KEY (user_id, role)
) WITHOUT ROWID, STRICT;
CREATE INDEX user_role_role ON user_role (role);

-- Methods whose default permissions were already given to the built-in roles: a method new in
-- a later version gets its defaults once; what the administrator changed afterwards stays.
CREATE TABLE auth_method (
    method     TEXT PRIMARY KEY,
    first_seen TEXT NOT NULL
) WITHOUT ROWID, STRICT;

CREATE TABLE auth_setting (
    id           INTEGER PRIMARY KEY CHECK (id = 1),
    idle_minutes INTEGER NOT NULL DEFAULT 15 CHECK (idle_minutes BETWEEN 1 AND 480),
    max_attempts INTEGER NOT NULL DEFAULT 5 CHECK (max_attempts BETWEEN 3 AND 20),
    lock_minutes INTEGER NOT NULL DEFAULT 15 CHECK (lock_minutes BETWEEN 1 AND 1440)
) STRICT;
INSERT INTO auth_setting (id) VALUES (1);
