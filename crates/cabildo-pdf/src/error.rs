//! The engine's error: what the caller can fix (a validation error, possibly naming the input
//! field it belongs to) or a bug. Messages are Spanish, for the person at the keyboard; the core
//! turns them into its own error with the same kind, message and field.

/// Result alias used across the engine.
pub type Result<T, E = Error> = std::result::Result<T, E>;

/// Everything that can go wrong while rendering or joining PDF files.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// The input is wrong; `field` names the parameter to fix.
    #[error("{message}")]
    Validation {
        /// Parameter name (snake_case) the message belongs to.
        field: Option<String>,
        /// Spanish message.
        message: String,
    },
    /// A bug: something that should never happen.
    #[error("{0}")]
    Internal(String),
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
}
