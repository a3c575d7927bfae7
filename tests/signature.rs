//! PAdES signatures end to end: our signer and verifier, checked against two independent
//! validators (poppler's `pdfsig` with an NSS trust store, and pyHanko), and our verifier
//! against pyHanko's own signatures. The test CA and signers are made here with the openssl CLI;
//! no key is stored in the repository.
//!
//! Tools (installed by the Makefile): openssl, poppler-utils (pdfsig), libnss3-tools (certutil),
//! qpdf, and `pip install pyhanko pyhanko-cli`.

use std::path::Path;
use std::process::Command;

use cabildo::pdf::sample;
use cabildo::signature::{self, SignRequest, StampPlacement, Verification};
use lopdf::{dictionary, Document, Object, Stream};

mod common;

use common::pki::{make_pki, require, run, run_ok, Pki, PASS1, PASS2};

/// A one-page A4 PDF with some Spanish text, made with lopdf (classic xref table).
fn sample_pdf() -> Vec<u8> {
    let mut doc = Document::with_version("1.7");
    let pages_id = doc.new_object_id();
    let font_id = doc.add_object(dictionary! {
        "Type" => "Font", "Subtype" => "Type1", "BaseFont" => "Helvetica",
        "Encoding" => "WinAnsiEncoding",
    });
    let mut text =
        b"BT /F1 14 Tf 72 770 Td (ACTA DE SESI\xd3N ORDINARIA N\xb0 001-2025) Tj ET\n".to_vec();
    text.extend_from_slice(
        b"BT /F1 11 Tf 72 740 Td (En Pachac\xe1mac, siendo las 10:00 horas, se reuni\xf3 el Concejo Municipal.) Tj ET\n",
    );
    let content_id = doc.add_object(Stream::new(dictionary! {}, text));
    let page_id = doc.add_object(dictionary! {
        "Type" => "Page",
        "Parent" => pages_id,
        "MediaBox" => vec![0.into(), 0.into(), 595.into(), 842.into()],
        "Contents" => content_id,
        "Resources" => dictionary! { "Font" => dictionary! { "F1" => font_id } },
    });
    doc.objects.insert(
        pages_id,
        Object::Dictionary(dictionary! {
            "Type" => "Pages", "Kids" => vec![page_id.into()], "Count" => 1,
        }),
    );
    let catalog_id = doc.add_object(dictionary! { "Type" => "Catalog", "Pages" => pages_id });
    doc.trailer.set("Root", catalog_id);
    let mut out = Vec::new();
    doc.save_to(&mut out).expect("the sample PDF saves");
    out
}

fn now() -> chrono::DateTime<chrono::FixedOffset> {
    chrono::Utc::now().with_timezone(&chrono::FixedOffset::west_opt(5 * 3600).unwrap())
}

fn sign_with(pdf: &[u8], p12: &[u8], password: &str, block: u8) -> Vec<u8> {
    let stamp = signature::signer_block_placement(pdf, block).unwrap();
    signature::sign(&SignRequest {
        pdf,
        p12,
        password,
        reason: Some("Aprobación del acta"),
        location: Some("Pachacámac, Lima"),
        signing_time: now(),
        stamp: Some(stamp),
        legend: Some(signature::LEGEND_PE),
    })
    .unwrap()
}

/// The original, signed by the alcalde (RSA, modern .p12), then by the secretaria (ECDSA,
/// legacy .p12).
fn two_signatures(pki: &Pki) -> (Vec<u8>, Vec<u8>) {
    let one = sign_with(&sample_pdf(), &pki.read("s1.p12"), PASS1, 1);
    let two = sign_with(&one, &pki.read("s2-legacy.p12"), PASS2, 2);
    (one, two)
}

fn verify_trusting(pdf: &[u8], pki: &Pki) -> Verification {
    signature::verify(pdf, &[pki.ca_pem()]).unwrap()
}

/// Flips one byte of the original content (inside every signature's byte range).
fn tamper(pdf: &[u8]) -> Vec<u8> {
    let mut out = pdf.to_vec();
    let at = out
        .windows(7)
        .position(|w| w == b"ORDINAR")
        .expect("the sample text is there");
    out[at] = b'X';
    out
}

