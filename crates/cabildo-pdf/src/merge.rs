//! Joining PDFs into one file: the pages of every part in order, one bookmark per titled part,
//! and optionally "Página X de Y" (over the whole file) in the bottom margin of every page, in
//! Liberation Sans embedded as a subset.
//! Used for certified copies of attached PDFs and for the council session packet (convocation,
//! agenda and the attached documents, with an index built from [`Merged::starts`]).
//!
//! Each part is read with lopdf 0.44; only what its pages reach is copied (contents, resources,
//! annotations), renumbered from 1 in the order it is reached, so the parts' catalogs, page
//! trees, outlines and forms stay behind. Attributes a page inherits from its page tree
//! (`MediaBox`, `CropBox`, `Resources`, `Rotate`) are written on the page itself. The result
//! is deterministic: the same parts give the same bytes.
//! Over 600 lines only with its tests: copying pages, bookmarks and numbering are one pass.

use std::collections::{BTreeMap, HashMap, HashSet, VecDeque};

use lopdf::{Dictionary, Document, Object, ObjectId, Stream, StringFormat};
use sha2::{Digest, Sha256};

use super::embed::{self, fmt};
use super::fonts::{self, FontId, GlyphUse};
use crate::error::{Error, Result};

/// One document to join: its bytes and, optionally, the title of its bookmark.
#[derive(Clone, Copy, Debug)]
pub struct MergePart<'a> {
    /// The PDF file.
    pub pdf: &'a [u8],
    /// Title of the part's bookmark (and index entry); `None` = no bookmark.
    pub title: Option<&'a str>,
}

/// How to join.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct MergeOptions {
    /// Print "Página X de Y" (numbered over the merged file) in the bottom margin of every page.
    pub page_numbers: bool,
    /// Leave the pages of the parts before this index unstamped: they already print their
    /// number over the whole file (a document rendered with `Document::page_numbers`).
    pub stamp_from_part: usize,
}

/// The joined file.
#[derive(Clone, Debug)]
pub struct Merged {
    /// The PDF bytes.
    pub pdf: Vec<u8>,
    /// Pages in the joined file.
    pub pages: u32,
    /// For each part, the number (1-based) of its first page in the joined file.
    pub starts: Vec<u32>,
}

/// Joins the parts without page numbers. See [`merge_with`].
pub fn merge(parts: &[MergePart]) -> Result<Merged> {
    merge_with(parts, &MergeOptions::default())
}

/// Inherited page attributes (ISO 32000-1, 7.7.3.4).
const INHERITED: [&[u8]; 4] = [b"MediaBox", b"CropBox", b"Resources", b"Rotate"];

/// Size of the page-number stamp, points.
const STAMP_SIZE: f32 = 8.0;
/// Baseline of the stamp above the bottom edge of the page as displayed: 6 mm, below the
/// engine's own footer (its lowest line is 10 mm up) and inside most printers' printable area.
const STAMP_BASELINE: f32 = 6.0 * 72.0 / 25.4;
/// Distance from the stamp's right end to the right edge of the page as displayed: 20 mm.
const STAMP_RIGHT: f32 = 20.0 * 72.0 / 25.4;

/// A page copied into the joined file.
struct CopiedPage {
    id: ObjectId,
    /// Visible box `[x1 y1 x2 y2]` (CropBox, else MediaBox).
    bbox: [f32; 4],
    /// Clockwise rotation when displayed: 0, 90, 180 or 270.
    rotate: i64,
}

