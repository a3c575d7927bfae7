//! Pages to PDF operators through printpdf 0.7: one page per laid-out page, fonts embedded as
//! glyph-preserving subsets, text as TJ arrays of glyph ids (justification adds space after
//! space glyphs, because `Tw` does not apply to two-byte codes), rules, rectangles and chart
//! lines as path operators in gray or sRGB, images as XObjects.

use std::collections::{BTreeMap, BTreeSet};

use printpdf::lopdf::content::Operation;
use printpdf::lopdf::{Object, StringFormat};
use printpdf::{
    ColorBits, ColorSpace, Image, ImageFilter, ImageTransform, ImageXObject, IndirectFontRef, Mm,
    PdfDocument, PdfDocumentReference, PdfLayerReference, Px,
};

use super::fonts::{self, EmbeddedFace, FontId, GlyphUse};
use super::image::Pixels;
use super::layout::{Draw, Ink, TextLine, MM};
use super::page::Pages;
use crate::error::{Error, Result};

/// A face embedded in the file: its resource name (`F0`, `F1`…), the glyphs it carries.
pub(crate) struct Embedded {
    pub resource: String,
    pub font: FontId,
    pub used: BTreeMap<u16, char>,
}

/// Round to a hundredth of a point: shorter streams, same output on every platform.
fn r(v: f32) -> Object {
    Object::Real((v * 100.0).round() / 100.0)
}

fn internal(e: impl std::fmt::Display) -> Error {
    Error::Internal(format!("no se pudo generar el PDF: {e}"))
}

/// Draw every page; returns printpdf's bytes and the fonts embedded.
pub(crate) fn paint(title: &str, pages: &Pages) -> Result<(Vec<u8>, Vec<Embedded>)> {
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
    let (w, h) = (Mm(f.width / MM), Mm(f.height / MM));
    let (doc, first_page, first_layer) = PdfDocument::new(title, w, h, "Contenido");

    let mut embedded = Vec::new();
    let mut refs: BTreeMap<FontId, IndirectFontRef> = BTreeMap::new();
    for (i, (font, used)) in usage.faces().enumerate() {
        let ids: BTreeSet<u16> = used.keys().copied().collect();
        let bytes = fonts::subset(font.bytes(), &ids).map_err(internal)?;
        let r = doc
            .add_external_font_data(bytes, EmbeddedFace::new(font, used))
            .map_err(internal)?;
        refs.insert(font, r);
        embedded.push(Embedded {
            resource: format!("F{i}"),
            font,
            used: used.clone(),
        });
    }

    for (n, draws) in pages.pages.iter().enumerate() {
        let layer = if n == 0 {
            doc.get_page(first_page).get_layer(first_layer)
        } else {
            let (p, l) = doc.add_page(w, h, "Contenido");
            doc.get_page(p).get_layer(l)
        };
        let painter = Painter {
            layer: &layer,
            height: f.height,
            refs: &refs,
        };
        for d in draws {
            painter.draw(d);
        }
    }
    let bytes = save(doc)?;
    Ok((bytes, embedded))
}

fn save(doc: PdfDocumentReference) -> Result<Vec<u8>> {
    doc.save_to_bytes().map_err(internal)
}

struct Painter<'a> {
    layer: &'a PdfLayerReference,
    height: f32,
    refs: &'a BTreeMap<FontId, IndirectFontRef>,
}

impl Painter<'_> {
    fn op(&self, name: &str, operands: Vec<Object>) {
        self.layer.add_operation(Operation::new(name, operands));
    }

    fn draw(&self, d: &Draw) {
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
            Draw::Image { image, x, y, w, h } => {
                let (color_space, filter) = match image.pixels {
                    Pixels::Rgb => (ColorSpace::Rgb, None),
                    Pixels::Gray => (ColorSpace::Greyscale, None),
                    Pixels::JpegRgb => (ColorSpace::Rgb, Some(ImageFilter::DCT)),
                    Pixels::JpegGray => (ColorSpace::Greyscale, Some(ImageFilter::DCT)),
                };
                let xobj = ImageXObject {
                    width: Px(image.width as usize),
                    height: Px(image.height as usize),
                    color_space,
                    bits_per_component: ColorBits::Bit8,
                    // PDF/A forbids interpolation.
                    interpolate: false,
                    image_data: image.data.clone(),
                    image_filter: filter,
                    smask: None,
                    clipping_bbox: None,
                };
                // At 72 dpi one pixel is one point; scale to the printed size.
                Image::from(xobj).add_to_layer(
                    self.layer.clone(),
                    ImageTransform {
                        translate_x: Some(Mm(x / MM)),
                        translate_y: Some(Mm((self.height - y - h) / MM)),
                        scale_x: Some(w / image.width as f32),
                        scale_y: Some(h / image.height as f32),
                        dpi: Some(72.0),
                        rotate: None,
                    },
                );
            }
        }
    }

    /// Set the stroking (`G`, `RG`) or filling (`g`, `rg`) colour.
    fn ink(&self, ink: Ink, stroke: bool) {
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
    fn path(&self, points: &[(f32, f32)], width: f32, ink: Ink, dash: Option<(f32, f32)>) {
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

    fn text(&self, t: &TextLine) {
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
                self.layer.set_font(&self.refs[&p.font], p.size);
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