#[test]
fn one_and_two_signers_are_valid_with_trust_and_indeterminate_without() {
    let pki = make_pki();
    let original = sample_pdf();
    let (one, two) = two_signatures(&pki);
    assert!(one.starts_with(&original), "the first update only appends");
    assert!(two.starts_with(&one), "the second update only appends");

    let v = verify_trusting(&one, &pki);
    assert_eq!(v.verdict, "VÁLIDO", "{v:#?}");
    let s = &v.signatures[0];
    assert_eq!(s.field_name, "Firma1");
    assert_eq!(s.signer_name, "JUAN PÉREZ QUISPE");
    assert_eq!(s.serial_number.as_deref(), Some("PNOPE-12345678"));
    assert_eq!(s.dni.as_deref(), Some("12345678"));
    assert_eq!(s.sub_filter, "ETSI.CAdES.detached");
    assert!(s.integrity_ok && s.signature_ok && s.chain_trusted && s.covers_whole_file);
    assert_eq!(s.reason.as_deref(), Some("Aprobación del acta"));

    let v = verify_trusting(&two, &pki);
    assert_eq!(v.verdict, "VÁLIDO", "{v:#?}");
    assert_eq!(v.signatures.len(), 2);
    let (first, second) = (&v.signatures[0], &v.signatures[1]);
    assert_eq!(first.signer_name, "JUAN PÉREZ QUISPE");
    assert!(!first.modified_after && !first.covers_whole_file);
    assert!(first.covers_whole_document_until_revision);
    assert_eq!(second.signer_name, "MARÍA LÓPEZ ÑAHUI");
    assert_eq!(second.dni.as_deref(), Some("87654321"));
    assert_eq!(second.field_name, "Firma2");
    assert!(second.revision > first.revision);

    let untrusted = signature::verify(&two, &[]).unwrap();
    assert_eq!(untrusted.verdict, "INDETERMINADO", "{untrusted:#?}");
    assert!(untrusted
        .signatures
        .iter()
        .all(|s| !s.chain_trusted && s.integrity_ok));
    assert!(untrusted.reasons.iter().any(|r| r.contains("confianza")));
}

/// The stamps on a record rendered by the engine (every font embedded, PDF/A-ready): their
/// fonts are embedded subsets too, and their text, accents included, extracts exactly.
#[test]
fn stamps_embed_their_fonts_and_extract_exactly() {
    require("pdftotext", "apt-get install -y poppler-utils");
    require("pdffonts", "apt-get install -y poppler-utils");
    let pki = make_pki();
    let rendered = sample::norm(8, 0).document().unwrap().render().unwrap();
    let reason = "¿Conforme? ¡Sí! Acción, pingüino, Ñuñoa, 30° — á é í ó ú ñ ü Ñ";
    let mut pdf = rendered.pdf.clone();
    for (b, (p12, pass)) in rendered
        .signature_boxes
        .iter()
        .zip([("s1.p12", PASS1), ("s2.p12", PASS2)])
    {
        pdf = signature::sign(&SignRequest {
            pdf: &pdf,
            p12: &pki.read(p12),
            password: pass,
            reason: Some(reason),
            location: Some("Santa Rosa de Qochapampa"),
            signing_time: now(),
            stamp: Some(StampPlacement {
                page: b.page as usize - 1,
                rect: [b.x, b.y, b.x + b.width, b.y + b.height],
            }),
            legend: Some(signature::LEGEND_PE),
        })
        .unwrap();
    }
    assert_eq!(verify_trusting(&pdf, &pki).verdict, "VÁLIDO");
    let file = pki.path("norma-firmada.pdf");
    std::fs::write(&file, &pdf).unwrap();
    if let Ok(dir) = std::env::var("CABILDO_PDF_OUT") {
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::write(Path::new(&dir).join("norma-firmada.pdf"), &pdf).unwrap();
    }

    let text = run_ok(Command::new("pdftotext").arg(&file).arg("-"));
    let words = |s: &str| s.split_whitespace().collect::<Vec<_>>().join(" ");
    let flat = words(&text);
    assert_eq!(
        flat.matches("Firmado digitalmente por:").count(),
        2,
        "{text}"
    );
    for expected in [
        "JUAN PÉREZ QUISPE",
        "MARÍA LÓPEZ ÑAHUI",
        "DNI 12345678",
        "DNI 87654321",
        &format!("Motivo: {reason}"),
        signature::LEGEND_PE,
    ] {
        assert!(
            flat.contains(&words(expected)),
            "«{expected}» not in:\n{text}"
        );
    }

    let fonts = run_ok(Command::new("pdffonts").arg(&file));
    let rows: Vec<&str> = fonts.lines().skip(2).collect();
    assert!(
        rows.len() >= 7,
        "the engine's five faces and the stamps' two: {fonts}"
    );
    for row in rows {
        // name, type (may hold spaces), encoding, emb, sub, uni, object id, generation
        let cols: Vec<&str> = row.split_whitespace().collect();
        let n = cols.len();
        assert_eq!(
            &cols[n - 5..n - 2],
            &["yes", "yes", "yes"],
            "embedded, subset, Unicode: {row}"
        );
    }
    assert!(fonts.contains("+LiberationSans-Bold"), "{fonts}");
}

