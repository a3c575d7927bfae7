//! Writing the incremental update that carries one signature: the signature dictionary with its
//! /ByteRange and /Contents placeholders, the signature field (merged with its widget and the
//! stamp's appearance), the catalog's /AcroForm, the page's /Annots, and a cross-reference
//! section in the same style as the file's last one (classic table or stream).
//! Over 600 lines only with its tests: the update's objects and its cross-reference section are
//! written in one pass.

use std::collections::BTreeMap;

use cabildo_pdf::embed::fmt;
use lopdf::{Dictionary, Document, Object, ObjectId};

use super::appearance::{self, pdf_literal, Stamp};
use crate::error::{Error, Result};

/// Bytes of DER the /Contents placeholder can hold (hex takes twice as many).
pub(crate) const CONTENTS_CAPACITY: usize = 16 * 1024;

const BYTE_RANGE_PLACEHOLDER: &str = "[0 0000000000 0000000000 0000000000]";

/// Serializes a lopdf object (for the objects the update rewrites).
pub(crate) fn serialize(out: &mut Vec<u8>, obj: &Object) {
    match obj {
        Object::Null => out.extend_from_slice(b"null"),
        Object::Boolean(b) => out.extend_from_slice(if *b { b"true" } else { b"false" }),
        Object::Integer(i) => out.extend_from_slice(i.to_string().as_bytes()),
        Object::Real(r) => out.extend_from_slice(fmt(*r).as_bytes()),
        Object::Name(n) => write_name(out, n),
        Object::String(s, lopdf::StringFormat::Hexadecimal) => {
            out.push(b'<');
            out.extend_from_slice(hex::encode_upper(s).as_bytes());
            out.push(b'>');
        }
        Object::String(s, lopdf::StringFormat::Literal) => out.extend_from_slice(&pdf_literal(s)),
        Object::Array(items) => {
            out.push(b'[');
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    out.push(b' ');
                }
                serialize(out, item);
            }
            out.push(b']');
        }
        Object::Dictionary(d) => write_dict(out, d),
        Object::Stream(s) => {
            let mut dict = s.dict.clone();
            dict.set("Length", Object::Integer(s.content.len() as i64));
            write_dict(out, &dict);
            out.extend_from_slice(b"\nstream\n");
            out.extend_from_slice(&s.content);
            out.extend_from_slice(b"\nendstream");
        }
        Object::Reference((id, gen)) => out.extend_from_slice(format!("{id} {gen} R").as_bytes()),
    }
}

fn write_name(out: &mut Vec<u8>, name: &[u8]) {
    out.push(b'/');
    for &b in name {
        let regular = (b'!'..=b'~').contains(&b) && !b"()<>[]{}/%#".contains(&b);
        if regular {
            out.push(b);
        } else {
            out.extend_from_slice(format!("#{b:02X}").as_bytes());
        }
    }
}

fn write_dict(out: &mut Vec<u8>, d: &Dictionary) {
    out.extend_from_slice(b"<<");
    for (k, v) in d.iter() {
        write_name(out, k);
        out.push(b' ');
        serialize(out, v);
        out.push(b'\n');
    }
    out.extend_from_slice(b">>");
}

/// The number after the file's last `startxref`.
pub(crate) fn last_startxref(pdf: &[u8]) -> Option<usize> {
    let pos = pdf.windows(9).rposition(|w| w == b"startxref")?;
    let rest = &pdf[pos + 9..];
    let digits: Vec<u8> = rest
        .iter()
        .skip_while(|b| b.is_ascii_whitespace())
        .take_while(|b| b.is_ascii_digit())
        .copied()
        .collect();
    std::str::from_utf8(&digits).ok()?.parse().ok()
}

/// Offsets just past each `%%EOF` that closes a revision (a `startxref` shortly before it),
/// including the end-of-line after it.
pub(crate) fn revision_ends(pdf: &[u8]) -> Vec<usize> {
    let mut out = Vec::new();
    let mut i = 0;
    while let Some(p) = pdf[i..].windows(5).position(|w| w == b"%%EOF") {
        let start = i + p;
        let mut end = start + 5;
        if preceded_by_startxref(&pdf[..start]) {
            if pdf.get(end) == Some(&b'\r') {
                end += 1;
            }
            if pdf.get(end) == Some(&b'\n') {
                end += 1;
            }
            out.push(end);
        }
        i = start + 5;
    }
    out
}

