//! X.509 helpers: names as text, the DNI of a Peruvian certificate, signature checks with RSA
//! (PKCS#1 v1.5) and ECDSA P-256, and the chain from a signer to the municipality's roots.

use chrono::{DateTime, TimeZone, Utc};
use der::asn1::ObjectIdentifier;
use der::{Decode, Encode, Tagged};
use sha2::Digest as _;
use spki::{AlgorithmIdentifierOwned, SubjectPublicKeyInfoOwned};
use x509_cert::ext::pkix::{BasicConstraints, KeyUsage};
use x509_cert::name::Name;
use x509_cert::time::Time;
use x509_cert::Certificate;

use super::der_walk;

pub(crate) const OID_CN: ObjectIdentifier = ObjectIdentifier::new_unwrap("2.5.4.3");
pub(crate) const OID_SERIAL_NUMBER: ObjectIdentifier = ObjectIdentifier::new_unwrap("2.5.4.5");
const OID_BASIC_CONSTRAINTS: ObjectIdentifier = ObjectIdentifier::new_unwrap("2.5.29.19");
const OID_KEY_USAGE: ObjectIdentifier = ObjectIdentifier::new_unwrap("2.5.29.15");
const OID_SKI: ObjectIdentifier = ObjectIdentifier::new_unwrap("2.5.29.14");

pub(crate) const OID_SHA1: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.3.14.3.2.26");
pub(crate) const OID_SHA256: ObjectIdentifier =
    ObjectIdentifier::new_unwrap("2.16.840.1.101.3.4.2.1");
pub(crate) const OID_SHA384: ObjectIdentifier =
    ObjectIdentifier::new_unwrap("2.16.840.1.101.3.4.2.2");
pub(crate) const OID_SHA512: ObjectIdentifier =
    ObjectIdentifier::new_unwrap("2.16.840.1.101.3.4.2.3");
pub(crate) const OID_RSA: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.113549.1.1.1");
const OID_SHA1_RSA: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.113549.1.1.5");
pub(crate) const OID_SHA256_RSA: ObjectIdentifier =
    ObjectIdentifier::new_unwrap("1.2.840.113549.1.1.11");
const OID_SHA384_RSA: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.113549.1.1.12");
const OID_SHA512_RSA: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.113549.1.1.13");
pub(crate) const OID_EC_PUBLIC_KEY: ObjectIdentifier =
    ObjectIdentifier::new_unwrap("1.2.840.10045.2.1");
pub(crate) const OID_ECDSA_SHA256: ObjectIdentifier =
    ObjectIdentifier::new_unwrap("1.2.840.10045.4.3.2");
const OID_ECDSA_SHA384: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.10045.4.3.3");
const OID_ECDSA_SHA512: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.10045.4.3.4");

/// Digest algorithms accepted in signatures.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum DigestAlg {
    Sha1,
    Sha256,
    Sha384,
    Sha512,
}

impl DigestAlg {
    pub(crate) fn from_oid(oid: &ObjectIdentifier) -> Option<Self> {
        match *oid {
            OID_SHA1 => Some(DigestAlg::Sha1),
            OID_SHA256 => Some(DigestAlg::Sha256),
            OID_SHA384 => Some(DigestAlg::Sha384),
            OID_SHA512 => Some(DigestAlg::Sha512),
            _ => None,
        }
    }

    /// Digest of the concatenation of `parts`.
    pub(crate) fn hash(self, parts: &[&[u8]]) -> Vec<u8> {
        fn run<D: sha2::Digest>(parts: &[&[u8]]) -> Vec<u8> {
            let mut h = D::new();
            for p in parts {
                h.update(p);
            }
            h.finalize().to_vec()
        }
        match self {
            DigestAlg::Sha1 => run::<sha1::Sha1>(parts),
            DigestAlg::Sha256 => run::<sha2::Sha256>(parts),
            DigestAlg::Sha384 => run::<sha2::Sha384>(parts),
            DigestAlg::Sha512 => run::<sha2::Sha512>(parts),
        }
    }
}

/// Decodes a directory string (UTF8, Printable, IA5, Teletex as Latin-1, BMP).
fn directory_string(any: &der::Any) -> String {
    let bytes = any.value();
    match any.tag() {
        der::Tag::BmpString => {
            let units: Vec<u16> = bytes
                .chunks(2)
                .map(|c| u16::from_be_bytes([c[0], *c.get(1).unwrap_or(&0)]))
                .collect();
            String::from_utf16_lossy(&units)
        }
        der::Tag::TeletexString => bytes.iter().map(|&b| b as char).collect(),
        _ => String::from_utf8_lossy(bytes).into_owned(),
    }
}

