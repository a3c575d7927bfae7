//! Verification of every signature of a PDF: byte range, digest, CMS signature, certificate
//! chain and validity, and what changed in the file after each signature.
//! Over 600 lines: the checks of one signature (range, digest, CMS, chain, later changes) feed
//! one verdict and read best top to bottom.

use std::collections::{BTreeSet, HashMap};

use chrono::{DateTime, Utc};
use lopdf::{Dictionary, Document, Object, ObjectId};
use x509_cert::Certificate;

use super::certs;
use super::{cms, pdf, SignatureReport, Verification, INDETERMINATE, INVALID, VALID};
use crate::error::{Error, Result};

/// A signature dictionary found in some revision.
struct Found {
    field_name: String,
    dict: Dictionary,
}

fn is_sig_dict(d: &Dictionary) -> bool {
    d.has(b"ByteRange") && d.has(b"Contents")
}

/// Signature dictionaries of one revision: those of signature fields (with their names) and any
/// other dictionary with /ByteRange and /Contents.
fn signatures_of(doc: &Document) -> Vec<Found> {
    let mut out = Vec::new();
    let mut seen: BTreeSet<ObjectId> = BTreeSet::new();
    if let Some(fields) = pdf::acroform(doc).and_then(|af| af.get(b"Fields").ok()) {
        if let Ok((_, Object::Array(arr))) = doc.dereference(fields) {
            for f in arr {
                collect_fields(doc, f, "", &mut out, &mut seen, 0);
            }
        }
    }
    for (id, obj) in &doc.objects {
        if let Object::Dictionary(d) = obj {
            if is_sig_dict(d) && !seen.contains(id) {
                out.push(Found {
                    field_name: String::new(),
                    dict: d.clone(),
                });
            }
        }
    }
    out
}

fn collect_fields(
    doc: &Document,
    f: &Object,
    prefix: &str,
    out: &mut Vec<Found>,
    seen: &mut BTreeSet<ObjectId>,
    depth: u32,
) {
    if depth > 32 {
        return;
    }
    let Ok((_, Object::Dictionary(d))) = doc.dereference(f) else {
        return;
    };
    let name = d
        .get(b"T")
        .and_then(|t| t.as_str())
        .map(pdf::decode_text)
        .ok();
    let full = match (&name, prefix.is_empty()) {
        (Some(n), true) => n.clone(),
        (Some(n), false) => format!("{prefix}.{n}"),
        (None, _) => prefix.to_string(),
    };
    if let Ok(v) = d.get(b"V") {
        if let Ok((id, Object::Dictionary(sig))) = doc.dereference(v) {
            if is_sig_dict(sig) {
                if let Some(id) = id {
                    seen.insert(id);
                }
                out.push(Found {
                    field_name: full.clone(),
                    dict: sig.clone(),
                });
            }
        }
    }
    if let Ok((_, Object::Array(kids))) = d.get(b"Kids").and_then(|k| doc.dereference(k)) {
        for k in kids {
            collect_fields(doc, k, &full, out, seen, depth + 1);
        }
    }
}

fn byte_range(d: &Dictionary) -> Option<Vec<i64>> {
    let arr = d.get(b"ByteRange").ok()?.as_array().ok()?;
    arr.iter().map(|o| o.as_i64().ok()).collect()
}

fn text(d: &Dictionary, key: &[u8]) -> Option<String> {
    d.get(key)
        .ok()
        .and_then(|o| o.as_str().ok())
        .map(pdf::decode_text)
        .filter(|s| !s.trim().is_empty())
}

