//! The file itself, built with lopdf 0.31 (printpdf's, re-exported) from the painted pages:
//! PDF/A-2b-ready and byte-for-byte deterministic.
//!
//! - Catalog: XMP metadata (pdfaid part 2, conformance B), an sRGB output intent
//!   (`GTS_PDFA1`), the language; no optional content, no outline.
//! - Fonts: Type0 / CIDFontType2 around the glyph-preserving subsets, subset-tagged names
//!   derived from the glyphs, full font descriptors, our own widths and ToUnicode map,
//!   `CIDToGIDMap /Identity`.
//! - Images: 8-bit RGB or grey samples or JPEG data, no interpolation, no soft mask.
//! - Info dictionary consistent with the XMP, dates from the record, the trailer ID from the
//!   record's id; no clock, no randomness.
//! - Objects renumbered in the order they are reached from the trailer, resource dictionaries
//!   sorted, every stream but the metadata deflated once (zlib-rs, level 6).
//!
//! Until issue 13 this was a pass over printpdf's saved bytes (parsed again, corrected,
//! recompressed); the objects written now are the ones that pass produced, so the files
//! decompress to the same bytes (docs/adr/0005-pdf-engine.md, Speed).

use std::collections::{BTreeMap, HashMap};

use printpdf::lopdf::{Dictionary, Document, Object, ObjectId, Stream, StringFormat};
use sha2::{Digest, Sha256};

use super::fonts;
use super::image::{ImageData, Pixels};
use super::model::DocInfo;
use super::paint::{Embedded, Painted};
use crate::error::{Error, Result};

/// The sRGB profile of the output intent (icc-profiles-free, zlib license; see `icc/`).
const SRGB_ICC: &[u8] = include_bytes!("icc/sRGB.icc");

/// Written as pdf:Producer and in the Info dictionary.
pub(crate) const PRODUCER: &str = concat!("Cabildo ", env!("CARGO_PKG_VERSION"), " (printpdf 0.7)");

fn internal(e: impl std::fmt::Display) -> Error {
    Error::Internal(format!("no se pudo completar el PDF: {e}"))
}

fn name(n: &str) -> Object {
    Object::Name(n.as_bytes().to_vec())
}

fn literal(s: &str) -> Object {
    Object::String(s.as_bytes().to_vec(), StringFormat::Literal)
}

/// A PDF text string: PDFDocEncoding is ASCII-compatible; anything else goes as UTF-16BE with
/// a byte-order mark.
fn text(s: &str) -> Object {
    if s.is_ascii() {
        literal(s)
    } else {
        let mut b = vec![0xFE, 0xFF];
        for u in s.encode_utf16() {
            b.extend_from_slice(&u.to_be_bytes());
        }
        Object::String(b, StringFormat::Hexadecimal)
    }
}

fn dict(entries: Vec<(&str, Object)>) -> Dictionary {
    let mut d = Dictionary::new();
    for (k, v) in entries {
        d.set(k, v);
    }
    d
}

/// Sixteen bytes identifying the document, from the record's id.
pub(crate) fn document_id(record_id: &str) -> [u8; 16] {
    let h = Sha256::digest(format!("cabildo-pdf:{record_id}").as_bytes());
    let mut id = [0u8; 16];
    id.copy_from_slice(&h[..16]);
    id
}

fn uuid(id: &[u8; 16]) -> String {
    let h = hex::encode(id);
    format!(
        "uuid:{}-{}-{}-{}-{}",
        &h[0..8],
        &h[8..12],
        &h[12..16],
        &h[16..20],
        &h[20..32]
    )
}

