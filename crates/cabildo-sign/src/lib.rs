//! Digital signatures of PDF records: PAdES baseline B-B (ETSI.CAdES.detached) with a PKCS#12
//! certificate, one incremental update per signer so earlier signatures stay valid, a visible
//! stamp per signer; and verification of any PDF's signatures with a verdict as FIRMA PERÚ
//! reports it: VÁLIDO, NO VÁLIDO or INDETERMINADO, with reasons in Spanish.
//!
//! The private key and its password live only in memory while [`sign`] runs; they are never
//! written or logged, and our copies are wiped (zeroized) when dropped.
//!
//! Pure Rust throughout (RustCrypto `cms`, `x509-cert`, `rsa`, `p256`; `p12-keystore`; `lopdf`
//! to read the PDF); the stamp borrows the fonts of the PDF engine (`cabildo-pdf`), never the
//! other way round. Decisions: docs/adr/0004-signatures.md.

#![warn(missing_docs)]

mod appearance;
mod certs;
mod cms;
mod der_walk;
pub mod error;
mod pdf;
mod pkcs12;
mod verify;

use serde::{Deserialize, Serialize};
use ts_rs::TS;

pub use error::{Error, Result};

pub use certs::dni_from_serial;

/// Verdict: every signature verifies, is intact and chains to a trusted root.
pub const VALID: &str = "VÁLIDO";
/// Verdict: a signature is broken, the document changed after signing, or a certificate was not
/// valid when it signed.
pub const INVALID: &str = "NO VÁLIDO";
/// Verdict: nothing is broken, but trust could not be established (unknown root, unsupported
/// algorithm, missing data).
pub const INDETERMINATE: &str = "INDETERMINADO";

/// Legend printed in the stamp of Peruvian signatures.
pub const LEGEND_PE: &str = "Documento electrónico firmado digitalmente en el marco de la Ley N° 27269, Ley de Firmas y Certificados Digitales, su Reglamento y modificatorias.";
/// Legend printed in the stamp of Chilean signatures.
pub const LEGEND_CL: &str =
    "Documento firmado electrónicamente conforme a la Ley N° 19.799 sobre documentos electrónicos, firma electrónica y servicios de certificación de dicha firma.";

/// Where the visible stamp goes: a page (0-based) and a rectangle in PDF points
/// `[x1, y1, x2, y2]` from the page's lower-left corner.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize, TS)]
pub struct StampPlacement {
    /// Page index, 0 = first page.
    pub page: usize,
    /// Rectangle `[x1, y1, x2, y2]` in points.
    pub rect: [f32; 4],
}

/// Everything one signature needs. Nothing here is kept after [`sign`] returns.
pub struct SignRequest<'a> {
    /// The PDF to sign (possibly already signed by others).
    pub pdf: &'a [u8],
    /// The signer's PKCS#12 (.p12/.pfx) file.
    pub p12: &'a [u8],
    /// Its password (never stored or logged).
    pub password: &'a str,
    /// Reason of the signature (/Reason), e.g. "Aprobación del acta".
    pub reason: Option<&'a str>,
    /// Place of signing (/Location), e.g. "Pachacámac, Lima".
    pub location: Option<&'a str>,
    /// Time of signing written in /M and the stamp.
    pub signing_time: chrono::DateTime<chrono::FixedOffset>,
    /// Visible stamp position; None = invisible signature.
    pub stamp: Option<StampPlacement>,
    /// Legend printed at the foot of the stamp (e.g. [`LEGEND_PE`]).
    pub legend: Option<&'a str>,
}

impl std::fmt::Debug for SignRequest<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SignRequest")
            .field("pdf_len", &self.pdf.len())
            .field("p12", &"<oculto>")
            .field("password", &"<oculta>")
            .field("reason", &self.reason)
            .field("location", &self.location)
            .field("signing_time", &self.signing_time)
            .field("stamp", &self.stamp)
            .finish()
    }
}

/// The result of verifying a PDF.
#[derive(Clone, Debug, Serialize, Deserialize, TS)]
pub struct Verification {
    /// "VÁLIDO", "NO VÁLIDO" or "INDETERMINADO" for the document as a whole.
    pub verdict: String,
    /// One report per signature, in signing order.
    pub signatures: Vec<SignatureReport>,
    /// Why the verdict is not VÁLIDO (Spanish), empty when it is.
    pub reasons: Vec<String>,
}

