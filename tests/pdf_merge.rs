//! Joining PDFs: three records rendered by the engine plus a hand-made file whose pages inherit
//! MediaBox, Resources and Rotate from their page tree, checked with poppler (`pdfinfo`,
//! `pdftotext`), `qpdf --check`, and the outline read back with lopdf.
//!
//! Needs poppler-utils and qpdf (`make deps`). Set `CABILDO_PDF_OUT=/some/dir` to keep the
//! PDFs and look at them (`pdftoppm -png -r 50 file.pdf page`).

use std::path::{Path, PathBuf};
use std::process::Command;

use cabildo::pdf::{self, merge, merge_with, sample, MergeOptions, MergePart};
use lopdf::{dictionary, Document, Object, Stream};

fn tool(name: &str) -> String {
    let found = Command::new("sh")
        .arg("-c")
        .arg(format!("command -v {name}"))
        .output()
        .map(|o| o.status.success())
        .unwrap_or(false);
    assert!(
        found,
        "`{name}` is not installed; these tests need it: apt-get install -y poppler-utils qpdf \
         (or run `make deps`)"
    );
    name.to_string()
}

fn save(dir: &Path, name: &str, bytes: &[u8]) -> PathBuf {
    if let Ok(out) = std::env::var("CABILDO_PDF_OUT") {
        std::fs::create_dir_all(&out).unwrap();
        std::fs::write(PathBuf::from(out).join(format!("{name}.pdf")), bytes).unwrap();
    }
    let path = dir.join(format!("{name}.pdf"));
    std::fs::write(&path, bytes).unwrap();
    path
}

fn run(cmd: &mut Command) -> String {
    let out = cmd.output().expect("run tool");
    assert!(
        out.status.success(),
        "{cmd:?} failed:\n{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).expect("UTF-8 output")
}

fn page_text(path: &Path, page: u32) -> String {
    let p = page.to_string();
    run(Command::new(tool("pdftotext"))
        .args(["-f", &p, "-l", &p])
        .arg(path)
        .arg("-"))
}

fn pdfinfo(path: &Path, page: Option<u32>) -> String {
    let mut c = Command::new(tool("pdfinfo"));
    if let Some(p) = page {
        c.args(["-f", &p.to_string(), "-l", &p.to_string()]);
    }
    run(c.arg(path))
}

fn qpdf_check(path: &Path) {
    let out = run(Command::new(tool("qpdf")).arg("--check").arg(path));
    assert!(
        out.contains("No syntax or stream encoding errors found"),
        "qpdf --check: {out}"
    );
}

/// Three pages, Letter size, made with lopdf: MediaBox and Resources live only on the root of
/// the page tree, and the third page sits under an intermediate node that rotates it 90°.
fn inherited_pdf() -> Vec<u8> {
    let mut doc = Document::with_version("1.7");
    let root_id = doc.new_object_id();
    let inner_id = doc.new_object_id();
    let font_id = doc.add_object(dictionary! {
        "Type" => "Font", "Subtype" => "Type1", "BaseFont" => "Helvetica",
        "Encoding" => "WinAnsiEncoding",
    });
    let resources_id = doc.add_object(dictionary! { "Font" => dictionary! { "F1" => font_id } });
    let mut page = |parent, text: &[u8]| {
        let mut content = b"BT /F1 14 Tf 72 700 Td (".to_vec();
        content.extend_from_slice(text);
        content.extend_from_slice(b") Tj ET\n");
        // A stray "q" left open and a colour: the stamp must not depend on the page's state.
        content.extend_from_slice(b"q 1 0 0 rg 2 0 0 2 0 0 cm\n");
        let c = doc.add_object(Stream::new(dictionary! {}, content));
        doc.add_object(dictionary! { "Type" => "Page", "Parent" => parent, "Contents" => c })
    };
    let p1 = page(root_id, b"HOJA ADJUNTA UNO: Informe t\xe9cnico");
    let p2 = page(root_id, b"HOJA ADJUNTA DOS: Presupuesto");
    let p3 = page(inner_id, b"HOJA ADJUNTA TRES: Plano apaisado");
    doc.objects.insert(
        inner_id,
        Object::Dictionary(dictionary! {
            "Type" => "Pages", "Parent" => root_id, "Kids" => vec![p3.into()], "Count" => 1,
            "Rotate" => 90,
        }),
    );
    doc.objects.insert(
        root_id,
        Object::Dictionary(dictionary! {
            "Type" => "Pages",
            "Kids" => vec![p1.into(), p2.into(), inner_id.into()],
            "Count" => 3,
            "MediaBox" => vec![0.into(), 0.into(), 612.into(), 792.into()],
            "Resources" => resources_id,
        }),
    );
    let catalog = doc.add_object(dictionary! { "Type" => "Catalog", "Pages" => root_id });
    doc.trailer.set("Root", catalog);
    let mut out = Vec::new();
    doc.save_to(&mut out).unwrap();
    out
}

struct Inputs {
    norm: Vec<u8>,
    copy: Vec<u8>,
    opening: Vec<u8>,
    attached: Vec<u8>,
}

fn inputs() -> Inputs {
    Inputs {
        norm: sample::norm(8, 0).document().unwrap().render().unwrap().pdf,
        copy: pdf::certified_copy::render(&sample::certified_copy()).unwrap(),
        opening: pdf::minutes_book::render_opening(&sample::book_opening()).unwrap(),
        attached: inherited_pdf(),
    }
}

fn parts(i: &Inputs) -> Vec<MergePart<'_>> {
    vec![
        MergePart {
            pdf: &i.norm,
            title: Some("Ordenanza Municipal N° 015-2026-MDSRQ"),
        },
        MergePart {
            pdf: &i.copy,
            title: Some("Copia certificada"),
        },
        MergePart {
            pdf: &i.opening,
            title: None,
        },
        MergePart {
            pdf: &i.attached,
            title: Some("Anexo: informe técnico y plano"),
        },
    ]
}