/// Build the final file from the painted pages.
pub(crate) fn finish(painted: Painted, info: &DocInfo) -> Result<Vec<u8>> {
    let mut doc = Document::with_version("1.7");
    let root = doc.new_object_id();
    let pages_ref = doc.new_object_id();

    // The fonts, shared by every page.
    let mut font_dict = Dictionary::new();
    for e in &painted.fonts {
        let type0 = font(&mut doc, e);
        font_dict.set(e.resource.as_str(), Object::Reference(type0));
    }
    let font_dict = (!painted.fonts.is_empty()).then(|| doc.add_object(font_dict));

    let (width, height) = painted.size;
    let mut kids = Vec::with_capacity(painted.pages.len());
    for page in painted.pages {
        let mut resources = Dictionary::new();
        if !page.images.is_empty() {
            let mut xobjects: Vec<(String, ObjectId)> = page
                .images
                .iter()
                .enumerate()
                .map(|(i, image)| (format!("X{i}"), doc.add_object(image_stream(image))))
                .collect();
            xobjects.sort_by(|a, b| a.0.cmp(&b.0));
            let mut d = Dictionary::new();
            for (k, id) in xobjects {
                d.set(k, Object::Reference(id));
            }
            resources.set("XObject", Object::Dictionary(d));
        }
        if let Some(fd) = font_dict {
            resources.set("Font", Object::Reference(fd));
        }
        let contents = doc.add_object(Stream::new(Dictionary::new(), page.content));
        let mut p = dict(vec![
            ("Type", name("Page")),
            (
                "MediaBox",
                Object::Array(vec![
                    Object::Integer(0),
                    Object::Integer(0),
                    Object::Real(width),
                    Object::Real(height),
                ]),
            ),
            ("Parent", Object::Reference(pages_ref)),
        ]);
        if !resources.is_empty() {
            p.set("Resources", Object::Reference(doc.add_object(resources)));
        }
        p.set("Contents", Object::Reference(contents));
        kids.push(Object::Reference(doc.add_object(p)));
    }
    doc.objects.insert(
        pages_ref,
        Object::Dictionary(dict(vec![
            ("Type", name("Pages")),
            ("Count", Object::Integer(kids.len() as i64)),
            ("Kids", Object::Array(kids)),
        ])),
    );

    let id = document_id(&info.record_id);
    let xmp = doc.add_object(
        Stream::new(
            dict(vec![("Type", name("Metadata")), ("Subtype", name("XML"))]),
            xmp(info, &id).into_bytes(),
        )
        .with_compression(false),
    );
    let icc = doc.add_object(Stream::new(
        dict(vec![("N", Object::Integer(3))]),
        SRGB_ICC.to_vec(),
    ));
    let intent = dict(vec![
        ("Type", name("OutputIntent")),
        ("S", name("GTS_PDFA1")),
        ("OutputConditionIdentifier", literal("sRGB IEC61966-2.1")),
        ("Info", literal("sRGB IEC61966-2.1")),
        ("RegistryName", literal("http://www.color.org")),
        ("DestOutputProfile", Object::Reference(icc)),
    ]);
    let catalog = dict(vec![
        ("Type", name("Catalog")),
        ("Pages", Object::Reference(pages_ref)),
        ("Metadata", Object::Reference(xmp)),
        (
            "OutputIntents",
            Object::Array(vec![Object::Dictionary(intent)]),
        ),
        ("Lang", literal(info.country.lang())),
        ("PageLayout", name("OneColumn")),
        (
            "ViewerPreferences",
            Object::Dictionary(dict(vec![("DisplayDocTitle", Object::Boolean(true))])),
        ),
    ]);
    doc.objects.insert(root, Object::Dictionary(catalog));
    let info_ref = doc.add_object(info_dict(info));

    let id_str = Object::String(id.to_vec(), StringFormat::Hexadecimal);
    doc.trailer = dict(vec![
        ("Root", Object::Reference(root)),
        ("Info", Object::Reference(info_ref)),
        ("ID", Object::Array(vec![id_str.clone(), id_str])),
    ]);

    canonicalize(&mut doc);
    compress(&mut doc)?;
    // The header comment of four bytes above 127 that marks the file as binary (PDF/A 6.1.2);
    // lopdf writes the version line verbatim.
    doc.version = "1.7\n%\u{e2}\u{e3}\u{cf}\u{d3}".to_string();
    let mut out = Vec::new();
    doc.save_to(&mut out).map_err(internal)?;
    Ok(out)
}

