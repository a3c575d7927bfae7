//! Signing and verification report errors with the engine's error type (validation, possibly
//! naming the input field, or a bug): one type for both crates, so the core converts it once.

pub use cabildo_pdf::{Error, Result};