/// Whether `before` ends with `startxref <digits>` and white space.
fn preceded_by_startxref(before: &[u8]) -> bool {
    let mut i = before.len();
    while i > 0 && before[i - 1].is_ascii_whitespace() {
        i -= 1;
    }
    let digits_end = i;
    while i > 0 && before[i - 1].is_ascii_digit() {
        i -= 1;
    }
    if i == digits_end {
        return false;
    }
    while i > 0 && before[i - 1].is_ascii_whitespace() {
        i -= 1;
    }
    before[..i].ends_with(b"startxref")
}

/// PDF date string: D:YYYYMMDDHHmmSS+HH'mm'.
pub(crate) fn pdf_date(t: &chrono::DateTime<chrono::FixedOffset>) -> String {
    let off = t.offset().local_minus_utc();
    let sign = if off < 0 { '-' } else { '+' };
    let off = off.abs();
    format!(
        "D:{}{}{:02}'{:02}'",
        t.format("%Y%m%d%H%M%S"),
        sign,
        off / 3600,
        (off % 3600) / 60
    )
}

/// Fully qualified names of the form fields of a document.
pub(crate) fn field_names(doc: &Document) -> Vec<String> {
    let mut out = Vec::new();
    let Some(fields) = acroform(doc).and_then(|af| af.get(b"Fields").ok()) else {
        return out;
    };
    let Ok((_, fields)) = doc.dereference(fields) else {
        return out;
    };
    if let Ok(arr) = fields.as_array() {
        for f in arr {
            walk_fields(doc, f, "", &mut out, 0);
        }
    }
    out
}

fn walk_fields(doc: &Document, f: &Object, prefix: &str, out: &mut Vec<String>, depth: u32) {
    if depth > 32 {
        return;
    }
    let Ok((_, obj)) = doc.dereference(f) else {
        return;
    };
    let Ok(d) = obj.as_dict() else { return };
    let name = d.get(b"T").and_then(|t| t.as_str()).map(decode_text).ok();
    let full = match (&name, prefix.is_empty()) {
        (Some(n), true) => n.clone(),
        (Some(n), false) => format!("{prefix}.{n}"),
        (None, _) => prefix.to_string(),
    };
    if name.is_some() {
        out.push(full.clone());
    }
    if let Ok(kids) = d
        .get(b"Kids")
        .and_then(|k| doc.dereference(k))
        .map(|(_, k)| k)
    {
        if let Ok(arr) = kids.as_array() {
            for k in arr {
                walk_fields(doc, k, &full, out, depth + 1);
            }
        }
    }
}

/// Text string: UTF-16BE with BOM or PDFDocEncoding (taken as Latin-1).
pub(crate) fn decode_text(bytes: &[u8]) -> String {
    if bytes.starts_with(&[0xfe, 0xff]) {
        let units: Vec<u16> = bytes[2..]
            .chunks(2)
            .map(|c| u16::from_be_bytes([c[0], *c.get(1).unwrap_or(&0)]))
            .collect();
        String::from_utf16_lossy(&units)
    } else if bytes.starts_with(&[0xef, 0xbb, 0xbf]) {
        String::from_utf8_lossy(&bytes[3..]).into_owned()
    } else {
        bytes.iter().map(|&b| b as char).collect()
    }
}

/// Text string for a PDF dictionary: PDFDocEncoding when Latin-1 is enough, else UTF-16BE.
pub(crate) fn encode_text(text: &str) -> Vec<u8> {
    if text
        .chars()
        .all(|c| (c as u32) < 0x80 || (0xa0..=0xff).contains(&(c as u32)))
    {
        text.chars().map(|c| c as u32 as u8).collect()
    } else {
        let mut out = vec![0xfe, 0xff];
        for u in text.encode_utf16() {
            out.extend_from_slice(&u.to_be_bytes());
        }
        out
    }
}

/// The catalog's /AcroForm dictionary, if any.
pub(crate) fn acroform(doc: &Document) -> Option<&Dictionary> {
    let root = doc.trailer.get(b"Root").ok()?.as_reference().ok()?;
    let catalog = doc.get_object(root).ok()?.as_dict().ok()?;
    let af = catalog.get(b"AcroForm").ok()?;
    doc.dereference(af).ok()?.1.as_dict().ok()
}