/// Parses a PDF date (D:YYYYMMDDHHmmSS+HH'mm').
fn parse_pdf_date(s: &str) -> Option<DateTime<Utc>> {
    let s = s.trim().trim_start_matches("D:");
    let digits: String = s.chars().take_while(|c| c.is_ascii_digit()).collect();
    if digits.len() < 8 {
        return None;
    }
    let padded = format!("{:0<14}", digits);
    let base = chrono::NaiveDateTime::parse_from_str(&padded[..14], "%Y%m%d%H%M%S").ok()?;
    let rest = &s[digits.len()..];
    let offset_secs = match rest.chars().next() {
        Some(sign @ ('+' | '-')) => {
            let nums: Vec<i32> = rest[1..]
                .split(|c: char| !c.is_ascii_digit())
                .filter(|p| !p.is_empty())
                .filter_map(|p| p.parse().ok())
                .collect();
            let secs =
                nums.first().copied().unwrap_or(0) * 3600 + nums.get(1).copied().unwrap_or(0) * 60;
            if sign == '-' {
                -secs
            } else {
                secs
            }
        }
        _ => 0,
    };
    let offset = chrono::FixedOffset::east_opt(offset_secs)?;
    Some(
        base.and_local_timezone(offset)
            .single()?
            .with_timezone(&Utc),
    )
}

/// Byte offset with the trailing end-of-line characters before it skipped.
fn trim_eol(pdf: &[u8], mut at: usize) -> usize {
    while at > 0 && matches!(pdf[at - 1], b'\r' | b'\n') {
        at -= 1;
    }
    at
}

/// Objects equal for the purpose of change detection (streams by dictionary and content).
fn same(a: &Object, b: &Object) -> bool {
    match (a, b) {
        (Object::Stream(x), Object::Stream(y)) => x.dict == y.dict && x.content == y.content,
        _ => a == b,
    }
}

fn is_structural(o: &Object) -> bool {
    matches!(o, Object::Stream(s) if s.dict.has_type(b"XRef") || s.dict.has_type(b"ObjStm"))
}

/// Every element of `before` is still in `after`.
fn superset(before: &Object, after: &Object) -> bool {
    match (before.as_array(), after.as_array()) {
        (Ok(a), Ok(b)) => a.iter().all(|x| b.contains(x)),
        _ => false,
    }
}

/// Judges one allowed key: its name, the value before and the value after.
type KeyCheck<'a> = &'a dyn Fn(&[u8], Option<&Object>, Option<&Object>) -> bool;

/// `after` equals `before` except for `allowed` keys, each checked by `check`.
fn dict_changes_ok(
    before: &Dictionary,
    after: &Dictionary,
    allowed: &[&[u8]],
    check: KeyCheck,
) -> bool {
    let keys: BTreeSet<&Vec<u8>> = before
        .iter()
        .map(|(k, _)| k)
        .chain(after.iter().map(|(k, _)| k))
        .collect();
    keys.into_iter().all(|k| {
        let (a, b) = (before.get(k).ok(), after.get(k).ok());
        if allowed.contains(&k.as_slice()) {
            match (a, b) {
                (Some(x), Some(y)) if x == y => true,
                _ => check(k, a, b),
            }
        } else {
            a == b
        }
    })
}

fn acroform_ok(before: &Dictionary, after: &Dictionary) -> bool {
    dict_changes_ok(
        before,
        after,
        &[b"Fields", b"SigFlags", b"DR", b"DA"],
        &|k, a, b| match k {
            b"Fields" => match (a, b) {
                (Some(x), Some(y)) => superset(x, y) || matches!(y, Object::Reference(_)),
                (None, Some(_)) => true,
                _ => false,
            },
            _ => b.is_some(),
        },
    )
}