fn short_name(oid: &ObjectIdentifier) -> String {
    match oid.to_string().as_str() {
        "2.5.4.3" => "CN".into(),
        "2.5.4.4" => "SN".into(),
        "2.5.4.42" => "GN".into(),
        "2.5.4.5" => "SERIALNUMBER".into(),
        "2.5.4.6" => "C".into(),
        "2.5.4.7" => "L".into(),
        "2.5.4.8" => "ST".into(),
        "2.5.4.10" => "O".into(),
        "2.5.4.11" => "OU".into(),
        "2.5.4.12" => "T".into(),
        "2.5.4.97" => "organizationIdentifier".into(),
        "1.2.840.113549.1.9.1" => "emailAddress".into(),
        other => other.to_string(),
    }
}

/// A name as "CN=…, SERIALNUMBER=…, O=…, C=PE" in the order it is encoded.
pub(crate) fn name_to_string(name: &Name) -> String {
    let mut parts = Vec::new();
    for rdn in name.0.iter() {
        for atv in rdn.0.iter() {
            parts.push(format!(
                "{}={}",
                short_name(&atv.oid),
                directory_string(&atv.value)
            ));
        }
    }
    parts.join(", ")
}

/// The first value of attribute `oid` in `name`.
pub(crate) fn name_attr(name: &Name, oid: ObjectIdentifier) -> Option<String> {
    name.0
        .iter()
        .flat_map(|rdn| rdn.0.iter())
        .find(|atv| atv.oid == oid)
        .map(|atv| directory_string(&atv.value))
}

/// The DNI inside a subject serialNumber: "PNOPE-12345678", "DNI 12345678", "DNI:12345678" or
/// eight digits alone.
pub fn dni_from_serial(serial: &str) -> Option<String> {
    let s = serial.trim();
    let upper = s.to_uppercase();
    let rest = ["PNOPE-", "PNOPE", "IDCPE-", "DNI:", "DNI ", "DNI-", "DNI"]
        .iter()
        .find_map(|p| upper.strip_prefix(p))
        .unwrap_or(&upper)
        .trim();
    (rest.len() == 8 && rest.bytes().all(|b| b.is_ascii_digit())).then(|| rest.to_string())
}

pub(crate) fn time_to_utc(t: &Time) -> DateTime<Utc> {
    let d = t.to_unix_duration();
    Utc.timestamp_opt(d.as_secs() as i64, 0)
        .single()
        .unwrap_or_default()
}

/// Facts about a certificate shown to people.
#[derive(Clone, Debug)]
pub(crate) struct CertFacts {
    pub common_name: String,
    pub serial_attr: Option<String>,
    pub subject: String,
    pub issuer: String,
    pub serial_hex: String,
    pub not_before: DateTime<Utc>,
    pub not_after: DateTime<Utc>,
}

pub(crate) fn facts(cert: &Certificate) -> CertFacts {
    let tbs = &cert.tbs_certificate;
    CertFacts {
        common_name: name_attr(&tbs.subject, OID_CN).unwrap_or_default(),
        serial_attr: name_attr(&tbs.subject, OID_SERIAL_NUMBER),
        subject: name_to_string(&tbs.subject),
        issuer: name_to_string(&tbs.issuer),
        serial_hex: hex::encode_upper(tbs.serial_number.as_bytes()),
        not_before: time_to_utc(&tbs.validity.not_before),
        not_after: time_to_utc(&tbs.validity.not_after),
    }
}

fn spki_der(spki: &SubjectPublicKeyInfoOwned) -> Result<Vec<u8>, String> {
    spki.to_der()
        .map_err(|e| format!("clave pública ilegible: {e}"))
}

