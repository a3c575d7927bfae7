//! Figures for the PDF engine: a 30-page ordenanza (190 articles and a 90-row table whose
//! header repeats) laid out, drawn, completed for PDF/A and written; a two-page one; signing the
//! long one (PAdES, RSA 2048, visible stamp) and verifying it; and, side by side, LibreOffice
//! converting the same text (as a flat ODT with the same page settings) with
//! `soffice --headless --convert-to pdf`.
//!
//! The signer's .p12 is made at start with the openssl CLI in a temporary directory; without
//! openssl the signing figures are skipped, without soffice the LibreOffice ones (`make bench`
//! installs both). At the end it prints the medians and the ratio LibreOffice / Cabildo.
//! Set `CABILDO_PDF_OUT=/some/dir` to keep the files compared (ours, signed, the .fodt and
//! LibreOffice's PDF).

use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use base64::Engine as _;
use criterion::{Criterion, SamplingMode};

use cabildo::pdf::{norm, sample, NormDocument, Table};

// The test PKI of the integration tests (a CA and signers made with openssl).
#[path = "../tests/common/pki.rs"]
mod pki;
use cabildo::signature::{self, SignRequest, StampPlacement};

/// Per-iteration times of one benchmark, as criterion measured them.
#[derive(Clone, Default)]
struct Times(Arc<Mutex<Vec<Duration>>>);

impl Times {
    /// Runs `f` `iters` times, records the time per iteration and returns the total.
    fn run(&self, iters: u64, mut f: impl FnMut()) -> Duration {
        let start = Instant::now();
        for _ in 0..iters {
            f();
        }
        let total = start.elapsed();
        self.0.lock().unwrap().push(total / iters.max(1) as u32);
        total
    }

    fn median(&self) -> Option<Duration> {
        let mut v = self.0.lock().unwrap().clone();
        if v.is_empty() {
            return None;
        }
        v.sort();
        Some(v[v.len() / 2])
    }
}

fn found(tool: &str) -> bool {
    Command::new("sh")
        .arg("-c")
        .arg(format!("command -v {tool}"))
        .output()
        .map(|o| o.status.success())
        .unwrap_or(false)
}

fn xml(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
        .replace('\n', "<text:line-break/>")
}

fn para(out: &mut String, style: &str, text: &str) {
    out.push_str(&format!(
        "<text:p text:style-name=\"{style}\">{}</text:p>\n",
        xml(text)
    ));
}

fn table(out: &mut String, name: &str, t: &Table) {
    out.push_str(&format!(
        "<table:table table:name=\"{name}\" table:style-name=\"Tabla\">\n"
    ));
    for i in 0..t.columns.len() {
        out.push_str(&format!(
            "<table:table-column table:style-name=\"{name}.{i}\"/>\n"
        ));
    }
    out.push_str("<table:table-header-rows><table:table-row>\n");
    for c in &t.columns {
        out.push_str("<table:table-cell table:style-name=\"Celda\" office:value-type=\"string\">");
        para(out, "Cabecera", &c.header);
        out.push_str("</table:table-cell>\n");
    }
    out.push_str("</table:table-row></table:table-header-rows>\n");
    for row in &t.rows {
        out.push_str("<table:table-row table:style-name=\"Fila\">\n");
        for cell in row {
            out.push_str(
                "<table:table-cell table:style-name=\"Celda\" office:value-type=\"string\">",
            );
            para(out, "Tabla", cell);
            out.push_str("</table:table-cell>\n");
        }
        out.push_str("</table:table-row>\n");
    }
    out.push_str("</table:table>\n");
}

