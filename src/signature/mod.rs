//! Digital signatures of PDF records: the `cabildo-sign` crate (PAdES signing and verification),
//! re-exported here whole so `crate::signature::sign`, `crate::signature::Verification`… keep
//! naming it. Its errors become the core's with the same kind, field and message.

pub use cabildo_sign::*;

/// Signing and verification errors keep their kind, field and message in the core's error.
impl From<cabildo_sign::Error> for crate::error::Error {
    fn from(e: cabildo_sign::Error) -> Self {
        match e {
            cabildo_sign::Error::Validation {
                field: Some(field),
                message,
            } => Self::field(&field, message),
            cabildo_sign::Error::Validation {
                field: None,
                message,
            } => Self::invalid(message),
            cabildo_sign::Error::Internal(m) => Self::Internal(m),
        }
    }
}
