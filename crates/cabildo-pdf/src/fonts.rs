//! The embedded fonts: glyph lookup and advances for the line breaker, and glyph-preserving
//! subsets for embedding (glyph ids never change, so content streams and the ToUnicode map
//! are written once, and the same text always yields the same font bytes).
//! Over 600 lines only with its tests: reading, shaping and subsetting a face share one parser.

use std::collections::{BTreeMap, BTreeSet};
use std::sync::OnceLock;

use ttf_parser::{Face, GlyphId};

/// One of the five faces bundled from `assets/fonts/` (Liberation 2.1.5, SIL OFL 1.1).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum FontId {
    /// Liberation Serif Regular: body text.
    Serif,
    /// Liberation Serif Bold: titles, lead-ins, names.
    SerifBold,
    /// Liberation Serif Italic: the official name of the year.
    SerifItalic,
    /// Liberation Sans Regular: running header, footer, tables.
    Sans,
    /// Liberation Sans Bold: letterhead, table headers.
    SansBold,
}

impl FontId {
    /// Every face, in a fixed order.
    pub const ALL: [FontId; 5] = [
        FontId::Serif,
        FontId::SerifBold,
        FontId::SerifItalic,
        FontId::Sans,
        FontId::SansBold,
    ];

    fn index(self) -> usize {
        self as usize
    }

    /// The TrueType file.
    pub fn bytes(self) -> &'static [u8] {
        match self {
            FontId::Serif => include_bytes!("../../../assets/fonts/LiberationSerif-Regular.ttf"),
            FontId::SerifBold => include_bytes!("../../../assets/fonts/LiberationSerif-Bold.ttf"),
            FontId::SerifItalic => {
                include_bytes!("../../../assets/fonts/LiberationSerif-Italic.ttf")
            }
            FontId::Sans => include_bytes!("../../../assets/fonts/LiberationSans-Regular.ttf"),
            FontId::SansBold => include_bytes!("../../../assets/fonts/LiberationSans-Bold.ttf"),
        }
    }

    /// PostScript name, used as the PDF BaseFont after the subset tag.
    pub fn postscript_name(self) -> &'static str {
        match self {
            FontId::Serif => "LiberationSerif",
            FontId::SerifBold => "LiberationSerif-Bold",
            FontId::SerifItalic => "LiberationSerif-Italic",
            FontId::Sans => "LiberationSans",
            FontId::SansBold => "LiberationSans-Bold",
        }
    }

    /// Serif faces set the Serif flag of the font descriptor.
    pub fn is_serif(self) -> bool {
        matches!(
            self,
            FontId::Serif | FontId::SerifBold | FontId::SerifItalic
        )
    }
}

/// What the layout and the PDF writer need from a face.
pub struct FaceInfo {
    face: Face<'static>,
    /// Design units per em.
    pub units_per_em: u16,
    /// Typographic ascender, design units.
    pub ascender: i16,
    /// Typographic descender (negative), design units.
    pub descender: i16,
    /// Height of capitals, design units.
    pub cap_height: i16,
    /// Italic angle in degrees (0 for upright faces).
    pub italic_angle: f32,
    /// Font bounding box, design units: x min, y min, x max, y max.
    pub bbox: [i16; 4],
    /// Number of glyphs in the font.
    pub num_glyphs: u16,
    /// Glyph and advance of U+0000..U+024F, the range every Spanish text lives in.
    latin: Vec<Option<(u16, u16)>>,
}

const LATIN_END: u32 = 0x250;

impl FaceInfo {
    fn load(id: FontId) -> FaceInfo {
        let face = Face::parse(id.bytes(), 0).expect("bundled font parses");
        let latin = (0..LATIN_END)
            .map(|cp| char::from_u32(cp).and_then(|c| Self::lookup(&face, c)))
            .collect();
        let b = face.global_bounding_box();
        FaceInfo {
            units_per_em: face.units_per_em(),
            ascender: face.ascender(),
            descender: face.descender(),
            cap_height: face.capital_height().unwrap_or(face.ascender()),
            italic_angle: face.italic_angle().unwrap_or(0.0),
            bbox: [b.x_min, b.y_min, b.x_max, b.y_max],
            num_glyphs: face.number_of_glyphs(),
            latin,
            face,
        }
    }

