//! Opening a PKCS#12 (.p12/.pfx) file: the private key and its certificate chain. The password
//! and the key stay in memory only for the signature and are wiped afterwards.

use der::Decode;
use x509_cert::Certificate;
use zeroize::Zeroizing;

use super::certs;
use crate::error::{Error, Result};

/// The signer's private key (PKCS#8 DER, wiped on drop), certificate and chain.
pub(crate) struct SignerMaterial {
    pub key_pkcs8: Zeroizing<Vec<u8>>,
    pub cert: Certificate,
    pub chain: Vec<Certificate>,
}

impl std::fmt::Debug for SignerMaterial {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SignerMaterial")
            .field("key_pkcs8", &"<oculta>")
            .field("cert", &certs::facts(&self.cert).subject)
            .finish()
    }
}

/// Opens the PKCS#12 file. Supports the current OpenSSL default (PBES2, PBKDF2 and AES-256-CBC,
/// HMAC-SHA-256) and the legacy 3DES / RC2 bags with HMAC-SHA-1.
pub(crate) fn open(p12: &[u8], password: &str) -> Result<SignerMaterial> {
    if p12.is_empty() {
        return Err(Error::field(
            "p12",
            "El archivo del certificado (.p12/.pfx) está vacío.",
        ));
    }
    let store = p12_keystore::KeyStore::from_pkcs12(p12, password).map_err(|e| match e {
        p12_keystore::error::Error::MacError(_)
        | p12_keystore::error::Error::UnpadError
        | p12_keystore::error::Error::Pkcs5Error(_) => Error::field(
            "password",
            "La contraseña del certificado no es correcta.",
        ),
        p12_keystore::error::Error::UnsupportedEncryptionScheme
        | p12_keystore::error::Error::UnsupportedMacAlgorithm => Error::field(
            "p12",
            "El archivo del certificado usa un cifrado no soportado; expórtelo de nuevo (AES-256 o 3DES).",
        ),
        other => Error::field(
            "p12",
            format!("El archivo del certificado (.p12/.pfx) no se pudo leer: {other}."),
        ),
    })?;
    let (_alias, chain) = store.private_key_chain().ok_or_else(|| {
        Error::field(
            "p12",
            "El archivo del certificado no contiene una clave privada con su certificado.",
        )
    })?;
    let key_pkcs8 = Zeroizing::new(chain.key().to_vec());
    let mut certs_iter = chain.chain().iter().map(|c| {
        Certificate::from_der(c.as_der()).map_err(|e| {
            Error::field(
                "p12",
                format!("Un certificado del archivo .p12 no se pudo leer: {e}."),
            )
        })
    });
    let cert = certs_iter.next().ok_or_else(|| {
        Error::field(
            "p12",
            "El archivo del certificado no contiene el certificado del firmante.",
        )
    })??;
    let chain = certs_iter.collect::<Result<Vec<_>>>()?;
    Ok(SignerMaterial {
        key_pkcs8,
        cert,
        chain,
    })
}
