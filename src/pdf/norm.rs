//! The norm document: ordenanza, decreto, resolución, acuerdo. Title with its number, place
//! and date, vistos, considerandos, the preamble, the operative heading ("SE RESUELVE:",
//! "HA DADO LA ORDENANZA SIGUIENTE:"), numbered articles, the country's closing formula and
//! the signatures, which never start a page on their own.

use chrono::NaiveDate;

use super::{
    Align, Block, DocInfo, Document, Letterhead, ListKind, PageSettings, Paragraph, Signatory,
    Span, Table,
};
use crate::error::{Error, Result};
use crate::spanish;

/// How articles are numbered.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum ArticleStyle {
    /// "Artículo 1°.-"
    #[default]
    Numeric,
    /// "ARTÍCULO PRIMERO.-"
    Ordinal,
}

impl ArticleStyle {
    /// The lead-in of article `n` (1-based).
    pub fn label(self, n: u32) -> String {
        match self {
            ArticleStyle::Numeric => format!("Artículo {n}°.-"),
            ArticleStyle::Ordinal => {
                format!("ARTÍCULO {}.-", spanish::ordinal_words(n).to_uppercase())
            }
        }
    }
}

/// An article of the operative part.
#[derive(Clone, Debug, PartialEq, Default)]
pub struct Article {
    /// Heading after the number ("Objeto"), in bold.
    pub title: Option<String>,
    /// The text.
    pub text: String,
    /// Literales a), b), … under the text.
    pub items: Vec<String>,
    /// A table under the text (tasas, cronogramas).
    pub table: Option<Table>,
}

impl Article {
    /// An article with text only.
    pub fn new(text: impl Into<String>) -> Article {
        Article {
            text: text.into(),
            ..Article::default()
        }
    }

    /// An article with a heading.
    pub fn titled(title: impl Into<String>, text: impl Into<String>) -> Article {
        Article {
            title: Some(title.into()),
            text: text.into(),
            ..Article::default()
        }
    }
}

/// A municipal norm ready to print.
#[derive(Clone, Debug, PartialEq)]
pub struct NormDocument {
    /// The record's id or digest (PDF document ID).
    pub record_id: String,
    /// The norm's date (PDF dates).
    pub date: NaiveDate,
    /// "ORDENANZA", "DECRETO DE ALCALDÍA", "RESOLUCIÓN DE ALCALDÍA", "ACUERDO DE CONCEJO".
    pub kind_label: String,
    /// "ORDENANZA N° 007-2026-MDSRQ".
    pub identifier: String,
    /// "Santa Rosa de Qochapampa, 21 de noviembre de 2026".
    pub place_date: String,
    /// A note under the place and date, in italics: what this norm corrects ("Corrige la
    /// ORDENANZA N° 005-2026-MDSRQ: …"), optional.
    pub note: Option<String>,
    /// Lines before the vistos ("EL ALCALDE DE LA MUNICIPALIDAD … POR CUANTO:"), optional.
    pub issuer: Option<String>,
    /// Vistos.
    pub vistos: Vec<String>,
    /// Considerandos (each usually starts "Que, …").
    pub considerandos: Vec<String>,
    /// Legal basis ("En uso de las facultades conferidas por … aprobó por UNANIMIDAD la
    /// siguiente:").
    pub preamble: Option<String>,
    /// "SE RESUELVE:", "HA DADO LA ORDENANZA SIGUIENTE:", "SE ACUERDA:", "SE DECRETA:".
    pub operative_heading: String,
    /// The norm's own title after the operative heading ("ORDENANZA QUE APRUEBA …").
    pub title: Option<String>,
    /// Articles, numbered from 1.
    pub articles: Vec<Article>,
    /// Article numbering.
    pub article_style: ArticleStyle,
    /// From the rule set: "Regístrese, comuníquese, publíquese y cúmplase."
    pub closing_formula: String,
    /// Who signs (1 to 4 side by side; more wrap to further rows).
    pub signatories: Vec<Signatory>,
    /// Letterhead.
    pub letterhead: Letterhead,
    /// Paper and margins.
    pub settings: PageSettings,
    /// Verification code printed with its QR on every page.
    pub verification_code: Option<String>,
}

fn section(blocks: &mut Vec<Block>, heading: &str, paragraphs: &[String]) {
    if paragraphs.is_empty() {
        return;
    }
    blocks.push(Block::Heading(heading.to_string()));
    for p in paragraphs {
        blocks.push(Block::Paragraph(Paragraph::text(p.clone())));
    }
}

