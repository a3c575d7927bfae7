//! The Libro de Actas: folio numbers that continue from one acta to the next, and the records
//! with which the Secretaría opens and closes a book.
//!
//! One page is one folio [U: some councils number leaves, recto and verso, as one folio; the
//! counter only needs the pages each folio takes]. An acta is rendered with
//! [`Document::folio_start`] set to the first folio the counter gave it, so "Folio N° n" prints
//! in the corner of each of its pages.

use chrono::NaiveDate;

use super::{
    Align, Block, Country, DocInfo, Document, Letterhead, PageSettings, Paragraph, Signatory, Span,
};
use crate::error::{Error, Result};
use crate::spanish;

/// The folios an acta occupies, both ends included.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct FolioRange {
    /// First folio.
    pub first: u32,
    /// Last folio.
    pub last: u32,
}

/// Hands out folios in order through a book.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct FolioCounter {
    next: u32,
}

impl FolioCounter {
    /// A counter whose next folio is `first` (1 for a new book, or the folio after the
    /// apertura).
    pub fn new(first: u32) -> FolioCounter {
        FolioCounter { next: first.max(1) }
    }

    /// The folio the next acta starts on.
    pub fn next_folio(&self) -> u32 {
        self.next
    }

    /// Take `pages` folios (at least one) for the next acta.
    pub fn assign(&mut self, pages: u32) -> FolioRange {
        let first = self.next;
        let last = first + pages.max(1) - 1;
        self.next = last + 1;
        FolioRange { first, last }
    }
}

/// Folio ranges of actas with these page counts, in order, starting at `first`.
pub fn folio_ranges(first: u32, page_counts: &[u32]) -> Vec<FolioRange> {
    let mut c = FolioCounter::new(first);
    page_counts.iter().map(|&p| c.assign(p)).collect()
}

fn office(country: Country) -> &'static str {
    match country {
        Country::Peru => "la Secretaría General",
        Country::Chile => "la Secretaría Municipal, en su calidad de ministro de fe,",
    }
}

fn folios(country: Country, n: u32) -> String {
    match country {
        Country::Peru => spanish::count(n, "folio", "folios"),
        Country::Chile => spanish::count_feminine(n, "foja", "fojas"),
    }
}

/// The acta de apertura of a book.
#[derive(Clone, Debug, PartialEq)]
pub struct BookOpening {
    /// The record's id or digest (PDF document ID).
    pub record_id: String,
    /// Date of the opening.
    pub date: NaiveDate,
    /// "LIBRO DE ACTAS DE SESIONES DE CONCEJO".
    pub book_title: String,
    /// Number of the book.
    pub book_number: u32,
    /// Place ("Santa Rosa de Qochapampa").
    pub place: String,
    /// Folios of the book.
    pub folios: u32,
    /// What the book records; a default wording for council sessions when absent.
    pub purpose: Option<String>,
    /// Who opens it (Secretario General / Secretario Municipal).
    pub signatory: Signatory,
    /// Letterhead.
    pub letterhead: Letterhead,
    /// Paper and margins.
    pub settings: PageSettings,
    /// Folio the opening is written on, printed in the corner when set.
    pub folio: Option<u32>,
    /// Verification code printed with its QR on every page.
    pub verification_code: Option<String>,
}

/// The acta de cierre of a book.
#[derive(Clone, Debug, PartialEq)]
pub struct BookClosing {
    /// The record's id or digest (PDF document ID).
    pub record_id: String,
    /// Date of the closing.
    pub date: NaiveDate,
    /// "LIBRO DE ACTAS DE SESIONES DE CONCEJO".
    pub book_title: String,
    /// Number of the book.
    pub book_number: u32,
    /// Place.
    pub place: String,
    /// Folios of the book.
    pub folios: u32,
    /// Last folio written.
    pub last_used_folio: u32,
    /// The first acta in the book ("Sesión Ordinaria N° 001-2026 del 5 de enero de 2026").
    pub first_acta: String,
    /// The last acta in the book.
    pub last_acta: String,
    /// Anything the Secretaría records about the book (enmendaduras, folios anulados…).
    pub observations: Option<String>,
    /// Who closes it.
    pub signatory: Signatory,
    /// Letterhead.
    pub letterhead: Letterhead,
    /// Paper and margins.
    pub settings: PageSettings,
    /// Folio the closing is written on, printed in the corner when set.
    pub folio: Option<u32>,
    /// Verification code printed with its QR on every page.
    pub verification_code: Option<String>,
}

fn book_name(title: &str, number: u32) -> String {
    format!("{} N° {number:02}", title.trim().to_uppercase())
}

#[allow(clippy::too_many_arguments)]
fn book_document(
    record_id: &str,
    date: NaiveDate,
    title: String,
    record_kind: &str,
    body: Vec<Block>,
    signatory: &Signatory,
    letterhead: &Letterhead,
    settings: PageSettings,
    folio: Option<u32>,
    verification_code: &Option<String>,
) -> Document {
    let mut blocks = vec![
        Block::Title(title.clone()),
        Block::Paragraph(
            Paragraph::new(vec![Span::bold(record_kind)])
                .align(Align::Center)
                .size(12.0)
                .spacing(2.0, 16.0)
                .keep_with_next(),
        ),
    ];
    blocks.extend(body);
    blocks.push(Block::Signatures(vec![signatory.clone()]));
    let municipality = letterhead.municipality.clone();
    Document {
        settings,
        info: DocInfo {
            record_id: record_id.to_string(),
            title: format!("{title} — {}", record_kind.to_lowercase()),
            subject: record_kind.to_string(),
            author: municipality.clone(),
            keywords: vec!["Libro de Actas".to_string(), letterhead.siglas.clone()],
            date,
            country: letterhead.country,
        },
        letterhead: Some(letterhead.clone()),
        running_header: Some((municipality.to_uppercase(), title)),
        verification_code: verification_code.clone(),
        folio_start: folio,
        page_numbers: None,
        blocks,
    }
}

