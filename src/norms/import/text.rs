//! The words of a historical norm's original, for the search index: the text layer of a PDF
//! (lopdf's extraction, which reads each font's ToUnicode map, so accents come out as typed)
//! and the paragraphs of a Word .docx (its `word/document.xml`, read with quick-xml). A PDF
//! without a text layer — a scanned page — is imported all the same and flagged.

use std::io::Read;

/// Below this many letters and digits a document is taken as having no text (a scan: a few
/// stray characters of a stamp or a page number do not make it searchable).
const MIN_LETTERS: usize = 20;

/// The most text kept per document (a 300-page annex is still searchable by its beginning).
const MAX_CHARS: usize = 2_000_000;

/// Decompressed content allowed per PDF page (a small file cannot inflate without limit).
const MAX_PAGE_BYTES: usize = 64 * 1024 * 1024;

/// What was read from an original.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Extracted {
    /// Its text, for the search index.
    Text(String),
    /// It has no text layer (a scan): imported and flagged.
    NoText,
}

/// The format of an original, from its name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Format {
    /// A PDF.
    Pdf,
    /// A Word 2007+ document.
    Docx,
}

impl Format {
    /// The format a file name says it has; `Err` explains an old or unknown one.
    pub(crate) fn of(name: &str) -> Result<Format, String> {
        let ext = name.rsplit('.').next().unwrap_or("").to_lowercase();
        match ext.as_str() {
            "pdf" => Ok(Format::Pdf),
            "docx" => Ok(Format::Docx),
            "doc" => Err(format!(
                "«{name}» es un documento de Word antiguo (.doc): ábralo y guárdelo como .docx o PDF."
            )),
            _ => Err(format!("«{name}» no es un PDF ni un documento de Word (.docx).")),
        }
    }

    /// Its MIME type in the files store.
    pub(crate) fn mime(self) -> &'static str {
        match self {
            Format::Pdf => "application/pdf",
            Format::Docx => {
                "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
            }
        }
    }
}

/// The text of an original; `Err` says in Spanish why it cannot be read.
pub(crate) fn extract(format: Format, bytes: &[u8]) -> Result<Extracted, String> {
    // A damaged file must never take the whole import down with it.
    let text = std::panic::catch_unwind(|| match format {
        Format::Pdf => pdf_text(bytes),
        Format::Docx => docx_text(bytes),
    })
    .unwrap_or_else(|_| Err("el archivo está dañado y no se pudo leer".to_string()))?;
    let letters = text.chars().filter(|c| c.is_alphanumeric()).count();
    if letters < MIN_LETTERS {
        return Ok(Extracted::NoText);
    }
    Ok(Extracted::Text(tidy(&text)))
}

/// Lines trimmed, runs of blank lines and spaces collapsed, and at most [`MAX_CHARS`].
fn tidy(text: &str) -> String {
    let mut out = String::with_capacity(text.len().min(MAX_CHARS));
    let mut blank = false;
    for line in text.lines() {
        let line = line.split_whitespace().collect::<Vec<_>>().join(" ");
        if line.is_empty() {
            blank = !out.is_empty();
            continue;
        }
        if !out.is_empty() {
            out.push_str(if blank { "\n\n" } else { "\n" });
        }
        blank = false;
        out.push_str(&line);
        if out.len() >= MAX_CHARS {
            let mut end = MAX_CHARS;
            while !out.is_char_boundary(end) {
                end -= 1;
            }
            out.truncate(end);
            break;
        }
    }
    out
}

fn pdf_text(bytes: &[u8]) -> Result<String, String> {
    if !bytes[..bytes.len().min(1024)]
        .windows(5)
        .any(|w| w == b"%PDF-")
    {
        return Err("no es un PDF (su contenido no empieza como uno)".to_string());
    }
    let doc =
        lopdf::Document::load_mem(bytes).map_err(|e| format!("el PDF no se pudo leer ({e})"))?;
    if doc.is_encrypted() {
        return Err(
            "el PDF está protegido con contraseña: quite la protección y vuelva a intentarlo"
                .to_string(),
        );
    }
    let pages: Vec<u32> = doc.get_pages().keys().copied().collect();
    if pages.is_empty() {
        return Err("el PDF no tiene páginas".to_string());
    }
    let mut text = String::new();
    // A page whose text cannot be decoded (an odd font) leaves the others searchable.
    for chunk in doc
        .extract_text_chunks_with_limit(&pages, MAX_PAGE_BYTES)
        .into_iter()
        .flatten()
    {
        text.push_str(&chunk);
        if text.len() > MAX_CHARS {
            break;
        }
    }
    Ok(text)
}

