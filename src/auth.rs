//! Who may do what. Users and roles arrive in a later issue; until then there is one built-in
//! administrator, but every request already passes through [`authorize`].

use crate::error::{Error, Result};

pub use crate::context::Actor;

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
