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

/// The error as it crosses the API boundary (IPC, CLI stderr).
#[derive(Debug, Clone, Serialize, Deserialize, TS, PartialEq)]
pub struct ApiError {
    /// Stable code: not_found, validation, conflict, forbidden, sealed, bad_request, io, internal.
    pub kind: String,
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

    /// An I/O error with a Spanish explanation.
    pub fn io(message: impl Into<String>, source: std::io::Error) -> Self {
        Error::Io {
            message: format!("{}: {}", message.into(), source),
            source: Some(source),
        }
    }

    /// Stable English code of the error.
    pub fn kind(&self) -> &'static str {
        match self {
            Error::NotFound(_) => "not_found",
            Error::Validation { .. } => "validation",
            Error::Conflict(_) => "conflict",
            Error::Forbidden(_) => "forbidden",
            Error::Sealed(_) => "sealed",
            Error::BadRequest(_) => "bad_request",
            Error::Io { .. } => "io",
            Error::Database(e) if is_busy(e) => "conflict",
            Error::Database(_) | Error::Migrate(_) | Error::Internal(_) => "internal",
        }
    }

    /// The error as the UI and the CLI see it.
    pub fn to_api(&self) -> ApiError {
        let message = match self {
            Error::Database(e) if is_busy(e) => {
                "La base de datos está ocupada por otro proceso; intente de nuevo.".to_string()
            }
            other => other.to_string(),
        };
        ApiError {
            kind: self.kind().to_string(),
            message,
            field: match self {
                Error::Validation { field, .. } => field.clone(),
                _ => None,
            },
        }
    }
}

fn is_busy(e: &sqlx::Error) -> bool {
    matches!(e, sqlx::Error::Database(d) if d.message().contains("database is locked") || d.message().contains("busy"))
}
