//! The visible stamp: a form XObject with the signer's name, DNI, date, reason and legend, set
//! in Liberation Sans (regular and bold) from `assets/fonts/`, embedded as subsets (Type0,
//! `Identity-H`, ToUnicode) by the update that carries the signature: every character the font
//! has prints and extracts exactly ("Perú", "N°", "Ñahui", "¿¡"), and a PDF/A file keeps every
//! font embedded.

use std::collections::BTreeMap;

use cabildo_pdf::embed::{self, fmt};
use cabildo_pdf::fonts::{self, FontId, GlyphUse};

/// Escapes a literal PDF string.
pub(crate) fn pdf_literal(bytes: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(bytes.len() + 2);
    out.push(b'(');
    for &b in bytes {
        match b {
            b'(' | b')' | b'\\' => {
                out.push(b'\\');
                out.push(b);
            }
            b'\n' => out.extend_from_slice(b"\\n"),
            b'\r' => out.extend_from_slice(b"\\r"),
            0..=31 | 127 => out.extend_from_slice(format!("\\{b:03o}").as_bytes()),
            _ => out.push(b),
        }
    }
    out.push(b')');
    out
}

/// One paragraph of the stamp.
pub(crate) struct Paragraph {
    pub text: String,
    pub bold: bool,
    /// Relative size (1.0 = body).
    pub scale: f32,
}

/// The stamp's content stream and the glyphs it uses of each face, which the update embeds
/// under the resource names [`resource_name`] gives.
pub(crate) struct Stamp {
    pub content: Vec<u8>,
    pub fonts: Vec<(FontId, BTreeMap<u16, char>)>,
}

fn face(bold: bool) -> FontId {
    if bold {
        FontId::SansBold
    } else {
        FontId::Sans
    }
}

/// The name of a face in the stamp's `/Resources /Font`.
pub(crate) fn resource_name(font: FontId) -> &'static str {
    if font == FontId::SansBold {
        "F2"
    } else {
        "F1"
    }
}

/// Breaks `text` into lines no wider than `max` points.
fn wrap(text: &str, font: FontId, size: f32, max: f32) -> Vec<String> {
    let width = |s: &str| fonts::text_width(font, size, s);
    let mut lines = Vec::new();
    let mut line = String::new();
    for word in text.split_whitespace() {
        let candidate = if line.is_empty() {
            word.to_string()
        } else {
            format!("{line} {word}")
        };
        if width(&candidate) <= max || line.is_empty() {
            line = candidate;
            // A single word wider than the box is cut between characters.
            while width(&line) > max && line.chars().count() > 1 {
                let chars: Vec<char> = line.chars().collect();
                let mut cut = chars.len() - 1;
                while cut > 1 && width(&chars[..cut].iter().collect::<String>()) > max {
                    cut -= 1;
                }
                lines.push(chars[..cut].iter().collect());
                line = chars[cut..].iter().collect();
            }
        } else {
            lines.push(std::mem::replace(&mut line, word.to_string()));
        }
    }
    if !line.is_empty() {
        lines.push(line);
    }
    lines
}

/// The stamp `w` × `h` points: a thin frame and the paragraphs, shrinking the type until
/// everything fits.
pub(crate) fn stamp_content(w: f32, h: f32, paragraphs: &[Paragraph]) -> Stamp {
    let pad = 3.0;
    let inner_w = (w - 2.0 * pad).max(1.0);
    let inner_h = (h - 2.0 * pad).max(1.0);
    let mut size = 8.0f32;
    let layout = loop {
        let mut lines: Vec<(String, FontId, f32)> = Vec::new();
        for p in paragraphs {
            let s = size * p.scale;
            for l in wrap(&p.text, face(p.bold), s, inner_w) {
                lines.push((l, face(p.bold), s));
            }
        }
        let total: f32 = lines.iter().map(|(_, _, s)| s * 1.15).sum();
        if total <= inner_h || size <= 3.0 {
            break lines;
        }
        size -= 0.25;
    };
    let mut usage = GlyphUse::default();
    let mut out = Vec::new();
    out.extend_from_slice(b"q\n0.45 0.45 0.45 RG 0.6 w\n");
    out.extend_from_slice(format!("0.3 0.3 {} {} re S\n", fmt(w - 0.6), fmt(h - 0.6)).as_bytes());
    out.extend_from_slice(b"0 0 0 rg\nBT\n");
    let mut y = h - pad;
    for (line, font, s) in &layout {
        y -= s * 1.15;
        let glyphs = fonts::shape(*font, line);
        usage.add(*font, &glyphs);
        out.extend_from_slice(
            format!(
                "/{} {} Tf 1 0 0 1 {} {} Tm ",
                resource_name(*font),
                fmt(*s),
                fmt(pad),
                fmt(y + s * 0.2)
            )
            .as_bytes(),
        );
        out.extend_from_slice(&embed::hex_string(&glyphs));
        out.extend_from_slice(b" Tj\n");
    }
    out.extend_from_slice(b"ET\nQ\n");
    Stamp {
        content: out,
        fonts: usage.faces().map(|(f, g)| (f, g.clone())).collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wrapping_respects_width() {
        let lines = wrap(
            "uno dos tres cuatro cinco seis siete",
            FontId::Sans,
            10.0,
            60.0,
        );
        assert!(lines.len() > 1);
        for l in &lines {
            assert!(fonts::text_width(FontId::Sans, 10.0, l) <= 60.0, "{l}");
        }
        assert_eq!(lines.join(" "), "uno dos tres cuatro cinco seis siete");
        let cut = wrap("Ñandúes", FontId::SansBold, 10.0, 20.0);
        assert!(cut.len() > 1 && cut.concat() == "Ñandúes", "{cut:?}");
    }

    #[test]
    fn stamp_fits_and_records_its_glyphs() {
        let stamp = stamp_content(
            120.0,
            60.0,
            &[
                Paragraph {
                    text: "Firmado digitalmente por:".into(),
                    bold: false,
                    scale: 0.85,
                },
                Paragraph {
                    text: "MARÍA LÓPEZ ÑAHUI".into(),
                    bold: true,
                    scale: 1.0,
                },
            ],
        );
        let s = String::from_utf8(stamp.content).unwrap();
        assert!(s.contains("BT") && s.contains("ET") && s.contains("/F2 "));
        let faces: Vec<FontId> = stamp.fonts.iter().map(|f| f.0).collect();
        assert_eq!(faces, [FontId::Sans, FontId::SansBold]);
        let bold: String = stamp.fonts[1].1.values().collect();
        for c in "MARÍLÓPEZÑHU ".chars() {
            assert!(bold.contains(c), "{c} in {bold}");
        }
    }

    #[test]
    fn literals_are_escaped() {
        assert_eq!(pdf_literal(b"a(b)\\"), b"(a\\(b\\)\\\\)".to_vec());
    }
}