/// A Type0 / CIDFontType2 font around a subset program; returns the Type0 dictionary's id.
fn font(doc: &mut Document, e: &Embedded) -> ObjectId {
    let font_file = doc.add_object(Stream::new(
        dict(vec![("Length1", Object::Integer(e.program.len() as i64))]),
        e.program.clone(),
    ));
    let parts = fonts::type0_parts(e.font, &e.used);
    let base = parts.base_font.as_str();
    let descriptor = doc.add_object(descriptor(&parts, font_file));
    let to_unicode = doc.add_object(Stream::new(Dictionary::new(), parts.to_unicode.clone()));
    let cid_font = doc.add_object(dict(vec![
        ("Type", name("Font")),
        ("Subtype", name("CIDFontType2")),
        ("BaseFont", name(base)),
        (
            "CIDSystemInfo",
            Object::Dictionary(dict(vec![
                ("Registry", literal("Adobe")),
                ("Ordering", literal("Identity")),
                ("Supplement", Object::Integer(0)),
            ])),
        ),
        ("FontDescriptor", Object::Reference(descriptor)),
        ("DW", Object::Integer(parts.default_width as i64)),
        ("W", widths(&parts)),
        ("CIDToGIDMap", name("Identity")),
    ]));
    doc.add_object(dict(vec![
        ("Type", name("Font")),
        ("Subtype", name("Type0")),
        ("BaseFont", name(base)),
        ("Encoding", name("Identity-H")),
        (
            "DescendantFonts",
            Object::Array(vec![Object::Reference(cid_font)]),
        ),
        ("ToUnicode", Object::Reference(to_unicode)),
    ]))
}

fn descriptor(p: &fonts::Type0Parts, font_file: ObjectId) -> Dictionary {
    let int = |v: i32| Object::Integer(v as i64);
    dict(vec![
        ("Type", name("FontDescriptor")),
        ("FontName", name(&p.base_font)),
        ("Flags", Object::Integer(p.flags)),
        (
            "FontBBox",
            Object::Array(p.bbox.iter().map(|&v| int(v)).collect()),
        ),
        ("ItalicAngle", Object::Real(p.italic_angle)),
        ("Ascent", int(p.ascent)),
        ("Descent", int(p.descent)),
        ("CapHeight", int(p.cap_height)),
        ("StemV", int(p.stem_v)),
        ("FontFile2", Object::Reference(font_file)),
    ])
}

/// The W array.
fn widths(p: &fonts::Type0Parts) -> Object {
    let mut out = Vec::new();
    for (first, ws) in &p.widths {
        out.push(Object::Integer(*first as i64));
        out.push(Object::Array(
            ws.iter().map(|&w| Object::Integer(w as i64)).collect(),
        ));
    }
    Object::Array(out)
}

/// An image XObject: 8-bit DeviceRGB or DeviceGray samples (deflated with the other streams)
/// or JPEG data; no interpolation, no soft mask (PDF/A).
fn image_stream(image: &ImageData) -> Stream {
    let color_space = match image.pixels {
        Pixels::Rgb | Pixels::JpegRgb => "DeviceRGB",
        Pixels::Gray | Pixels::JpegGray => "DeviceGray",
    };
    let mut d = dict(vec![
        ("Type", name("XObject")),
        ("Subtype", name("Image")),
        ("Width", Object::Integer(image.width as i64)),
        ("Height", Object::Integer(image.height as i64)),
        ("BitsPerComponent", Object::Integer(8)),
        ("ColorSpace", name(color_space)),
    ]);
    if matches!(image.pixels, Pixels::JpegRgb | Pixels::JpegGray) {
        d.set("Filter", Object::Array(vec![name("DCTDecode")]));
    }
    Stream::new(d, image.data.clone())
}

/// Deflate level: zlib's default. lopdf's `compress` uses 9, which took a third to a half of
/// a render; with 6 the 30-page sample norm is 1.6 % larger (157 KB instead of 155 KB).
const DEFLATE_LEVEL: u32 = 6;

