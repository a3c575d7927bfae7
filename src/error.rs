//! One error type for the whole core. Every error has a stable English `kind` for programs and a
//! Spanish message for the person at the keyboard; validation errors also name the field.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// Result alias used across the core.
pub type Result<T, E = Error> = std::result::Result<T, E>;

/// Everything that can go wrong in the core.
///
/// Add a variant only when the UI must react differently to it; otherwise reuse `Validation`
/// (the person can fix it) or `Conflict` (the data changed or clashes with other data).
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// The thing asked for does not exist.
    #[error("{0}")]
    NotFound(String),
    /// The input is wrong; `field` names the parameter to fix.
    #[error("{message}")]
    Validation {
        /// Parameter name (snake_case) the message belongs to.
        field: Option<String>,
        /// Spanish message.
        message: String,
    },
    /// The request clashes with data already stored (duplicate, in use…).
    #[error("{0}")]
    Conflict(String),
    /// The actor may not do this.
    #[error("{0}")]
    Forbidden(String),
    /// Nobody is signed in, the password was wrong, or the session locked itself: the window
    /// asks for the password and repeats the request.
    #[error("{0}")]
    Unauthenticated(String),
    /// The record is sealed and cannot change.
    #[error("{0}")]
    Sealed(String),
    /// The request itself is malformed (unknown method, bad JSON).
    #[error("{0}")]
    BadRequest(String),
    /// A file could not be read or written.
    #[error("{message}")]
    Io {
        /// Spanish message.
        message: String,
        /// Underlying error.
        #[source]
        source: Option<std::io::Error>,
    },
    /// The database refused or failed.
    #[error("error de base de datos: {0}")]
    Database(#[from] sqlx::Error),
    /// Migrations failed.
    #[error("no se pudo actualizar la base de datos: {0}")]
    Migrate(#[from] sqlx::migrate::MigrateError),
    /// A bug: something that should never happen.
    #[error("{0}")]
    Internal(String),
}

/// The stable code of an error, for programs (the UI decides by it, tests assert on it).
///
/// Add a code only when a caller must react to it differently from every existing one.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum ErrorKind {
    /// The thing asked for (by id, number or name) does not exist.
    NotFound,
    /// The input is wrong and the person can fix it; `field` names the parameter when there is one.
    Validation,
    /// The request clashes with stored data (a duplicate, a record in use, a state that does not
    /// allow it) or the database is busy with another process: retrying later may work.
    Conflict,
    /// The actor may not do this.
    Forbidden,
    /// Nobody is signed in, or the session locked itself: sign in and repeat the request.
    Unauthenticated,
    /// The record is sealed (approved, published, issued) and cannot change.
    Sealed,
    /// The request itself is malformed: unknown method, JSON that is not the method's params.
    BadRequest,
    /// A file could not be read or written.
    Io,
    /// A bug or a failure the person cannot fix (database errors, failed migrations).
    Internal,
}

impl ErrorKind {
    /// The wire value (`"not_found"`, `"validation"`…).
    pub fn as_str(self) -> &'static str {
        match self {
            ErrorKind::NotFound => "not_found",
            ErrorKind::Validation => "validation",
            ErrorKind::Conflict => "conflict",
            ErrorKind::Forbidden => "forbidden",
            ErrorKind::Unauthenticated => "unauthenticated",
            ErrorKind::Sealed => "sealed",
            ErrorKind::BadRequest => "bad_request",
            ErrorKind::Io => "io",
            ErrorKind::Internal => "internal",
        }
    }
}

impl std::fmt::Display for ErrorKind {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Compares with the wire value, so a check reads `e.kind == "conflict"`.
impl PartialEq<&str> for ErrorKind {
    fn eq(&self, other: &&str) -> bool {
        self.as_str() == *other
    }
}

/// The error as it crosses the API boundary (IPC, CLI stderr).
#[derive(Debug, Clone, Serialize, Deserialize, TS, PartialEq)]
pub struct ApiError {
    /// Stable code for programs.
    pub kind: ErrorKind,
    /// Spanish message for the person at the keyboard.
    pub message: String,
    /// The parameter the message belongs to, when there is one.
    pub field: Option<String>,
}

impl Error {
    /// A validation error attached to a field.
    pub fn field(field: &str, message: impl Into<String>) -> Self {
        Error::Validation {
            field: Some(field.to_string()),
            message: message.into(),
        }
    }

    /// A validation error not attached to any field.
    pub fn invalid(message: impl Into<String>) -> Self {
        Error::Validation {
            field: None,
            message: message.into(),
        }
    }

    /// An I/O error with a Spanish explanation (a full disk says so in Spanish).
    pub fn io(message: impl Into<String>, source: std::io::Error) -> Self {
        use std::io::ErrorKind as K;
        let cause = match source.kind() {
            K::StorageFull | K::FileTooLarge | K::QuotaExceeded => DISK_FULL.to_string(),
            _ => source.to_string(),
        };
        Error::Io {
            message: format!("{}: {cause}", message.into()),
            source: Some(source),
        }
    }