    fn lookup(face: &Face<'static>, c: char) -> Option<(u16, u16)> {
        let gid = face.glyph_index(c)?;
        Some((gid.0, face.glyph_hor_advance(gid).unwrap_or(0)))
    }

    /// Glyph id and advance (design units) of a character, if the face has it.
    pub fn glyph(&self, c: char) -> Option<(u16, u16)> {
        let cp = c as u32;
        if cp < LATIN_END {
            self.latin[cp as usize]
        } else {
            Self::lookup(&self.face, c)
        }
    }

    /// Advance of a glyph id, design units.
    pub fn advance(&self, gid: u16) -> u16 {
        self.face.glyph_hor_advance(GlyphId(gid)).unwrap_or(0)
    }

    /// Design units to thousandths of an em (what PDF font dictionaries use), rounded.
    pub fn to_thousandths(&self, units: i32) -> i32 {
        ((units as f64) * 1000.0 / self.units_per_em as f64).round() as i32
    }
}

/// Metrics of a bundled face, parsed once per process.
pub fn info(id: FontId) -> &'static FaceInfo {
    static FACES: OnceLock<Vec<FaceInfo>> = OnceLock::new();
    &FACES.get_or_init(|| FontId::ALL.iter().map(|&f| FaceInfo::load(f)).collect())[id.index()]
}

/// One glyph of shaped text.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Glyph {
    /// Glyph id in the face.
    pub gid: u16,
    /// Advance, design units.
    pub advance: u16,
    /// The character it stands for (for the ToUnicode map).
    pub ch: char,
}

/// Map text to glyphs. Characters the face lacks print as "?" so that what prints is what
/// extracts; control characters and soft hyphens are dropped, tabs become spaces.
pub fn shape(id: FontId, text: &str) -> Vec<Glyph> {
    let face = info(id);
    let mut out = Vec::with_capacity(text.len());
    for c in text.chars() {
        let c = match c {
            '\t' => ' ',
            '\u{AD}' => continue,
            c if c.is_control() => continue,
            c => c,
        };
        // A no-break space prints as a space (same glyph, extracts as a space) but the
        // justifier never stretches it: its `ch` stays U+00A0.
        let looked_up = if c == '\u{A0}' {
            face.glyph(' ')
        } else {
            face.glyph(c)
        };
        let (c, (gid, advance)) = match looked_up {
            Some(g) if (c as u32) <= 0xFFFF => (c, g),
            _ => ('?', face.glyph('?').unwrap_or((0, 0))),
        };
        out.push(Glyph {
            gid,
            advance,
            ch: c,
        });
    }
    out
}

/// Width of text in points at a size.
pub fn text_width(id: FontId, size: f32, text: &str) -> f32 {
    let units: u32 = shape(id, text).iter().map(|g| g.advance as u32).sum();
    units as f32 * size / info(id).units_per_em as f32
}

/// The glyphs a document uses, per face, with the character each one prints.
#[derive(Clone, Debug, Default)]
pub struct GlyphUse {
    used: BTreeMap<FontId, BTreeMap<u16, char>>,
}

impl GlyphUse {
    /// Record glyphs drawn with a face.
    pub fn add(&mut self, id: FontId, glyphs: &[Glyph]) {
        let entry = self.used.entry(id).or_default();
        for g in glyphs {
            let ch = if g.ch == '\u{A0}' { ' ' } else { g.ch };
            // The lowest code point wins when two characters share a glyph (space, no-break
            // space), so the map does not depend on the order text was laid out in.
            let slot = entry.entry(g.gid).or_insert(ch);
            if ch < *slot {
                *slot = ch;
            }
        }
    }

    /// Faces used, in a fixed order, with their glyphs.
    pub fn faces(&self) -> impl Iterator<Item = (FontId, &BTreeMap<u16, char>)> {
        self.used.iter().map(|(k, v)| (*k, v))
    }
}