/// What was found about one signature.
#[derive(Clone, Debug, Serialize, Deserialize, TS)]
pub struct SignatureReport {
    /// Name of the signature field (e.g. "Firma1").
    pub field_name: String,
    /// /SubFilter of the signature (ETSI.CAdES.detached, adbe.pkcs7.detached…).
    pub sub_filter: String,
    /// Common name (CN) of the signer's certificate.
    pub signer_name: String,
    /// The subject's serialNumber attribute (Peru: "PNOPE-12345678" or "DNI 12345678").
    pub serial_number: Option<String>,
    /// The DNI read from `serial_number`, when it has one.
    pub dni: Option<String>,
    /// Serial number of the certificate itself, hexadecimal.
    pub certificate_serial: String,
    /// Subject of the certificate, "CN=…, SERIALNUMBER=…, O=…, C=PE".
    pub subject: String,
    /// Issuer of the certificate.
    pub issuer: String,
    /// Start of the certificate's validity (RFC 3339).
    pub not_before: String,
    /// End of the certificate's validity (RFC 3339).
    pub not_after: String,
    /// Signing time claimed by the signer (CMS signing-time, else /M), RFC 3339.
    pub signing_time: Option<String>,
    /// /Reason of the signature.
    pub reason: Option<String>,
    /// /Location of the signature.
    pub location: Option<String>,
    /// Revision (1 = original file) whose end the signature covers; 0 if none.
    pub revision: u32,
    /// The digest of the signed byte range matches the one in the signature.
    pub integrity_ok: bool,
    /// The CMS signature verifies with the certificate's public key.
    pub signature_ok: bool,
    /// The certificate chains to one of the trusted roots.
    pub chain_trusted: bool,
    /// Every certificate of the chain was valid at the signing time.
    pub certificate_valid_at_signing: bool,
    /// The byte range covers the whole file from its start to the end of a revision, except the
    /// signature value itself.
    pub covers_whole_document_until_revision: bool,
    /// The byte range covers the whole file as it is now (this is the last revision).
    pub covers_whole_file: bool,
    /// The document was changed after this signature by something other than later signatures.
    pub modified_after: bool,
    /// What changed after this signature (Spanish).
    pub modifications: Vec<String>,
    /// Verdict of this signature.
    pub verdict: String,
    /// Why this signature is not VÁLIDO (Spanish).
    pub reasons: Vec<String>,
}

/// Signs `req.pdf`: returns its bytes unchanged followed by one incremental update holding the
/// signature (PAdES B-B, SHA-256, detached CMS with the certificate chain of the .p12).
pub fn sign(req: &SignRequest) -> Result<Vec<u8>> {
    let material = pkcs12::open(req.p12, req.password)?;
    cms::check_key_matches(&material)?;
    let facts = certs::facts(&material.cert);
    let at = req.signing_time.with_timezone(&chrono::Utc);
    if at < facts.not_before || at > facts.not_after {
        return Err(Error::field(
            "p12",
            format!(
                "El certificado de {} no está vigente en la fecha de firma (vigencia del {} al {}).",
                facts.common_name,
                facts.not_before.format("%d/%m/%Y"),
                facts.not_after.format("%d/%m/%Y")
            ),
        ));
    }
    if !certs::may_sign(&material.cert) {
        return Err(Error::field(
            "p12",
            "El certificado no está habilitado para firma digital (keyUsage).",
        ));
    }
    if let Some(s) = &req.stamp {
        let [x1, y1, x2, y2] = s.rect;
        if !(x2 - x1).is_finite() || (x2 - x1).abs() < 20.0 || (y2 - y1).abs() < 12.0 {
            return Err(Error::field(
                "stamp",
                "El recuadro del sello es demasiado pequeño.",
            ));
        }
    }
    let doc = load(req.pdf)?;

    let existing = pdf::field_names(&doc);
    let field_name = (1..)
        .map(|n| format!("Firma{n}"))
        .find(|n| !existing.contains(n))
        .expect("an unused field name exists");

    let appearance = req.stamp.map(|s| {
        let [x1, y1, x2, y2] = s.rect;
        appearance::stamp_content(
            (x2 - x1).abs(),
            (y2 - y1).abs(),
            &stamp_paragraphs(&facts, req),
        )
    });
    let spec = pdf::UpdateSpec {
        field_name,
        signer_name: facts.common_name.clone(),
        date: pdf::pdf_date(&req.signing_time),
        reason: req.reason.map(str::to_string),
        location: req.location.map(str::to_string),
        placement: req.stamp.map(|s| (s.page, normalize(s.rect))),
        appearance,
    };
    let prepared = pdf::prepare(req.pdf, &doc, &spec)?;
    let mut out = prepared.bytes;
    let digest =
        certs::DigestAlg::Sha256.hash(&[&out[..prepared.hole_start], &out[prepared.hole_end..]]);
    let cms_der = cms::build(&material, &digest)?;
    if cms_der.len() > pdf::CONTENTS_CAPACITY {
        return Err(Error::Internal(format!(
            "La firma ocupa {} bytes y el espacio reservado es de {}.",
            cms_der.len(),
            pdf::CONTENTS_CAPACITY
        )));
    }
    let hex = hex::encode_upper(&cms_der);
    out[prepared.hole_start + 1..prepared.hole_start + 1 + hex.len()]
        .copy_from_slice(hex.as_bytes());
    Ok(out)
}

fn normalize([x1, y1, x2, y2]: [f32; 4]) -> [f32; 4] {
    [x1.min(x2), y1.min(y2), x1.max(x2), y1.max(y2)]
}