/// Changes between two consecutive revisions that a later signature may not make: anything but
/// new objects, new fields and widgets, /AcroForm and page /Annots growing, the catalog's
/// /Version, /Extensions, /Metadata and /DSS, the /Info dictionary, and filling an empty signature field.
/// Spanish descriptions.
fn disallowed_changes(prev: &Document, next: &Document) -> Vec<String> {
    let root = prev
        .trailer
        .get(b"Root")
        .and_then(|r| r.as_reference())
        .ok();
    let info = prev
        .trailer
        .get(b"Info")
        .and_then(|r| r.as_reference())
        .ok();
    let catalog = root
        .and_then(|r| prev.get_object(r).ok())
        .and_then(|o| o.as_dict().ok());
    let af_id = catalog
        .and_then(|c| c.get(b"AcroForm").ok())
        .and_then(|a| a.as_reference().ok());
    let fields_id = pdf::acroform(prev)
        .and_then(|af| af.get(b"Fields").ok())
        .and_then(|f| f.as_reference().ok());
    let pages: BTreeSet<ObjectId> = prev.get_pages().values().copied().collect();
    let annots_ids: BTreeSet<ObjectId> = pages
        .iter()
        .filter_map(|p| {
            prev.get_object(*p)
                .ok()?
                .as_dict()
                .ok()?
                .get(b"Annots")
                .ok()?
                .as_reference()
                .ok()
        })
        .collect();

    let mut out = Vec::new();
    for (id, obj) in &next.objects {
        if is_structural(obj) {
            continue;
        }
        let Some(before) = prev.objects.get(id) else {
            continue; // new object
        };
        if same(before, obj) {
            continue;
        }
        let (bd, ad) = (before.as_dict().ok(), obj.as_dict().ok());
        let ok = match (bd, ad) {
            (Some(b), Some(a)) if Some(*id) == root => {
                // /Version, /Extensions and /Metadata (pyHanko raises the version and writes
                // XMP metadata when it signs) and /DSS (validation data for long-term
                // signatures) do not change what is shown.
                dict_changes_ok(
                    b,
                    a,
                    &[b"AcroForm", b"Version", b"Extensions", b"Metadata", b"DSS"],
                    &|k, x, y| match (k, x, y) {
                        (b"AcroForm", Some(Object::Dictionary(x)), Some(Object::Dictionary(y))) => {
                            acroform_ok(x, y)
                        }
                        (b"AcroForm", None, Some(_)) => true,
                        (b"AcroForm", _, _) => false,
                        (_, _, y) => y.is_some(),
                    },
                )
            }
            (Some(b), Some(a)) if Some(*id) == af_id => acroform_ok(b, a),
            (Some(b), Some(a)) if pages.contains(id) => {
                dict_changes_ok(b, a, &[b"Annots"], &|_, x, y| match (x, y) {
                    (Some(x), Some(y)) => superset(x, y) || matches!(y, Object::Reference(_)),
                    (None, Some(_)) => true,
                    _ => false,
                })
            }
            (Some(_), Some(_)) if Some(*id) == info => true,
            (Some(b), Some(a))
                if b.get(b"FT").and_then(|f| f.as_name()).ok() == Some(b"Sig")
                    && !b.has(b"V")
                    && a.has(b"V") =>
            {
                dict_changes_ok(b, a, &[b"V", b"AP"], &|_, _, y| y.is_some())
            }
            _ if Some(*id) == fields_id || annots_ids.contains(id) => superset(before, obj),
            _ if matches!(before, Object::Stream(s) if s.dict.has_type(b"Metadata")) => true,
            _ => false,
        };
        if !ok {
            out.push(describe(*id, before));
        }
    }
    for (id, obj) in &prev.objects {
        if !next.objects.contains_key(id) && !is_structural(obj) {
            out.push(format!("se eliminó el objeto {} {}", id.0, id.1));
        }
    }
    out
}

fn describe(id: ObjectId, obj: &Object) -> String {
    let kind = match obj {
        Object::Stream(s) => match s.dict.get_type() {
            Ok(t) => format!("flujo {}", String::from_utf8_lossy(t)),
            Err(_) => "flujo de contenido".into(),
        },
        Object::Dictionary(d) => match d.get_type() {
            Ok(b"Page") => "página".into(),
            Ok(b"Catalog") => "catálogo".into(),
            Ok(t) => String::from_utf8_lossy(t).into_owned(),
            Err(_) => "diccionario".into(),
        },
        other => other.enum_variant().to_lowercase(),
    };
    format!("se modificó el objeto {} {} ({kind})", id.0, id.1)
}