fn docx_text(bytes: &[u8]) -> Result<String, String> {
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes))
        .map_err(|_| "no es un documento de Word válido (.docx)".to_string())?;
    let mut xml = String::new();
    zip.by_name("word/document.xml")
        .map_err(|_| "el documento de Word no tiene texto (falta word/document.xml)".to_string())?
        .take(64 * 1024 * 1024)
        .read_to_string(&mut xml)
        .map_err(|e| format!("el documento de Word está dañado ({e})"))?;
    document_xml_text(&xml)
}

/// The paragraphs of a WordprocessingML body, one per line: the text runs (`w:t`), tabs,
/// line breaks; deleted revisions (`w:delText`) are not read.
fn document_xml_text(xml: &str) -> Result<String, String> {
    use quick_xml::events::Event;
    let mut reader = quick_xml::Reader::from_str(xml);
    let mut out = String::new();
    let mut in_text = false;
    loop {
        let event = reader
            .read_event()
            .map_err(|e| format!("el documento de Word está dañado ({e})"))?;
        match event {
            Event::Start(e) if e.local_name().as_ref() == "t" => in_text = true,
            Event::End(e) => match e.local_name().as_ref() {
                "t" => in_text = false,
                "p" => out.push('\n'),
                _ => {}
            },
            Event::Empty(e) => match e.local_name().as_ref() {
                "tab" => out.push('\t'),
                "br" | "cr" => out.push('\n'),
                "p" => out.push('\n'),
                _ => {}
            },
            Event::Text(t) if in_text => out.push_str(&t),
            Event::GeneralRef(r) if in_text => match r.resolve_char_ref() {
                Ok(Some(c)) => out.push(c),
                _ => out.push_str(match &*r {
                    "amp" => "&",
                    "lt" => "<",
                    "gt" => ">",
                    "quot" => "\"",
                    "apos" => "'",
                    _ => "",
                }),
            },
            Event::Eof => break,
            _ => {}
        }
        if out.len() > MAX_CHARS {
            break;
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn word_paragraphs_runs_and_entities() {
        let xml = r#"<?xml version="1.0"?><w:document xmlns:w="x"><w:body>
            <w:p><w:r><w:t>Artículo 1°.</w:t></w:r><w:r><w:tab/><w:t xml:space="preserve"> Apruébese el </w:t></w:r><w:r><w:t>desagüe &amp; año</w:t></w:r></w:p>
            <w:p><w:r><w:delText>borrado</w:delText><w:t>Ñandú&#233;</w:t></w:r></w:p></w:body></w:document>"#;
        let t = document_xml_text(xml).unwrap();
        assert_eq!(t, "Artículo 1°.\t Apruébese el desagüe & año\nÑandúé\n");
    }

    #[test]
    fn few_letters_is_a_scan() {
        assert_eq!(
            extract(Format::Docx, b"not a zip"),
            Err("no es un documento de Word válido (.docx)".to_string())
        );
        assert!(extract(Format::Pdf, b"hello")
            .unwrap_err()
            .contains("no es un PDF"));
        assert_eq!(tidy("  a  b \n\n\n c \n"), "a b\n\nc");
    }

    /// Files made by LibreOffice 7.4 (`soffice --headless --convert-to pdf|docx`): a subset
    /// TrueType font with a ToUnicode map, and Word's XML.
    #[test]
    fn libreoffice_files_keep_their_accents() {
        let pdf = include_bytes!("../../../tests/fixtures/norm_import/libreoffice.pdf");
        let Ok(Extracted::Text(t)) = extract(Format::Pdf, pdf) else {
            panic!("no text in the PDF");
        };
        for w in [
            "desagüe",
            "Apruébese",
            "Pingüino, ñandú y camión",
            "Regístrese, comuníquese",
        ] {
            assert!(t.contains(w), "{w} not in {t}");
        }
        let docx = include_bytes!("../../../tests/fixtures/norm_import/libreoffice.docx");
        let Ok(Extracted::Text(t)) = extract(Format::Docx, docx) else {
            panic!("no text in the .docx");
        };
        assert!(t.contains("DECRETO DE ALCALDÍA N° 007-2018"), "{t}");
        assert!(t.contains("Convóquese a la inscripción"), "{t}");
    }

    #[test]
    fn formats_by_name() {
        assert_eq!(Format::of("ORD-012-2019.PDF"), Ok(Format::Pdf));
        assert_eq!(Format::of("x.docx"), Ok(Format::Docx));
        assert!(Format::of("viejo.doc").unwrap_err().contains(".doc"));
    }
}