/// Six capital letters naming a subset (ISO 32000 9.6.4), derived from the glyphs in it so
/// the same subset always gets the same tag.
pub fn subset_tag(id: FontId, used: &BTreeMap<u16, char>) -> String {
    // FNV-1a: tiny, stable, and good enough to tell subsets apart.
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in id
        .postscript_name()
        .bytes()
        .chain(used.keys().flat_map(|g| g.to_be_bytes()))
    {
        h ^= b as u64;
        h = h.wrapping_mul(0x0000_0100_0000_01b3);
    }
    (0..6)
        .map(|i| (b'A' + ((h >> (i * 8)) % 26) as u8) as char)
        .collect()
}

/// The values of the dictionaries that embed a face as a Type0 / CIDFontType2 font with
/// `Identity-H` and `CIDToGIDMap /Identity` (glyph ids are the codes), whichever lopdf version
/// writes them: the engine's finish pass (printpdf's lopdf 0.31) and the stamps written with
/// lopdf 0.44 (signatures, page numbers of joined files).
pub(crate) struct Type0Parts {
    /// `TAG+PostScriptName`.
    pub base_font: String,
    /// Descriptor flags: Serif (2), Nonsymbolic (32), Italic (64).
    pub flags: i64,
    /// FontBBox, thousandths of an em.
    pub bbox: [i32; 4],
    /// ItalicAngle, degrees.
    pub italic_angle: f32,
    /// Ascent, thousandths of an em.
    pub ascent: i32,
    /// Descent (negative), thousandths of an em.
    pub descent: i32,
    /// CapHeight, thousandths of an em.
    pub cap_height: i32,
    /// StemV (an estimate: PDF viewers use it only to synthesize missing fonts).
    pub stem_v: i32,
    /// DW: the width of .notdef.
    pub default_width: i32,
    /// The W array: runs of consecutive glyph ids, each with its widths.
    pub widths: Vec<(u16, Vec<i32>)>,
    /// The ToUnicode CMap.
    pub to_unicode: Vec<u8>,
}

/// What embedding `used` glyphs of a face takes (besides the subset program itself, which
/// [`subset`] makes).
pub(crate) fn type0_parts(font: FontId, used: &BTreeMap<u16, char>) -> Type0Parts {
    let f = info(font);
    let t = |v: i16| f.to_thousandths(v as i32);
    let mut flags = 32;
    if font.is_serif() {
        flags |= 2;
    }
    if f.italic_angle != 0.0 {
        flags |= 64;
    }
    let bold = matches!(font, FontId::SerifBold | FontId::SansBold);
    let width = |g: u16| f.to_thousandths(f.advance(g) as i32);
    let gids: Vec<u16> = used.keys().copied().collect();
    let mut widths = Vec::new();
    let mut i = 0;
    while i < gids.len() {
        let start = i;
        while i + 1 < gids.len() && gids[i + 1] == gids[i] + 1 {
            i += 1;
        }
        widths.push((
            gids[start],
            gids[start..=i].iter().map(|&g| width(g)).collect(),
        ));
        i += 1;
    }
    Type0Parts {
        base_font: format!("{}+{}", subset_tag(font, used), font.postscript_name()),
        flags,
        bbox: f.bbox.map(t),
        italic_angle: f.italic_angle,
        ascent: t(f.ascender),
        descent: t(f.descender),
        cap_height: t(f.cap_height),
        stem_v: if bold { 140 } else { 80 },
        default_width: width(0),
        widths,
        to_unicode: to_unicode(used),
    }
}

/// A ToUnicode CMap from glyph ids to the characters they print.
pub(crate) fn to_unicode(used: &BTreeMap<u16, char>) -> Vec<u8> {
    let mut s = String::from(
        "/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n\
         /CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n\
         /CMapName /Adobe-Identity-UCS def\n/CMapType 2 def\n\
         1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n",
    );
    let entries: Vec<(&u16, &char)> = used.iter().collect();
    for block in entries.chunks(100) {
        s.push_str(&format!("{} beginbfchar\n", block.len()));
        for (g, c) in block {
            let mut units = [0u16; 2];
            let hexes: String = c
                .encode_utf16(&mut units)
                .iter()
                .map(|u| format!("{u:04X}"))
                .collect();
            s.push_str(&format!("<{g:04X}> <{hexes}>\n"));
        }
        s.push_str("endbfchar\n");
    }
    s.push_str("endcmap\nCMapName currentdict /CMap defineresource pop\nend\nend\n");
    s.into_bytes()
}