/// Checks `signature` over `message` with the public key `spki`. `alg` is the signature
/// algorithm; for plain rsaEncryption `digest_hint` names the digest.
pub(crate) fn verify_signature(
    spki: &SubjectPublicKeyInfoOwned,
    alg: &AlgorithmIdentifierOwned,
    digest_hint: Option<DigestAlg>,
    message: &[u8],
    signature: &[u8],
) -> Result<(), String> {
    let rsa_digest = match alg.oid {
        OID_RSA => Some(digest_hint.ok_or("algoritmo de resumen desconocido")?),
        OID_SHA1_RSA => Some(DigestAlg::Sha1),
        OID_SHA256_RSA => Some(DigestAlg::Sha256),
        OID_SHA384_RSA => Some(DigestAlg::Sha384),
        OID_SHA512_RSA => Some(DigestAlg::Sha512),
        _ => None,
    };
    if let Some(d) = rsa_digest {
        use rsa::pkcs8::DecodePublicKey;
        use rsa::{Pkcs1v15Sign, RsaPublicKey};
        if spki.algorithm.oid != OID_RSA {
            return Err("la clave del certificado no es RSA".into());
        }
        let key = RsaPublicKey::from_public_key_der(&spki_der(spki)?)
            .map_err(|e| format!("clave RSA ilegible: {e}"))?;
        let scheme = match d {
            DigestAlg::Sha1 => Pkcs1v15Sign::new::<sha1::Sha1>(),
            DigestAlg::Sha256 => Pkcs1v15Sign::new::<sha2::Sha256>(),
            DigestAlg::Sha384 => Pkcs1v15Sign::new::<sha2::Sha384>(),
            DigestAlg::Sha512 => Pkcs1v15Sign::new::<sha2::Sha512>(),
        };
        return key
            .verify(scheme, &d.hash(&[message]), signature)
            .map_err(|_| "la firma RSA no corresponde".to_string());
    }
    let ec_digest = match alg.oid {
        OID_ECDSA_SHA256 => DigestAlg::Sha256,
        OID_ECDSA_SHA384 => DigestAlg::Sha384,
        OID_ECDSA_SHA512 => DigestAlg::Sha512,
        OID_EC_PUBLIC_KEY => digest_hint.ok_or("algoritmo de resumen desconocido")?,
        _ => return Err(format!("algoritmo de firma no soportado ({})", alg.oid)),
    };
    use p256::ecdsa::signature::hazmat::PrehashVerifier;
    use p256::pkcs8::DecodePublicKey;
    let key = p256::ecdsa::VerifyingKey::from_public_key_der(&spki_der(spki)?)
        .map_err(|_| "solo se admiten claves de curva elíptica P-256".to_string())?;
    let sig = p256::ecdsa::Signature::from_der(signature)
        .map_err(|_| "firma ECDSA ilegible".to_string())?;
    key.verify_prehash(&ec_digest.hash(&[message]), &sig)
        .map_err(|_| "la firma ECDSA no corresponde".to_string())
}

/// Whether `issuer` signed `cert`.
fn signed_by(cert: &Certificate, issuer: &Certificate) -> bool {
    let Ok(der) = cert.to_der() else {
        return false;
    };
    let Some(tbs) = der_walk::tbs_of_certificate(&der) else {
        return false;
    };
    let Some(sig) = cert.signature.as_bytes() else {
        return false;
    };
    verify_signature(
        &issuer.tbs_certificate.subject_public_key_info,
        &cert.signature_algorithm,
        None,
        tbs,
        sig,
    )
    .is_ok()
}

fn extension<T: for<'a> Decode<'a>>(cert: &Certificate, oid: ObjectIdentifier) -> Option<T> {
    cert.tbs_certificate
        .extensions
        .as_ref()?
        .iter()
        .find(|e| e.extn_id == oid)
        .and_then(|e| T::from_der(e.extn_value.as_bytes()).ok())
}

/// Whether a certificate may issue others (basicConstraints cA, when present).
fn may_issue(cert: &Certificate) -> bool {
    match extension::<BasicConstraints>(cert, OID_BASIC_CONSTRAINTS) {
        Some(bc) => bc.ca,
        None => true,
    }
}

/// Whether a certificate says it is a certification authority (basicConstraints cA).
pub(crate) fn is_ca(cert: &Certificate) -> bool {
    extension::<BasicConstraints>(cert, OID_BASIC_CONSTRAINTS).is_some_and(|bc| bc.ca)
}

/// Whether a signer certificate allows signing (keyUsage digitalSignature or nonRepudiation).
pub(crate) fn may_sign(cert: &Certificate) -> bool {
    match extension::<KeyUsage>(cert, OID_KEY_USAGE) {
        Some(ku) => ku.digital_signature() || ku.non_repudiation(),
        None => true,
    }
}

