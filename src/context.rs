//! The leaf every area stands on: who is asking, the request's clock, where the files live, and
//! the small param types every method table uses. It imports nothing of the domain.

use std::path::PathBuf;
use std::sync::{Arc, Mutex};

use chrono::{DateTime, FixedOffset, NaiveDate, SecondsFormat};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// Who stands behind a request. Whether they may call a method is decided by `auth::authorize`
/// inside the request's transaction, from the roles stored in the database.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Principal {
    /// The process itself with every permission: the CLI on a database that has no user yet,
    /// the demo loader and the tests. Never what a person signed in as.
    System,
    /// Nobody signed in: only signing in and the system's status (and, while the database has
    /// no user at all, creating the first administrator or loading the demonstration).
    Nobody,
    /// A user signed in with a password: what their roles allow.
    User(i64),
}

/// The person (or process) making a request.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Actor {
    /// Login name recorded in the audit trail.
    pub login: String,
    /// Who it is.
    pub principal: Principal,
}

impl Actor {
    /// The process itself (CLI before any user exists, demo, tests): every permission.
    pub fn system() -> Self {
        Actor {
            login: "sistema".to_string(),
            principal: Principal::System,
        }
    }

    /// Nobody signed in yet.
    pub fn nobody() -> Self {
        Actor {
            login: "(sin usuario)".to_string(),
            principal: Principal::Nobody,
        }
    }

    /// A signed-in user.
    pub fn user(id: i64, login: &str) -> Self {
        Actor {
            login: login.to_string(),
            principal: Principal::User(id),
        }
    }

    /// The user's id, when a person is signed in.
    pub fn user_id(&self) -> Option<i64> {
        match self.principal {
            Principal::User(id) => Some(id),
            _ => None,
        }
    }
}

/// What an area function knows about the request besides its params.
#[derive(Debug, Clone)]
pub struct Ctx {
    /// Who is asking.
    pub actor: Actor,
    /// Today's date (pinned by `CABILDO_TODAY` in tests and demos).
    pub today: NaiveDate,
    /// The instant the request started, in local time: every timestamp the request writes.
    pub now: DateTime<FixedOffset>,
    /// Folder of content-addressed files.
    pub files_dir: PathBuf,
    /// Database file.
    pub db_path: PathBuf,
    /// Digests of the files this request staged; moved into place only after it commits.
    pub staged: Arc<Mutex<Vec<String>>>,
}

impl Ctx {
    /// A context for `actor` at `now`, with `today` as the request's date.
    pub fn new(
        actor: Actor,
        today: NaiveDate,
        now: DateTime<FixedOffset>,
        files_dir: PathBuf,
        db_path: PathBuf,
    ) -> Self {
        Ctx {
            actor,
            today,
            now,
            files_dir,
            db_path,
            staged: Arc::default(),
        }
    }

    /// The request's instant as stored in the database (RFC 3339, seconds).
    pub fn stamp(&self) -> String {
        self.now.to_rfc3339_opts(SecondsFormat::Secs, false)
    }

    /// The request's instant with milliseconds (orders entries written in the same second).
    pub fn stamp_millis(&self) -> String {
        self.now.to_rfc3339_opts(SecondsFormat::Millis, false)
    }
}

/// Params or result with no fields.
#[derive(Debug, Clone, Default, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct Empty {}

/// Params naming one record by id.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct IdParam {
    /// Id.
    pub id: i64,
}