/// Whether the signature dictionary is a certification (DocMDP) signature forbidding changes.
fn docmdp_forbids_changes(d: &Dictionary, doc: &Document) -> bool {
    let Ok(refs) = d
        .get(b"Reference")
        .and_then(|r| doc.dereference(r))
        .map(|(_, r)| r)
    else {
        return false;
    };
    let Ok(arr) = refs.as_array() else {
        return false;
    };
    arr.iter().any(|r| {
        let Ok((_, Object::Dictionary(r))) = doc.dereference(r) else {
            return false;
        };
        r.get(b"TransformMethod").and_then(|m| m.as_name()).ok() == Some(b"DocMDP")
            && r.get(b"TransformParams")
                .ok()
                .and_then(|p| doc.dereference(p).ok())
                .and_then(|(_, p)| p.as_dict().ok()?.get(b"P").ok()?.as_i64().ok())
                == Some(1)
    })
}

/// Verifies every signature of `pdf` against `roots`.
pub(crate) fn verify(input: &[u8], roots: &[Certificate]) -> Result<Verification> {
    let head = &input[..input.len().min(1024)];
    if !head.windows(5).any(|w| w == b"%PDF-") {
        return Err(Error::field("pdf", "El archivo no es un PDF."));
    }
    let full = Document::load_mem(input)
        .map_err(|e| Error::field("pdf", format!("El PDF no se pudo leer: {e}.")))?;
    // Also when lopdf decrypted it by itself (empty user password).
    if full.trailer.has(b"Encrypt") || full.was_encrypted() {
        return Err(Error::field(
            "pdf",
            "El PDF está cifrado; su verificación no está soportada.",
        ));
    }
    let ends = pdf::revision_ends(input);
    let versions: Vec<Option<Document>> = ends
        .iter()
        .map(|&e| {
            if trim_eol(input, e) == trim_eol(input, input.len()) {
                Some(full.clone())
            } else {
                Document::load_mem(&input[..e]).ok()
            }
        })
        .collect();
    let trailing_garbage = ends.last().is_none_or(|&e| {
        input[e..]
            .iter()
            .any(|b| !b.is_ascii_whitespace() && *b != 0)
    });

    // Every signature of any revision, newest name first, keyed by its /ByteRange.
    let mut found: Vec<(Vec<i64>, Found, usize)> = Vec::new();
    let docs: Vec<(usize, &Document)> = std::iter::once((usize::MAX, &full))
        .chain(
            versions
                .iter()
                .enumerate()
                .rev()
                .filter_map(|(i, d)| d.as_ref().map(|d| (i, d))),
        )
        .collect();
    for (_, doc) in &docs {
        for f in signatures_of(doc) {
            let Some(br) = byte_range(&f.dict) else {
                continue;
            };
            if let Some(existing) = found.iter_mut().find(|(b, _, _)| *b == br) {
                if existing.1.field_name.is_empty() && !f.field_name.is_empty() {
                    existing.1.field_name = f.field_name;
                }
                continue;
            }
            found.push((br, f, 0));
        }
    }
    // Revision index of each signature (where its byte range ends).
    let norm_ends: Vec<usize> = ends.iter().map(|&e| trim_eol(input, e)).collect();
    for (br, _, rev) in found.iter_mut() {
        let end =
            (br.get(2).copied().unwrap_or(0) + br.get(3).copied().unwrap_or(0)).max(0) as usize;
        let end = trim_eol(input, end.min(input.len()));
        *rev = norm_ends
            .iter()
            .position(|&e| e == end)
            .unwrap_or(usize::MAX);
    }
    found.sort_by_key(|(br, _, rev)| (*rev, br.get(2).copied().unwrap_or(0)));
    let sig_revisions: BTreeSet<usize> = found.iter().map(|(_, _, r)| *r).collect();

    // What each revision changed compared with the one before.
    let mut rev_changes: HashMap<usize, Vec<String>> = HashMap::new();
    for k in 1..versions.len() {
        let problems = match (&versions[k - 1], &versions[k]) {
            (Some(a), Some(b)) => disallowed_changes(a, b),
            _ => vec![format!("la revisión {} no se pudo leer", k + 1)],
        };
        rev_changes.insert(k, problems);
    }

    let mut reports = Vec::new();
    for (n, (br, f, rev)) in found.iter().enumerate() {
        let mut report = check_one(input, br, f, roots, n + 1);
        // Changes after this signature.
        let mut mods: Vec<String> = Vec::new();
        if *rev == usize::MAX {
            if !report.covers_whole_file {
                mods.push("el rango firmado no termina al final de una revisión; no se puede saber qué se añadió después".into());
            }
        } else {
            let forbids_all = docs
                .first()
                .is_some_and(|(_, d)| docmdp_forbids_changes(&f.dict, d));
            for k in rev + 1..versions.len() {
                let changes = rev_changes.get(&k).cloned().unwrap_or_default();
                if !sig_revisions.contains(&k) {
                    mods.push(format!(
                        "la revisión {} añadió cambios que no son una firma{}",
                        k + 1,
                        if changes.is_empty() {
                            String::new()
                        } else {
                            format!(": {}", changes.join("; "))
                        }
                    ));
                } else if forbids_all {
                    mods.push(format!(
                        "la firma de certificación no permite cambios, y la revisión {} los hizo",
                        k + 1
                    ));
                } else if !changes.is_empty() {
                    mods.push(format!("la revisión {}: {}", k + 1, changes.join("; ")));
                }
            }
        }
        if trailing_garbage {
            mods.push(
                "hay datos añadidos al final del archivo después de la última revisión".into(),
            );
        }
        if !mods.is_empty() {
            report.modified_after = true;
            report.reasons.push(format!(
                "El documento fue modificado después de esta firma: {}.",
                mods.join("; ")
            ));
            report.modifications = mods;
            report.verdict = INVALID.into();
        }
        report.revision = if *rev == usize::MAX {
            0
        } else {
            *rev as u32 + 1
        };
        reports.push(report);
    }

    let mut reasons = Vec::new();
    let verdict = if reports.is_empty() {
        reasons.push("El documento no contiene firmas digitales.".to_string());
        INVALID
    } else if reports.iter().any(|r| r.verdict == INVALID) {
        INVALID
    } else if reports.iter().any(|r| r.verdict == INDETERMINATE) {
        INDETERMINATE
    } else {
        VALID
    };
    for r in &reports {
        for reason in &r.reasons {
            let who = if r.signer_name.is_empty() {
                String::new()
            } else {
                format!(" ({})", r.signer_name)
            };
            reasons.push(format!("Firma «{}»{who}: {reason}", r.field_name));
        }
    }
    Ok(Verification {
        verdict: verdict.into(),
        signatures: reports,
        reasons,
    })
}

