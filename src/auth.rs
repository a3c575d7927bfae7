//! Who may do what. Users and roles arrive in a later issue; until then there is one built-in
//! administrator, but every request already passes through [`authorize`].

use crate::error::{Error, Result};

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

/// Decide whether `actor` may call `method`.
pub fn authorize(actor: &Actor, method: &str, writes: bool) -> Result<()> {
    if writes && !actor.can_write {
        return Err(Error::Forbidden(format!(
            "El usuario «{}» no tiene permiso para «{method}».",
            actor.login
        )));
    }
    Ok(())
}