/// Tables a PDF viewer needs from an embedded TrueType program (ISO 32000 9.9), plus `cmap`,
/// `name` (the copyright and license notice travel with the font), `OS/2` and `post`.
const KEEP_TABLES: [&[u8; 4]; 13] = [
    b"OS/2", b"cmap", b"cvt ", b"fpgm", b"gasp", b"glyf", b"head", b"hhea", b"hmtx", b"loca",
    b"maxp", b"name", b"prep",
];

/// A glyph-preserving subset: every glyph outside `used` (and the components of composite
/// glyphs in it, and .notdef) becomes empty with zero metrics; the ids, the metrics of the
/// glyphs kept and the hinting stay as they were.
pub fn subset(font: &[u8], used: &BTreeSet<u16>) -> Result<Vec<u8>, String> {
    let tables = read_tables(font)?;
    let table = |tag: &[u8; 4]| -> Result<&[u8], String> {
        tables
            .get(tag)
            .copied()
            .ok_or_else(|| format!("falta la tabla {}", String::from_utf8_lossy(tag)))
    };
    let head = table(b"head")?;
    let maxp = table(b"maxp")?;
    let loca = table(b"loca")?;
    let glyf = table(b"glyf")?;
    let long_loca = be16(head, 50)? != 0;
    let num_glyphs = be16(maxp, 4)? as usize;
    let offset = |i: usize| -> Result<usize, String> {
        if long_loca {
            be32(loca, i * 4).map(|v| v as usize)
        } else {
            be16(loca, i * 2).map(|v| v as usize * 2)
        }
    };
    let glyph_data = |g: usize| -> Result<&[u8], String> {
        let (a, b) = (offset(g)?, offset(g + 1)?);
        glyf.get(a..b)
            .ok_or_else(|| "loca fuera de glyf".to_string())
    };

    // Close the set over composite glyph components.
    let mut keep: BTreeSet<u16> = used
        .iter()
        .copied()
        .filter(|&g| (g as usize) < num_glyphs)
        .collect();
    keep.insert(0);
    let mut work: Vec<u16> = keep.iter().copied().collect();
    while let Some(g) = work.pop() {
        for c in components(glyph_data(g as usize)?)? {
            if (c as usize) < num_glyphs && keep.insert(c) {
                work.push(c);
            }
        }
    }

    let mut new_glyf = Vec::new();
    let mut offsets = Vec::with_capacity(num_glyphs + 1);
    for g in 0..num_glyphs {
        offsets.push(new_glyf.len());
        if keep.contains(&(g as u16)) {
            new_glyf.extend_from_slice(glyph_data(g)?);
            while new_glyf.len() % 4 != 0 {
                new_glyf.push(0);
            }
        }
    }
    offsets.push(new_glyf.len());
    // Short offsets (half the size) whenever the subset's outlines fit in 128 KiB.
    let short = new_glyf.len() < 0x20000;
    let new_loca: Vec<u8> = offsets
        .iter()
        .flat_map(|&o| {
            if short {
                ((o / 2) as u16).to_be_bytes().to_vec()
            } else {
                (o as u32).to_be_bytes().to_vec()
            }
        })
        .collect();

    let mut new_head = head.to_vec();
    new_head[8..12].copy_from_slice(&[0; 4]); // checkSumAdjustment, set below
    new_head[50..52].copy_from_slice(&(if short { 0u16 } else { 1 }).to_be_bytes());

    // Metrics of the emptied glyphs become zeros: nothing draws them, and zeros compress.
    let long_metrics = be16(table(b"hhea")?, 34)? as usize;
    let mut new_hmtx = table(b"hmtx")?.to_vec();
    for g in 0..num_glyphs {
        if keep.contains(&(g as u16)) {
            continue;
        }
        let (at, len) = if g < long_metrics {
            (g * 4, 4)
        } else {
            (long_metrics * 4 + (g - long_metrics) * 2, 2)
        };
        if let Some(b) = new_hmtx.get_mut(at..at + len) {
            b.fill(0);
        }
    }

    // post format 3: no glyph names (they are most of the table and PDF never reads them).
    let mut post = table(b"post")?.get(..32).ok_or("post corta")?.to_vec();
    post[0..4].copy_from_slice(&0x0003_0000u32.to_be_bytes());

    let mut out_tables: Vec<([u8; 4], Vec<u8>)> = Vec::new();
    for tag in KEEP_TABLES {
        let data = match tag {
            b"glyf" => new_glyf.clone(),
            b"loca" => new_loca.clone(),
            b"head" => new_head.clone(),
            b"hmtx" => new_hmtx.clone(),
            _ => match tables.get(tag) {
                Some(d) => d.to_vec(),
                None => continue,
            },
        };
        out_tables.push((*tag, data));
    }
    out_tables.push((*b"post", post));
    out_tables.sort_by_key(|a| a.0);
    Ok(write_font(out_tables))
}