fn empty_report(field_name: String, sub_filter: String) -> SignatureReport {
    SignatureReport {
        field_name,
        sub_filter,
        signer_name: String::new(),
        serial_number: None,
        dni: None,
        certificate_serial: String::new(),
        subject: String::new(),
        issuer: String::new(),
        not_before: String::new(),
        not_after: String::new(),
        signing_time: None,
        reason: None,
        location: None,
        revision: 0,
        integrity_ok: false,
        signature_ok: false,
        chain_trusted: false,
        certificate_valid_at_signing: false,
        covers_whole_document_until_revision: false,
        covers_whole_file: false,
        modified_after: false,
        modifications: Vec::new(),
        verdict: INVALID.into(),
        reasons: Vec::new(),
    }
}

/// Checks one signature on its own (everything but later changes).
fn check_one(
    input: &[u8],
    br: &[i64],
    f: &Found,
    roots: &[Certificate],
    n: usize,
) -> SignatureReport {
    let d = &f.dict;
    let sub_filter = d
        .get(b"SubFilter")
        .and_then(|s| s.as_name())
        .map(|s| String::from_utf8_lossy(s).into_owned())
        .unwrap_or_default();
    let name = if f.field_name.is_empty() {
        format!("(firma {n} sin campo)")
    } else {
        f.field_name.clone()
    };
    let mut r = empty_report(name, sub_filter.clone());
    r.reason = text(d, b"Reason");
    r.location = text(d, b"Location");
    let mut invalid: Vec<String> = Vec::new();
    let mut indeterminate: Vec<String> = Vec::new();

    // 1. The byte range: [0, hole start, hole end, rest], the hole exactly /Contents.
    let len = input.len() as i64;
    let shape_ok = br.len() == 4
        && br[0] == 0
        && br.iter().all(|v| *v >= 0)
        && br[1] < br[2]
        && br[2] + br[3] <= len;
    let mut contents: Option<Vec<u8>> = None;
    if shape_ok {
        let (a, b, end) = (br[1] as usize, br[2] as usize, (br[2] + br[3]) as usize);
        r.covers_whole_file = input[end..].iter().all(|c| c.is_ascii_whitespace());
        let hole = &input[a..b];
        let hex_ok = hole.first() == Some(&b'<')
            && hole.last() == Some(&b'>')
            && hole[1..hole.len() - 1]
                .iter()
                .all(|c| c.is_ascii_hexdigit() || c.is_ascii_whitespace());
        if hex_ok {
            let digits: Vec<u8> = hole[1..hole.len() - 1]
                .iter()
                .filter(|c| c.is_ascii_hexdigit())
                .copied()
                .collect();
            let mut digits = digits;
            if digits.len() % 2 == 1 {
                digits.push(b'0');
            }
            let decoded = hex::decode(&digits).unwrap_or_default();
            let declared = d.get(b"Contents").and_then(|c| c.as_str()).ok();
            if declared == Some(decoded.as_slice()) {
                contents = Some(decoded);
            } else {
                invalid.push(
                    "El hueco de /ByteRange no corresponde al valor /Contents de la firma.".into(),
                );
            }
        } else {
            invalid.push(
                "El hueco de /ByteRange no contiene exactamente la firma (/Contents).".into(),
            );
        }
        let rev_end = trim_eol(input, end);
        r.covers_whole_document_until_revision = pdf::revision_ends(input)
            .iter()
            .any(|&e| trim_eol(input, e) == rev_end);
        if !r.covers_whole_document_until_revision {
            invalid.push(
                "El rango firmado no cubre el documento completo hasta el final de una revisión."
                    .into(),
            );
        }
    } else {
        invalid.push("El /ByteRange de la firma está mal formado o fuera del archivo.".into());
    }

    let supported = matches!(
        sub_filter.as_str(),
        "ETSI.CAdES.detached" | "adbe.pkcs7.detached"
    );
    if !supported {
        indeterminate.push(format!(
            "El tipo de firma /SubFilter «{sub_filter}» no está soportado."
        ));
    }

    // 2. The CMS.
    let parsed = match (&contents, supported) {
        (Some(c), true) => match cms::parse(c) {
            Ok(p) => Some(p),
            Err(e) => {
                invalid.push(format!("La firma no se pudo leer: {e}."));
                None
            }
        },
        _ => None,
    };
    if let Some(p) = parsed {
        let facts = certs::facts(&p.signer);
        r.signer_name = facts.common_name.clone();
        r.dni = facts
            .serial_attr
            .as_deref()
            .and_then(certs::dni_from_serial);
        r.serial_number = facts.serial_attr.clone();
        r.certificate_serial = facts.serial_hex.clone();
        r.subject = facts.subject.clone();
        r.issuer = facts.issuer.clone();
        r.not_before = facts.not_before.to_rfc3339();
        r.not_after = facts.not_after.to_rfc3339();
        let claimed_time = p
            .signing_time
            .or_else(|| text(d, b"M").and_then(|m| parse_pdf_date(&m)));
        r.signing_time = claimed_time.map(|t| t.to_rfc3339());
        let at = claimed_time.unwrap_or_else(Utc::now);

        match p.digest_alg {
            None => indeterminate.push(format!(
                "Algoritmo de resumen no soportado ({}).",
                p.digest_alg_oid
            )),
            Some(alg) => {
                let (a, b, c) = (br[1] as usize, br[2] as usize, br[3] as usize);
                let digest = alg.hash(&[&input[..a], &input[b..b + c]]);
                match &p.signed_attrs {
                    Some(signed) => {
                        r.integrity_ok = p.message_digest.as_deref() == Some(digest.as_slice());
                        match certs::verify_signature(
                            &p.signer.tbs_certificate.subject_public_key_info,
                            &p.signature_alg,
                            Some(alg),
                            signed,
                            &p.signature,
                        ) {
                            Ok(()) => r.signature_ok = true,
                            Err(e) => {
                                invalid.push(format!("La firma criptográfica no es válida: {e}."))
                            }
                        }
                    }
                    None => {
                        let mut data = input[..a].to_vec();
                        data.extend_from_slice(&input[b..b + c]);
                        match certs::verify_signature(
                            &p.signer.tbs_certificate.subject_public_key_info,
                            &p.signature_alg,
                            Some(alg),
                            &data,
                            &p.signature,
                        ) {
                            Ok(()) => {
                                r.signature_ok = true;
                                r.integrity_ok = true;
                            }
                            Err(e) => {
                                invalid.push(format!("La firma criptográfica no es válida: {e}."))
                            }
                        }
                    }
                }
                if !r.integrity_ok {
                    invalid.push("La integridad no se verifica: el documento cambió en el rango firmado (el resumen no coincide).".into());
                }
            }
        }
        if sub_filter == "ETSI.CAdES.detached" && !p.has_signing_certificate {
            indeterminate.push("Falta el atributo signing-certificate exigido por PAdES.".into());
        }
        if !certs::may_sign(&p.signer) {
            invalid.push(
                "El certificado del firmante no está habilitado para firmar (keyUsage).".into(),
            );
        }
        let chain = certs::validate_chain(&p.signer, &p.certificates, roots, at);
        r.chain_trusted = chain.trusted;
        r.certificate_valid_at_signing = chain.valid_at_time;
        for problem in chain.problems {
            if chain.valid_at_time || !problem.contains("vigente") {
                indeterminate.push(problem);
            } else {
                invalid.push(problem);
            }
        }
        if !chain.trusted {
            indeterminate.push(
                "El certificado no se pudo vincular a una entidad de certificación de confianza."
                    .into(),
            );
        }
        if claimed_time.is_none() {
            indeterminate
                .push("La firma no declara la fecha de firma; se usó la fecha actual.".into());
        }
    }

    r.verdict = if !invalid.is_empty() {
        INVALID
    } else if !indeterminate.is_empty() {
        INDETERMINATE
    } else {
        VALID
    }
    .into();
    r.reasons = invalid.into_iter().chain(indeterminate).collect();
    r
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pdf_dates_parse() {
        let t = parse_pdf_date("D:20250314103000-05'00'").unwrap();
        assert_eq!(t.to_rfc3339(), "2025-03-14T15:30:00+00:00");
        assert!(parse_pdf_date("D:2025").is_none());
        assert!(parse_pdf_date("D:20250314").is_some());
    }
}
