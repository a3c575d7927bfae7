//! What a printable document is made of: page settings, the letterhead, and the blocks of its
//! body. Layouts (`norm`, `certified_copy`, `minutes_book`) build a [`Document`] from a record;
//! [`Document::render`] turns it into PDF bytes.

use chrono::NaiveDate;

use super::chart::{BarChart, LineChart};

/// Country of the municipality: selects legal wording, the identity document label and the
/// time zone written in the PDF dates.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum Country {
    /// Peru (default).
    #[default]
    Peru,
    /// Chile.
    Chile,
}

impl Country {
    /// From the municipality's `country` code (`PE`, `CL`); anything else is Peru.
    pub fn from_code(code: &str) -> Country {
        if code.eq_ignore_ascii_case("CL") {
            Country::Chile
        } else {
            Country::Peru
        }
    }

    /// BCP 47 language tag written in the catalog and the XMP metadata.
    pub fn lang(self) -> &'static str {
        match self {
            Country::Peru => "es-PE",
            Country::Chile => "es-CL",
        }
    }

    /// UTC offset (minutes) of the civil time used for the PDF dates. Peru has no daylight
    /// saving; Chile's continental standard time is used all year (the date is what matters).
    pub fn utc_offset_minutes(self) -> i32 {
        match self {
            Country::Peru => -5 * 60,
            Country::Chile => -4 * 60,
        }
    }

    /// Label printed before a signatory's identity number.
    pub fn id_label(self) -> &'static str {
        match self {
            Country::Peru => "DNI N°",
            Country::Chile => "RUN",
        }
    }
}

/// Paper size.
#[derive(Clone, Copy, Debug, PartialEq, Default)]
pub enum Paper {
    /// ISO A4, 210 × 297 mm (default).
    #[default]
    A4,
    /// Oficio, 216 × 330 mm (8½ × 13 in), the size called "oficio" in Peru and Chile [U]:
    /// other countries call other sizes "oficio" (Mexico 216 × 340, Argentina 216 × 356);
    /// use [`Paper::Custom`] for those.
    Oficio,
    /// Carta (US Letter), 216 × 279 mm.
    Carta,
    /// Any other size, in millimetres.
    Custom {
        /// Width, mm.
        width_mm: f32,
        /// Height, mm.
        height_mm: f32,
    },
}

impl Paper {
    /// Width and height in millimetres.
    pub fn size_mm(self) -> (f32, f32) {
        match self {
            Paper::A4 => (210.0, 297.0),
            Paper::Oficio => (216.0, 330.0),
            Paper::Carta => (216.0, 279.0),
            Paper::Custom {
                width_mm,
                height_mm,
            } => (width_mm, height_mm),
        }
    }
}

/// Page margins in millimetres. The running header and the footer live inside the top and
/// bottom margins.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Margins {
    /// Top, mm.
    pub top_mm: f32,
    /// Right, mm.
    pub right_mm: f32,
    /// Bottom, mm.
    pub bottom_mm: f32,
    /// Left (binding side), mm.
    pub left_mm: f32,
}

impl Default for Margins {
    fn default() -> Self {
        Margins {
            top_mm: 25.0,
            right_mm: 20.0,
            bottom_mm: 25.0,
            left_mm: 30.0,
        }
    }
}

/// Paper and margins, from the municipality's settings.
#[derive(Clone, Copy, Debug, PartialEq, Default)]
pub struct PageSettings {
    /// Paper size.
    pub paper: Paper,
    /// Margins.
    pub margins: Margins,
}

/// The municipality's letterhead, printed at the top of the first page.
#[derive(Clone, Debug, PartialEq, Default)]
pub struct Letterhead {
    /// Official name ("Municipalidad Distrital de Santa Rosa de Qochapampa").
    pub municipality: String,
    /// Siglas ("MDSRQ").
    pub siglas: String,
    /// Logo, PNG or JPEG.
    pub logo: Option<Vec<u8>>,
    /// Official name of the year ("Año de la …"), printed in quotes under the letterhead.
    pub year_name: Option<String>,
    /// Line under the name (office, province, address…), optional.
    pub subtitle: Option<String>,
    /// Country.
    pub country: Country,
}

/// Metadata of the PDF file, all of it from the record so that rendering is deterministic.
#[derive(Clone, Debug, PartialEq)]
pub struct DocInfo {
    /// The record's id or digest: the PDF document ID and XMP DocumentID are derived from it.
    pub record_id: String,
    /// Title (the record's identifier).
    pub title: String,
    /// Subject (what the record is about).
    pub subject: String,
    /// Author (the municipality).
    pub author: String,
    /// Keywords.
    pub keywords: Vec<String>,
    /// The record's date: creation and modification dates of the file.
    pub date: NaiveDate,
    /// Country (language tag, time zone of the dates).
    pub country: Country,
}

