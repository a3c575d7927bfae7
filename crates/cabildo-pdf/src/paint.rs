//! Pages to PDF content streams: one stream per laid-out page, text as TJ arrays of glyph ids
//! (justification adds space after space glyphs, because `Tw` does not apply to two-byte
//! codes), rules, rectangles and chart lines as path operators in gray or sRGB, images as
//! XObjects (`X0`, `X1`… on each page). The operators are lopdf 0.31's (printpdf's), encoded
//! once; `finish` wraps the streams, fonts and images into the file.

use std::collections::{BTreeMap, BTreeSet};
use std::rc::Rc;

use printpdf::lopdf::content::{Content, Operation};
use printpdf::lopdf::{Object, StringFormat};
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

/// Round to a hundredth of a point: shorter streams, same output on every platform.
fn r(v: f32) -> Object {
    Object::Real((v * 100.0).round() / 100.0)
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
                for p in &t.pieces {
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
            ops: vec![Operation::new("q", vec![])],
            images: Vec::new(),
            height: f.height,
            fonts: &resources,
        };
        for d in draws {
            painter.draw(d);
        }
        painter.op("Q", vec![]);
        let mut content = Content {
            operations: painter.ops,
        }
        .encode()
        .map_err(internal)?;
        content.push(b'\n');
        out.push(PagePaint {
            content,
            images: painter.images,
        });
    }
    Ok(Painted {
        size,
        pages: out,
        fonts: embedded,
    })
}

struct Painter<'a> {
    ops: Vec<Operation>,
    images: Vec<Rc<ImageData>>,
    height: f32,
    fonts: &'a BTreeMap<FontId, Vec<u8>>,
}

impl Painter<'_> {
    fn op(&mut self, name: &str, operands: Vec<Object>) {
        self.ops.push(Operation::new(name, operands));
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
                self.op("w", vec![r(*width)]);
                self.ink(*ink, true);
                self.op("m", vec![r(*x1), r(self.height - y1)]);
                self.op("l", vec![r(*x2), r(self.height - y2)]);
                self.op("S", vec![]);
            }
            Draw::Rect { x, y, w, h, ink } => {
                self.ink(*ink, false);
                self.op("re", vec![r(*x), r(self.height - y - h), r(*w), r(*h)]);
                self.op("f", vec![]);
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
        self.op("q", vec![]);
        self.op("cm", m.iter().copied().map(Object::Real).collect());
        self.op("Do", vec![Object::Name(name.into_bytes())]);
        self.op("Q", vec![]);
    }

    /// Set the stroking (`G`, `RG`) or filling (`g`, `rg`) colour.
    fn ink(&mut self, ink: Ink, stroke: bool) {
        match (ink, stroke) {
            (Ink::Gray(v), true) => self.op("G", vec![r(v)]),
            (Ink::Gray(v), false) => self.op("g", vec![r(v)]),
            (Ink::Rgb(c), stroke) => {
                let op = if stroke { "RG" } else { "rg" };
                self.op(op, c.components().into_iter().map(r).collect());
            }
        }
    }

    /// A polyline inside `q … Q`, so its round joins and dash pattern end with it.
    fn path(&mut self, points: &[(f32, f32)], width: f32, ink: Ink, dash: Option<(f32, f32)>) {
        let Some(((x0, y0), rest)) = points.split_first() else {
            return;
        };
        self.op("q", vec![]);
        self.op("w", vec![r(width)]);
        self.op("J", vec![Object::Integer(1)]);
        self.op("j", vec![Object::Integer(1)]);
        if let Some((on, off)) = dash {
            self.op(
                "d",
                vec![Object::Array(vec![r(on), r(off)]), Object::Integer(0)],
            );
        }
        self.ink(ink, true);
        self.op("m", vec![r(*x0), r(self.height - y0)]);
        for (x, y) in rest {
            self.op("l", vec![r(*x), r(self.height - y)]);
        }
        self.op("S", vec![]);
        self.op("Q", vec![]);
    }

    fn text(&mut self, t: &TextLine) {
        if t.pieces.iter().all(|p| p.glyphs.is_empty()) {
            return;
        }
        self.op("BT", vec![]);
        self.op("g", vec![r(t.gray)]);
        self.op(
            "Tm",
            vec![
                Object::Integer(1),
                Object::Integer(0),
                Object::Integer(0),
                Object::Integer(1),
                r(t.x),
                r(self.height - t.y),
            ],
        );
        let mut current: Option<(FontId, f32)> = None;
        for p in &t.pieces {
            if p.glyphs.is_empty() {
                continue;
            }
            if current != Some((p.font, p.size)) {
                let font = Object::Name(self.fonts[&p.font].clone());
                self.op("Tf", vec![font, Object::Real(p.size)]);
                current = Some((p.font, p.size));
            }
            // Thousandths of an em to move right after each space (negative moves right).
            let adjust = -(t.word_extra * 1000.0 / p.size);
            let mut array = Vec::new();
            let mut run = Vec::new();
            for g in &p.glyphs {
                run.extend_from_slice(&g.gid.to_be_bytes());
                if g.ch == ' ' && t.word_extra > 0.0 {
                    array.push(Object::String(
                        std::mem::take(&mut run),
                        StringFormat::Hexadecimal,
                    ));
                    array.push(Object::Real((adjust * 10.0).round() / 10.0));
                }
            }
            if !run.is_empty() {
                array.push(Object::String(run, StringFormat::Hexadecimal));
            }
            self.op("TJ", vec![Object::Array(array)]);
        }
        self.op("ET", vec![]);
    }
}