fn stamp_paragraphs(facts: &certs::CertFacts, req: &SignRequest) -> Vec<appearance::Paragraph> {
    let p = |text: String, bold: bool, scale: f32| appearance::Paragraph { text, bold, scale };
    let mut out = vec![
        p("Firmado digitalmente por:".into(), false, 0.85),
        p(facts.common_name.clone(), true, 1.0),
    ];
    if let Some(s) = facts.serial_attr.as_deref() {
        match certs::dni_from_serial(s) {
            Some(dni) => out.push(p(format!("DNI {dni}"), false, 1.0)),
            None => out.push(p(format!("N.° de serie: {s}"), false, 1.0)),
        }
    }
    out.push(p(
        format!(
            "Fecha: {}",
            req.signing_time.format("%d/%m/%Y %H:%M:%S %:z")
        ),
        false,
        0.9,
    ));
    if let Some(r) = req.reason.filter(|r| !r.trim().is_empty()) {
        out.push(p(format!("Motivo: {r}"), false, 0.9));
    }
    if let Some(l) = req.legend.filter(|l| !l.trim().is_empty()) {
        out.push(p(l.to_string(), false, 0.72));
    }
    out
}

fn load(input: &[u8]) -> Result<lopdf::Document> {
    let head = &input[..input.len().min(1024)];
    if !head.windows(5).any(|w| w == b"%PDF-") {
        return Err(Error::field("pdf", "El archivo no es un PDF."));
    }
    let doc = lopdf::Document::load_mem(input)
        .map_err(|e| Error::field("pdf", format!("El PDF no se pudo leer: {e}.")))?;
    // lopdf opens a file encrypted with an empty user password by itself and drops /Encrypt
    // from the trailer; appending to it would write plain objects into an encrypted file.
    if doc.trailer.has(b"Encrypt") || doc.was_encrypted() {
        return Err(Error::field(
            "pdf",
            "El PDF está cifrado; quite la protección antes de firmarlo.",
        ));
    }
    Ok(doc)
}

/// Where signer block `block` (1..=4) goes: a fixed row of four blocks along the bottom margin
/// of the last page (until the PDF engine reports where each record puts its blocks).
pub fn signer_block_placement(pdf: &[u8], block: u8) -> Result<StampPlacement> {
    if !(1..=4).contains(&block) {
        return Err(Error::field(
            "signer",
            "El bloque de firma debe ser un número del 1 al 4.",
        ));
    }
    let doc = load(pdf)?;
    let pages = doc.get_pages();
    let (&last_no, &last_id) = pages
        .iter()
        .next_back()
        .ok_or_else(|| Error::field("pdf", "El PDF no tiene páginas."))?;
    let [bx1, by1, bx2, _] = pdf::page_box(&doc, last_id);
    let margin = 36.0;
    let gap = 6.0;
    let width = ((bx2 - bx1) - 2.0 * margin - 3.0 * gap) / 4.0;
    let height = 72.0;
    let x1 = bx1 + margin + (block as f32 - 1.0) * (width + gap);
    let y1 = by1 + margin;
    Ok(StampPlacement {
        page: last_no as usize - 1,
        rect: [x1, y1, x1 + width, y1 + height],
    })
}

/// Verifies every signature of `pdf`. `trusted_roots` are certificates (PEM, possibly several
/// per entry, or DER) the municipality trusts; a chain ending elsewhere is INDETERMINADO.
pub fn verify(pdf: &[u8], trusted_roots: &[Vec<u8>]) -> Result<Verification> {
    let roots = certs::parse_roots(trusted_roots).map_err(|m| Error::field("trust", m))?;
    verify::verify(pdf, &roots)
}

/// A certificate read from a PEM or DER file, as the municipality sees it when it imports a
/// trusted root.
#[derive(Clone, Debug)]
pub struct CertificateFile {
    /// Subject, "CN=…, O=…, C=PE".
    pub subject: String,
    /// Issuer.
    pub issuer: String,
    /// Serial number, hexadecimal.
    pub serial: String,
    /// SHA-256 of the DER encoding, hexadecimal (the certificate's fingerprint).
    pub sha256: String,
    /// Start of validity (RFC 3339).
    pub not_before: String,
    /// End of validity (RFC 3339).
    pub not_after: String,
    /// Whether the certificate may issue others (basicConstraints cA).
    pub is_ca: bool,
    /// DER encoding.
    pub der: Vec<u8>,
}

/// Reads every certificate of a PEM (one or more) or DER file.
pub fn read_certificates(bytes: &[u8]) -> Result<Vec<CertificateFile>> {
    use der::Encode;
    let certs = certs::parse_roots(&[bytes.to_vec()]).map_err(|m| Error::field("path", m))?;
    if certs.is_empty() {
        return Err(Error::field(
            "path",
            "El archivo no contiene certificados (se espera PEM o DER).",
        ));
    }
    certs
        .iter()
        .map(|c| {
            let der = c
                .to_der()
                .map_err(|e| Error::Internal(format!("certificado: {e}")))?;
            let f = certs::facts(c);
            Ok(CertificateFile {
                subject: f.subject,
                issuer: f.issuer,
                serial: f.serial_hex,
                sha256: hex::encode(certs::sha256(&der)),
                not_before: f.not_before.to_rfc3339(),
                not_after: f.not_after.to_rfc3339(),
                is_ca: certs::is_ca(c),
                der,
            })
        })
        .collect()
}