/// Text style of a span.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum Style {
    /// Regular.
    #[default]
    Regular,
    /// Bold.
    Bold,
    /// Italic.
    Italic,
}

/// A run of text in one style.
#[derive(Clone, Debug, PartialEq)]
pub struct Span {
    /// The text; `\n` forces a line break.
    pub text: String,
    /// Its style.
    pub style: Style,
}

impl Span {
    /// Regular text.
    pub fn regular(text: impl Into<String>) -> Span {
        Span {
            text: text.into(),
            style: Style::Regular,
        }
    }

    /// Bold text.
    pub fn bold(text: impl Into<String>) -> Span {
        Span {
            text: text.into(),
            style: Style::Bold,
        }
    }

    /// Italic text.
    pub fn italic(text: impl Into<String>) -> Span {
        Span {
            text: text.into(),
            style: Style::Italic,
        }
    }
}

/// Horizontal alignment.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum Align {
    /// Ragged right.
    Left,
    /// Centred.
    Center,
    /// Ragged left.
    Right,
    /// Justified; the last line of a paragraph is left-aligned.
    #[default]
    Justify,
}

/// Type family.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum Family {
    /// Liberation Serif (body).
    #[default]
    Serif,
    /// Liberation Sans (tables, header, footer).
    Sans,
}

/// A paragraph.
#[derive(Clone, Debug, PartialEq)]
pub struct Paragraph {
    /// The text.
    pub spans: Vec<Span>,
    /// Alignment.
    pub align: Align,
    /// Family.
    pub family: Family,
    /// Size, points.
    pub size: f32,
    /// Left indent of every line, mm.
    pub indent_mm: f32,
    /// Extra indent of the first line, mm.
    pub first_line_mm: f32,
    /// Label printed in the hanging space left of the first line (list markers); it ends
    /// [`LABEL_GAP_MM`] before the text.
    pub label: Option<Span>,
    /// Space above, points.
    pub space_before: f32,
    /// Space below, points.
    pub space_after: f32,
    /// Never end a page after this paragraph.
    pub keep_with_next: bool,
    /// Never split this paragraph across pages.
    pub keep_together: bool,
}

/// Gap between a list label and the item's text, mm.
pub const LABEL_GAP_MM: f32 = 2.0;

/// Body text size, points.
pub const BODY_SIZE: f32 = 11.0;

impl Paragraph {
    /// A justified body paragraph.
    pub fn new(spans: Vec<Span>) -> Paragraph {
        Paragraph {
            spans,
            align: Align::Justify,
            family: Family::Serif,
            size: BODY_SIZE,
            indent_mm: 0.0,
            first_line_mm: 0.0,
            label: None,
            space_before: 0.0,
            space_after: 6.0,
            keep_with_next: false,
            keep_together: false,
        }
    }

    /// A justified paragraph of regular text.
    pub fn text(text: impl Into<String>) -> Paragraph {
        Paragraph::new(vec![Span::regular(text)])
    }

    /// With another alignment.
    pub fn align(mut self, align: Align) -> Paragraph {
        self.align = align;
        self
    }

    /// With another size.
    pub fn size(mut self, size: f32) -> Paragraph {
        self.size = size;
        self
    }

    /// With another family.
    pub fn family(mut self, family: Family) -> Paragraph {
        self.family = family;
        self
    }

    /// With space above and below, points.
    pub fn spacing(mut self, before: f32, after: f32) -> Paragraph {
        self.space_before = before;
        self.space_after = after;
        self
    }

    /// With a left indent, mm.
    pub fn indent(mut self, mm: f32) -> Paragraph {
        self.indent_mm = mm;
        self
    }

    /// Kept on the same page as what follows.
    pub fn keep_with_next(mut self) -> Paragraph {
        self.keep_with_next = true;
        self
    }

    /// Never split.
    pub fn keep_together(mut self) -> Paragraph {
        self.keep_together = true;
        self
    }
}

/// Marker of list items.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ListKind {
    /// "•"
    Bullet,
    /// "1.", "2.", …
    Numbered,
    /// "a)", "b)", …
    Lettered,
}

/// An sRGB colour, 0–255 a channel (bars and series of charts).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Default)]
pub struct Rgb {
    /// Red.
    pub r: u8,
    /// Green.
    pub g: u8,
    /// Blue.
    pub b: u8,
}

impl Rgb {
    /// A colour from its channels.
    pub const fn new(r: u8, g: u8, b: u8) -> Rgb {
        Rgb { r, g, b }
    }