/// Joins the parts: all pages in order, a bookmark for each part with a title, and the page
/// numbers if asked. A part that is not a readable PDF, is encrypted or has no pages is
/// refused with a message naming it.
pub fn merge_with(parts: &[MergePart], options: &MergeOptions) -> Result<Merged> {
    if parts.is_empty() {
        return Err(Error::field("pdf", "No hay documentos que unir."));
    }
    let mut objects: BTreeMap<ObjectId, Object> = BTreeMap::new();
    let mut next_id: u32 = 1;
    let mut alloc = || {
        let id = (next_id, 0);
        next_id += 1;
        id
    };
    let catalog_id = alloc();
    let pages_id = alloc();
    let mut pages: Vec<CopiedPage> = Vec::new();
    let mut starts = Vec::with_capacity(parts.len());
    for (i, part) in parts.iter().enumerate() {
        let doc = load(i, part)?;
        starts.push(pages.len() as u32 + 1);
        copy_pages(&doc, pages_id, &mut objects, &mut alloc, &mut pages)
            .map_err(|what| part_error(i, part, &what))?;
    }
    let total = pages.len() as u32;

    // Outline: one entry per titled part, pointing at its first page.
    let titled: Vec<(usize, &str)> = parts
        .iter()
        .enumerate()
        .filter_map(|(i, p)| {
            p.title
                .map(str::trim)
                .filter(|t| !t.is_empty())
                .map(|t| (i, t))
        })
        .collect();
    let mut catalog = Dictionary::new();
    catalog.set("Type", Object::Name(b"Catalog".to_vec()));
    catalog.set("Pages", Object::Reference(pages_id));
    if !titled.is_empty() {
        let outlines_id = alloc();
        let item_ids: Vec<ObjectId> = titled.iter().map(|_| alloc()).collect();
        for (k, &(i, title)) in titled.iter().enumerate() {
            let first_page = pages[starts[i] as usize - 1].id;
            let mut item = Dictionary::new();
            item.set("Title", text_string(title));
            item.set("Parent", Object::Reference(outlines_id));
            if k > 0 {
                item.set("Prev", Object::Reference(item_ids[k - 1]));
            }
            if k + 1 < item_ids.len() {
                item.set("Next", Object::Reference(item_ids[k + 1]));
            }
            item.set(
                "Dest",
                Object::Array(vec![
                    Object::Reference(first_page),
                    Object::Name(b"Fit".to_vec()),
                ]),
            );
            objects.insert(item_ids[k], Object::Dictionary(item));
        }
        let mut outlines = Dictionary::new();
        outlines.set("Type", Object::Name(b"Outlines".to_vec()));
        outlines.set("First", Object::Reference(item_ids[0]));
        outlines.set("Last", Object::Reference(item_ids[item_ids.len() - 1]));
        outlines.set("Count", Object::Integer(item_ids.len() as i64));
        objects.insert(outlines_id, Object::Dictionary(outlines));
        catalog.set("Outlines", Object::Reference(outlines_id));
        catalog.set("PageMode", Object::Name(b"UseOutlines".to_vec()));
    }

    if options.page_numbers {
        // Liberation Sans, embedded as a subset of the glyphs the numbers use.
        let mut usage = GlyphUse::default();
        for n in 1..=total {
            usage.add(FontId::Sans, &fonts::shape(FontId::Sans, &label(n, total)));
        }
        let mut font_id = None;
        for (face, used) in usage.faces() {
            for (id, obj) in embed::type0_objects(face, used, &mut || alloc().0)? {
                font_id.get_or_insert((id, 0));
                objects.insert((id, 0), obj);
            }
        }
        let font_id = font_id.ok_or_else(|| internal("sin fuente"))?;
        let save_id = alloc();
        // One shared "q" before each page's own contents, so that whatever state they leave
        // behind is undone before the stamp is drawn.
        objects.insert(
            save_id,
            Object::Stream(Stream::new(Dictionary::new(), b"q\n".to_vec())),
        );
        let first_stamped = starts
            .get(options.stamp_from_part)
            .map(|s| *s as usize - 1)
            .unwrap_or(pages.len());
        for (n, page) in pages.iter().enumerate().skip(first_stamped) {
            let stamp_id = alloc();
            let font_name = add_font_resource(&mut objects, page.id, font_id);
            let content = stamp_content(page, &font_name, n as u32 + 1, total);
            let mut stream = Stream::new(Dictionary::new(), content);
            stream.compress().map_err(internal)?;
            objects.insert(stamp_id, Object::Stream(stream));
            wrap_contents(&mut objects, page.id, save_id, stamp_id);
        }
    }

    let mut tree = Dictionary::new();
    tree.set("Type", Object::Name(b"Pages".to_vec()));
    tree.set(
        "Kids",
        Object::Array(pages.iter().map(|p| Object::Reference(p.id)).collect()),
    );
    tree.set("Count", Object::Integer(total as i64));
    objects.insert(pages_id, Object::Dictionary(tree));
    objects.insert(catalog_id, Object::Dictionary(catalog));

    let info_id = alloc();
    let mut info = Dictionary::new();
    info.set(
        "Producer",
        Object::String(super::PRODUCER.as_bytes().to_vec(), StringFormat::Literal),
    );
    objects.insert(info_id, Object::Dictionary(info));

    let mut doc = Document::new();
    doc.version = "1.7".into();
    doc.reference_table.cross_reference_type = lopdf::xref::XrefType::CrossReferenceTable;
    doc.max_id = next_id - 1;
    doc.objects = objects;
    let id = Object::String(file_id(parts, options).to_vec(), StringFormat::Hexadecimal);
    doc.trailer.set("Root", Object::Reference(catalog_id));
    doc.trailer.set("Info", Object::Reference(info_id));
    doc.trailer.set("ID", Object::Array(vec![id.clone(), id]));
    let mut pdf = Vec::new();
    doc.save_to(&mut pdf).map_err(internal)?;
    Ok(Merged {
        pdf,
        pages: total,
        starts,
    })
}