/// Deflate every stream that may be compressed and is not yet (all but the XMP packet and
/// JPEG images), keeping the plain bytes when deflating would not save anything (lopdf's
/// rule). The backend is named here (zlib-rs through flate2): lopdf's `compress` got
/// miniz_oxide when the engine was built alone and zlib-rs inside the app (the zip crate's
/// feature), so the same document compressed differently depending on the build.
fn compress(doc: &mut Document) -> Result<()> {
    use std::io::Write as _;
    for object in doc.objects.values_mut() {
        if let Object::Stream(s) = object {
            if !s.allows_compression || s.dict.get(b"Filter").is_ok() {
                continue;
            }
            let mut z = flate2::write::ZlibEncoder::new(
                Vec::with_capacity(s.content.len() / 2),
                flate2::Compression::new(DEFLATE_LEVEL),
            );
            z.write_all(&s.content).map_err(internal)?;
            let deflated = z.finish().map_err(internal)?;
            if deflated.len() + 19 < s.content.len() {
                s.dict.set("Filter", name("FlateDecode"));
                s.set_content(deflated);
            }
        }
    }
    Ok(())
}

fn pdf_date(info: &DocInfo) -> String {
    let off = info.country.utc_offset_minutes();
    let sign = if off < 0 { '-' } else { '+' };
    format!(
        "D:{}000000{sign}{:02}'{:02}'",
        info.date.format("%Y%m%d"),
        off.abs() / 60,
        off.abs() % 60
    )
}

fn xmp_date(info: &DocInfo) -> String {
    let off = info.country.utc_offset_minutes();
    let sign = if off < 0 { '-' } else { '+' };
    format!(
        "{}T00:00:00{sign}{:02}:{:02}",
        info.date.format("%Y-%m-%d"),
        off.abs() / 60,
        off.abs() % 60
    )
}

fn info_dict(info: &DocInfo) -> Dictionary {
    let date = pdf_date(info);
    let mut d = dict(vec![
        ("Title", text(&info.title)),
        ("Author", text(&info.author)),
    ]);
    if !info.subject.is_empty() {
        d.set("Subject", text(&info.subject));
    }
    if !info.keywords.is_empty() {
        d.set("Keywords", text(&info.keywords.join(", ")));
    }
    d.set("Creator", literal("Cabildo"));
    d.set("Producer", literal(PRODUCER));
    d.set("CreationDate", literal(&date));
    d.set("ModDate", literal(&date));
    d
}

