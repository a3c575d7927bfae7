//! Passwords: Argon2id (the `argon2` crate, its default parameters: 19 MiB, 2 passes), stored in
//! PHC string form. The password itself is never stored, logged or audited.

use argon2::password_hash::rand_core::OsRng;
use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use argon2::Argon2;

use crate::error::{Error, Result};

/// Shortest password accepted.
pub const MIN_LEN: usize = 8;

/// The PHC string of `password` with a fresh random salt.
pub fn hash(password: &str) -> Result<String> {
    let salt = SaltString::generate(&mut OsRng);
    Argon2::default()
        .hash_password(password.as_bytes(), &salt)
        .map(|h| h.to_string())
        .map_err(|e| Error::Internal(format!("no se pudo cifrar la contraseña: {e}")))
}

/// Whether `password` matches the stored PHC string.
pub fn verify(password: &str, phc: &str) -> bool {
    PasswordHash::new(phc)
        .map(|parsed| {
            Argon2::default()
                .verify_password(password.as_bytes(), &parsed)
                .is_ok()
        })
        .unwrap_or(false)
}

/// The rules a new password must meet, checked at `field`.
pub fn check_new(field: &str, password: &str, login: &str) -> Result<()> {
    if password.chars().count() < MIN_LEN {
        return Err(Error::field(
            field,
            format!("La contraseña debe tener al menos {MIN_LEN} caracteres."),
        ));
    }
    if password.trim() != password {
        return Err(Error::field(
            field,
            "La contraseña no puede empezar ni terminar con espacios.",
        ));
    }
    if password.to_lowercase() == login.to_lowercase() {
        return Err(Error::field(
            field,
            "La contraseña no puede ser igual al nombre de usuario.",
        ));
    }
    if password.chars().all(|c| c.is_ascii_digit()) && password.len() < 12 {
        return Err(Error::field(
            field,
            "Una contraseña de solo números debe tener al menos 12 cifras; mejor combine letras y números.",
        ));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_hash_verifies_its_password_only() {
        let h = hash("correcto-caballo").unwrap();
        assert!(h.starts_with("$argon2id$"), "{h}");
        assert!(verify("correcto-caballo", &h));
        assert!(!verify("Correcto-caballo", &h));
        assert!(!verify("correcto-caballo", "not a phc string"));
        assert_ne!(
            h,
            hash("correcto-caballo").unwrap(),
            "a fresh salt each time"
        );
    }

    #[test]
    fn weak_passwords_are_refused_at_the_field() {
        for bad in ["corta", "  espacios  ", "mgarcia", "12345678"] {
            let e = check_new("password", bad, "MGarcia").unwrap_err().to_api();
            assert_eq!(e.field.as_deref(), Some("password"), "{bad}");
        }
        check_new("password", "Cabildo-2026", "mgarcia").unwrap();
        check_new("password", "123456789012", "mgarcia").unwrap();
    }
}
