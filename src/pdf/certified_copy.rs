//! The certified copy: a numbered certificate with the country's certification text, signed by
//! the fedatario / Secretario General (Peru) or the Secretario Municipal as ministro de fe
//! (Chile), followed by the copied text when the copy is of a record Cabildo holds.
//!
//! When the original is a scanned or attached PDF, the certificate renders as a document of
//! its own (`CopiedContent::AttachedPdf`); the pages of the attachment are appended after it
//! when the record is sealed (see docs/adr/0005-pdf-engine.md).

use chrono::NaiveDate;

use super::{
    Align, Block, Country, DocInfo, Document, Letterhead, PageSettings, Paragraph, Signatory, Span,
};
use crate::error::{Error, Result};
use crate::spanish;

/// What is being certified.
#[derive(Clone, Debug, PartialEq)]
pub enum CopiedContent {
    /// The text of a record, printed again after the certificate.
    Text {
        /// Heading of the copied record ("ORDENANZA N° 007-2026-MDSRQ").
        heading: String,
        /// Its paragraphs.
        paragraphs: Vec<String>,
    },
    /// Pages of an attached PDF, appended after the certificate when sealed.
    AttachedPdf {
        /// What the attachment is ("Acta de la Sesión Ordinaria N° 021-2026, folios 120 a 131").
        description: String,
    },
}

/// A certified copy ready to print.
#[derive(Clone, Debug, PartialEq)]
pub struct CertifiedCopy {
    /// The record's id or digest (PDF document ID).
    pub record_id: String,
    /// Date of the certificate.
    pub date: NaiveDate,
    /// "CERTIFICADO N° 015-2026-SG/MDSRQ".
    pub identifier: String,
    /// Who certifies, as the certificate opens ("EL SECRETARIO GENERAL DE LA MUNICIPALIDAD …
    /// QUE SUSCRIBE,").
    pub certifier_heading: String,
    /// The certification ("Que, la presente es copia fiel del original …"); see
    /// [`certification_text`] for the country's wording.
    pub certification_text: String,
    /// Who asked and what for ("Se expide la presente a solicitud de …"), optional.
    pub purpose: Option<String>,
    /// "Santa Rosa de Qochapampa, 21 de noviembre de 2026".
    pub place_date: String,
    /// Number of folios (fojas) of the copy.
    pub folios: u32,
    /// The certifier's signature block.
    pub certifier: Signatory,
    /// The copied content.
    pub content: CopiedContent,
    /// Letterhead.
    pub letterhead: Letterhead,
    /// Paper and margins.
    pub settings: PageSettings,
    /// Verification code printed with its QR on every page.
    pub verification_code: Option<String>,
}

/// The country's certification wording for a copy of `original` ("la ORDENANZA N° 007-2026-
/// MDSRQ de fecha 21 de noviembre de 2026") of `folios` folios: Peru's fedatario / Secretaría
/// General, Chile's Secretario Municipal as ministro de fe (art. 20, Ley 18.695).
pub fn certification_text(country: Country, original: &str, folios: u32) -> String {
    match country {
        Country::Peru => format!(
            "Que, la presente es copia fiel del original de {original}, que obra en el archivo \
             de la Secretaría General de esta Municipalidad y consta de {}, debidamente \
             numerados y rubricados.",
            spanish::count(folios, "folio", "folios")
        )
        .replace(" de el ", " del "),
        Country::Chile => format!(
            "Que la presente es copia fiel de su original, {original}, que se encuentra en el \
             archivo de la Secretaría Municipal y consta de {}.",
            spanish::count_feminine(folios, "foja", "fojas")
        ),
    }
}

impl CertifiedCopy {
    /// The printable document.
    pub fn document(&self) -> Result<Document> {
        if self.folios == 0 {
            return Err(Error::field(
                "folios",
                "La copia debe tener al menos un folio.",
            ));
        }
        let mut b = vec![
            Block::Title(self.identifier.clone()),
            Block::Space(6.0),
            Block::Paragraph(
                Paragraph::new(vec![Span::bold(self.certifier_heading.clone())]).spacing(0.0, 10.0),
            ),
            Block::Paragraph(
                Paragraph::new(vec![Span::bold("CERTIFICA:")])
                    .align(Align::Left)
                    .spacing(0.0, 8.0)
                    .keep_with_next(),
            ),
            Block::Paragraph(Paragraph::text(self.certification_text.clone())),
        ];
        if let CopiedContent::AttachedPdf { description } = &self.content {
            b.push(Block::Paragraph(Paragraph::new(vec![
                Span::bold("Documento certificado: "),
                Span::regular(description.clone()),
            ])));
        }
        if let Some(p) = &self.purpose {
            b.push(Block::Paragraph(Paragraph::text(p.clone())));
        }
        b.push(Block::Paragraph(
            Paragraph::text(self.place_date.clone())
                .align(Align::Right)
                .spacing(8.0, 0.0)
                .keep_together(),
        ));
        b.push(Block::Signatures(vec![self.certifier.clone()]));
        if let CopiedContent::Text {
            heading,
            paragraphs,
        } = &self.content
        {
            b.push(Block::PageBreak);
            b.push(Block::Title(heading.clone()));
            b.push(Block::Space(4.0));
            for p in paragraphs {
                b.push(Block::Paragraph(Paragraph::text(p.clone())));
            }
            b.push(Block::Rule);
            b.push(Block::Paragraph(
                Paragraph::new(vec![Span::bold(format!(
                    "ES COPIA FIEL DEL ORIGINAL — {}",
                    self.identifier
                ))])
                .align(Align::Center)
                .size(9.0),
            ));
        }
        let municipality = self.letterhead.municipality.clone();
        Ok(Document {
            settings: self.settings,
            info: DocInfo {
                record_id: self.record_id.clone(),
                title: self.identifier.clone(),
                subject: "Copia certificada".to_string(),
                author: municipality.clone(),
                keywords: vec![
                    "copia certificada".to_string(),
                    self.letterhead.siglas.clone(),
                ],
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

/// Render a certified copy to PDF bytes.
pub fn render(copy: &CertifiedCopy) -> Result<Vec<u8>> {
    Ok(copy.document()?.render()?.pdf)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wording_per_country() {
        let pe = certification_text(Country::Peru, "la ORDENANZA N° 7", 3);
        assert!(pe.contains("Secretaría General") && pe.contains("tres (3) folios"));
        let cl = certification_text(Country::Chile, "el Decreto Alcaldicio N° 5", 1);
        assert!(cl.contains("Secretaría Municipal") && cl.contains("una (1) foja"));
        // "de" + "el DECRETO" contracts.
        let pe = certification_text(Country::Peru, "el DECRETO DE ALCALDÍA N° 5", 2);
        assert!(
            pe.contains("del original del DECRETO DE ALCALDÍA N° 5"),
            "{pe}"
        );
    }
}