fn be16(d: &[u8], at: usize) -> Result<u16, String> {
    d.get(at..at + 2)
        .map(|b| u16::from_be_bytes([b[0], b[1]]))
        .ok_or_else(|| "fuente truncada".to_string())
}

fn be32(d: &[u8], at: usize) -> Result<u32, String> {
    d.get(at..at + 4)
        .map(|b| u32::from_be_bytes([b[0], b[1], b[2], b[3]]))
        .ok_or_else(|| "fuente truncada".to_string())
}

fn read_tables(font: &[u8]) -> Result<BTreeMap<[u8; 4], &[u8]>, String> {
    let n = be16(font, 4)? as usize;
    let mut tables = BTreeMap::new();
    for i in 0..n {
        let rec = 12 + i * 16;
        let tag: [u8; 4] = font
            .get(rec..rec + 4)
            .ok_or("directorio truncado")?
            .try_into()
            .map_err(|_| "etiqueta")?;
        let off = be32(font, rec + 8)? as usize;
        let len = be32(font, rec + 12)? as usize;
        let data = font.get(off..off + len).ok_or("tabla fuera del archivo")?;
        tables.insert(tag, data);
    }
    Ok(tables)
}

/// Glyph ids a composite glyph refers to (empty for simple glyphs).
fn components(glyph: &[u8]) -> Result<Vec<u16>, String> {
    const ARGS_ARE_WORDS: u16 = 0x0001;
    const HAVE_SCALE: u16 = 0x0008;
    const MORE: u16 = 0x0020;
    const HAVE_XY_SCALE: u16 = 0x0040;
    const HAVE_2X2: u16 = 0x0080;
    if glyph.len() < 10 || (be16(glyph, 0)? as i16) >= 0 {
        return Ok(Vec::new());
    }
    let mut out = Vec::new();
    let mut at = 10;
    loop {
        let flags = be16(glyph, at)?;
        out.push(be16(glyph, at + 2)?);
        at += 4 + if flags & ARGS_ARE_WORDS != 0 { 4 } else { 2 };
        at += if flags & HAVE_SCALE != 0 {
            2
        } else if flags & HAVE_XY_SCALE != 0 {
            4
        } else if flags & HAVE_2X2 != 0 {
            8
        } else {
            0
        };
        if flags & MORE == 0 {
            return Ok(out);
        }
    }
}

fn checksum(data: &[u8]) -> u32 {
    data.chunks(4).fold(0u32, |sum, c| {
        let mut b = [0u8; 4];
        b[..c.len()].copy_from_slice(c);
        sum.wrapping_add(u32::from_be_bytes(b))
    })
}

