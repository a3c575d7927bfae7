//! The PDF engine against independent tools: poppler's `pdftotext` must return the Spanish text
//! exactly, `qpdf --check` must pass, the same record must render to the same bytes, a
//! signature never opens a page alone and a table's header row repeats on every page it spans.
//!
//! Needs poppler-utils and qpdf (`make deps` installs them); a missing tool fails the test with
//! the command that installs it. Set `CABILDO_PDF_OUT=/some/dir` to keep the PDFs and look at
//! them (`pdftoppm -png -r 60 file.pdf page`).

use std::path::PathBuf;
use std::process::Command;

use cabildo::pdf::{
    self, sample, Block, Country, DocInfo, Document, FolioCounter, Letterhead, PageSettings, Paper,
    Paragraph,
};

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

/// Write the PDF to a temporary file (and to $CABILDO_PDF_OUT when set).
fn save(name: &str, bytes: &[u8]) -> (tempfile::TempDir, PathBuf) {
    if let Ok(dir) = std::env::var("CABILDO_PDF_OUT") {
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::write(PathBuf::from(dir).join(format!("{name}.pdf")), bytes).unwrap();
    }
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(format!("{name}.pdf"));
    std::fs::write(&path, bytes).unwrap();
    (dir, path)
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

/// pdftotext of the whole file or of one page, with or without -layout.
fn text(path: &PathBuf, page: Option<u32>, layout: bool) -> String {
    let mut c = Command::new(tool("pdftotext"));
    if layout {
        c.arg("-layout");
    }
    if let Some(p) = page {
        c.args(["-f", &p.to_string(), "-l", &p.to_string()]);
    }
    run(c.arg(path).arg("-"))
}

fn page_count(path: &PathBuf) -> u32 {
    let info = run(Command::new(tool("pdfinfo")).arg(path));
    info.lines()
        .find_map(|l| l.strip_prefix("Pages:"))
        .and_then(|v| v.trim().parse().ok())
        .expect("pdfinfo prints Pages")
}

fn qpdf_check(path: &PathBuf) {
    let out = run(Command::new(tool("qpdf")).arg("--check").arg(path));
    assert!(
        out.contains("No syntax or stream encoding errors found"),
        "qpdf --check: {out}"
    );
}

fn squash(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Every kind of document, rendered once, with a name.
fn every_kind() -> Vec<(&'static str, Vec<u8>)> {
    vec![
        ("ordenanza", pdf::norm::render(&sample::norm(8, 0)).unwrap()),
        (
            "copia-certificada",
            pdf::certified_copy::render(&sample::certified_copy()).unwrap(),
        ),
        (
            "apertura",
            pdf::minutes_book::render_opening(&sample::book_opening()).unwrap(),
        ),
        (
            "cierre",
            pdf::minutes_book::render_closing(&sample::book_closing()).unwrap(),
        ),
    ]
}

#[test]
fn spanish_text_extracts_exactly() {
    let bytes = pdf::norm::render(&sample::norm(8, 0)).unwrap();
    let (_d, path) = save("ordenanza", &bytes);
    let layout = text(&path, None, true);
    for needle in [
        "ORDENANZA N° 007-2026-MDSRQ",
        "Año",
        "Sesión",
        "ñ",
        "¿",
        "¡",
        "°",
        "Página 1 de",
        "“Año de la Esperanza y el Fortalecimiento de la Democracia”",
        "Regístrese, comuníquese, publíquese y cúmplase.",
        "Artículo 8°.- Vigencia.",
        "DNI N° 41234567",
        "Código de verificación: MDSRQ-7K3F-Q9TX",
    ] {
        assert!(layout.contains(needle), "{needle:?} not in:\n{layout}");
    }
    // Justified paragraphs extract word for word.
    let plain = squash(&text(&path, None, false));
    for c in sample::norm(8, 0).considerandos {
        assert!(plain.contains(&squash(&c)), "{c:?} not in:\n{plain}");
    }
    assert!(plain.contains("«¿Ya separaste tus residuos? ¡Santa Rosa limpia empieza en casa!»"));
}

#[test]
fn every_kind_passes_qpdf_and_embeds_its_fonts() {
    for (name, bytes) in every_kind() {
        let (_d, path) = save(name, &bytes);
        qpdf_check(&path);
        let fonts = run(Command::new(tool("pdffonts")).arg(&path));
        let rows: Vec<&str> = fonts.lines().skip(2).collect();
        assert!(!rows.is_empty(), "{name}: no fonts");
        for row in rows {
            // name type encoding emb sub uni
            let cols: Vec<&str> = row.split_whitespace().collect();
            assert!(
                cols.len() >= 7 && cols[cols.len() - 5..cols.len() - 2] == ["yes", "yes", "yes"],
                "{name}: font not embedded as a subset with ToUnicode: {row}"
            );
            assert!(cols[0].contains("+Liberation"), "{name}: {row}");
        }
    }
}

#[test]
fn every_kind_is_pdfa_ready() {
    for (name, bytes) in every_kind() {
        let s = String::from_utf8_lossy(&bytes);
        assert!(bytes.starts_with(b"%PDF-1.7\n%"), "{name}: header");
        assert!(
            bytes[10..14].iter().all(|b| *b > 127),
            "{name}: binary comment"
        );
        for needle in [
            "<pdfaid:part>2</pdfaid:part>",
            "<pdfaid:conformance>B</pdfaid:conformance>",
            "/GTS_PDFA1",
            "/DestOutputProfile",
            "/CIDToGIDMap/Identity",
            "xmpMM:DocumentID>uuid:",
        ] {
            assert!(s.contains(needle), "{name}: {needle} missing");
        }
        for forbidden in [
            "/OCProperties",
            "/Interpolate true",
            "/JavaScript",
            "/Encrypt",
        ] {
            assert!(!s.contains(forbidden), "{name}: {forbidden} present");
        }
    }
}

#[test]
fn the_same_record_renders_to_the_same_bytes() {
    let a = pdf::norm::render(&sample::norm(8, 12)).unwrap();
    let b = pdf::norm::render(&sample::norm(8, 12)).unwrap();
    assert!(a == b, "two renders differ");
    // From another thread (other hash seeds, other allocation order).
    let c = std::thread::spawn(|| pdf::norm::render(&sample::norm(8, 12)).unwrap())
        .join()
        .unwrap();
    assert!(a == c, "a render on another thread differs");
    // Another record id: another document ID, nothing else.
    let mut other = sample::norm(8, 12);
    other.record_id = "norm-008-2026".into();
    let d = pdf::norm::render(&other).unwrap();
    assert_ne!(a, d);
    assert_eq!(a.len(), d.len());
}

#[test]
fn signatures_never_open_a_page_alone() {
    // Vary the length so the closing formula falls at every position of a page.
    for articles in [8, 9, 10, 11, 12, 13, 14, 15] {
        let norm = sample::norm(articles, 0);
        let bytes = pdf::norm::render(&norm).unwrap();
        let (_d, path) = save(&format!("firmas-{articles}"), &bytes);
        let pages = page_count(&path);
        let last = text(&path, Some(pages), true);
        assert!(
            last.contains(&norm.closing_formula),
            "{articles} articles: closing formula not on the last page:\n{last}"
        );
        for s in &norm.signatories {
            assert!(
                last.contains(&s.name),
                "{articles}: {} missing:\n{last}",
                s.name
            );
        }
        for p in 1..pages {
            let t = text(&path, Some(p), true);
            assert!(
                !t.contains(&norm.signatories[0].name),
                "signature on page {p}"
            );
        }
    }
}

#[test]
fn a_long_norm_spans_thirty_pages_and_repeats_the_table_header() {
    let norm = sample::norm(190, 90);
    let rendered = norm.document().unwrap().render().unwrap();
    let (_d, path) = save("ordenanza-larga", &rendered.pdf);
    qpdf_check(&path);
    let pages = page_count(&path);
    assert_eq!(pages, rendered.pages);
    assert!((30..=36).contains(&pages), "{pages} pages");
    let mut with_rows = 0;
    for p in 1..=pages {
        let t = text(&path, Some(p), true);
        assert!(
            t.contains(&format!("Página {p} de {pages}")),
            "page {p} footer"
        );
        if p > 1 {
            assert!(
                t.contains("ORDENANZA N° 007-2026-MDSRQ"),
                "page {p} running header"
            );
        }
        if t.contains("RS-0") {
            with_rows += 1;
            assert!(
                t.contains("Código") && t.contains("Multa (% UIT)"),
                "page {p} has table rows without the header row:\n{t}"
            );
        }
    }
    assert!(with_rows >= 2, "the table should span pages ({with_rows})");
    let last = text(&path, Some(pages), true);
    assert!(last.contains("Regístrese, comuníquese, publíquese y cúmplase."));
    assert!(last.contains("Juana Ñahui Quispe"));
    // Where each signatory signs, for the visible stamp of a digital signature: side by side
    // on the last page, above the bottom margin.
    let b = &rendered.signature_boxes;
    assert_eq!(b.len(), 2);
    assert!(b
        .iter()
        .all(|b| b.page == pages && b.y > 70.0 && b.height > 50.0));
    assert!(b[0].x + b[0].width < b[1].x && (b[0].y - b[1].y).abs() < 0.01);
}

#[test]
fn paper_sizes() {
    for (paper, (w, h)) in [
        (Paper::A4, (595.28, 841.89)),
        (Paper::Oficio, (612.28, 935.43)),
        (Paper::Carta, (612.28, 790.87)),
    ] {
        let mut norm = sample::norm(8, 0);
        norm.settings = PageSettings {
            paper,
            ..PageSettings::default()
        };
        let bytes = pdf::norm::render(&norm).unwrap();
        let (_d, path) = save(&format!("papel-{paper:?}"), &bytes);
        let info = run(Command::new(tool("pdfinfo")).arg(&path));
        let size: Vec<f32> = info
            .lines()
            .find_map(|l| l.strip_prefix("Page size:"))
            .expect("page size")
            .split_whitespace()
            .filter_map(|v| v.parse().ok())
            .collect();
        assert!(
            (size[0] - w).abs() < 0.05 && (size[1] - h).abs() < 0.05,
            "{paper:?}: {size:?}"
        );
    }
}

#[test]
fn folios_continue_across_actas_and_print_in_the_corner() {
    let letterhead = Letterhead {
        country: Country::Peru,
        ..sample::letterhead()
    };
    let acta = |n: u32, paragraphs: usize, folio: u32| Document {
        settings: PageSettings::default(),
        info: DocInfo {
            record_id: format!("acta-{n}"),
            title: format!("ACTA DE SESIÓN ORDINARIA N° {n:03}-2026"),
            subject: "Acta".into(),
            author: letterhead.municipality.clone(),
            keywords: vec![],
            date: sample::date(),
            country: Country::Peru,
        },
        letterhead: Some(letterhead.clone()),
        running_header: Some((
            letterhead.municipality.to_uppercase(),
            format!("ACTA N° {n:03}-2026"),
        )),
        verification_code: None,
        folio_start: Some(folio),
        page_numbers: None,
        blocks: std::iter::once(Block::Title(format!(
            "ACTA DE SESIÓN ORDINARIA N° {n:03}-2026"
        )))
        .chain((0..paragraphs).map(|i| {
            Block::Paragraph(Paragraph::text(format!(
                "Punto {i}: el regidor señor Ccahuana pidió la palabra y expuso sobre el \
                 mantenimiento de la trocha carrozable de Ñuñunhuayco; ¿hay observaciones? No \
                 habiendo observaciones, ¡se aprobó por unanimidad! Se deja constancia en acta \
                 de lo expuesto por los señores regidores y de la votación nominal registrada."
            )))
        }))
        .collect(),
    };
    // Page counts do not depend on the folio printed, so lay out first, then number.
    let counts: Vec<u32> = [(1, 30), (2, 8), (3, 55)]
        .iter()
        .map(|&(n, p)| acta(n, p, 1).render().unwrap().pages)
        .collect();
    let mut counter = FolioCounter::new(2); // folio 1 holds the apertura
    for (i, &(n, p)) in [(1u32, 30usize), (2, 8), (3, 55)].iter().enumerate() {
        let range = counter.assign(counts[i]);
        let r = acta(n, p, range.first).render().unwrap();
        assert_eq!(r.pages, range.last - range.first + 1);
        let (_d, path) = save(&format!("acta-{n}"), &r.pdf);
        for page in 1..=r.pages {
            let t = text(&path, Some(page), true);
            let folio = format!("Folio N° {}", range.first + page - 1);
            assert!(t.contains(&folio), "acta {n} page {page}: {folio} missing");
        }
    }
    assert_eq!(counter.next_folio(), 2 + counts.iter().sum::<u32>());
}

#[test]
fn book_records_and_certified_copy_read_right() {
    let opening = pdf::minutes_book::render_opening(&sample::book_opening()).unwrap();
    let (_d, path) = save("apertura", &opening);
    let t = squash(&text(&path, None, false));
    for needle in [
        "LIBRO DE ACTAS DE SESIONES DE CONCEJO N° 05",
        "ACTA DE APERTURA",
        "a los dos días del mes de enero del año dos mil veintiséis",
        "doscientos (200) folios útiles",
        "Folio N° 1",
    ] {
        assert!(t.contains(needle), "apertura: {needle:?} not in {t}");
    }
    let closing = pdf::minutes_book::render_closing(&sample::book_closing()).unwrap();
    let (_d, path) = save("cierre", &closing);
    let t = squash(&text(&path, None, false));
    for needle in [
        "ACTA DE CIERRE",
        "Los folios del 188 al 200 quedan en blanco",
        "Folio N° 188",
    ] {
        assert!(t.contains(needle), "cierre: {needle:?} not in {t}");
    }
    let copy = pdf::certified_copy::render(&sample::certified_copy()).unwrap();
    let (_d, path) = save("copia-certificada", &copy);
    let first = squash(&text(&path, Some(1), false));
    for needle in [
        "CERTIFICADO N° 015-2026-SG/MDSRQ",
        "CERTIFICA:",
        "Que, la presente es copia fiel del original de la ORDENANZA N° 007-2026-MDSRQ",
        "tres (3) folios",
        "Rubén Álvarez Peña",
    ] {
        assert!(
            first.contains(needle),
            "certificado: {needle:?} not in {first}"
        );
    }
    let rest = squash(&text(&path, None, false));
    assert!(rest.contains("ES COPIA FIEL DEL ORIGINAL"));
}

#[test]
fn chilean_decree_with_many_signatories_side_by_side() {
    let mut norm = sample::norm(4, 0);
    norm.letterhead.country = Country::Chile;
    norm.letterhead.municipality = "Ilustre Municipalidad de Villa Alegre".into();
    norm.letterhead.year_name = None;
    norm.letterhead.logo = None;
    norm.letterhead.subtitle = Some("Secretaría Municipal".into());
    norm.identifier = "DECRETO ALCALDICIO N° 1.245".into();
    norm.kind_label = "DECRETO ALCALDICIO".into();
    norm.issuer = None;
    norm.operative_heading = "DECRETO:".into();
    norm.closing_formula = "Anótese, comuníquese, publíquese y archívese.".into();
    let names = [
        "María Ignacia Muñoz",
        "José Tomás Peña",
        "Sofía Araya Núñez",
        "Benjamín Ñancucheo",
        "Martina Cáceres",
        "Agustín Valdés",
    ];
    for count in [1usize, 3, 4, 6] {
        norm.signatories = names[..count]
            .iter()
            .enumerate()
            .map(|(i, n)| pdf::Signatory {
                name: n.to_string(),
                cargo: if i == 0 { "Alcaldesa" } else { "Concejal" }.into(),
                dni: Some(format!("{}.345.678-5", 10 + i)),
            })
            .collect();
        let bytes = pdf::norm::render(&norm).unwrap();
        let (_d, path) = save(&format!("decreto-cl-{count}-firmas"), &bytes);
        qpdf_check(&path);
        let pages = page_count(&path);
        let last = text(&path, Some(pages), true);
        assert!(last.contains("Anótese, comuníquese, publíquese y archívese."));
        for n in &names[..count] {
            assert!(
                last.contains(n),
                "{count} signatories: {n} missing:\n{last}"
            );
        }
        assert!(last.contains("RUN 10.345.678-5"));
        // Side by side: the first row's names share one line of text.
        if count >= 3 {
            assert!(
                last.lines()
                    .any(|l| l.contains(names[0]) && l.contains(names[1]) && l.contains(names[2])),
                "{count}: not side by side:\n{last}"
            );
        }
    }
}

#[test]
fn bad_input_is_refused_with_a_reason() {
    let mut norm = sample::norm(3, 0);
    norm.signatories.clear();
    assert!(pdf::norm::render(&norm).is_err());
    let mut norm = sample::norm(3, 0);
    norm.letterhead.logo = Some(b"GIF89a....".to_vec());
    let err = pdf::norm::render(&norm).unwrap_err().to_string();
    assert!(err.contains("PNG o JPEG"), "{err}");
    let mut norm = sample::norm(3, 0);
    norm.settings.margins.left_mm = 170.0;
    assert!(pdf::norm::render(&norm).is_err());
}
