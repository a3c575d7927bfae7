//! Pages to PDF content streams: one stream per laid-out page, text as TJ arrays of glyph ids
//! (justification adds space after space glyphs, because `Tw` does not apply to two-byte
//! codes), rules, rectangles and chart lines as path operators in gray or sRGB, images as
//! XObjects (`X0`, `X1`… on each page), written straight into the stream's bytes; the glyphs
//! used are subset here. `finish` wraps the streams, fonts and images into the file.

use std::collections::{BTreeMap, BTreeSet};
use std::rc::Rc;

use std::io::Write as _;

use printpdf::{CurTransMat, Mm, Px};

use super::fonts::{self, FontId, GlyphUse};
use super::image::ImageData;
use super::layout::{Draw, Ink, TextLine, MM};
use super::page::Pages;
use crate::error::{Error, Result};

/// A face embedded in the file: its resource name (`F0`, `F1`…), the glyphs it carries and
/// its subset program.
pub(crate) struct Embedded {
    pub resource: String,
    pub font: FontId,
    pub used: BTreeMap<u16, char>,
    pub program: Vec<u8>,
}

/// One page drawn: its content stream (not yet compressed) and the images it shows, in the
/// order of their names `X0`, `X1`…
pub(crate) struct PagePaint {
    pub content: Vec<u8>,
    pub images: Vec<Rc<ImageData>>,
}

/// Every page drawn, with the page size in points and the fonts to embed.
pub(crate) struct Painted {
    /// MediaBox width and height, points.
    pub size: (f32, f32),
    pub pages: Vec<PagePaint>,
    pub fonts: Vec<Embedded>,
}

/// An operand of a content-stream operator.
#[derive(Clone, Copy)]
enum Arg<'a> {
    Int(i64),
    Real(f32),
    Name(&'a [u8]),
}

/// Round to a hundredth of a point: shorter streams, same output on every platform.
fn r(v: f32) -> Arg<'static> {
    Arg::Real((v * 100.0).round() / 100.0)
}

const HEX: &[u8; 16] = b"0123456789ABCDEF";

/// The decimal digits of `n`.
fn digits(out: &mut Vec<u8>, mut n: u64) {
    let mut buf = [0u8; 20];
    let mut at = buf.len();
    loop {
        at -= 1;
        buf[at] = b'0' + (n % 10) as u8;
        n /= 10;
        if n == 0 {
            break;
        }
    }
    out.extend_from_slice(&buf[at..]);
}

/// A number as Rust's `Display` writes an `f32` (the shortest decimal that reads back as the
/// same value, never an exponent). Coordinates are rounded to hundredths and stay far below
/// 10⁵, where that decimal is the value's own two-decimal form: written here without the
/// float formatter; anything else goes through it.
fn real(out: &mut Vec<u8>, v: f32) {
    let hundredths = (v * 100.0).round();
    if v != 0.0 && v.abs() < 1e5 && hundredths / 100.0 == v {
        let k = hundredths.abs() as u64;
        if v < 0.0 {
            out.push(b'-');
        }
        digits(out, k / 100);
        let frac = k % 100;
        if frac != 0 {
            out.push(b'.');
            out.push(b'0' + (frac / 10) as u8);
            if !frac.is_multiple_of(10) {
                out.push(b'0' + (frac % 10) as u8);
            }
        }
    } else {
        let _ = write!(out, "{v}");
    }
}

fn internal(e: impl std::fmt::Display) -> Error {
    Error::Internal(format!("no se pudo generar el PDF: {e}"))
}

/// Draw every page.
pub(crate) fn paint(pages: &Pages) -> Result<Painted> {
    let mut usage = GlyphUse::default();
    for page in &pages.pages {
        for d in page {
            if let Draw::Text(t) = d {
                for p in t.pieces.iter() {
                    usage.add(p.font, &p.glyphs);
                }
            }
        }
    }
    let f = pages.frame;
    // The page size as PDF writers before this one wrote it: millimetres to points in f32.
    let size = (Mm(f.width / MM).into_pt().0, Mm(f.height / MM).into_pt().0);

    let mut embedded = Vec::new();
    let mut resources: BTreeMap<FontId, Vec<u8>> = BTreeMap::new();
    for (i, (font, used)) in usage.faces().enumerate() {
        let ids: BTreeSet<u16> = used.keys().copied().collect();
        let program = fonts::subset(font.bytes(), &ids).map_err(internal)?;
        let resource = format!("F{i}");
        resources.insert(font, resource.clone().into_bytes());
        embedded.push(Embedded {
            resource,
            font,
            used: used.clone(),
            program,
        });
    }

    let mut out = Vec::with_capacity(pages.pages.len());
    for draws in &pages.pages {
        let mut painter = Painter {
            out: Vec::with_capacity(32 * 1024),
            images: Vec::new(),
            height: f.height,
            fonts: &resources,
        };
        painter.op("q", &[]);
        for d in draws {
            painter.draw(d);
        }
        painter.op("Q", &[]);
        painter.out.push(b'\n');
        out.push(PagePaint {
            content: painter.out,
            images: painter.images,
        });
    }
    Ok(Painted {
        size,
        pages: out,
        fonts: embedded,
    })
}