#[test]
fn legacy_and_modern_p12_open_and_bad_password_is_a_field_error() {
    let pki = make_pki();
    let pdf = sample_pdf();
    for file in ["s1.p12", "s1-legacy.p12"] {
        let signed = sign_with(&pdf, &pki.read(file), PASS1, 1);
        assert_eq!(verify_trusting(&signed, &pki).verdict, "VÁLIDO", "{file}");
    }
    let err = signature::sign(&SignRequest {
        pdf: &pdf,
        p12: &pki.read("s1.p12"),
        password: "incorrecta",
        reason: None,
        location: None,
        signing_time: now(),
        stamp: None,
        legend: None,
    })
    .map_err(cabildo::Error::from)
    .unwrap_err();
    let api = err.to_api();
    assert_eq!(api.field.as_deref(), Some("password"), "{api:?}");
    assert!(
        !format!("{err:?}").contains("incorrecta"),
        "the password never shows up"
    );
}

/// The update matches the file's cross-reference style: a classic table after a classic table,
/// a stream after a stream (here with object streams too). Both validators accept the result.
#[test]
fn classic_table_and_object_stream_inputs() {
    require("qpdf", "apt-get install -y qpdf");
    let pki = make_pki();
    let nss = nss_db(&pki);
    let dir = pki.dir.path();
    std::fs::write(dir.join("in.pdf"), sample_pdf()).unwrap();
    for (mode, marker) in [("disable", "\nxref\n"), ("generate", "/Type /XRef")] {
        let name = format!("{mode}.pdf");
        run_ok(Command::new("qpdf").current_dir(dir).args([
            &format!("--object-streams={mode}"),
            "in.pdf",
            &name,
        ]));
        let input = std::fs::read(dir.join(&name)).unwrap();
        // Invisible first signature, then a visible one.
        let one = signature::sign(&SignRequest {
            pdf: &input,
            p12: &pki.read("s1.p12"),
            password: PASS1,
            reason: None,
            location: None,
            signing_time: now(),
            stamp: None,
            legend: None,
        })
        .unwrap();
        let tail = String::from_utf8_lossy(&one[input.len()..]);
        assert!(
            tail.contains(marker),
            "{mode}: the update uses the same xref style"
        );
        let two = sign_with(&one, &pki.read("s2.p12"), PASS2, 2);
        let v = verify_trusting(&two, &pki);
        assert_eq!(v.verdict, "VÁLIDO", "{mode}: {v:#?}");
        let signed = dir.join(format!("{mode}-signed.pdf"));
        std::fs::write(&signed, &two).unwrap();
        run_ok(Command::new("qpdf").arg("--check").arg(&signed));
        let text = pdfsig(&nss, &signed);
        assert_eq!(text.matches("Signature is Valid.").count(), 2, "{text}");
        let (ok, text) = pyhanko_validate(&pki, &signed);
        assert!(ok, "{text}");
        assert_eq!(
            text.matches("The signature is judged VALID").count(),
            2,
            "{text}"
        );
    }
}

