//! The CMS SignedData inside /Contents: built for PAdES B-B (detached, SHA-256, signed attributes
//! content-type, message-digest and ESS signing-certificate-v2, no signing-time) and parsed back
//! for verification, ours or anyone's.

use ::cms::cert::{CertificateChoices, IssuerAndSerialNumber};
use ::cms::content_info::{CmsVersion, ContentInfo};
use ::cms::signed_data::{
    CertificateSet, EncapsulatedContentInfo, SignedData, SignerIdentifier, SignerInfo, SignerInfos,
};
use chrono::{DateTime, Utc};
use der::asn1::{ObjectIdentifier, OctetString, SetOfVec};
use der::{Any, Decode, Encode, Sequence};
use spki::AlgorithmIdentifierOwned;
use x509_cert::attr::Attribute;
use x509_cert::ext::pkix::name::GeneralName;
use x509_cert::serial_number::SerialNumber;
use x509_cert::Certificate;
use zeroize::Zeroizing;

use super::certs::{self, DigestAlg};
use super::der_walk;
use super::pkcs12::SignerMaterial;
use crate::error::{Error, Result};

const OID_DATA: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.113549.1.7.1");
const OID_SIGNED_DATA: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.113549.1.7.2");
const OID_CONTENT_TYPE: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.113549.1.9.3");
const OID_MESSAGE_DIGEST: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.113549.1.9.4");
const OID_SIGNING_TIME: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.113549.1.9.5");
const OID_SIGNING_CERT_V2: ObjectIdentifier =
    ObjectIdentifier::new_unwrap("1.2.840.113549.1.9.16.2.47");

/// ESS IssuerSerial.
#[derive(Clone, Debug, Eq, PartialEq, Sequence)]
struct IssuerSerial {
    issuer: Vec<GeneralName>,
    serial_number: SerialNumber,
}

/// ESS ESSCertIDv2 with the default hash algorithm (SHA-256), which DER leaves out.
#[derive(Clone, Debug, Eq, PartialEq, Sequence)]
struct EssCertIdV2 {
    cert_hash: OctetString,
    issuer_serial: IssuerSerial,
}

/// ESS SigningCertificateV2 without policies.
#[derive(Clone, Debug, Eq, PartialEq, Sequence)]
struct SigningCertificateV2 {
    certs: Vec<EssCertIdV2>,
}

fn internal(what: &str, e: impl std::fmt::Display) -> Error {
    Error::Internal(format!("No se pudo construir la firma ({what}): {e}."))
}

fn attribute<T: Encode>(oid: ObjectIdentifier, value: &T) -> Result<Attribute> {
    let der = value.to_der().map_err(|e| internal("atributo", e))?;
    let any = Any::from_der(&der).map_err(|e| internal("atributo", e))?;
    let values = SetOfVec::try_from(vec![any]).map_err(|e| internal("atributo", e))?;
    Ok(Attribute { oid, values })
}

fn sha256_alg() -> AlgorithmIdentifierOwned {
    AlgorithmIdentifierOwned {
        oid: certs::OID_SHA256,
        parameters: None,
    }
}

/// Signs `data` (the DER of the signed attributes) with the PKCS#8 key. Returns the signature
/// algorithm identifier and the signature value.
fn sign_with_key(key_pkcs8: &[u8], data: &[u8]) -> Result<(AlgorithmIdentifierOwned, Vec<u8>)> {
    let info = rsa::pkcs8::PrivateKeyInfo::try_from(key_pkcs8)
        .map_err(|_| Error::field("p12", "La clave privada del certificado no se pudo leer."))?;
    match info.algorithm.oid {
        certs::OID_RSA => {
            use rsa::pkcs8::DecodePrivateKey;
            let key = rsa::RsaPrivateKey::from_pkcs8_der(key_pkcs8).map_err(|_| {
                Error::field(
                    "p12",
                    "La clave privada RSA del certificado no se pudo leer.",
                )
            })?;
            let digest = DigestAlg::Sha256.hash(&[data]);
            let sig = key
                .sign(rsa::Pkcs1v15Sign::new::<sha2::Sha256>(), &digest)
                .map_err(|e| internal("RSA", e))?;
            let null = Any::encode_from(&der::asn1::Null).map_err(|e| internal("RSA", e))?;
            Ok((
                AlgorithmIdentifierOwned {
                    oid: certs::OID_SHA256_RSA,
                    parameters: Some(null),
                },
                sig,
            ))
        }
        certs::OID_EC_PUBLIC_KEY => {
            use p256::ecdsa::signature::Signer;
            use p256::pkcs8::DecodePrivateKey;
            let key = p256::ecdsa::SigningKey::from_pkcs8_der(key_pkcs8).map_err(|_| {
                Error::field(
                    "p12",
                    "Solo se admiten claves de curva elíptica P-256 (o RSA).",
                )
            })?;
            let sig: p256::ecdsa::Signature = key.sign(data);
            Ok((
                AlgorithmIdentifierOwned {
                    oid: certs::OID_ECDSA_SHA256,
                    parameters: None,
                },
                sig.to_der().as_bytes().to_vec(),
            ))
        }
        _ => Err(Error::field(
            "p12",
            "El tipo de clave del certificado no está soportado (use RSA o ECDSA P-256).",
        )),
    }
}