    /// The channels as PDF colour components, 0–1.
    pub(crate) fn components(self) -> [f32; 3] {
        [self.r, self.g, self.b].map(|c| f32::from(c) / 255.0)
    }
}

/// A table column.
#[derive(Clone, Debug, PartialEq)]
pub struct Column {
    /// Header text (repeated at the top of every page the table spans).
    pub header: String,
    /// Relative width.
    pub width: f32,
    /// Alignment of the cells.
    pub align: Align,
}

impl Column {
    /// A left-aligned column.
    pub fn new(header: impl Into<String>, width: f32) -> Column {
        Column {
            header: header.into(),
            width,
            align: Align::Left,
        }
    }

    /// A right-aligned column (amounts).
    pub fn right(header: impl Into<String>, width: f32) -> Column {
        Column {
            align: Align::Right,
            ..Column::new(header, width)
        }
    }
}

/// A table; rows never split, the header row repeats on every page.
#[derive(Clone, Debug, PartialEq)]
pub struct Table {
    /// Columns.
    pub columns: Vec<Column>,
    /// Rows of cell texts, one per column.
    pub rows: Vec<Vec<String>>,
    /// Text size, points.
    pub size: f32,
}

/// A person who signs.
#[derive(Clone, Debug, PartialEq)]
pub struct Signatory {
    /// Full name.
    pub name: String,
    /// Cargo ("Alcalde", "Secretario General").
    pub cargo: String,
    /// DNI (Peru) or RUN (Chile), printed after the country's label.
    pub dni: Option<String>,
}

/// One block of the body.
#[derive(Clone, Debug, PartialEq)]
pub enum Block {
    /// A paragraph.
    Paragraph(Paragraph),
    /// A bold heading kept with what follows.
    Heading(String),
    /// A centred bold title.
    Title(String),
    /// A list.
    List {
        /// Marker.
        kind: ListKind,
        /// Items.
        items: Vec<Vec<Span>>,
        /// Indent of the markers, mm.
        indent_mm: f32,
    },
    /// A table.
    Table(Table),
    /// Signature blocks side by side (up to 4 a row), kept with the block before them.
    Signatures(Vec<Signatory>),
    /// An image (PNG or JPEG).
    Image {
        /// The file.
        data: Vec<u8>,
        /// Printed width, mm.
        width_mm: f32,
        /// Position.
        align: Align,
    },
    /// A QR code of a verification code, with the code printed under it.
    Qr {
        /// The encoded text.
        code: String,
        /// Side, mm.
        size_mm: f32,
    },
    /// Horizontal bars of percentages; rows never split, the scale repeats on every page.
    BarChart(BarChart),
    /// Lines over categories, kept whole on one page.
    LineChart(LineChart),
    /// Vertical space, mm.
    Space(f32),
    /// A thin horizontal rule.
    Rule,
    /// Start a new page.
    PageBreak,
}

/// A printable document.
#[derive(Clone, Debug, PartialEq)]
pub struct Document {
    /// Paper and margins.
    pub settings: PageSettings,
    /// File metadata.
    pub info: DocInfo,
    /// Letterhead on the first page.
    pub letterhead: Option<Letterhead>,
    /// Running header of the pages after the first: left (municipality) and right (document
    /// identifier) texts.
    pub running_header: Option<(String, String)>,
    /// Verification code: printed with its QR in the footer of every page.
    pub verification_code: Option<String>,
    /// When set, every page carries "Folio N° n" in its top corner, from this number on.
    pub folio_start: Option<u32>,
    /// When set to `(first, total)`, the footer reads "Página n de T" counting from `first`
    /// up to `total`: the document is a part of a larger file (a session packet) whose other
    /// pages are numbered on merging.
    pub page_numbers: Option<(u32, u32)>,
    /// The body.
    pub blocks: Vec<Block>,
}

/// Where a signatory signs: the blank space above their signature line, in PDF points from
/// the page's lower-left corner, for a visible digital-signature stamp.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct SignatureBox {
    /// Page, from 1.
    pub page: u32,
    /// Left edge.
    pub x: f32,
    /// Bottom edge.
    pub y: f32,
    /// Width.
    pub width: f32,
    /// Height.
    pub height: f32,
}

/// A rendered PDF.
#[derive(Clone, Debug, PartialEq)]
pub struct Rendered {
    /// The file.
    pub pdf: Vec<u8>,
    /// Number of pages.
    pub pages: u32,
    /// One box per signatory, in the order the signature blocks were given.
    pub signature_boxes: Vec<SignatureBox>,
}