/// An inherited page attribute (MediaBox, CropBox, Rotate).
pub(crate) fn page_attr<'a>(doc: &'a Document, page: ObjectId, key: &[u8]) -> Option<&'a Object> {
    let mut id = page;
    for _ in 0..64 {
        let d = doc.get_object(id).ok()?.as_dict().ok()?;
        if let Ok(v) = d.get(key) {
            return doc.dereference(v).ok().map(|(_, o)| o);
        }
        id = d.get(b"Parent").ok()?.as_reference().ok()?;
    }
    None
}

/// A page's visible box [x1 y1 x2 y2] (CropBox, else MediaBox, else A4).
pub(crate) fn page_box(doc: &Document, page: ObjectId) -> [f32; 4] {
    let read = |key: &[u8]| -> Option<[f32; 4]> {
        let arr = page_attr(doc, page, key)?.as_array().ok()?;
        let v: Vec<f32> = arr
            .iter()
            .filter_map(|o| doc.dereference(o).ok()?.1.as_float().ok())
            .collect();
        (v.len() == 4).then(|| [v[0], v[1], v[2], v[3]])
    };
    read(b"CropBox")
        .or_else(|| read(b"MediaBox"))
        .unwrap_or([0.0, 0.0, 595.28, 841.89])
}

/// What the update must carry besides the signature value.
pub(crate) struct UpdateSpec {
    pub field_name: String,
    pub signer_name: String,
    pub date: String,
    pub reason: Option<String>,
    pub location: Option<String>,
    /// Page index (0-based) and rectangle; None = invisible signature on the first page.
    pub placement: Option<(usize, [f32; 4])>,
    /// The stamp (for a visible signature): its content stream and the glyphs to embed.
    pub appearance: Option<Stamp>,
}

/// The file with the update written and the /Contents placeholder still empty.
pub(crate) struct Prepared {
    pub bytes: Vec<u8>,
    /// Offset of '<' of /Contents.
    pub hole_start: usize,
    /// Offset just past '>' of /Contents.
    pub hole_end: usize,
}

fn pdf_err(what: &str) -> Error {
    Error::field("pdf", format!("El PDF no se puede firmar: {what}."))
}

fn deref_array(doc: &Document, obj: &Object) -> Option<(Option<ObjectId>, Vec<Object>)> {
    match obj {
        Object::Reference(id) => Some((
            Some(*id),
            doc.get_object(*id).ok()?.as_array().ok()?.clone(),
        )),
        Object::Array(a) => Some((None, a.clone())),
        _ => None,
    }
}

/// Adds `item` to the array under `key` of `dict` (inline or indirect). An indirect array is
/// rewritten into `rewritten`.
fn push_to_array(
    doc: &Document,
    dict: &mut Dictionary,
    key: &[u8],
    item: Object,
    rewritten: &mut BTreeMap<ObjectId, Object>,
) -> Result<()> {
    match dict.get(key) {
        Ok(existing) => {
            let (id, mut arr) = deref_array(doc, existing).ok_or_else(|| {
                pdf_err(&format!(
                    "/{} no es una lista",
                    String::from_utf8_lossy(key)
                ))
            })?;
            arr.push(item);
            match id {
                Some(id) => {
                    rewritten.insert(id, Object::Array(arr));
                }
                None => dict.set(key.to_vec(), Object::Array(arr)),
            }
        }
        Err(_) => dict.set(key.to_vec(), Object::Array(vec![item])),
    }
    Ok(())
}