fn internal(e: impl std::fmt::Display) -> Error {
    Error::Internal(format!("no se pudo escribir el PDF unido: {e}"))
}

fn part_name(i: usize, part: &MergePart) -> String {
    match part.title.map(str::trim).filter(|t| !t.is_empty()) {
        Some(t) => format!("El documento {} («{t}»)", i + 1),
        None => format!("El documento {}", i + 1),
    }
}

fn part_error(i: usize, part: &MergePart, what: &str) -> Error {
    Error::field("pdf", format!("{} {what}.", part_name(i, part)))
}

fn load(i: usize, part: &MergePart) -> Result<Document> {
    let head = &part.pdf[..part.pdf.len().min(1024)];
    if !head.windows(5).any(|w| w == b"%PDF-") {
        return Err(part_error(i, part, "no es un PDF"));
    }
    let doc = Document::load_mem(part.pdf)
        .map_err(|e| part_error(i, part, &format!("no se pudo leer ({e})")))?;
    // lopdf opens files encrypted with an empty user password by itself and drops /Encrypt;
    // either way the file is refused, as signing does.
    if doc.trailer.has(b"Encrypt") || doc.was_encrypted() {
        return Err(part_error(
            i,
            part,
            "está cifrado; quite la protección antes de unirlo",
        ));
    }
    Ok(doc)
}