/// Checks that the private key belongs to the certificate, by signing and verifying a probe.
pub(crate) fn check_key_matches(material: &SignerMaterial) -> Result<()> {
    let probe = b"cabildo: prueba de pertenencia de la clave";
    let (alg, sig) = sign_with_key(&material.key_pkcs8, probe)?;
    certs::verify_signature(
        &material.cert.tbs_certificate.subject_public_key_info,
        &alg,
        Some(DigestAlg::Sha256),
        probe,
        &sig,
    )
    .map_err(|_| {
        Error::field(
            "p12",
            "La clave privada del archivo no corresponde a su certificado.",
        )
    })
}

/// Builds the DER ContentInfo(SignedData) over a document digest (SHA-256 of the byte range).
pub(crate) fn build(material: &SignerMaterial, document_digest: &[u8]) -> Result<Vec<u8>> {
    let cert = &material.cert;
    let cert_der = cert.to_der().map_err(|e| internal("certificado", e))?;
    let ess = SigningCertificateV2 {
        certs: vec![EssCertIdV2 {
            cert_hash: OctetString::new(certs::sha256(&cert_der))
                .map_err(|e| internal("ESS", e))?,
            issuer_serial: IssuerSerial {
                issuer: vec![GeneralName::DirectoryName(
                    cert.tbs_certificate.issuer.clone(),
                )],
                serial_number: cert.tbs_certificate.serial_number.clone(),
            },
        }],
    };
    let attrs = vec![
        attribute(OID_CONTENT_TYPE, &OID_DATA)?,
        attribute(
            OID_MESSAGE_DIGEST,
            &OctetString::new(document_digest.to_vec()).map_err(|e| internal("resumen", e))?,
        )?,
        attribute(OID_SIGNING_CERT_V2, &ess)?,
    ];
    let signed_attrs = SetOfVec::try_from(attrs).map_err(|e| internal("atributos", e))?;
    let to_sign = Zeroizing::new(
        signed_attrs
            .to_der()
            .map_err(|e| internal("atributos", e))?,
    );
    let (signature_algorithm, signature) = sign_with_key(&material.key_pkcs8, &to_sign)?;

    let signer_info = SignerInfo {
        version: CmsVersion::V1,
        sid: SignerIdentifier::IssuerAndSerialNumber(IssuerAndSerialNumber {
            issuer: cert.tbs_certificate.issuer.clone(),
            serial_number: cert.tbs_certificate.serial_number.clone(),
        }),
        digest_alg: sha256_alg(),
        signed_attrs: Some(signed_attrs),
        signature_algorithm,
        signature: OctetString::new(signature).map_err(|e| internal("firma", e))?,
        unsigned_attrs: None,
    };
    let mut seen: Vec<Vec<u8>> = Vec::new();
    let mut choices = Vec::new();
    for c in std::iter::once(cert).chain(material.chain.iter()) {
        let der = c.to_der().map_err(|e| internal("cadena", e))?;
        if !seen.contains(&der) {
            seen.push(der);
            choices.push(CertificateChoices::Certificate(c.clone()));
        }
    }
    let signed_data = SignedData {
        version: CmsVersion::V1,
        digest_algorithms: SetOfVec::try_from(vec![sha256_alg()])
            .map_err(|e| internal("algoritmos", e))?,
        encap_content_info: EncapsulatedContentInfo {
            econtent_type: OID_DATA,
            econtent: None,
        },
        certificates: Some(CertificateSet(
            SetOfVec::try_from(choices).map_err(|e| internal("cadena", e))?,
        )),
        crls: None,
        signer_infos: SignerInfos(
            SetOfVec::try_from(vec![signer_info]).map_err(|e| internal("firmante", e))?,
        ),
    };
    let content_info = ContentInfo {
        content_type: OID_SIGNED_DATA,
        content: Any::encode_from(&signed_data).map_err(|e| internal("SignedData", e))?,
    };
    content_info
        .to_der()
        .map_err(|e| internal("ContentInfo", e))
}