/// The subjectKeyIdentifier of a certificate.
pub(crate) fn subject_key_id(cert: &Certificate) -> Option<Vec<u8>> {
    let ski: x509_cert::ext::pkix::SubjectKeyIdentifier = extension(cert, OID_SKI)?;
    Some(ski.0.as_bytes().to_vec())
}

fn same_name(a: &Name, b: &Name) -> bool {
    match (a.to_der(), b.to_der()) {
        (Ok(x), Ok(y)) => x == y,
        _ => false,
    }
}

fn same_cert(a: &Certificate, b: &Certificate) -> bool {
    a == b
}

/// What walking the chain found.
#[derive(Debug, Default)]
pub(crate) struct ChainOutcome {
    /// The chain reached a trusted root and every link verified.
    pub trusted: bool,
    /// Every certificate of the chain was valid at the signing time.
    pub valid_at_time: bool,
    /// Spanish explanations of what failed.
    pub problems: Vec<String>,
}

/// Walks from `signer` up to one of `roots`, using `pool` (the certificates that came with the
/// signature) for the intermediates, checking every signature and validity period at `at`.
pub(crate) fn validate_chain(
    signer: &Certificate,
    pool: &[Certificate],
    roots: &[Certificate],
    at: DateTime<Utc>,
) -> ChainOutcome {
    let mut out = ChainOutcome {
        valid_at_time: true,
        ..Default::default()
    };
    let check_time = |c: &Certificate, out: &mut ChainOutcome| {
        let f = facts(c);
        if at < f.not_before || at > f.not_after {
            out.valid_at_time = false;
            out.problems.push(format!(
                "El certificado «{}» no estaba vigente en la fecha de firma {} (vigencia del {} al {}).",
                if f.common_name.is_empty() { &f.subject } else { &f.common_name },
                at.format("%Y-%m-%d %H:%M:%S UTC"),
                f.not_before.format("%Y-%m-%d"),
                f.not_after.format("%Y-%m-%d")
            ));
        }
    };
    let mut current = signer.clone();
    for _ in 0..10 {
        check_time(&current, &mut out);
        if roots.iter().any(|r| same_cert(r, &current)) {
            out.trusted = true;
            return out;
        }
        let issuer_name = &current.tbs_certificate.issuer;
        let trusted_issuer = roots
            .iter()
            .find(|r| same_name(&r.tbs_certificate.subject, issuer_name) && signed_by(&current, r));
        if let Some(root) = trusted_issuer {
            check_time(root, &mut out);
            out.trusted = true;
            return out;
        }
        let next = pool.iter().find(|c| {
            !same_cert(c, &current)
                && same_name(&c.tbs_certificate.subject, issuer_name)
                && may_issue(c)
                && signed_by(&current, c)
        });
        match next {
            Some(c) => current = c.clone(),
            None => {
                let f = facts(&current);
                let self_signed = same_name(issuer_name, &current.tbs_certificate.subject)
                    && signed_by(&current, &current);
                out.problems.push(if self_signed {
                    format!(
                        "La cadena termina en la raíz «{}», que no está entre las entidades de confianza importadas.",
                        f.subject
                    )
                } else {
                    format!(
                        "No se encontró el certificado del emisor «{}» para completar la cadena de confianza.",
                        f.issuer
                    )
                });
                return out;
            }
        }
    }
    out.problems
        .push("La cadena de certificados es demasiado larga.".into());
    out
}

/// Parses trusted roots given as PEM (one or more certificates) or DER.
pub(crate) fn parse_roots(inputs: &[Vec<u8>]) -> Result<Vec<Certificate>, String> {
    let mut out = Vec::new();
    for input in inputs {
        if input.starts_with(b"-----") || input.windows(11).any(|w| w == b"-----BEGIN ") {
            let certs = Certificate::load_pem_chain(input)
                .map_err(|e| format!("El certificado de confianza (PEM) no se pudo leer: {e}."))?;
            out.extend(certs);
        } else {
            out.push(
                Certificate::from_der(input).map_err(|e| {
                    format!("El certificado de confianza (DER) no se pudo leer: {e}.")
                })?,
            );
        }
    }
    Ok(out)
}

/// SHA-256 of a DER encoding (for the ESS signing-certificate-v2 attribute).
pub(crate) fn sha256(data: &[u8]) -> Vec<u8> {
    sha2::Sha256::digest(data).to_vec()
}