    /// Stable English code of the error.
    pub fn kind(&self) -> ErrorKind {
        match self {
            Error::NotFound(_) => ErrorKind::NotFound,
            Error::Validation { .. } => ErrorKind::Validation,
            Error::Conflict(_) => ErrorKind::Conflict,
            Error::Forbidden(_) => ErrorKind::Forbidden,
            Error::Unauthenticated(_) => ErrorKind::Unauthenticated,
            Error::Sealed(_) => ErrorKind::Sealed,
            Error::BadRequest(_) => ErrorKind::BadRequest,
            Error::Io { .. } => ErrorKind::Io,
            Error::Database(e) if is_busy(e) => ErrorKind::Conflict,
            Error::Database(e) if is_write_failure(e) => ErrorKind::Io,
            Error::Database(_) | Error::Migrate(_) | Error::Internal(_) => ErrorKind::Internal,
        }
    }

    /// The error as the UI and the CLI see it.
    pub fn to_api(&self) -> ApiError {
        let message = match self {
            Error::Database(e) if is_busy(e) => {
                "La base de datos está ocupada por otro proceso; intente de nuevo.".to_string()
            }
            Error::Database(e) if is_write_failure(e) => format!(
                "{DISK_FULL} No se guardó nada de esta operación: libere espacio (o revise el \
                 disco) e intente de nuevo."
            ),
            other => other.to_string(),
        };
        ApiError {
            kind: self.kind(),
            message,
            field: match self {
                Error::Validation { field, .. } => field.clone(),
                _ => None,
            },
        }
    }
}

/// What a person reads when the disk refused a write (full, over quota, a file size limit).
pub const DISK_FULL: &str = "No se pudo escribir en el disco: ¿está lleno?";

/// SQLite's primary result codes for a write the disk refused: SQLITE_IOERR (10; its extended
/// codes, such as SQLITE_IOERR_WRITE = 778, carry it in the low byte) and SQLITE_FULL (13).
const SQLITE_IOERR: i64 = 10;
const SQLITE_FULL: i64 = 13;

/// The disk refused a write (by SQLite's error code).
fn is_write_failure(e: &sqlx::Error) -> bool {
    sqlite_code(e).is_some_and(|c| matches!(c & 0xff, SQLITE_IOERR | SQLITE_FULL))
}

fn sqlite_code(e: &sqlx::Error) -> Option<i64> {
    let sqlx::Error::Database(d) = e else {
        return None;
    };
    d.code().and_then(|c| c.parse::<i64>().ok())
}

/// SQLite's primary result codes for "another connection holds the lock": SQLITE_BUSY and
/// SQLITE_LOCKED. Extended codes carry the primary one in their low byte (SQLITE_BUSY_SNAPSHOT
/// is 517 = 5 | 2 << 8).
const SQLITE_BUSY: i64 = 5;
const SQLITE_LOCKED: i64 = 6;

/// The database is busy with another connection or process (by SQLite's error code, which sqlx
/// gives as a decimal string; never by the message text).
fn is_busy(e: &sqlx::Error) -> bool {
    sqlite_code(e).is_some_and(|c| matches!(c & 0xff, SQLITE_BUSY | SQLITE_LOCKED))
}

#[cfg(test)]
mod tests {
    use super::*;
    use sqlx::sqlite::{SqliteConnectOptions, SqliteConnection};
    use sqlx::{Connection, Executor};
    use std::time::Duration;

    async fn connect(path: &std::path::Path) -> SqliteConnection {
        let opts = SqliteConnectOptions::new()
            .filename(path)
            .create_if_missing(true)
            .busy_timeout(Duration::ZERO);
        SqliteConnection::connect_with(&opts).await.unwrap()
    }

    #[tokio::test]
    async fn busy_is_recognised_by_sqlite_code_not_by_message() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("busy.db");
        let mut a = connect(&path).await;
        let mut b = connect(&path).await;
        a.execute("CREATE TABLE t (x INTEGER)").await.unwrap();
        // A trigger whose message reads like a busy database: still not busy.
        a.execute(
            "CREATE TRIGGER t_no BEFORE DELETE ON t BEGIN \
             SELECT RAISE(ABORT, 'database is locked (busy)'); END",
        )
        .await
        .unwrap();
        a.execute("INSERT INTO t VALUES (1)").await.unwrap();

        let raised = Error::from(a.execute("DELETE FROM t").await.unwrap_err());
        assert_eq!(raised.kind(), ErrorKind::Internal);

        // A write lock held by `a`: `b` gets SQLITE_BUSY at once (no busy timeout).
        a.execute("BEGIN IMMEDIATE").await.unwrap();
        let busy = Error::from(b.execute("BEGIN IMMEDIATE").await.unwrap_err());
        let Error::Database(sqlx::Error::Database(d)) = &busy else {
            panic!("a database error, not {busy:?}");
        };
        assert_eq!(d.code().as_deref(), Some("5"));
        assert_eq!(busy.kind(), ErrorKind::Conflict);
        let api = busy.to_api();
        assert_eq!(api.kind, ErrorKind::Conflict);
        assert_eq!(
            api.message,
            "La base de datos está ocupada por otro proceso; intente de nuevo."
        );
        a.execute("ROLLBACK").await.unwrap();
    }

    #[test]
    fn kinds_cross_the_wire_as_snake_case() {
        let e = Error::BadRequest("x".into()).to_api();
        let json = serde_json::to_value(&e).unwrap();
        assert_eq!(json["kind"], "bad_request");
        assert_eq!(e.kind, "bad_request");
        assert_eq!(
            serde_json::from_value::<ErrorKind>("not_found".into()).unwrap(),
            ErrorKind::NotFound
        );
    }
}