/// Writes the update. `pdf` is the original file and `doc` its parse.
pub(crate) fn prepare(pdf: &[u8], doc: &Document, spec: &UpdateSpec) -> Result<Prepared> {
    let prev = last_startxref(pdf).ok_or_else(|| pdf_err("no se encontró «startxref»"))?;
    let classic = pdf
        .get(prev..)
        .map(|r| {
            let r: Vec<u8> = r
                .iter()
                .skip_while(|b| b.is_ascii_whitespace())
                .take(4)
                .copied()
                .collect();
            r == b"xref"
        })
        .ok_or_else(|| pdf_err("«startxref» apunta fuera del archivo"))?;
    let root_id = doc
        .trailer
        .get(b"Root")
        .and_then(|r| r.as_reference())
        .map_err(|_| pdf_err("falta el catálogo (/Root)"))?;
    let mut catalog = doc
        .get_object(root_id)
        .and_then(|o| o.as_dict())
        .map_err(|_| pdf_err("el catálogo no es un diccionario"))?
        .clone();
    let pages = doc.get_pages();
    let page_index = spec.placement.map(|(p, _)| p).unwrap_or(0);
    let page_id = *pages.get(&(page_index as u32 + 1)).ok_or_else(|| {
        Error::field(
            "stamp",
            format!(
                "El documento tiene {} página(s); no existe la página {}.",
                pages.len(),
                page_index + 1
            ),
        )
    })?;
    let mut page = doc
        .get_object(page_id)
        .and_then(|o| o.as_dict())
        .map_err(|_| pdf_err("la página no es un diccionario"))?
        .clone();

    let size = doc
        .trailer
        .get(b"Size")
        .and_then(|s| s.as_i64())
        .unwrap_or(0)
        .max(doc.max_id as i64 + 1) as u32;
    let mut next = size;
    let mut alloc = || {
        let id = next;
        next += 1;
        id
    };
    let sig_id = alloc();
    let widget_id = alloc();
    let ap_id = alloc();
    // The stamp's fonts: subsets of the bundled Liberation Sans faces.
    let mut font_resources = Dictionary::new();
    let mut font_objects: Vec<(u32, Object)> = Vec::new();
    if let Some(stamp) = &spec.appearance {
        for (face, used) in &stamp.fonts {
            let objects = cabildo_pdf::embed::type0_objects(*face, used, &mut alloc)?;
            font_resources.set(
                appearance::resource_name(*face),
                Object::Reference((objects[0].0, 0)),
            );
            font_objects.extend(objects);
        }
    }

    let mut rewritten: BTreeMap<ObjectId, Object> = BTreeMap::new();
    let mut new_objects: Vec<(u32, Object)> = Vec::new();
    let widget_ref = Object::Reference((widget_id, 0));

    // AcroForm: inline, indirect or new.
    match catalog.get(b"AcroForm").cloned() {
        Ok(Object::Reference(af_id)) => {
            let mut af = doc
                .get_object(af_id)
                .and_then(|o| o.as_dict())
                .map_err(|_| pdf_err("/AcroForm no es un diccionario"))?
                .clone();
            push_to_array(doc, &mut af, b"Fields", widget_ref.clone(), &mut rewritten)?;
            af.set("SigFlags", Object::Integer(3));
            rewritten.insert(af_id, Object::Dictionary(af));
        }
        Ok(Object::Dictionary(mut af)) => {
            push_to_array(doc, &mut af, b"Fields", widget_ref.clone(), &mut rewritten)?;
            af.set("SigFlags", Object::Integer(3));
            catalog.set("AcroForm", Object::Dictionary(af));
            rewritten.insert(root_id, Object::Dictionary(catalog.clone()));
        }
        _ => {
            let af_id = alloc();
            let mut af = Dictionary::new();
            af.set("Fields", Object::Array(vec![widget_ref.clone()]));
            af.set("SigFlags", Object::Integer(3));
            new_objects.push((af_id, Object::Dictionary(af)));
            catalog.set("AcroForm", Object::Reference((af_id, 0)));
            rewritten.insert(root_id, Object::Dictionary(catalog.clone()));
        }
    }
    push_to_array(
        doc,
        &mut page,
        b"Annots",
        widget_ref.clone(),
        &mut rewritten,
    )?;
    rewritten.insert(page_id, Object::Dictionary(page));

    // Widget + field.
    let rect = spec.placement.map(|(_, r)| r).unwrap_or([0.0; 4]);
    let mut widget = Dictionary::new();
    widget.set("Type", Object::Name(b"Annot".to_vec()));
    widget.set("Subtype", Object::Name(b"Widget".to_vec()));
    widget.set("FT", Object::Name(b"Sig".to_vec()));
    widget.set(
        "T",
        Object::String(encode_text(&spec.field_name), lopdf::StringFormat::Literal),
    );
    widget.set("V", Object::Reference((sig_id, 0)));
    widget.set("F", Object::Integer(132)); // Print + Locked
    widget.set("P", Object::Reference(page_id));
    widget.set(
        "Rect",
        Object::Array(rect.iter().map(|v| Object::Real(*v)).collect()),
    );
    let mut ap = Dictionary::new();
    ap.set("N", Object::Reference((ap_id, 0)));
    widget.set("AP", Object::Dictionary(ap));
    new_objects.push((widget_id, Object::Dictionary(widget)));

    // Appearance stream.
    let (w, h) = ((rect[2] - rect[0]).abs(), (rect[3] - rect[1]).abs());
    let mut xobj = Dictionary::new();
    xobj.set("Type", Object::Name(b"XObject".to_vec()));
    xobj.set("Subtype", Object::Name(b"Form".to_vec()));
    xobj.set(
        "BBox",
        Object::Array(vec![
            Object::Integer(0),
            Object::Integer(0),
            Object::Real(w),
            Object::Real(h),
        ]),
    );
    if !font_resources.is_empty() {
        let mut res = Dictionary::new();
        res.set("Font", Object::Dictionary(font_resources));
        xobj.set("Resources", Object::Dictionary(res));
        new_objects.extend(font_objects);
    }
    let content = spec
        .appearance
        .as_ref()
        .map(|a| a.content.clone())
        .unwrap_or_default();
    new_objects.push((
        ap_id,
        Object::Stream(lopdf::Stream::new(xobj, content).with_compression(false)),
    ));

    // Write everything.
    let mut out = pdf.to_vec();
    if !out.ends_with(b"\n") && !out.ends_with(b"\r") {
        out.push(b'\n');
    }
    let mut offsets: Vec<(u32, usize)> = Vec::new();

    // The signature dictionary, with placeholders.
    offsets.push((sig_id, out.len()));
    let mut sig = format!(
        "{sig_id} 0 obj\n<</Type /Sig\n/Filter /Adobe.PPKLite\n/SubFilter /ETSI.CAdES.detached\n"
    )
    .into_bytes();
    let text_entry = |sig: &mut Vec<u8>, key: &str, value: &str| {
        sig.extend_from_slice(format!("/{key} ").as_bytes());
        sig.extend_from_slice(&pdf_literal(&encode_text(value)));
        sig.push(b'\n');
    };
    text_entry(&mut sig, "Name", &spec.signer_name);
    text_entry(&mut sig, "M", &spec.date);
    if let Some(r) = &spec.reason {
        text_entry(&mut sig, "Reason", r);
    }
    if let Some(l) = &spec.location {
        text_entry(&mut sig, "Location", l);
    }
    sig.extend_from_slice(
        format!(
            "/Prop_Build <</App <</Name /Cabildo /REx ({})>>>>\n/ByteRange ",
            env!("CARGO_PKG_VERSION")
        )
        .as_bytes(),
    );
    let byte_range_at = out.len() + sig.len();
    sig.extend_from_slice(BYTE_RANGE_PLACEHOLDER.as_bytes());
    sig.extend_from_slice(b"\n/Contents ");
    let hole_start = out.len() + sig.len();
    sig.push(b'<');
    sig.extend(std::iter::repeat_n(b'0', CONTENTS_CAPACITY * 2));
    sig.push(b'>');
    let hole_end = out.len() + sig.len();
    sig.extend_from_slice(b"\n>>\nendobj\n");
    out.extend_from_slice(&sig);

    let mut write_obj = |out: &mut Vec<u8>, id: u32, obj: &Object| {
        offsets.push((id, out.len()));
        out.extend_from_slice(format!("{id} 0 obj\n").as_bytes());
        serialize(out, obj);
        out.extend_from_slice(b"\nendobj\n");
    };
    for (id, obj) in &new_objects {
        write_obj(&mut out, *id, obj);
    }
    for ((id, gen), obj) in &rewritten {
        if *gen != 0 {
            return Err(pdf_err(
                "objetos con generación distinta de 0 no soportados",
            ));
        }
        write_obj(&mut out, *id, obj);
    }

    // Trailer entries carried over.
    let mut trailer = Dictionary::new();
    trailer.set("Root", Object::Reference(root_id));
    if let Ok(info) = doc.trailer.get(b"Info") {
        trailer.set("Info", info.clone());
    }
    match doc.trailer.get(b"ID") {
        Ok(id) => trailer.set("ID", id.clone()),
        Err(_) => {
            let h = super::certs::sha256(pdf)[..16].to_vec();
            trailer.set(
                "ID",
                Object::Array(vec![
                    Object::String(h.clone(), lopdf::StringFormat::Hexadecimal),
                    Object::String(h, lopdf::StringFormat::Hexadecimal),
                ]),
            );
        }
    }
    trailer.set("Prev", Object::Integer(prev as i64));

    if classic {
        offsets.sort();
        let xref_at = out.len();
        out.extend_from_slice(b"xref\n");
        for run in runs(&offsets) {
            out.extend_from_slice(format!("{} {}\n", run[0].0, run.len()).as_bytes());
            for (_, off) in run {
                out.extend_from_slice(format!("{off:010} 00000 n\r\n").as_bytes());
            }
        }
        trailer.set("Size", Object::Integer(next as i64));
        out.extend_from_slice(b"trailer\n");
        write_dict(&mut out, &trailer);
        out.extend_from_slice(format!("\nstartxref\n{xref_at}\n%%EOF\n").as_bytes());
    } else {
        let xref_id = next;
        let xref_at = out.len();
        offsets.push((xref_id, xref_at));
        offsets.sort();
        let mut data = Vec::new();
        let mut index = Vec::new();
        for run in runs(&offsets) {
            index.push(Object::Integer(run[0].0 as i64));
            index.push(Object::Integer(run.len() as i64));
            for (_, off) in run {
                data.push(1u8);
                data.extend_from_slice(&(*off as u32).to_be_bytes());
                data.extend_from_slice(&[0, 0]);
            }
        }
        let mut dict = trailer.clone();
        dict.set("Type", Object::Name(b"XRef".to_vec()));
        dict.set("Size", Object::Integer(xref_id as i64 + 1));
        dict.set("Index", Object::Array(index));
        dict.set(
            "W",
            Object::Array(vec![
                Object::Integer(1),
                Object::Integer(4),
                Object::Integer(2),
            ]),
        );
        out.extend_from_slice(format!("{xref_id} 0 obj\n").as_bytes());
        serialize(&mut out, &Object::Stream(lopdf::Stream::new(dict, data)));
        out.extend_from_slice(format!("\nendobj\nstartxref\n{xref_at}\n%%EOF\n").as_bytes());
    }
    if out.len() > u32::MAX as usize {
        return Err(pdf_err("el archivo supera los 4 GiB"));
    }

    // Patch /ByteRange now that the length is known.
    let total = out.len();
    let br = format!("[0 {} {} {}", hole_start, hole_end, total - hole_end);
    if br.len() + 1 > BYTE_RANGE_PLACEHOLDER.len() {
        return Err(Error::Internal("/ByteRange no cabe en su espacio.".into()));
    }
    let mut patched = br.into_bytes();
    patched.resize(BYTE_RANGE_PLACEHOLDER.len() - 1, b' ');
    patched.push(b']');
    out[byte_range_at..byte_range_at + patched.len()].copy_from_slice(&patched);
    Ok(Prepared {
        bytes: out,
        hole_start,
        hole_end,
    })
}

