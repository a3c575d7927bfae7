//! The visible stamp: a form XObject with the signer's name, DNI, date, reason and legend, drawn
//! with the standard Helvetica fonts in WinAnsiEncoding (so "Perú", "N°", "Año" print right
//! without embedding a font).

/// Encodes text in WinAnsiEncoding (Windows-1252); characters outside it become '?'.
pub(crate) fn win_ansi(text: &str) -> Vec<u8> {
    text.chars()
        .map(|c| match c as u32 {
            0x20..=0x7e => c as u8,
            0xa0..=0xff => c as u32 as u8,
            _ => match c {
                '€' => 0x80,
                '‚' => 0x82,
                '„' => 0x84,
                '…' => 0x85,
                '‘' => 0x91,
                '’' => 0x92,
                '“' => 0x93,
                '”' => 0x94,
                '•' => 0x95,
                '–' => 0x96,
                '—' => 0x97,
                '\t' | '\n' | '\r' => b' ',
                _ => b'?',
            },
        })
        .collect()
}

/// Helvetica advance widths (per 1000 em) for WinAnsi codes 32..=126 (Adobe AFM).
const HELVETICA_ASCII: [u16; 95] = [
    278, 278, 355, 556, 556, 889, 667, 191, 333, 333, 389, 584, 278, 333, 278, 278, // 32-47
    556, 556, 556, 556, 556, 556, 556, 556, 556, 556, 278, 278, 584, 584, 584, 556, // 48-63
    1015, 667, 667, 722, 722, 667, 611, 778, 722, 278, 500, 667, 556, 833, 722, 778, // 64-79
    667, 778, 722, 667, 611, 722, 667, 944, 667, 667, 611, 278, 278, 278, 469, 556, // 80-95
    333, 556, 556, 500, 556, 556, 278, 556, 556, 222, 222, 500, 222, 833, 556, 556, // 96-111
    556, 556, 333, 500, 278, 556, 500, 722, 500, 500, 500, 334, 260, 334, 584, // 112-126
];

/// Width of one WinAnsi byte in Helvetica (per 1000 em); bold is about 5 % wider.
fn width(b: u8) -> u16 {
    match b {
        32..=126 => HELVETICA_ASCII[(b - 32) as usize],
        0xc0..=0xc5 => 667,                      // À-Å
        0xc6 => 1000,                            // Æ
        0xc7 => 722,                             // Ç
        0xc8..=0xcb => 667,                      // È-Ë
        0xcc..=0xcf => 278,                      // Ì-Ï
        0xd0 | 0xd1 => 722,                      // Ð Ñ
        0xd2..=0xd6 | 0xd8 => 778,               // Ò-Ö Ø
        0xd9..=0xdc => 722,                      // Ù-Ü
        0xdd => 667,                             // Ý
        0xe0..=0xe5 | 0xe8..=0xeb => 556,        // à-å è-ë
        0xe7 => 500,                             // ç
        0xec..=0xef => 278,                      // ì-ï
        0xf1..=0xf6 | 0xf9..=0xfc | 0xf8 => 556, // ñ ò-ö ù-ü ø
        0xb0 => 400,                             // °
        0xba => 365,                             // º
        0xaa => 370,                             // ª
        0xbf => 611,                             // ¿
        0xa1 => 333,                             // ¡
        0x85 | 0x97 => 1000,                     // … —
        0x91 | 0x92 => 222,                      // ‘ ’
        0x93 | 0x94 => 333,                      // “ ”
        _ => 556,
    }
}

/// Text width in points.
pub(crate) fn text_width(bytes: &[u8], size: f32, bold: bool) -> f32 {
    let w: u32 = bytes.iter().map(|&b| width(b) as u32).sum();
    w as f32 * size / 1000.0 * if bold { 1.06 } else { 1.0 }
}