/// A parsed signature, ready to be checked.
pub(crate) struct ParsedCms {
    pub signer: Certificate,
    pub certificates: Vec<Certificate>,
    pub digest_alg: Option<DigestAlg>,
    pub digest_alg_oid: String,
    pub message_digest: Option<Vec<u8>>,
    pub signed_attrs: Option<Vec<u8>>,
    pub signature_alg: AlgorithmIdentifierOwned,
    pub signature: Vec<u8>,
    pub signing_time: Option<DateTime<Utc>>,
    pub has_signing_certificate: bool,
}

/// Parses a CMS SignedData (trailing zero padding allowed). Spanish error on failure.
pub(crate) fn parse(contents: &[u8]) -> std::result::Result<ParsedCms, String> {
    let len = der_walk::first_element_len(contents)
        .ok_or("el contenido de la firma no es un objeto CMS (DER) legible")?;
    let der = &contents[..len];
    let ci = ContentInfo::from_der(der).map_err(|e| format!("CMS ilegible: {e}"))?;
    if ci.content_type != OID_SIGNED_DATA {
        return Err("el contenido de la firma no es SignedData".into());
    }
    let sd: SignedData = ci
        .content
        .decode_as()
        .map_err(|e| format!("SignedData ilegible: {e}"))?;
    let certificates: Vec<Certificate> = sd
        .certificates
        .as_ref()
        .map(|set| {
            set.0
                .iter()
                .filter_map(|c| match c {
                    CertificateChoices::Certificate(c) => Some(c.clone()),
                    _ => None,
                })
                .collect()
        })
        .unwrap_or_default();
    let si = sd
        .signer_infos
        .0
        .iter()
        .next()
        .ok_or("la firma no tiene firmante (SignerInfo)")?;
    if sd.signer_infos.0.len() > 1 {
        return Err("la firma tiene más de un firmante (SignerInfo), no soportado".into());
    }
    let signer = match &si.sid {
        SignerIdentifier::IssuerAndSerialNumber(ias) => certificates.iter().find(|c| {
            c.tbs_certificate.serial_number == ias.serial_number
                && c.tbs_certificate.issuer.to_der().ok() == ias.issuer.to_der().ok()
        }),
        SignerIdentifier::SubjectKeyIdentifier(ski) => certificates
            .iter()
            .find(|c| certs::subject_key_id(c).as_deref() == Some(ski.0.as_bytes())),
    }
    .cloned()
    .ok_or("la firma no incluye el certificado del firmante")?;

    let mut message_digest = None;
    let mut signing_time = None;
    let mut has_signing_certificate = false;
    let mut content_type_ok = false;
    if let Some(attrs) = &si.signed_attrs {
        for a in attrs.iter() {
            let Some(v) = a.values.iter().next() else {
                continue;
            };
            match a.oid {
                OID_MESSAGE_DIGEST => {
                    message_digest = v
                        .decode_as::<OctetString>()
                        .ok()
                        .map(|o| o.as_bytes().to_vec())
                }
                OID_SIGNING_TIME => {
                    signing_time = v
                        .to_der()
                        .ok()
                        .and_then(|d| x509_cert::time::Time::from_der(&d).ok())
                        .map(|t| certs::time_to_utc(&t))
                }
                OID_CONTENT_TYPE => {
                    content_type_ok = v.decode_as::<ObjectIdentifier>().ok() == Some(OID_DATA)
                }
                OID_SIGNING_CERT_V2 => has_signing_certificate = true,
                o if o.to_string() == "1.2.840.113549.1.9.16.2.12" => {
                    has_signing_certificate = true
                }
                _ => {}
            }
        }
        if !content_type_ok {
            return Err("el atributo content-type de la firma falta o no es id-data".into());
        }
    }
    let signed_attrs = if si.signed_attrs.is_some() {
        Some(
            der_walk::signed_attrs_of_cms(der)
                .ok_or("los atributos firmados no se pudieron leer")?,
        )
    } else {
        None
    };
    Ok(ParsedCms {
        signer,
        certificates,
        digest_alg: DigestAlg::from_oid(&si.digest_alg.oid),
        digest_alg_oid: si.digest_alg.oid.to_string(),
        message_digest,
        signed_attrs,
        signature_alg: si.signature_algorithm.clone(),
        signature: si.signature.as_bytes().to_vec(),
        signing_time,
        has_signing_certificate,
    })
}