/// The norm as a flat ODT: A4, the engine's margins (25/20/25/30 mm), Liberation Serif 11 pt
/// justified, the letterhead with its logo, the same text and table (header row repeated, rows
/// not split) and a footer with "Página X de Y".
fn fodt(n: &NormDocument) -> String {
    let mut body = String::new();
    let logo = n
        .letterhead
        .logo
        .as_ref()
        .map(|png| base64::engine::general_purpose::STANDARD.encode(png))
        .unwrap_or_default();
    body.push_str(&format!(
        "<text:p text:style-name=\"Membrete\"><draw:frame draw:name=\"logo\" \
         text:anchor-type=\"as-char\" svg:width=\"1.8cm\" svg:height=\"2.1cm\"><draw:image>\
         <office:binary-data>{logo}</office:binary-data></draw:image></draw:frame> {}</text:p>\n",
        xml(&n.letterhead.municipality.to_uppercase())
    ));
    if let Some(y) = &n.letterhead.year_name {
        para(&mut body, "Centro", &format!("“{y}”"));
    }
    para(&mut body, "Titulo", &n.identifier);
    para(&mut body, "Centro", &n.place_date);
    if let Some(i) = &n.issuer {
        para(&mut body, "Negrita", i);
    }
    for (heading, ps) in [("VISTOS:", &n.vistos), ("CONSIDERANDO:", &n.considerandos)] {
        para(&mut body, "Negrita", heading);
        for p in ps.iter() {
            para(&mut body, "Cuerpo", p);
        }
    }
    if let Some(p) = &n.preamble {
        para(&mut body, "Cuerpo", p);
    }
    para(&mut body, "Titulo", &n.operative_heading);
    if let Some(t) = &n.title {
        para(&mut body, "Titulo", t);
    }
    for (i, a) in n.articles.iter().enumerate() {
        let mut lead = format!("{} ", n.article_style.label(i as u32 + 1));
        if let Some(t) = &a.title {
            lead.push_str(&format!("{}. ", t.trim_end_matches('.')));
        }
        body.push_str(&format!(
            "<text:p text:style-name=\"Cuerpo\"><text:span text:style-name=\"N\">{}</text:span>{}</text:p>\n",
            xml(&lead),
            xml(&a.text)
        ));
        for (k, item) in a.items.iter().enumerate() {
            let letter = (b'a' + k as u8) as char;
            para(&mut body, "Literal", &format!("{letter}) {item}"));
        }
        if let Some(t) = &a.table {
            table(&mut body, &format!("Tabla{}", i + 1), t);
        }
    }
    para(&mut body, "Cuerpo", &n.closing_formula);
    for s in &n.signatories {
        para(
            &mut body,
            "Centro",
            &format!(
                "\n\n______________________________\n{}\n{}\nDNI N° {}",
                s.name,
                s.cargo,
                s.dni.as_deref().unwrap_or("")
            ),
        );
    }
    let columns: String = n
        .articles
        .iter()
        .enumerate()
        .filter_map(|(i, a)| a.table.as_ref().map(|t| (i, t)))
        .flat_map(|(i, t)| {
            let total: f32 = t.columns.iter().map(|c| c.width).sum();
            t.columns.iter().enumerate().map(move |(k, c)| {
                format!(
                    "<style:style style:name=\"Tabla{}.{k}\" style:family=\"table-column\">\
                     <style:table-column-properties style:column-width=\"{:.2}cm\"/></style:style>\n",
                    i + 1,
                    16.0 * c.width / total
                )
            })
        })
        .collect();
    format!(
        r#"<?xml version="1.0" encoding="UTF-8"?>
<office:document xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"
 xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0"
 xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"
 xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0"
 xmlns:draw="urn:oasis:names:tc:opendocument:xmlns:drawing:1.0"
 xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0"
 xmlns:svg="urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0"
 office:version="1.3" office:mimetype="application/vnd.oasis.opendocument.text">
<office:font-face-decls>
 <style:font-face style:name="Liberation Serif" svg:font-family="'Liberation Serif'" style:font-family-generic="roman"/>
 <style:font-face style:name="Liberation Sans" svg:font-family="'Liberation Sans'" style:font-family-generic="swiss"/>
</office:font-face-decls>
<office:styles>
 <style:default-style style:family="paragraph">
  <style:paragraph-properties fo:orphans="2" fo:widows="2"/>
  <style:text-properties style:font-name="Liberation Serif" fo:font-size="11pt" fo:language="es" fo:country="PE"/>
 </style:default-style>
 <style:style style:name="Cuerpo" style:family="paragraph">
  <style:paragraph-properties fo:text-align="justify" fo:margin-bottom="0.2cm"/>
 </style:style>
 <style:style style:name="Literal" style:family="paragraph" style:parent-style-name="Cuerpo">
  <style:paragraph-properties fo:margin-left="0.5cm"/>
 </style:style>
 <style:style style:name="Centro" style:family="paragraph">
  <style:paragraph-properties fo:text-align="center" fo:margin-bottom="0.2cm"/>
 </style:style>
 <style:style style:name="Titulo" style:family="paragraph">
  <style:paragraph-properties fo:text-align="center" fo:margin-top="0.2cm" fo:margin-bottom="0.3cm" fo:keep-with-next="always"/>
  <style:text-properties fo:font-weight="bold" fo:font-size="12pt"/>
 </style:style>
 <style:style style:name="Negrita" style:family="paragraph">
  <style:paragraph-properties fo:margin-bottom="0.2cm" fo:keep-with-next="always"/>
  <style:text-properties fo:font-weight="bold"/>
 </style:style>
 <style:style style:name="Membrete" style:family="paragraph">
  <style:paragraph-properties fo:text-align="center" fo:margin-bottom="0.3cm"/>
  <style:text-properties style:font-name="Liberation Sans" fo:font-weight="bold" fo:font-size="13pt"/>
 </style:style>
 <style:style style:name="Tabla" style:family="paragraph">
  <style:text-properties style:font-name="Liberation Sans" fo:font-size="9pt"/>
 </style:style>
 <style:style style:name="Cabecera" style:family="paragraph" style:parent-style-name="Tabla">
  <style:text-properties fo:font-weight="bold"/>
 </style:style>
 <style:style style:name="Pie" style:family="paragraph">
  <style:paragraph-properties fo:text-align="end"/>
  <style:text-properties style:font-name="Liberation Sans" fo:font-size="8pt"/>
 </style:style>
</office:styles>
<office:automatic-styles>
 <style:style style:name="N" style:family="text"><style:text-properties fo:font-weight="bold"/></style:style>
 <style:style style:name="Tabla" style:family="table">
  <style:table-properties style:width="16cm" table:align="margins"/>
 </style:style>
 <style:style style:name="Fila" style:family="table-row">
  <style:table-row-properties fo:keep-together="always"/>
 </style:style>
 <style:style style:name="Celda" style:family="table-cell">
  <style:table-cell-properties fo:padding="0.1cm" fo:border="0.5pt solid #000000"/>
 </style:style>
{columns}
 <style:page-layout style:name="A4">
  <style:page-layout-properties fo:page-width="21cm" fo:page-height="29.7cm"
   fo:margin-top="2.5cm" fo:margin-bottom="1.5cm" fo:margin-left="3cm" fo:margin-right="2cm"/>
  <style:footer-style><style:header-footer-properties fo:min-height="1cm" fo:margin-top="0.3cm"/></style:footer-style>
 </style:page-layout>
</office:automatic-styles>
<office:master-styles>
 <style:master-page style:name="Standard" style:page-layout-name="A4">
  <style:footer><text:p text:style-name="Pie">Página <text:page-number text:select-page="current"/> de <text:page-count/></text:p></style:footer>
 </style:master-page>
</office:master-styles>
<office:body><office:text>
{body}</office:text></office:body>
</office:document>
"#
    )
}