/// Writes one page's content stream: each operator on its own line after its operands, numbers
/// as Rust prints them (shortest round-trip form), glyph codes as upper-case hexadecimal strings
/// (the layout lopdf's content encoder gave, so files did not change when it was replaced).
struct Painter<'a> {
    out: Vec<u8>,
    images: Vec<Rc<ImageData>>,
    height: f32,
    fonts: &'a BTreeMap<FontId, Vec<u8>>,
}

impl Painter<'_> {
    /// Starts a new operator line (every operator but the first follows a newline).
    fn start(&mut self) {
        if !self.out.is_empty() {
            self.out.push(b'\n');
        }
    }

    fn arg(&mut self, a: Arg) {
        match a {
            Arg::Int(v) => {
                if v < 0 {
                    self.out.push(b'-');
                }
                digits(&mut self.out, v.unsigned_abs());
            }
            Arg::Real(v) => real(&mut self.out, v),
            Arg::Name(n) => {
                self.out.push(b'/');
                for &b in n {
                    if b"\t\n\r\x0C ()<>[]{}/%#".contains(&b) || !(33..=126).contains(&b) {
                        self.out.extend_from_slice(&[
                            b'#',
                            HEX[(b >> 4) as usize],
                            HEX[(b & 15) as usize],
                        ]);
                    } else {
                        self.out.push(b);
                    }
                }
            }
        }
    }

    fn op(&mut self, name: &str, args: &[Arg]) {
        self.start();
        for &a in args {
            self.arg(a);
            self.out.push(b' ');
        }
        self.out.extend_from_slice(name.as_bytes());
    }

    fn draw(&mut self, d: &Draw) {
        match d {
            Draw::Text(t) => self.text(t),
            Draw::Line {
                x1,
                y1,
                x2,
                y2,
                width,
                ink,
            } => {
                self.op("w", &[r(*width)]);
                self.ink(*ink, true);
                self.op("m", &[r(*x1), r(self.height - y1)]);
                self.op("l", &[r(*x2), r(self.height - y2)]);
                self.op("S", &[]);
            }
            Draw::Rect { x, y, w, h, ink } => {
                self.ink(*ink, false);
                self.op("re", &[r(*x), r(self.height - y - h), r(*w), r(*h)]);
                self.op("f", &[]);
            }
            Draw::Path {
                points,
                width,
                ink,
                dash,
            } => self.path(points, *width, *ink, *dash),
            Draw::Image { image, x, y, w, h } => self.image(image, *x, *y, *w, *h),
        }
    }

    /// `q cm /Xn Do Q`: at 72 dpi one pixel is one point, scaled to the printed size. The
    /// matrix is computed with printpdf's unit conversions, as the image was placed before.
    fn image(&mut self, image: &Rc<ImageData>, x: f32, y: f32, w: f32, h: f32) {
        let name = format!("X{}", self.images.len());
        self.images.push(image.clone());
        let dpi = 72.0;
        let image_w = Px(image.width as usize).into_pt(dpi).0 * (w / image.width as f32);
        let image_h = Px(image.height as usize).into_pt(dpi).0 * (h / image.height as f32);
        let steps = [
            CurTransMat::Scale(image_w, image_h),
            CurTransMat::Translate(
                Mm(x / MM).into_pt(),
                Mm((self.height - y - h) / MM).into_pt(),
            ),
        ];
        let mut m: [f32; 6] = CurTransMat::Identity.into();
        for step in steps {
            m = CurTransMat::combine_matrix(m, step.into());
        }
        self.op("q", &[]);
        self.op("cm", &m.map(Arg::Real));
        self.op("Do", &[Arg::Name(name.as_bytes())]);
        self.op("Q", &[]);
    }

    /// Set the stroking (`G`, `RG`) or filling (`g`, `rg`) colour.
    fn ink(&mut self, ink: Ink, stroke: bool) {
        match (ink, stroke) {
            (Ink::Gray(v), true) => self.op("G", &[r(v)]),
            (Ink::Gray(v), false) => self.op("g", &[r(v)]),
            (Ink::Rgb(c), stroke) => {
                let op = if stroke { "RG" } else { "rg" };
                self.op(op, &c.components().map(r));
            }
        }
    }

    /// A polyline inside `q … Q`, so its round joins and dash pattern end with it.
    fn path(&mut self, points: &[(f32, f32)], width: f32, ink: Ink, dash: Option<(f32, f32)>) {
        let Some(((x0, y0), rest)) = points.split_first() else {
            return;
        };
        self.op("q", &[]);
        self.op("w", &[r(width)]);
        self.op("J", &[Arg::Int(1)]);
        self.op("j", &[Arg::Int(1)]);
        if let Some((on, off)) = dash {
            // `[on off] 0 d`
            self.start();
            self.out.push(b'[');
            self.arg(r(on));
            self.out.push(b' ');
            self.arg(r(off));
            self.out.extend_from_slice(b"] 0 d");
        }
        self.ink(ink, true);
        self.op("m", &[r(*x0), r(self.height - y0)]);
        for (x, y) in rest {
            self.op("l", &[r(*x), r(self.height - y)]);
        }
        self.op("S", &[]);
        self.op("Q", &[]);
    }

    fn text(&mut self, t: &TextLine) {
        if t.pieces.iter().all(|p| p.glyphs.is_empty()) {
            return;
        }
        self.op("BT", &[]);
        self.op("g", &[r(t.gray)]);
        self.op(
            "Tm",
            &[
                Arg::Int(1),
                Arg::Int(0),
                Arg::Int(0),
                Arg::Int(1),
                r(t.x),
                r(self.height - t.y),
            ],
        );
        let mut current: Option<(FontId, f32)> = None;
        for p in t.pieces.iter() {
            if p.glyphs.is_empty() {
                continue;
            }
            if current != Some((p.font, p.size)) {
                let fonts = self.fonts;
                self.op("Tf", &[Arg::Name(&fonts[&p.font]), Arg::Real(p.size)]);
                current = Some((p.font, p.size));
            }
            // `[<glyphs> adjust <glyphs> …] TJ`: thousandths of an em to move right after each
            // space (negative moves right).
            let adjust = (-(t.word_extra * 1000.0 / p.size) * 10.0).round() / 10.0;
            let justify = t.word_extra > 0.0;
            self.start();
            self.out.push(b'[');
            let mut open = false;
            for g in &p.glyphs {
                if !open {
                    self.out.push(b'<');
                    open = true;
                }
                for b in g.gid.to_be_bytes() {
                    self.out
                        .extend_from_slice(&[HEX[(b >> 4) as usize], HEX[(b & 15) as usize]]);
                }
                if g.ch == ' ' && justify {
                    self.out.push(b'>');
                    open = false;
                    self.out.push(b' ');
                    self.arg(Arg::Real(adjust));
                }
            }
            if open {
                self.out.push(b'>');
            }
            self.out.extend_from_slice(b"] TJ");
        }
        self.op("ET", &[]);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn written(v: f32) -> String {
        let mut out = Vec::new();
        real(&mut out, v);
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn numbers_are_written_as_rust_displays_them() {
        // Every hundredth up to ±2000 points (all a page holds), tenths of the justification
        // adjustments, and values that are not on the grid.
        for k in -200_000..=200_000 {
            let v = (k as f32 * 0.01 * 100.0).round() / 100.0;
            assert_eq!(written(v), format!("{v}"), "{k}");
            let t = (k as f32 * 0.1 * 10.0).round() / 10.0;
            assert_eq!(written(t), format!("{t}"), "{k}");
        }
        for v in [
            0.0,
            -0.0,
            1.0 / 3.0,
            53.45332,
            708.6615,
            595.2757,
            841.88983,
            -16.333008,
            1e5,
            123456.78,
            1e-7,
            f32::MAX,
        ] {
            assert_eq!(written(v), format!("{v}"));
        }
    }
}