#[test]
fn tampering_inside_the_range_is_not_valid() {
    let pki = make_pki();
    let (_, two) = two_signatures(&pki);
    let v = verify_trusting(&tamper(&two), &pki);
    assert_eq!(v.verdict, "NO VÁLIDO", "{v:#?}");
    assert!(v.signatures.iter().all(|s| !s.integrity_ok));
    assert!(v.reasons.iter().any(|r| r.contains("integridad")));
}

#[test]
fn an_update_after_signing_is_detected() {
    let pki = make_pki();
    let signed = sign_with(&sample_pdf(), &pki.read("s1.p12"), PASS1, 1);
    // Rewrite the page's content stream in a new incremental update, as an editor would.
    let doc = Document::load_mem(&signed).unwrap();
    let page = *doc.get_pages().get(&1).unwrap();
    let content = doc
        .get_object(page)
        .unwrap()
        .as_dict()
        .unwrap()
        .get(b"Contents")
        .unwrap()
        .as_reference()
        .unwrap();
    let prev = {
        let p = signed.windows(9).rposition(|w| w == b"startxref").unwrap();
        String::from_utf8_lossy(&signed[p + 9..])
            .split_whitespace()
            .next()
            .unwrap()
            .to_string()
    };
    let root = doc.trailer.get(b"Root").unwrap().as_reference().unwrap();
    let size = doc.trailer.get(b"Size").unwrap().as_i64().unwrap();
    let mut out = signed.clone();
    let at = out.len();
    let body = b"BT /F1 14 Tf 72 770 Td (ACTA FALSIFICADA) Tj ET";
    out.extend_from_slice(
        format!("{} 0 obj\n<</Length {}>>\nstream\n", content.0, body.len()).as_bytes(),
    );
    out.extend_from_slice(body);
    out.extend_from_slice(b"\nendstream\nendobj\n");
    let xref = out.len();
    out.extend_from_slice(
        format!(
            "xref\n{} 1\n{at:010} 00000 n\r\ntrailer\n<</Size {size} /Root {} 0 R /Prev {prev}>>\nstartxref\n{xref}\n%%EOF\n",
            content.0, root.0
        )
        .as_bytes(),
    );
    let v = verify_trusting(&out, &pki);
    assert_eq!(v.verdict, "NO VÁLIDO", "{v:#?}");
    let s = &v.signatures[0];
    assert!(
        s.integrity_ok && s.signature_ok,
        "the signed revision itself is intact"
    );
    assert!(s.modified_after);
    assert!(
        s.modifications
            .iter()
            .any(|m| m.contains("no son una firma")),
        "{:?}",
        s.modifications
    );

    // Bytes appended without a revision are reported too.
    let mut junk = signed.clone();
    junk.extend_from_slice("basura añadida".as_bytes());
    let v = verify_trusting(&junk, &pki);
    assert_eq!(v.verdict, "NO VÁLIDO", "{v:#?}");
}

#[test]
fn unsigned_pdf_and_garbage() {
    let v = signature::verify(&sample_pdf(), &[]).unwrap();
    assert_eq!(v.verdict, "NO VÁLIDO");
    assert!(v.signatures.is_empty());
    assert!(signature::verify(b"hola", &[]).is_err());
    assert!(signature::signer_block_placement(&sample_pdf(), 5).is_err());
    let p = signature::signer_block_placement(&sample_pdf(), 4).unwrap();
    assert!(
        p.rect[2] <= 595.0 - 35.0,
        "block 4 stays inside the right margin: {p:?}"
    );
    let _ = StampPlacement {
        page: 0,
        rect: [0.0; 4],
    };
}

/// Encrypted files are refused for signing and verifying, also when only an owner password
/// protects them (an empty user password, which lopdf opens by itself).
#[test]
fn encrypted_pdfs_are_refused() {
    require("qpdf", "apt-get install -y qpdf");
    let pki = make_pki();
    let dir = pki.dir.path();
    std::fs::write(dir.join("in.pdf"), sample_pdf()).unwrap();
    for (user, name) in [("clave", "locked.pdf"), ("", "owner-only.pdf")] {
        run_ok(Command::new("qpdf").current_dir(dir).args([
            "--encrypt",
            user,
            "propietario",
            "256",
            "--",
            "in.pdf",
            name,
        ]));
        let pdf = std::fs::read(dir.join(name)).unwrap();
        let err = signature::sign(&SignRequest {
            pdf: &pdf,
            p12: &pki.read("s1.p12"),
            password: PASS1,
            reason: None,
            location: None,
            signing_time: now(),
            stamp: None,
            legend: None,
        })
        .unwrap_err();
        assert!(err.to_string().contains("cifrado"), "{name}: {err}");
        let err = signature::verify(&pdf, &[]).unwrap_err();
        assert!(err.to_string().contains("cifrado"), "{name}: {err}");
    }
}