fn write_font(tables: Vec<([u8; 4], Vec<u8>)>) -> Vec<u8> {
    let n = tables.len() as u16;
    let entry_selector = 15 - n.leading_zeros() as u16; // floor(log2 n)
    let search_range = (1u16 << entry_selector) * 16;
    let mut out = Vec::new();
    out.extend_from_slice(&0x0001_0000u32.to_be_bytes());
    out.extend_from_slice(&n.to_be_bytes());
    out.extend_from_slice(&search_range.to_be_bytes());
    out.extend_from_slice(&entry_selector.to_be_bytes());
    out.extend_from_slice(&(n * 16 - search_range).to_be_bytes());
    let mut offset = 12 + 16 * tables.len();
    let mut head_at = None;
    for (tag, data) in &tables {
        out.extend_from_slice(tag);
        out.extend_from_slice(&checksum(data).to_be_bytes());
        out.extend_from_slice(&(offset as u32).to_be_bytes());
        out.extend_from_slice(&(data.len() as u32).to_be_bytes());
        if tag == b"head" {
            head_at = Some(offset);
        }
        offset += data.len().div_ceil(4) * 4;
    }
    for (_, data) in &tables {
        out.extend_from_slice(data);
        while out.len() % 4 != 0 {
            out.push(0);
        }
    }
    if let Some(at) = head_at {
        let adjust = 0xB1B0_AFBAu32.wrapping_sub(checksum(&out));
        out[at + 8..at + 12].copy_from_slice(&adjust.to_be_bytes());
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spanish_characters_have_glyphs_in_every_face() {
        for id in FontId::ALL {
            for c in "áéíóúÁÉÍÓÚñÑüÜ¿¡°º“”–—".chars() {
                assert!(info(id).glyph(c).is_some(), "{id:?} lacks {c}");
            }
        }
    }

    #[test]
    fn subset_keeps_ids_and_parses() {
        let glyphs = shape(FontId::Serif, "Año Sesión N° ¿¡");
        let used: BTreeSet<u16> = glyphs.iter().map(|g| g.gid).collect();
        let bytes = subset(FontId::Serif.bytes(), &used).expect("subset");
        assert!(
            bytes.len() < FontId::Serif.bytes().len() / 4,
            "{}",
            bytes.len()
        );
        let face = Face::parse(&bytes, 0).expect("subset parses");
        for g in &glyphs {
            assert_eq!(face.glyph_index(g.ch).map(|x| x.0), Some(g.gid));
            assert_eq!(face.glyph_hor_advance(GlyphId(g.gid)), Some(g.advance));
            if g.ch != ' ' {
                assert!(
                    face.glyph_bounding_box(GlyphId(g.gid)).is_some(),
                    "{}",
                    g.ch
                );
            }
        }
        // A glyph not used is empty.
        let x = info(FontId::Serif).glyph('X').unwrap().0;
        assert!(face.glyph_bounding_box(GlyphId(x)).is_none());
        assert_eq!(bytes, subset(FontId::Serif.bytes(), &used).unwrap());
    }

    #[test]
    fn to_unicode_maps_glyphs() {
        let used: BTreeMap<u16, char> = [(3, ' '), (120, 'ñ')].into_iter().collect();
        let s = String::from_utf8(to_unicode(&used)).unwrap();
        assert!(s.contains("2 beginbfchar\n<0003> <0020>\n<0078> <00F1>\n"));
    }

    #[test]
    fn type0_widths_come_in_runs() {
        let used: BTreeMap<u16, char> = [(3, ' '), (4, '!'), (10, 'x')].into_iter().collect();
        let p = type0_parts(FontId::Sans, &used);
        assert_eq!(p.widths.len(), 2);
        assert_eq!(p.widths[0].0, 3);
        assert_eq!(p.widths[0].1.len(), 2);
        assert_eq!(p.widths[0].1[0], 278, "the space of Liberation Sans");
        assert!(p.base_font.ends_with("+LiberationSans") && p.base_font.len() == 21);
        assert_eq!(p.flags, 32);
    }

    #[test]
    fn missing_characters_print_as_question_marks() {
        let g = shape(FontId::Serif, "a\u{1F600}b");
        assert_eq!(g.iter().map(|g| g.ch).collect::<String>(), "a?b");
    }
}
