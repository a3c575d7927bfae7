//! The bundled faces embedded in files written outside the engine with lopdf 0.44: the visible
//! signature stamp (an incremental update) and the page numbers of joined files. Same subsets,
//! widths and ToUnicode map as the engine's own fonts (`fonts::type0_parts`), so what prints is
//! what extracts and a PDF/A file keeps every font embedded. Also how such code writes a number
//! ([`fmt`]).

use std::collections::{BTreeMap, BTreeSet};

use lopdf::{Dictionary, Object, Stream, StringFormat};

use super::fonts::{self, FontId, Glyph};
use crate::error::{Error, Result};

fn name(n: &str) -> Object {
    Object::Name(n.as_bytes().to_vec())
}

fn literal(s: &str) -> Object {
    Object::String(s.as_bytes().to_vec(), StringFormat::Literal)
}

fn int(v: i32) -> Object {
    Object::Integer(v as i64)
}

/// The objects that embed the glyphs `used` of `font` as a Type0 / CIDFontType2 font
/// (`Identity-H`, subset program, ToUnicode), numbered with `alloc`. The first one is the font
/// dictionary a `/Font` resource refers to.
pub fn type0_objects(
    font: FontId,
    used: &BTreeMap<u16, char>,
    alloc: &mut impl FnMut() -> u32,
) -> Result<Vec<(u32, Object)>> {
    let parts = fonts::type0_parts(font, used);
    let glyphs: BTreeSet<u16> = used.keys().copied().collect();
    let program = fonts::subset(font.bytes(), &glyphs)
        .map_err(|e| Error::Internal(format!("no se pudo preparar la fuente: {e}")))?;
    let (type0_id, cid_id, descriptor_id, file_id, to_unicode_id) =
        (alloc(), alloc(), alloc(), alloc(), alloc());

    let mut file_dict = Dictionary::new();
    file_dict.set("Length1", Object::Integer(program.len() as i64));
    let mut file = Stream::new(file_dict, program);
    file.compress()
        .map_err(|e| Error::Internal(format!("no se pudo comprimir la fuente: {e}")))?;
    let mut to_unicode = Stream::new(Dictionary::new(), parts.to_unicode.clone());
    to_unicode
        .compress()
        .map_err(|e| Error::Internal(format!("no se pudo comprimir la fuente: {e}")))?;

    let mut descriptor = Dictionary::new();
    descriptor.set("Type", name("FontDescriptor"));
    descriptor.set("FontName", name(&parts.base_font));
    descriptor.set("Flags", Object::Integer(parts.flags));
    descriptor.set(
        "FontBBox",
        Object::Array(parts.bbox.iter().map(|&v| int(v)).collect()),
    );
    descriptor.set("ItalicAngle", Object::Real(parts.italic_angle));
    descriptor.set("Ascent", int(parts.ascent));
    descriptor.set("Descent", int(parts.descent));
    descriptor.set("CapHeight", int(parts.cap_height));
    descriptor.set("StemV", int(parts.stem_v));
    descriptor.set("FontFile2", Object::Reference((file_id, 0)));

    let mut system_info = Dictionary::new();
    system_info.set("Registry", literal("Adobe"));
    system_info.set("Ordering", literal("Identity"));
    system_info.set("Supplement", Object::Integer(0));
    let mut w = Vec::new();
    for (first, ws) in &parts.widths {
        w.push(Object::Integer(*first as i64));
        w.push(Object::Array(ws.iter().map(|&v| int(v)).collect()));
    }
    let mut cid = Dictionary::new();
    cid.set("Type", name("Font"));
    cid.set("Subtype", name("CIDFontType2"));
    cid.set("BaseFont", name(&parts.base_font));
    cid.set("CIDSystemInfo", Object::Dictionary(system_info));
    cid.set("FontDescriptor", Object::Reference((descriptor_id, 0)));
    cid.set("DW", int(parts.default_width));
    cid.set("W", Object::Array(w));
    cid.set("CIDToGIDMap", name("Identity"));

    let mut type0 = Dictionary::new();
    type0.set("Type", name("Font"));
    type0.set("Subtype", name("Type0"));
    type0.set("BaseFont", name(&parts.base_font));
    type0.set("Encoding", name("Identity-H"));
    type0.set(
        "DescendantFonts",
        Object::Array(vec![Object::Reference((cid_id, 0))]),
    );
    type0.set("ToUnicode", Object::Reference((to_unicode_id, 0)));

    Ok(vec![
        (type0_id, Object::Dictionary(type0)),
        (cid_id, Object::Dictionary(cid)),
        (descriptor_id, Object::Dictionary(descriptor)),
        (file_id, Object::Stream(file)),
        (to_unicode_id, Object::Stream(to_unicode)),
    ])
}

/// Glyphs as the hex string a `Tj` shows with an `Identity-H` font: `<0024004F>`.
pub fn hex_string(glyphs: &[Glyph]) -> Vec<u8> {
    let mut out = Vec::with_capacity(glyphs.len() * 4 + 2);
    out.push(b'<');
    for g in glyphs {
        out.extend_from_slice(format!("{:04X}", g.gid).as_bytes());
    }
    out.push(b'>');
    out
}

/// A number for a content stream or dictionary: no exponent, at most 4 decimals.
pub fn fmt(v: f32) -> String {
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
    fn a_face_becomes_five_objects_with_a_subset_program() {
        let mut usage = fonts::GlyphUse::default();
        usage.add(FontId::Sans, &fonts::shape(FontId::Sans, "Año ¿Ñ?"));
        let (_, used) = usage.faces().next().unwrap();
        let mut next = 10;
        let objects = type0_objects(FontId::Sans, used, &mut || {
            next += 1;
            next
        })
        .unwrap();
        assert_eq!(
            objects.iter().map(|o| o.0).collect::<Vec<_>>(),
            [11, 12, 13, 14, 15]
        );
        let Object::Dictionary(type0) = &objects[0].1 else {
            panic!()
        };
        assert_eq!(
            type0.get(b"Encoding").unwrap().as_name().unwrap(),
            b"Identity-H"
        );
        let Object::Stream(file) = &objects[3].1 else {
            panic!()
        };
        let program = file.decompressed_content().unwrap();
        assert!(program.len() < FontId::Sans.bytes().len() / 4);
        assert_eq!(
            file.dict.get(b"Length1").unwrap().as_i64().unwrap(),
            program.len() as i64
        );
    }

    #[test]
    fn glyphs_are_four_hex_digits_each() {
        let g = fonts::shape(FontId::Sans, "A");
        let gid = g[0].gid;
        assert_eq!(hex_string(&g), format!("<{gid:04X}>").into_bytes());
    }
}