fn pages_of(pdf: &[u8]) -> u32 {
    Document::load_mem(pdf).unwrap().get_pages().len() as u32
}

/// (title, page number) of each top-level outline entry.
fn outline(pdf: &[u8]) -> Vec<(String, u32)> {
    let doc = Document::load_mem(pdf).unwrap();
    let page_no: std::collections::HashMap<_, _> =
        doc.get_pages().into_iter().map(|(n, id)| (id, n)).collect();
    let outlines = doc
        .catalog()
        .unwrap()
        .get(b"Outlines")
        .unwrap()
        .as_reference()
        .unwrap();
    let mut item = doc
        .get_dictionary(outlines)
        .unwrap()
        .get(b"First")
        .and_then(Object::as_reference)
        .ok();
    let mut out = Vec::new();
    while let Some(id) = item {
        let d = doc.get_dictionary(id).unwrap();
        let title = lopdf::decode_text_string(d.get(b"Title").unwrap()).unwrap();
        let dest = d.get(b"Dest").unwrap().as_array().unwrap()[0]
            .as_reference()
            .unwrap();
        out.push((title, page_no[&dest]));
        item = d.get(b"Next").and_then(Object::as_reference).ok();
    }
    out
}

#[test]
fn merges_engine_records_and_inherited_pages_with_bookmarks_and_numbers() {
    let i = inputs();
    let parts = parts(&i);
    let counts: Vec<u32> = parts.iter().map(|p| pages_of(p.pdf)).collect();
    let total: u32 = counts.iter().sum();
    let merged = merge_with(
        &parts,
        &MergeOptions {
            page_numbers: true,
            ..Default::default()
        },
    )
    .unwrap();
    assert_eq!(merged.pages, total);
    let mut expected_starts = vec![1];
    for c in &counts[..counts.len() - 1] {
        expected_starts.push(expected_starts.last().unwrap() + c);
    }
    assert_eq!(merged.starts, expected_starts);

    let dir = tempfile::tempdir().unwrap();
    let path = save(dir.path(), "merged", &merged.pdf);
    qpdf_check(&path);
    let pages: u32 = pdfinfo(&path, None)
        .lines()
        .find_map(|l| l.strip_prefix("Pages:"))
        .and_then(|v| v.trim().parse().ok())
        .expect("pdfinfo prints Pages");
    assert_eq!(pages, total);

    // Bookmarks: the titled parts, in order, at their first pages.
    assert_eq!(
        outline(&merged.pdf),
        vec![
            (
                "Ordenanza Municipal N° 015-2026-MDSRQ".to_string(),
                merged.starts[0]
            ),
            ("Copia certificada".to_string(), merged.starts[1]),
            (
                "Anexo: informe técnico y plano".to_string(),
                merged.starts[3]
            ),
        ]
    );

    // Every page carries its number over the whole file, and its own text.
    for n in 1..=total {
        let t = page_text(&path, n);
        assert!(
            t.contains(&format!("Página {n} de {total}")),
            "page {n}: {t}"
        );
    }
    let first = page_text(&path, 1);
    assert!(
        first.contains("Página 1 de 2"),
        "the record's own footer stays: {first}"
    );
    let attached_start = merged.starts[3];
    assert!(page_text(&path, attached_start).contains("HOJA ADJUNTA UNO: Informe técnico"));
    assert!(page_text(&path, total).contains("HOJA ADJUNTA TRES"));

    // The numbers' font is an embedded subset; the only font that is not embedded is the
    // hand-made part's own Helvetica.
    let fonts = run(Command::new(tool("pdffonts")).arg(&path));
    for row in fonts.lines().skip(2) {
        let cols: Vec<&str> = row.split_whitespace().collect();
        let emb = cols[cols.len() - 5];
        assert!(
            emb == "yes" || cols[0] == "Helvetica",
            "not embedded: {row}"
        );
    }
    // On the hand-made part's last page: its Helvetica and the numbers' Liberation Sans.
    let last = run(Command::new(tool("pdffonts"))
        .args(["-f", &total.to_string(), "-l", &total.to_string()])
        .arg(&path));
    let names: Vec<&str> = last
        .lines()
        .skip(2)
        .filter_map(|l| l.split_whitespace().next())
        .collect();
    assert_eq!(names.len(), 2, "{last}");
    assert!(names.contains(&"Helvetica"), "{last}");
    assert!(
        names.iter().any(|n| n.ends_with("+LiberationSans")),
        "{last}"
    );

    // Inherited attributes were written on the pages themselves.
    let info = pdfinfo(&path, Some(attached_start));
    assert!(info.contains("612 x 792 pts (letter)"), "{info}");
    let info = pdfinfo(&path, Some(total));
    assert!(
        info.lines()
            .any(|l| l.contains("rot:") && l.trim_end().ends_with(" 90")),
        "{info}"
    );
    let info = pdfinfo(&path, Some(1));
    assert!(info.contains("(A4)"), "{info}");

    // Same parts, same bytes; also on another thread.
    let again = merge_with(
        &parts,
        &MergeOptions {
            page_numbers: true,
            ..Default::default()
        },
    )
    .unwrap();
    assert_eq!(again.pdf, merged.pdf);
    let (norm, copy, opening, attached) = (
        i.norm.clone(),
        i.copy.clone(),
        i.opening.clone(),
        i.attached.clone(),
    );
    let threaded = std::thread::spawn(move || {
        let i = Inputs {
            norm,
            copy,
            opening,
            attached,
        };
        merge_with(
            &parts_owned(&i),
            &MergeOptions {
                page_numbers: true,
                ..Default::default()
            },
        )
        .unwrap()
        .pdf
    })
    .join()
    .unwrap();
    assert_eq!(threaded, merged.pdf);
}