/// One `soffice --headless --convert-to pdf` of `input` into `out_dir`, with its own profile.
fn soffice_convert(profile: &Path, input: &Path, out_dir: &Path) -> Result<PathBuf, String> {
    let out = Command::new("soffice")
        .arg(format!(
            "-env:UserInstallation=file://{}",
            profile.display()
        ))
        .args([
            "--headless",
            "--norestore",
            "--convert-to",
            "pdf",
            "--outdir",
        ])
        .arg(out_dir)
        .arg(input)
        .output()
        .map_err(|e| e.to_string())?;
    let pdf = out_dir.join(input.with_extension("pdf").file_name().unwrap());
    if out.status.success() && pdf.exists() {
        Ok(pdf)
    } else {
        Err(format!(
            "{}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        ))
    }
}

/// Copies a file compared into $CABILDO_PDF_OUT, when set.
fn keep(name: &str, bytes: &[u8]) {
    if let Ok(dir) = std::env::var("CABILDO_PDF_OUT") {
        let _ = std::fs::create_dir_all(&dir);
        let _ = std::fs::write(Path::new(&dir).join(name), bytes);
    }
}

fn ms(d: Duration) -> String {
    format!("{:.1} ms", d.as_secs_f64() * 1000.0)
}

fn main() {
    let mut c = Criterion::default().configure_from_args();
    let long = sample::norm(190, 90);
    let rendered = long.document().expect("document").render().expect("render");
    let pages = rendered.pages;
    assert!(pages >= 30, "the long norm has {pages} pages");
    keep("bench-norm.pdf", &rendered.pdf);

    let render_times = Times::default();
    let mut group = c.benchmark_group("pdf");
    group.sample_size(20);
    group.bench_function(format!("norm, {pages} pages"), |b| {
        b.iter_custom(|iters| {
            render_times.run(iters, || {
                std::hint::black_box(norm::render(&long).expect("render"));
            })
        })
    });
    let short = sample::norm(8, 0);
    group.bench_function("norm, 2 pages", |b| {
        b.iter(|| norm::render(&short).expect("render"))
    });

    // Signing and verifying the long norm, its stamp on the first signature block.
    let sign_times = Times::default();
    let verify_times = Times::default();
    let signer = if found("openssl") {
        let test_pki = pki::make_pki();
        Ok((test_pki.read("s1.p12"), test_pki.ca_pem()))
    } else {
        println!(
            "openssl is not installed: signing and verifying are skipped (make bench installs it)."
        );
        Err(())
    };
    if let Ok((p12, ca)) = &signer {
        let sig_box = rendered.signature_boxes[0];
        let request = SignRequest {
            pdf: &rendered.pdf,
            p12,
            password: pki::PASS1,
            reason: Some("Aprobación de la ordenanza"),
            location: Some("Santa Rosa de Qochapampa"),
            signing_time: chrono::Utc::now()
                .with_timezone(&chrono::FixedOffset::west_opt(5 * 3600).unwrap()),
            stamp: Some(StampPlacement {
                page: sig_box.page as usize - 1,
                rect: [
                    sig_box.x,
                    sig_box.y,
                    sig_box.x + sig_box.width,
                    sig_box.y + sig_box.height,
                ],
            }),
            legend: Some(signature::LEGEND_PE),
        };
        let signed = signature::sign(&request).expect("sign");
        keep("bench-norm-signed.pdf", &signed);
        let roots = vec![ca.clone()];
        let v = signature::verify(&signed, &roots).expect("verify");
        assert_eq!(v.verdict, signature::VALID, "{v:?}");
        group.bench_function(format!("sign norm, {pages} pages"), |b| {
            b.iter_custom(|iters| {
                sign_times.run(iters, || {
                    std::hint::black_box(signature::sign(&request).expect("sign"));
                })
            })
        });
        group.bench_function(format!("verify norm, {pages} pages"), |b| {
            b.iter_custom(|iters| {
                verify_times.run(iters, || {
                    std::hint::black_box(signature::verify(&signed, &roots).expect("verify"));
                })
            })
        });
    }
    group.finish();

    // LibreOffice converting the same text.
    let soffice_times = Times::default();
    let mut soffice_pages = None;
    if found("soffice") {
        let work = tempfile::tempdir().expect("tempdir");
        let profile = work.path().join("perfil");
        let input = work.path().join("ordenanza.fodt");
        std::fs::write(&input, fodt(&long)).expect("write fodt");
        let out_dir = work.path().join("pdf");
        // The first run creates the profile; it is not measured.
        match soffice_convert(&profile, &input, &out_dir) {
            Ok(pdf) => {
                keep(
                    "bench-norm.fodt",
                    &std::fs::read(&input).unwrap_or_default(),
                );
                keep(
                    "bench-norm-soffice.pdf",
                    &std::fs::read(&pdf).unwrap_or_default(),
                );
                soffice_pages = lopdf::Document::load(&pdf)
                    .ok()
                    .map(|d| d.get_pages().len());
                let mut group = c.benchmark_group("soffice");
                group
                    .sample_size(10)
                    .sampling_mode(SamplingMode::Flat)
                    .warm_up_time(Duration::from_secs(1))
                    .measurement_time(Duration::from_secs(20));
                group.bench_function(
                    format!("soffice --convert-to pdf, {pages}-page norm"),
                    |b| {
                        b.iter_custom(|iters| {
                            soffice_times.run(iters, || {
                                soffice_convert(&profile, &input, &out_dir).expect("soffice");
                            })
                        })
                    },
                );
                group.finish();
            }
            Err(e) => println!("soffice could not convert the norm, comparison skipped: {e}"),
        }
    } else {
        println!(
            "soffice (LibreOffice) is not installed: the comparison is skipped \
             (make bench installs libreoffice-writer-nogui)."
        );
    }

    c.final_summary();
    println!("\nmedians:");
    if let Some(d) = render_times.median() {
        println!("  render {pages}-page norm: {}", ms(d));
    }
    if let Some(d) = sign_times.median() {
        println!("  sign it (RSA 2048, visible stamp): {}", ms(d));
    }
    if let Some(d) = verify_times.median() {
        println!("  verify it: {}", ms(d));
    }
    if let Some(d) = soffice_times.median() {
        println!(
            "  soffice --convert-to pdf (same text, .fodt, {} pages): {}",
            soffice_pages.map_or("?".to_string(), |p| p.to_string()),
            ms(d)
        );
    }
    if let (Some(ours), Some(theirs)) = (render_times.median(), soffice_times.median()) {
        println!(
            "ratio soffice/cabildo ({pages}-page norm): {:.1}x",
            theirs.as_secs_f64() / ours.as_secs_f64()
        );
    }
}