/// Groups sorted (id, offset) pairs into runs of consecutive ids.
fn runs(offsets: &[(u32, usize)]) -> Vec<&[(u32, usize)]> {
    let mut out = Vec::new();
    let mut start = 0;
    for i in 1..=offsets.len() {
        if i == offsets.len() || offsets[i].0 != offsets[i - 1].0 + 1 {
            out.push(&offsets[start..i]);
            start = i;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_and_strings_are_escaped() {
        let mut out = Vec::new();
        serialize(&mut out, &Object::Name(b"A B#".to_vec()));
        assert_eq!(out, b"/A#20B#23");
        let mut out = Vec::new();
        serialize(
            &mut out,
            &Object::String(b"a(b)\\".to_vec(), lopdf::StringFormat::Literal),
        );
        assert_eq!(out, b"(a\\(b\\)\\\\)");
    }

    #[test]
    fn runs_group_consecutive_ids() {
        let r = runs(&[(3, 10), (4, 20), (7, 30)]);
        assert_eq!(r.len(), 2);
        assert_eq!(r[0].len(), 2);
    }

    #[test]
    fn dates_have_offsets() {
        let t = chrono::DateTime::parse_from_rfc3339("2025-03-14T10:30:00-05:00").unwrap();
        assert_eq!(pdf_date(&t), "D:20250314103000-05'00'");
    }

    #[test]
    fn revision_ends_need_startxref() {
        let pdf = b"%PDF-1.7\nstartxref\n9\n%%EOF\nxx %%EOF\nstartxref\n20\n%%EOF";
        let ends = revision_ends(pdf);
        assert_eq!(ends.len(), 2);
        assert_eq!(ends[1], pdf.len());
    }
}