impl NormDocument {
    /// The printable document.
    pub fn document(&self) -> Result<Document> {
        if self.identifier.trim().is_empty() {
            return Err(Error::field("identifier", "La norma no tiene número."));
        }
        if self.signatories.is_empty() {
            return Err(Error::field(
                "signatories",
                "La norma necesita al menos una firma.",
            ));
        }
        let mut b = Vec::new();
        b.push(Block::Title(self.identifier.clone()));
        b.push(Block::Paragraph(
            Paragraph::text(self.place_date.clone())
                .align(Align::Center)
                .spacing(0.0, 14.0),
        ));
        if let Some(note) = &self.note {
            b.push(Block::Paragraph(
                Paragraph::new(vec![Span::italic(note.clone())])
                    .align(Align::Justify)
                    .spacing(0.0, 10.0),
            ));
        }
        if let Some(issuer) = &self.issuer {
            b.push(Block::Paragraph(
                Paragraph::new(vec![Span::bold(issuer.clone())])
                    .align(Align::Left)
                    .spacing(0.0, 8.0),
            ));
        }
        section(&mut b, "VISTOS:", &self.vistos);
        section(&mut b, "CONSIDERANDO:", &self.considerandos);
        if let Some(p) = &self.preamble {
            b.push(Block::Paragraph(Paragraph::text(p.clone())));
        }
        let heading = self.operative_heading.trim();
        // "SE RESUELVE:", "DECRETO:" and their kin sit at the margin; longer formulas ("HA
        // DADO LA ORDENANZA SIGUIENTE:") are centred.
        let align = if heading.chars().count() <= 16 {
            Align::Left
        } else {
            Align::Center
        };
        b.push(Block::Paragraph(
            Paragraph::new(vec![Span::bold(heading)])
                .align(align)
                .spacing(8.0, 8.0)
                .keep_with_next(),
        ));
        if let Some(t) = &self.title {
            b.push(Block::Paragraph(
                Paragraph::new(vec![Span::bold(t.clone())])
                    .align(Align::Center)
                    .spacing(0.0, 10.0)
                    .keep_with_next(),
            ));
        }
        for (i, a) in self.articles.iter().enumerate() {
            let mut spans = vec![Span::bold(format!(
                "{} ",
                self.article_style.label(i as u32 + 1)
            ))];
            if let Some(t) = &a.title {
                spans.push(Span::bold(format!("{}. ", t.trim_end_matches('.'))));
            }
            spans.push(Span::regular(a.text.clone()));
            let mut p = Paragraph::new(spans);
            if !a.items.is_empty() || a.table.is_some() {
                p = p.keep_with_next();
            }
            b.push(Block::Paragraph(p));
            if !a.items.is_empty() {
                b.push(Block::List {
                    kind: ListKind::Lettered,
                    items: a
                        .items
                        .iter()
                        .map(|t| vec![Span::regular(t.clone())])
                        .collect(),
                    indent_mm: 5.0,
                });
            }
            if let Some(t) = &a.table {
                b.push(Block::Table(t.clone()));
            }
        }
        b.push(Block::Paragraph(
            Paragraph::text(self.closing_formula.clone())
                .align(Align::Left)
                .spacing(10.0, 0.0)
                .keep_together(),
        ));
        b.push(Block::Signatures(self.signatories.clone()));

        let municipality = self.letterhead.municipality.clone();
        Ok(Document {
            settings: self.settings,
            info: DocInfo {
                record_id: self.record_id.clone(),
                title: self.identifier.clone(),
                subject: self
                    .title
                    .clone()
                    .unwrap_or_else(|| self.kind_label.clone()),
                author: municipality.clone(),
                keywords: vec![self.kind_label.clone(), self.letterhead.siglas.clone()],
                date: self.date,
                country: self.letterhead.country,
            },
            letterhead: Some(self.letterhead.clone()),
            running_header: Some((municipality.to_uppercase(), self.identifier.clone())),
            verification_code: self.verification_code.clone(),
            folio_start: None,
            page_numbers: None,
            blocks: b,
        })
    }
}

/// Render a norm to PDF bytes.
pub fn render(norm: &NormDocument) -> Result<Vec<u8>> {
    Ok(norm.document()?.render()?.pdf)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn article_labels() {
        assert_eq!(ArticleStyle::Numeric.label(7), "Artículo 7°.-");
        assert_eq!(ArticleStyle::Ordinal.label(11), "ARTÍCULO DÉCIMO PRIMERO.-");
    }
}