fn esc(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

fn xmp(info: &DocInfo, id: &[u8; 16]) -> String {
    let date = xmp_date(info);
    let uuid = uuid(id);
    let description = if info.subject.is_empty() {
        String::new()
    } else {
        format!(
            "<dc:description><rdf:Alt><rdf:li xml:lang=\"x-default\">{}</rdf:li></rdf:Alt></dc:description>\n",
            esc(&info.subject)
        )
    };
    let keywords = if info.keywords.is_empty() {
        String::new()
    } else {
        format!(
            "<pdf:Keywords>{}</pdf:Keywords>\n",
            esc(&info.keywords.join(", "))
        )
    };
    format!(
        "<?xpacket begin=\"\u{feff}\" id=\"W5M0MpCehiHzreSzNTczkc9d\"?>\n\
<x:xmpmeta xmlns:x=\"adobe:ns:meta/\">\n\
<rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\">\n\
<rdf:Description rdf:about=\"\" xmlns:pdfaid=\"http://www.aiim.org/pdfa/ns/id/\">\n\
<pdfaid:part>2</pdfaid:part>\n<pdfaid:conformance>B</pdfaid:conformance>\n\
</rdf:Description>\n\
<rdf:Description rdf:about=\"\" xmlns:dc=\"http://purl.org/dc/elements/1.1/\">\n\
<dc:format>application/pdf</dc:format>\n\
<dc:title><rdf:Alt><rdf:li xml:lang=\"x-default\">{title}</rdf:li></rdf:Alt></dc:title>\n\
<dc:creator><rdf:Seq><rdf:li>{author}</rdf:li></rdf:Seq></dc:creator>\n\
{description}\
<dc:language><rdf:Bag><rdf:li>{lang}</rdf:li></rdf:Bag></dc:language>\n\
</rdf:Description>\n\
<rdf:Description rdf:about=\"\" xmlns:xmp=\"http://ns.adobe.com/xap/1.0/\">\n\
<xmp:CreateDate>{date}</xmp:CreateDate>\n<xmp:ModifyDate>{date}</xmp:ModifyDate>\n\
<xmp:MetadataDate>{date}</xmp:MetadataDate>\n<xmp:CreatorTool>Cabildo</xmp:CreatorTool>\n\
</rdf:Description>\n\
<rdf:Description rdf:about=\"\" xmlns:pdf=\"http://ns.adobe.com/pdf/1.3/\">\n\
<pdf:Producer>{producer}</pdf:Producer>\n{keywords}\
</rdf:Description>\n\
<rdf:Description rdf:about=\"\" xmlns:xmpMM=\"http://ns.adobe.com/xap/1.0/mm/\">\n\
<xmpMM:DocumentID>{uuid}</xmpMM:DocumentID>\n<xmpMM:InstanceID>{uuid}</xmpMM:InstanceID>\n\
</rdf:Description>\n\
</rdf:RDF>\n</x:xmpmeta>\n<?xpacket end=\"r\"?>",
        title = esc(&info.title),
        author = esc(&info.author),
        lang = info.country.lang(),
        producer = esc(PRODUCER),
    )
}

/// Renumber objects 1, 2, 3… in depth-first order from the trailer (Root, then Info) and drop
/// any unreachable one (none is written today; the order is what makes the numbering stable).
fn canonicalize(doc: &mut Document) {
    fn visit(
        obj: &Object,
        objects: &BTreeMap<ObjectId, Object>,
        map: &mut HashMap<ObjectId, ObjectId>,
        order: &mut Vec<ObjectId>,
    ) {
        match obj {
            Object::Reference(id) => {
                if map.contains_key(id) {
                    return;
                }
                let Some(target) = objects.get(id) else {
                    return;
                };
                map.insert(*id, ((order.len() + 1) as u32, 0));
                order.push(*id);
                visit(target, objects, map, order);
            }
            Object::Array(a) => a.iter().for_each(|o| visit(o, objects, map, order)),
            Object::Dictionary(d) => d.iter().for_each(|(_, o)| visit(o, objects, map, order)),
            Object::Stream(s) => s
                .dict
                .iter()
                .for_each(|(_, o)| visit(o, objects, map, order)),
            _ => {}
        }
    }
    fn rewrite(obj: &mut Object, map: &HashMap<ObjectId, ObjectId>) {
        match obj {
            Object::Reference(id) => {
                if let Some(n) = map.get(id) {
                    *id = *n;
                }
            }
            Object::Array(a) => a.iter_mut().for_each(|o| rewrite(o, map)),
            Object::Dictionary(d) => d.iter_mut().for_each(|(_, o)| rewrite(o, map)),
            Object::Stream(s) => s.dict.iter_mut().for_each(|(_, o)| rewrite(o, map)),
            _ => {}
        }
    }
    let mut map = HashMap::new();
    let mut order = Vec::new();
    for key in [&b"Root"[..], b"Info"] {
        if let Ok(o) = doc.trailer.get(key) {
            visit(o, &doc.objects, &mut map, &mut order);
        }
    }
    let mut objects = BTreeMap::new();
    for old in &order {
        if let Some(mut o) = doc.objects.remove(old) {
            rewrite(&mut o, &map);
            objects.insert(map[old], o);
        }
    }
    let mut trailer = doc.trailer.clone();
    trailer.iter_mut().for_each(|(_, o)| rewrite(o, &map));
    doc.trailer = trailer;
    doc.objects = objects;
    doc.max_id = order.len() as u32;
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_strings_are_pdfdoc_or_utf16() {
        assert!(matches!(text("ABC"), Object::String(ref b, StringFormat::Literal) if b == b"ABC"));
        let Object::String(b, _) = text("Año") else {
            panic!()
        };
        assert_eq!(b, vec![0xFE, 0xFF, 0, b'A', 0, 0xF1, 0, b'o']);
    }
}