/// A page (its id in the part) with its inherited attributes written on it.
type PageDict = (ObjectId, Dictionary);
/// Attributes passed down the page tree: key and value.
type Inherited = Vec<(&'static [u8], Object)>;

/// Walks the page tree from the catalog, returning each page with its inherited attributes
/// written on it (and without its /Parent). Also returns the ids of the catalog and of the
/// tree's nodes, which nothing copied may point to.
fn page_dicts(doc: &Document) -> std::result::Result<(Vec<PageDict>, HashSet<ObjectId>), String> {
    let root = doc
        .trailer
        .get(b"Root")
        .and_then(Object::as_reference)
        .map_err(|_| "no tiene catálogo (/Root)".to_string())?;
    let tree = doc
        .get_dictionary(root)
        .and_then(|c| c.get(b"Pages"))
        .and_then(Object::as_reference)
        .map_err(|_| "no tiene árbol de páginas (/Pages)".to_string())?;
    let mut nodes = HashSet::from([root]);
    let mut seen = HashSet::new();
    let mut out = Vec::new();
    // Depth-first, kids in order; each entry carries what its ancestors pass down.
    let mut stack: Vec<(ObjectId, Inherited, u32)> = vec![(tree, Vec::new(), 0)];
    while let Some((id, inherited, depth)) = stack.pop() {
        if depth > 64 || !seen.insert(id) {
            return Err("tiene un árbol de páginas circular o con páginas repetidas".into());
        }
        let dict = doc
            .get_dictionary(id)
            .map_err(|_| format!("tiene un nodo de páginas ilegible ({} {} R)", id.0, id.1))?;
        let is_tree = dict.get(b"Kids").is_ok()
            && dict.get(b"Type").and_then(Object::as_name).ok() != Some(b"Page");
        if is_tree {
            nodes.insert(id);
            let mut passed = inherited.clone();
            for key in INHERITED {
                if let Ok(v) = dict.get(key) {
                    passed.retain(|(k, _)| *k != key);
                    passed.push((key, v.clone()));
                }
            }
            let kids = dict
                .get(b"Kids")
                .and_then(|k| doc.dereference(k))
                .and_then(|(_, k)| k.as_array())
                .map_err(|_| "tiene un árbol de páginas sin /Kids".to_string())?;
            for kid in kids.iter().rev() {
                let kid = kid
                    .as_reference()
                    .map_err(|_| "tiene una página que no es un objeto indirecto".to_string())?;
                stack.push((kid, passed.clone(), depth + 1));
            }
        } else {
            let mut page = dict.clone();
            page.remove(b"Parent");
            for (key, v) in inherited {
                if !page.has(key) {
                    page.set(key.to_vec(), v);
                }
            }
            out.push((id, page));
        }
    }
    if out.is_empty() {
        return Err("no tiene páginas".into());
    }
    Ok((out, nodes))
}

/// Copies the pages of `doc` and everything they reach into `objects`, with new ids.
fn copy_pages(
    doc: &Document,
    pages_id: ObjectId,
    objects: &mut BTreeMap<ObjectId, Object>,
    alloc: &mut impl FnMut() -> ObjectId,
    pages: &mut Vec<CopiedPage>,
) -> std::result::Result<(), String> {
    let (page_list, forbidden) = page_dicts(doc)?;
    let mut map: HashMap<ObjectId, ObjectId> = HashMap::new();
    let mut queue: VecDeque<ObjectId> = VecDeque::new();
    let mut copied: Vec<(ObjectId, Object)> = Vec::new();
    // Pages first, so they are numbered in order and links between them resolve.
    for (old, _) in &page_list {
        map.insert(*old, alloc());
    }
    for (old, page) in &page_list {
        let obj = Object::Dictionary(page.clone());
        enqueue_refs(doc, &obj, &forbidden, &mut map, &mut queue, alloc);
        copied.push((*old, obj));
        while let Some(id) = queue.pop_front() {
            let obj = doc.get_object(id).map_err(|e| e.to_string())?.clone();
            enqueue_refs(doc, &obj, &forbidden, &mut map, &mut queue, alloc);
            copied.push((id, obj));
        }
    }
    let page_ids: HashSet<ObjectId> = page_list.iter().map(|(p, _)| *p).collect();
    for (old, mut obj) in copied {
        rewrite_refs(&mut obj, &map);
        let new = map[&old];
        if let Object::Dictionary(d) = &mut obj {
            if page_ids.contains(&old) {
                d.set("Parent", Object::Reference(pages_id));
                // No structure tree is copied, so its keys would point nowhere.
                d.remove(b"StructParents");
            }
        }
        objects.insert(new, obj);
    }
    for (old, page) in &page_list {
        pages.push(CopiedPage {
            id: map[old],
            bbox: page_box(doc, page),
            rotate: rotation(doc, page),
        });
    }
    Ok(())
}

/// Gives a new id to every object `obj` refers to that has none yet, and queues it.
fn enqueue_refs(
    doc: &Document,
    obj: &Object,
    forbidden: &HashSet<ObjectId>,
    map: &mut HashMap<ObjectId, ObjectId>,
    queue: &mut VecDeque<ObjectId>,
    alloc: &mut impl FnMut() -> ObjectId,
) {
    let mut visit = |id: &ObjectId| {
        if !forbidden.contains(id) && !map.contains_key(id) && doc.objects.contains_key(id) {
            map.insert(*id, alloc());
            queue.push_back(*id);
        }
    };
    fn walk(obj: &Object, visit: &mut impl FnMut(&ObjectId)) {
        match obj {
            Object::Reference(id) => visit(id),
            Object::Array(a) => a.iter().for_each(|o| walk(o, visit)),
            Object::Dictionary(d) => d.iter().for_each(|(_, o)| walk(o, visit)),
            Object::Stream(s) => s.dict.iter().for_each(|(_, o)| walk(o, visit)),
            _ => {}
        }
    }
    walk(obj, &mut visit);
}

/// Points references at the new ids; a reference to something not copied (the old catalog or
/// page tree, a missing object) becomes null.
fn rewrite_refs(obj: &mut Object, map: &HashMap<ObjectId, ObjectId>) {
    match obj {
        Object::Reference(id) => {
            *obj = match map.get(id) {
                Some(n) => Object::Reference(*n),
                None => Object::Null,
            }
        }
        Object::Array(a) => a.iter_mut().for_each(|o| rewrite_refs(o, map)),
        Object::Dictionary(d) => d.iter_mut().for_each(|(_, o)| rewrite_refs(o, map)),
        Object::Stream(s) => s.dict.iter_mut().for_each(|(_, o)| rewrite_refs(o, map)),
        _ => {}
    }
}

fn number(doc: &Document, o: &Object) -> Option<f32> {
    doc.dereference(o).ok()?.1.as_float().ok()
}

/// The page's visible box: CropBox, else MediaBox, else A4.
fn page_box(doc: &Document, page: &Dictionary) -> [f32; 4] {
    let read = |key: &[u8]| -> Option<[f32; 4]> {
        let (_, arr) = doc.dereference(page.get(key).ok()?).ok()?;
        let v: Vec<f32> = arr
            .as_array()
            .ok()?
            .iter()
            .filter_map(|o| number(doc, o))
            .collect();
        (v.len() == 4).then(|| {
            [
                v[0].min(v[2]),
                v[1].min(v[3]),
                v[0].max(v[2]),
                v[1].max(v[3]),
            ]
        })
    };
    read(b"CropBox")
        .or_else(|| read(b"MediaBox"))
        .unwrap_or([0.0, 0.0, 595.28, 841.89])
}

fn rotation(doc: &Document, page: &Dictionary) -> i64 {
    let r = page
        .get(b"Rotate")
        .ok()
        .and_then(|o| doc.dereference(o).ok())
        .and_then(|(_, o)| o.as_i64().ok())
        .unwrap_or(0)
        .rem_euclid(360);
    if r % 90 == 0 {
        r
    } else {
        0
    }
}

/// Gives the page its own resource dictionary (and font dictionary) with the stamp's font
/// added under a name the page does not use yet; returns that name.
fn add_font_resource(
    objects: &mut BTreeMap<ObjectId, Object>,
    page: ObjectId,
    font_id: ObjectId,
) -> String {
    let deref_dict = |objects: &BTreeMap<ObjectId, Object>, o: Option<&Object>| -> Dictionary {
        match o {
            Some(Object::Dictionary(d)) => d.clone(),
            Some(Object::Reference(id)) => match objects.get(id) {
                Some(Object::Dictionary(d)) => d.clone(),
                _ => Dictionary::new(),
            },
            _ => Dictionary::new(),
        }
    };
    let page_dict = match objects.get(&page) {
        Some(Object::Dictionary(d)) => d,
        _ => return "CabildoPag".into(),
    };
    let mut resources = deref_dict(objects, page_dict.get(b"Resources").ok());
    let mut fonts = deref_dict(objects, resources.get(b"Font").ok());
    let mut name = "CabildoPag".to_string();
    let mut n = 1;
    while fonts.has(name.as_bytes()) {
        n += 1;
        name = format!("CabildoPag{n}");
    }
    fonts.set(name.clone(), Object::Reference(font_id));
    resources.set("Font", Object::Dictionary(fonts));
    if let Some(Object::Dictionary(d)) = objects.get_mut(&page) {
        d.set("Resources", Object::Dictionary(resources));
    }
    name
}

/// Makes the page's contents `[q, original…, stamp]` (the stamp starts with Q).
fn wrap_contents(
    objects: &mut BTreeMap<ObjectId, Object>,
    page: ObjectId,
    save_id: ObjectId,
    stamp_id: ObjectId,
) {
    let mut contents = vec![Object::Reference(save_id)];
    match objects
        .get(&page)
        .and_then(|p| p.as_dict().ok()?.get(b"Contents").ok())
    {
        Some(Object::Array(a)) => contents.extend(a.iter().cloned()),
        // An indirect array of streams is spelled out; a stream is referred to.
        Some(Object::Reference(r)) => match objects.get(r) {
            Some(Object::Array(a)) => contents.extend(a.iter().cloned()),
            _ => contents.push(Object::Reference(*r)),
        },
        _ => {}
    }
    contents.push(Object::Reference(stamp_id));
    if let Some(Object::Dictionary(d)) = objects.get_mut(&page) {
        d.set("Contents", Object::Array(contents));
    }
}

/// "Página n de total", right-aligned in the bottom margin of the page as it is displayed
/// (taking /Rotate into account), in black Liberation Sans.
fn stamp_content(page: &CopiedPage, font: &str, n: u32, total: u32) -> Vec<u8> {
    let [x1, y1, x2, y2] = page.bbox;
    // The matrix from the displayed page (origin at its lower-left corner, x to the right)
    // to user space, and the displayed width.
    let (m, width) = match page.rotate {
        90 => ([0.0, 1.0, -1.0, 0.0, x2, y1], y2 - y1),
        180 => ([-1.0, 0.0, 0.0, -1.0, x2, y2], x2 - x1),
        270 => ([0.0, -1.0, 1.0, 0.0, x1, y2], y2 - y1),
        _ => ([1.0, 0.0, 0.0, 1.0, x1, y1], x2 - x1),
    };
    let text = label(n, total);
    let w = fonts::text_width(FontId::Sans, STAMP_SIZE, &text);
    let right = STAMP_RIGHT.min(width * 0.1);
    let x = (width - right - w).max(0.0);
    let mut out = b"\nQ\nq\n".to_vec();
    out.extend_from_slice(
        format!(
            "{} cm\n0 g\nBT\n/{font} {} Tf\n{} {} Td\n",
            m.iter().map(|v| fmt(*v)).collect::<Vec<_>>().join(" "),
            fmt(STAMP_SIZE),
            fmt(x),
            fmt(STAMP_BASELINE)
        )
        .as_bytes(),
    );
    out.extend_from_slice(&embed::hex_string(&fonts::shape(FontId::Sans, &text)));
    out.extend_from_slice(b" Tj\nET\nQ\n");
    out
}

fn label(n: u32, total: u32) -> String {
    format!("Página {n} de {total}")
}

/// A PDF text string: ASCII as is, anything else UTF-16BE with a byte-order mark.
fn text_string(s: &str) -> Object {
    if s.is_ascii() {
        Object::String(s.as_bytes().to_vec(), StringFormat::Literal)
    } else {
        let mut b = vec![0xFE, 0xFF];
        for u in s.encode_utf16() {
            b.extend_from_slice(&u.to_be_bytes());
        }
        Object::String(b, StringFormat::Hexadecimal)
    }
}

/// The file identifier: a digest of the parts, their titles and the options.
fn file_id(parts: &[MergePart], options: &MergeOptions) -> [u8; 16] {
    let mut h = Sha256::new();
    h.update(b"cabildo-merge:");
    h.update([options.page_numbers as u8]);
    h.update((options.stamp_from_part as u64).to_le_bytes());
    for p in parts {
        h.update(Sha256::digest(p.pdf));
        let title = p.title.unwrap_or("");
        h.update((title.len() as u64).to_be_bytes());
        h.update(title.as_bytes());
    }
    let mut id = [0u8; 16];
    id.copy_from_slice(&h.finalize()[..16]);
    id
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rotated_pages_get_the_stamp_at_their_displayed_bottom() {
        let page = CopiedPage {
            id: (1, 0),
            bbox: [0.0, 0.0, 600.0, 800.0],
            rotate: 90,
        };
        let c = stamp_content(&page, "F", 1, 2);
        let s = String::from_utf8_lossy(&c);
        assert!(s.starts_with("\nQ\nq\n0 1 -1 0 600 0 cm"), "{s}");
        let glyphs = embed::hex_string(&fonts::shape(FontId::Sans, "Página 1 de 2"));
        assert!(
            s.contains(&format!("{} Tj", String::from_utf8(glyphs).unwrap())),
            "{s}"
        );
    }

    #[test]
    fn no_parts_is_an_error() {
        assert!(merge(&[]).is_err());
    }
}