fn parts_owned(i: &Inputs) -> Vec<MergePart<'_>> {
    parts(i)
}

#[test]
fn plain_merge_has_no_stamp_and_keeps_text() {
    let i = inputs();
    let merged = merge(&[
        MergePart {
            pdf: &i.attached,
            title: None,
        },
        MergePart {
            pdf: &i.attached,
            title: None,
        },
    ])
    .unwrap();
    assert_eq!(merged.pages, 6);
    assert_eq!(merged.starts, vec![1, 4]);
    let dir = tempfile::tempdir().unwrap();
    let path = save(dir.path(), "plain", &merged.pdf);
    qpdf_check(&path);
    let t = page_text(&path, 4);
    assert!(
        t.contains("HOJA ADJUNTA UNO") && !t.contains("Página"),
        "{t}"
    );
    let doc = Document::load_mem(&merged.pdf).unwrap();
    assert!(doc.catalog().unwrap().get(b"Outlines").is_err());
}

#[test]
fn unreadable_and_encrypted_parts_are_refused_by_number() {
    let i = inputs();
    let err = merge(&[
        MergePart {
            pdf: &i.attached,
            title: None,
        },
        MergePart {
            pdf: b"esto no es un PDF",
            title: Some("Informe"),
        },
    ])
    .map_err(cabildo::Error::from)
    .unwrap_err();
    let api = err.to_api();
    assert_eq!(api.kind, "validation");
    assert_eq!(api.field.as_deref(), Some("pdf"));
    assert!(
        api.message.contains("documento 2 («Informe»)"),
        "{}",
        api.message
    );

    let mut truncated = i.attached.clone();
    truncated.truncate(300);
    let err = merge(&[MergePart {
        pdf: &truncated,
        title: None,
    }])
    .unwrap_err();
    assert!(err.to_string().contains("documento 1"), "{err}");

    assert!(merge(&[]).is_err());

    // Encrypted with a user password, and with an empty one (which lopdf opens by itself).
    let dir = tempfile::tempdir().unwrap();
    let plain = save(dir.path(), "plain-in", &i.attached);
    for (user, name) in [("clave", "locked"), ("", "owner-only")] {
        let out = dir.path().join(format!("{name}.pdf"));
        run(Command::new(tool("qpdf"))
            .args(["--encrypt", user, "propietario", "256", "--"])
            .arg(&plain)
            .arg(&out));
        let bytes = std::fs::read(&out).unwrap();
        let err = merge(&[
            MergePart {
                pdf: &i.attached,
                title: None,
            },
            MergePart {
                pdf: &bytes,
                title: None,
            },
        ])
        .unwrap_err();
        let msg = err.to_string();
        assert!(
            msg.contains("documento 2") && msg.contains("cifrado"),
            "{name}: {msg}"
        );
    }
}