impl BookOpening {
    /// The printable document.
    pub fn document(&self) -> Result<Document> {
        if self.folios == 0 {
            return Err(Error::field(
                "folios",
                "El libro debe tener al menos un folio.",
            ));
        }
        let c = self.letterhead.country;
        let name = book_name(&self.book_title, self.book_number);
        let purpose = self.purpose.clone().unwrap_or_else(|| {
            "registrar las actas de las sesiones ordinarias, extraordinarias y solemnes del \
             Concejo Municipal"
                .to_string()
        });
        let text = vec![
            Span::regular(format!(
                "En {}, {}, {} de la {} procede a la ",
                self.place,
                spanish::date_in_words(self.date, c == Country::Chile),
                office(c),
                self.letterhead.municipality
            )),
            Span::bold("APERTURA"),
            Span::regular(format!(
                " del presente {name}, que consta de {} útiles, numerados correlativamente del \
                 1 al {}, destinado a {}.",
                folios(c, self.folios),
                self.folios,
                purpose.trim_end_matches('.')
            )),
        ];
        let body = vec![
            Block::Paragraph(Paragraph::new(text)),
            Block::Paragraph(
                Paragraph::text(format!(
                    "Para constancia, se extiende la presente acta, que firma {}.",
                    signer_phrase(&self.signatory)
                ))
                .keep_together(),
            ),
        ];
        Ok(book_document(
            &self.record_id,
            self.date,
            name,
            "ACTA DE APERTURA",
            body,
            &self.signatory,
            &self.letterhead,
            self.settings,
            self.folio,
            &self.verification_code,
        ))
    }
}

impl BookClosing {
    /// The printable document.
    pub fn document(&self) -> Result<Document> {
        if self.last_used_folio > self.folios {
            return Err(Error::field(
                "last_used_folio",
                "El último folio usado no puede pasar del total de folios del libro.",
            ));
        }
        let c = self.letterhead.country;
        let name = book_name(&self.book_title, self.book_number);
        let mut text = vec![
            Span::regular(format!(
                "En {}, {}, {} de la {} procede al ",
                self.place,
                spanish::date_in_words(self.date, c == Country::Chile),
                office(c),
                self.letterhead.municipality
            )),
            Span::bold("CIERRE"),
            Span::regular(format!(
                " del presente {name}, que consta de {}, de {} se han utilizado del 1 al {}, \
                 que contienen las actas desde la {} hasta la {}.",
                folios(c, self.folios),
                if c == Country::Chile {
                    "las cuales"
                } else {
                    "los cuales"
                },
                self.last_used_folio,
                self.first_acta,
                self.last_acta
            )),
        ];
        if self.last_used_folio < self.folios {
            let noun = match c {
                Country::Peru => "Los folios",
                Country::Chile => "Las fojas",
            };
            text.push(Span::regular(format!(
                " {noun} del {} al {} quedan en blanco y se anulan con la presente.",
                self.last_used_folio + 1,
                self.folios
            )));
        }
        let mut body = vec![Block::Paragraph(Paragraph::new(text))];
        if let Some(o) = &self.observations {
            body.push(Block::Paragraph(Paragraph::new(vec![
                Span::bold("Observaciones: "),
                Span::regular(o.clone()),
            ])));
        }
        body.push(Block::Paragraph(
            Paragraph::text(format!(
                "Con lo que se da por cerrado el presente libro, firmando {} en señal de \
                 conformidad.",
                signer_phrase(&self.signatory)
            ))
            .keep_together(),
        ));
        Ok(book_document(
            &self.record_id,
            self.date,
            name,
            "ACTA DE CIERRE",
            body,
            &self.signatory,
            &self.letterhead,
            self.settings,
            self.folio,
            &self.verification_code,
        ))
    }
}

/// "el Secretario General" / "la Secretaria General": the signatory's cargo with an article.
fn signer_phrase(s: &Signatory) -> String {
    let cargo = s.cargo.trim();
    let feminine = cargo
        .split_whitespace()
        .next()
        .is_some_and(|w| w.ends_with('a') || w.ends_with('A'));
    format!("{} {cargo}", if feminine { "la" } else { "el" })
}

/// Render an acta de apertura to PDF bytes.
pub fn render_opening(opening: &BookOpening) -> Result<Vec<u8>> {
    Ok(opening.document()?.render()?.pdf)
}

/// Render an acta de cierre to PDF bytes.
pub fn render_closing(closing: &BookClosing) -> Result<Vec<u8>> {
    Ok(closing.document()?.render()?.pdf)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folios_continue_across_actas() {
        assert_eq!(
            folio_ranges(2, &[3, 1, 0, 4]),
            vec![
                FolioRange { first: 2, last: 4 },
                FolioRange { first: 5, last: 5 },
                FolioRange { first: 6, last: 6 },
                FolioRange { first: 7, last: 10 },
            ]
        );
        let mut c = FolioCounter::new(1);
        c.assign(5);
        assert_eq!(c.next_folio(), 6);
    }

    #[test]
    fn signer_article() {
        let s = |c: &str| Signatory {
            name: "X".into(),
            cargo: c.into(),
            dni: None,
        };
        assert_eq!(
            signer_phrase(&s("Secretario General")),
            "el Secretario General"
        );
        assert_eq!(
            signer_phrase(&s("Secretaria Municipal")),
            "la Secretaria Municipal"
        );
    }
}