// ---------- independent validators ----------

fn nss_db(pki: &Pki) -> String {
    require("certutil", "apt-get install -y libnss3-tools");
    let db = pki.path("nssdb");
    std::fs::create_dir_all(&db).unwrap();
    let spec = format!("sql:{}", db.display());
    run_ok(Command::new("certutil").args(["-N", "-d", &spec, "--empty-password"]));
    run_ok(Command::new("certutil").args([
        "-A",
        "-d",
        &spec,
        "-n",
        "CA de Prueba Cabildo",
        "-t",
        "CT,C,C",
        "-i",
        pki.path("ca.pem").to_str().unwrap(),
    ]));
    spec
}

fn pdfsig(nss: &str, file: &Path) -> String {
    require("pdfsig", "apt-get install -y poppler-utils");
    let out = run(Command::new("pdfsig").args(["-nssdir", nss]).arg(file));
    let text = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    eprintln!("pdfsig {}:\n{text}", file.display());
    text
}

fn pyhanko_validate(pki: &Pki, file: &Path) -> (bool, String) {
    require("pyhanko", "pip install pyhanko pyhanko-cli");
    let out = run(Command::new("pyhanko")
        .args(["sign", "validate", "--pretty-print", "--trust"])
        .arg(pki.path("ca.pem"))
        .arg(file));
    let text = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    eprintln!("pyhanko validate {}:\n{text}", file.display());
    (out.status.success(), text)
}

#[test]
fn pdfsig_accepts_our_signatures_and_rejects_tampering() {
    let pki = make_pki();
    let nss = nss_db(&pki);
    let (one, two) = two_signatures(&pki);
    for (name, pdf, n) in [("one.pdf", &one, 1), ("two.pdf", &two, 2)] {
        let file = pki.path(name);
        std::fs::write(&file, pdf).unwrap();
        let text = pdfsig(&nss, &file);
        assert_eq!(
            text.matches("Signature Validation: Signature is Valid.")
                .count(),
            n,
            "{text}"
        );
        assert_eq!(
            text.matches("Certificate Validation: Certificate is Trusted.")
                .count(),
            n,
            "{text}"
        );
    }
    let last = pdfsig(&nss, &pki.path("two.pdf"));
    assert!(last.contains("Total document signed"), "{last}");
    let bad = pki.path("bad.pdf");
    std::fs::write(&bad, tamper(&two)).unwrap();
    let text = pdfsig(&nss, &bad);
    assert!(!text.contains("Signature is Valid"), "{text}");
    assert!(text.contains("Digest Mismatch"), "{text}");
}

#[test]
fn pyhanko_accepts_our_signatures_and_rejects_tampering() {
    let pki = make_pki();
    let (one, two) = two_signatures(&pki);
    for (name, pdf) in [("one.pdf", &one), ("two.pdf", &two)] {
        let file = pki.path(name);
        std::fs::write(&file, pdf).unwrap();
        let (ok, text) = pyhanko_validate(&pki, &file);
        assert!(ok, "{text}");
        assert!(
            text.contains("The signature is cryptographically sound"),
            "{text}"
        );
        assert!(
            text.contains("The signer's certificate is trusted"),
            "{text}"
        );
        assert!(!text.contains("INVALID"), "{text}");
    }
    let bad = pki.path("bad.pdf");
    std::fs::write(&bad, tamper(&two)).unwrap();
    let (ok, text) = pyhanko_validate(&pki, &bad);
    assert!(!ok || !text.contains("cryptographically sound"), "{text}");
}

