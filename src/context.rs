//! The leaf every area stands on: who is asking, the request's clock, where the files live, and
//! the small param types every method table uses. It imports nothing of the domain.

use std::path::PathBuf;
use std::sync::{Arc, Mutex};

use chrono::{DateTime, FixedOffset, NaiveDate, SecondsFormat};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// The person (or process) making a request.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Actor {
    /// Login name recorded in the audit trail.
    pub login: String,
    /// Whether the actor may change data.
    pub can_write: bool,
}

impl Actor {
    /// The built-in administrator.
    pub fn admin() -> Self {
        Actor {
            login: "admin".to_string(),
            can_write: true,
        }
    }

    /// A read-only actor (used by tests of the authorization path).
    pub fn reader(login: &str) -> Self {
        Actor {
            login: login.to_string(),
            can_write: false,
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
