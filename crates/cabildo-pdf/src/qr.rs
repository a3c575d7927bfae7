//! QR codes drawn as vector squares (one rectangle per run of dark modules in a row), so they
//! stay sharp at any zoom and add no image to the file.

use qrcode::{Color, EcLevel, QrCode};

use super::layout::{Draw, Ink};
use crate::error::{Error, Result};

/// Modules of white border kept inside the requested side (the paper around it adds more).
const QUIET: usize = 2;

/// The QR code of `text` in a square of `side` points whose top-left corner is (x, y).
pub(crate) fn draws(text: &str, x: f32, y: f32, side: f32) -> Result<Vec<Draw>> {
    let code = QrCode::with_error_correction_level(text.as_bytes(), EcLevel::M)
        .map_err(|e| Error::invalid(format!("El código de verificación no cabe en un QR: {e}")))?;
    let n = code.width();
    let module = side / (n + 2 * QUIET) as f32;
    let colors = code.to_colors();
    let mut out = Vec::new();
    for row in 0..n {
        let mut col = 0;
        while col < n {
            if colors[row * n + col] != Color::Dark {
                col += 1;
                continue;
            }
            let start = col;
            while col < n && colors[row * n + col] == Color::Dark {
                col += 1;
            }
            out.push(Draw::Rect {
                x: x + (start + QUIET) as f32 * module,
                y: y + (row + QUIET) as f32 * module,
                w: (col - start) as f32 * module,
                // A hair taller than a module so rows do not show seams when rasterised.
                h: module * 1.02,
                ink: Ink::Gray(0.0),
            });
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_code_becomes_rectangles_inside_its_square() {
        let d = draws("7K3F-Q9TX-2M4B", 10.0, 20.0, 50.0).unwrap();
        assert!(d.len() > 20);
        for r in d {
            let Draw::Rect { x, y, w, h, .. } = r else {
                panic!("only rectangles")
            };
            assert!(x >= 10.0 && x + w <= 60.01 && y >= 20.0 && y + h <= 70.5);
        }
    }
}
