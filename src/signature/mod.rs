//! Digital signatures of PDF records: the `cabildo-sign` crate (PAdES signing and verification),
//! re-exported here whole so `crate::signature::sign`, `crate::signature::Verification`… keep
//! naming it. Its errors are the engine's type, which `crate::pdf` converts into the core's.

pub use cabildo_sign::*;
