//! The frozen content of a certified copy and how it prints: the certificate, followed by
//! the copied text or the attached PDF's pages.

use serde::{Deserialize, Serialize};

use crate::dates::parse_date;
use crate::error::Result;
use crate::files;
use crate::municipality::place_name;
use crate::norms::SignatoryInput;
use crate::pdf::{self, CertifiedCopy, CopiedContent, Signatory};
use crate::records::settings::Frame;
use crate::records::{file_name, RecordPdf};
use crate::spanish;

/// What a certified copy copies, frozen.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub(super) enum Copied {
    /// A sealed norm's text, printed again.
    Text {
        /// Its identifier.
        heading: String,
        /// Its paragraphs as printed.
        paragraphs: Vec<String>,
    },
    /// A PDF the clerk attached.
    Attached {
        /// What it is.
        description: String,
        /// Its file in the store.
        file_sha256: String,
    },
}

/// The frozen content of a certified copy.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub(super) struct SealedCopy {
    /// Version of this layout.
    pub(super) format: u32,
    /// "CERTIFICADO N° …".
    pub(super) identifier: String,
    /// Date of the certificate (YYYY-MM-DD).
    pub(super) date: String,
    /// "EL SECRETARIO GENERAL … QUE SUSCRIBE,".
    pub(super) certifier_heading: String,
    /// The country's certification wording.
    pub(super) certification_text: String,
    /// Who asked and what for.
    pub(super) purpose: Option<String>,
    /// Folios of the copy.
    pub(super) folios: u32,
    /// Who certifies.
    pub(super) certifier: SignatoryInput,
    /// What is copied.
    pub(super) copied: Copied,
    /// Letterhead and paper.
    pub(super) frame: Frame,
}

impl SealedCopy {
    pub(super) fn document(
        &self,
        files_dir: &std::path::Path,
        record_id: &str,
        code: &str,
    ) -> Result<CertifiedCopy> {
        let date = parse_date(&self.date, "date")?;
        Ok(CertifiedCopy {
            record_id: record_id.to_string(),
            date,
            identifier: self.identifier.clone(),
            certifier_heading: self.certifier_heading.clone(),
            certification_text: self.certification_text.clone(),
            purpose: self.purpose.clone(),
            place_date: format!(
                "{}, {}",
                place_name(&self.frame.municipality),
                spanish::long_date(date, self.frame.country == "CL")
            ),
            folios: self.folios,
            certifier: Signatory {
                name: self.certifier.name.clone(),
                cargo: self.certifier.cargo.clone(),
                dni: self.certifier.dni.clone(),
            },
            content: match &self.copied {
                Copied::Text {
                    heading,
                    paragraphs,
                } => CopiedContent::Text {
                    heading: heading.clone(),
                    paragraphs: paragraphs.clone(),
                },
                Copied::Attached { description, .. } => CopiedContent::AttachedPdf {
                    description: description.clone(),
                },
            },
            letterhead: self.frame.letterhead(files_dir)?,
            settings: self.frame.settings.page(),
            verification_code: Some(code.to_string()),
        })
    }

    /// The certificate, followed by the attached PDF's pages when it copies a file.
    pub(super) fn render(
        &self,
        files_dir: &std::path::Path,
        record_id: &str,
        code: &str,
    ) -> Result<RecordPdf> {
        let r = self
            .document(files_dir, record_id, code)?
            .document()?
            .render()?;
        let signers = vec![(
            self.certifier.name.clone(),
            self.certifier.cargo.clone(),
            self.certifier.dni.clone(),
        )];
        let filename = file_name(&self.identifier);
        match &self.copied {
            Copied::Text { .. } => Ok(RecordPdf {
                pdf: r.pdf,
                pages: r.pages,
                boxes: r.signature_boxes,
                filename,
                signatures: 0,
                signers,
            }),
            Copied::Attached {
                description,
                file_sha256,
            } => {
                let attached = files::read(files_dir, file_sha256)?;
                let merged = pdf::merge(&[
                    pdf::MergePart {
                        pdf: &r.pdf,
                        title: Some(&self.identifier),
                    },
                    pdf::MergePart {
                        pdf: &attached,
                        title: Some(description),
                    },
                ])?;
                Ok(RecordPdf {
                    pdf: merged.pdf,
                    pages: merged.pages,
                    boxes: r.signature_boxes,
                    filename,
                    signatures: 0,
                    signers,
                })
            }
        }
    }
}