#[test]
fn we_accept_pyhanko_signatures_and_reject_them_tampered() {
    let pki = make_pki();
    require("pyhanko", "pip install pyhanko pyhanko-cli");
    let input = pki.path("in.pdf");
    std::fs::write(&input, sample_pdf()).unwrap();
    let out = pki.path("pyhanko.pdf");
    run_ok(
        Command::new("pyhanko")
            .args(["sign", "addsig", "--field", "Sig1", "pkcs12", "--passfile"])
            .arg(pki.path("s1.pass"))
            .arg(&input)
            .arg(&out)
            .arg(pki.path("s1.p12")),
    );
    let theirs = std::fs::read(&out).unwrap();
    let v = verify_trusting(&theirs, &pki);
    assert_eq!(v.verdict, "VÁLIDO", "{v:#?}");
    assert_eq!(v.signatures[0].field_name, "Sig1");
    assert_eq!(v.signatures[0].dni.as_deref(), Some("12345678"));
    let v = verify_trusting(&tamper(&theirs), &pki);
    assert_eq!(v.verdict, "NO VÁLIDO", "{v:#?}");

    // Mixed sequence: we sign after pyHanko, then pyHanko signs after us.
    let mixed = sign_with(&theirs, &pki.read("s2.p12"), PASS2, 2);
    let v = verify_trusting(&mixed, &pki);
    assert_eq!(v.verdict, "VÁLIDO", "{v:#?}");
    let mixed_file = pki.path("mixed.pdf");
    std::fs::write(&mixed_file, &mixed).unwrap();
    let (ok, text) = pyhanko_validate(&pki, &mixed_file);
    assert!(ok && text.contains("cryptographically sound"), "{text}");

    let ours = pki.path("ours.pdf");
    std::fs::write(
        &ours,
        sign_with(&sample_pdf(), &pki.read("s1.p12"), PASS1, 1),
    )
    .unwrap();
    let then_theirs = pki.path("ours-then-pyhanko.pdf");
    run_ok(
        Command::new("pyhanko")
            .args(["sign", "addsig", "--field", "Sig2", "pkcs12", "--passfile"])
            .arg(pki.path("s2.pass"))
            .arg(&ours)
            .arg(&then_theirs)
            .arg(pki.path("s2.p12")),
    );
    let v = verify_trusting(&std::fs::read(&then_theirs).unwrap(), &pki);
    assert_eq!(v.verdict, "VÁLIDO", "{v:#?}");
    assert_eq!(v.signatures.len(), 2);
}

#[test]
fn cli_signs_with_a_password_from_the_environment_and_verifies() {
    let pki = make_pki();
    let bin = env!("CARGO_BIN_EXE_cabildo");
    let input = pki.path("in.pdf");
    std::fs::write(&input, sample_pdf()).unwrap();
    let signed = pki.path("signed.pdf");
    run_ok(
        Command::new(bin)
            .args(["sign"])
            .arg(&input)
            .arg("--p12")
            .arg(pki.path("s1.p12"))
            .args([
                "--password-env",
                "CABILDO_TEST_P12_PASS",
                "--reason",
                "Aprobación",
                "--signer",
                "1",
                "-o",
            ])
            .arg(&signed)
            .env("CABILDO_TEST_P12_PASS", PASS1),
    );
    let out = run(Command::new(bin)
        .arg("verify")
        .arg(&signed)
        .arg("--trust")
        .arg(pki.path("ca.pem")));
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let v: Verification = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v.verdict, "VÁLIDO");
    let out = run(Command::new(bin).arg("verify").arg(&signed));
    assert_eq!(out.status.code(), Some(2), "INDETERMINADO exits 2");
    let bad = pki.path("bad.pdf");
    std::fs::write(&bad, tamper(&std::fs::read(&signed).unwrap())).unwrap();
    let out = run(Command::new(bin)
        .arg("verify")
        .arg(&bad)
        .arg("--trust")
        .arg(pki.path("ca.pem")));
    assert_eq!(out.status.code(), Some(1), "NO VÁLIDO exits 1");
    // A missing variable is an error, not an empty password.
    let out = run(Command::new(bin)
        .arg("sign")
        .arg(&input)
        .arg("--p12")
        .arg(pki.path("s1.p12"))
        .args(["--password-env", "CABILDO_TEST_NO_SUCH_VAR", "-o"])
        .arg(pki.path("x.pdf")));
    assert!(!out.status.success());
}