/// Breaks `text` into lines no wider than `max` points.
fn wrap(text: &[u8], size: f32, bold: bool, max: f32) -> Vec<Vec<u8>> {
    let mut lines = Vec::new();
    let mut line: Vec<u8> = Vec::new();
    for word in text.split(|&b| b == b' ').filter(|w| !w.is_empty()) {
        let mut candidate = line.clone();
        if !candidate.is_empty() {
            candidate.push(b' ');
        }
        candidate.extend_from_slice(word);
        if text_width(&candidate, size, bold) <= max || line.is_empty() {
            line = candidate;
            // A single word wider than the box is cut by characters.
            while text_width(&line, size, bold) > max && line.len() > 1 {
                let mut cut = line.len() - 1;
                while cut > 1 && text_width(&line[..cut], size, bold) > max {
                    cut -= 1;
                }
                lines.push(line[..cut].to_vec());
                line = line[cut..].to_vec();
            }
        } else {
            lines.push(std::mem::take(&mut line));
            line = word.to_vec();
        }
    }
    if !line.is_empty() {
        lines.push(line);
    }
    lines
}

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

/// The content stream of a stamp `w` × `h` points: a thin frame and the paragraphs, shrinking
/// the type until everything fits.
pub(crate) fn stamp_content(w: f32, h: f32, paragraphs: &[Paragraph]) -> Vec<u8> {
    let pad = 3.0;
    let inner_w = (w - 2.0 * pad).max(1.0);
    let inner_h = (h - 2.0 * pad).max(1.0);
    let encoded: Vec<(Vec<u8>, bool, f32)> = paragraphs
        .iter()
        .map(|p| (win_ansi(&p.text), p.bold, p.scale))
        .collect();
    let mut size = 8.0f32;
    let layout = loop {
        let mut lines: Vec<(Vec<u8>, bool, f32)> = Vec::new();
        for (text, bold, scale) in &encoded {
            let s = size * scale;
            for l in wrap(text, s, *bold, inner_w) {
                lines.push((l, *bold, s));
            }
        }
        let total: f32 = lines.iter().map(|(_, _, s)| s * 1.15).sum();
        if total <= inner_h || size <= 3.0 {
            break lines;
        }
        size -= 0.25;
    };
    let mut out = Vec::new();
    out.extend_from_slice(b"q\n0.45 0.45 0.45 RG 0.6 w\n");
    out.extend_from_slice(format!("0.3 0.3 {} {} re S\n", fmt(w - 0.6), fmt(h - 0.6)).as_bytes());
    out.extend_from_slice(b"0 0 0 rg\nBT\n");
    let mut y = h - pad;
    for (line, bold, s) in &layout {
        y -= s * 1.15;
        let font = if *bold { "F2" } else { "F1" };
        out.extend_from_slice(
            format!(
                "/{font} {} Tf 1 0 0 1 {} {} Tm ",
                fmt(*s),
                fmt(pad),
                fmt(y + s * 0.2)
            )
            .as_bytes(),
        );
        out.extend_from_slice(&pdf_literal(line));
        out.extend_from_slice(b" Tj\n");
    }
    out.extend_from_slice(b"ET\nQ\n");
    out
}

/// A number for a content stream or dictionary: no exponent, at most 4 decimals.
pub(crate) fn fmt(v: f32) -> String {
    let s = format!("{v:.4}");
    let s = s.trim_end_matches('0').trim_end_matches('.');
    if s == "-0" || s.is_empty() {
        "0".into()
    } else {
        s.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accents_and_degree_are_win_ansi() {
        assert_eq!(win_ansi("Perú N° Año"), b"Per\xfa N\xb0 A\xf1o".to_vec());
        assert_eq!(win_ansi("€ “x”"), b"\x80 \x93x\x94".to_vec());
        assert_eq!(win_ansi("漢"), b"?".to_vec());
    }

    #[test]
    fn wrapping_respects_width() {
        let lines = wrap(
            &win_ansi("uno dos tres cuatro cinco seis siete"),
            10.0,
            false,
            60.0,
        );
        assert!(lines.len() > 1);
        for l in &lines {
            assert!(text_width(l, 10.0, false) <= 60.0);
        }
    }

    #[test]
    fn stamp_fits_and_escapes() {
        let c = stamp_content(
            120.0,
            60.0,
            &[Paragraph {
                text: "Firmado (digitalmente) por \\ Pérez".into(),
                bold: false,
                scale: 1.0,
            }],
        );
        let s = String::from_utf8_lossy(&c);
        assert!(s.contains("\\(digitalmente\\)"));
        assert!(s.contains("BT") && s.contains("ET"));
    }
}
