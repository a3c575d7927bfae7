//! What the Secretaría records of a sealed norm's validity: whether it must be published (where
//! the rule leaves it to each norm), whether it is a tax ordinance, the date it says it takes
//! effect; its publications with their evidence; the provincial ratification. Each write
//! recomputes the derived state in the same transaction.

use base64::Engine;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use sqlx::SqliteConnection;
use ts_rs::TS;

use super::{media, publication_rule, ratification_applies, refresh, sealed, store, view};
use super::{NormRatification, NormValidity};
use crate::context::Ctx;
use crate::dates::dmy;
use crate::error::{Error, Result};
use crate::files;
use crate::norms::model::NormKind;
use crate::norms::RECORD_KIND;
use crate::records::{event, SheetFile};
use crate::rules;

fn opt(s: &Option<String>) -> Option<String> {
    s.as_deref()
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(str::to_string)
}

fn who(ctx: &Ctx) -> String {
    if ctx.actor.login.is_empty() {
        "sistema".into()
    } else {
        ctx.actor.login.clone()
    }
}

/// Refuse a day before the norm's date or after today.
fn within(day: NaiveDate, field: &str, what: &str, norm_date: NaiveDate, ctx: &Ctx) -> Result<()> {
    if day < norm_date {
        return Err(Error::field(
            field,
            format!(
                "{what} no puede ser anterior a la fecha de la norma ({}).",
                norm_date.format("%d/%m/%Y")
            ),
        ));
    }
    if day > ctx.today {
        return Err(Error::field(
            field,
            format!(
                "{what} no puede ser posterior a hoy ({}).",
                ctx.today.format("%d/%m/%Y")
            ),
        ));
    }
    Ok(())
}

/// Params of `norm.validity.set`.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct NormValiditySet {
    /// The sealed norm.
    pub id: i64,
    /// It must be published: only where the rule of its kind is `per_norm` (acuerdos); null
    /// elsewhere.
    #[serde(default)]
    pub needs_publication: Option<bool>,
    /// A tax ordinance ("ordenanza tributaria"): only ordenanzas.
    #[serde(default)]
    pub tax_ordinance: bool,
    /// The date the norm says it takes effect ("entra en vigencia el…"), if it says one.
    #[serde(default, with = "crate::dates::iso_opt")]
    #[ts(type = "string | null")]
    pub stated_from: Option<NaiveDate>,
}

/// `norm.validity.set`: what the clerk says of a sealed norm's validity.
pub async fn validity_set(
    conn: &mut SqliteConnection,
    ctx: &Ctx,
    p: NormValiditySet,
) -> Result<NormValidity> {
    let n = sealed(conn, p.id, None).await?;
    let rules = rules::load(conn).await?;
    let rule = publication_rule(&rules, n.kind);
    if p.needs_publication.is_some() && rule != "per_norm" {
        let says = if rule == "yes" { "siempre" } else { "no" };
        return Err(Error::field(
            "needs_publication",
            format!(
                "La regla legal de su municipalidad dice que este tipo de norma {says} requiere publicación: no se indica en cada norma (Configuración → Reglas legales, norms.publication.{}).",
                n.kind.as_str()
            ),
        ));
    }
    if p.tax_ordinance && n.kind != NormKind::Ordenanza {
        return Err(Error::field(
            "tax_ordinance",
            "Solo una ordenanza puede ser ordenanza tributaria.",
        ));
    }
    if let Some(s) = p.stated_from {
        if s < n.date {
            return Err(Error::field(
                "stated_from",
                format!(
                    "La fecha de vigencia que dice la norma no puede ser anterior a su fecha ({}).",
                    n.date.format("%d/%m/%Y")
                ),
            ));
        }
    }
    let before = store::validity(conn, p.id).await?;
    let stated = p.stated_from.map(|d| d.to_string());
    store::set_settings(
        conn,
        p.id,
        p.needs_publication,
        p.tax_ordinance,
        stated.as_deref(),
    )
    .await?;
    refresh(conn, ctx, p.id).await?;
    if let Some(b) = before {
        if b.tax_ordinance != p.tax_ordinance {
            let t = if p.tax_ordinance {
                "Registrada como ordenanza tributaria"
            } else {
                "Ya no se registra como ordenanza tributaria"
            };
            event(conn, ctx, RECORD_KIND, p.id, t).await?;
        }
        if b.stated_from != stated {
            let t = match &stated {
                Some(s) => format!("La norma dispone su vigencia desde el {}", dmy(s)),
                None => "Se quitó la fecha de vigencia que dispone la norma".to_string(),
            };
            event(conn, ctx, RECORD_KIND, p.id, &t).await?;
        }
        if b.publication_flag != p.needs_publication {
            let t = match p.needs_publication {
                Some(true) => "Requiere publicación para surtir efecto",
                _ => "No requiere publicación",
            };
            event(conn, ctx, RECORD_KIND, p.id, t).await?;
        }
    }
    view(conn, ctx, p.id).await
}

/// A file of evidence: (sha256, name), stored until the request commits. `prefix` names the
/// params (`file` → `file_path`, `file_base64`, `file_name`).
async fn store_evidence(
    conn: &mut SqliteConnection,
    ctx: &Ctx,
    path: &Option<String>,
    b64: &Option<String>,
    name: &Option<String>,
) -> Result<Option<(String, String)>> {
    let (field, bytes, name) = if let Some(path) = opt(path) {
        let bytes = std::fs::read(&path)
            .map_err(|e| Error::field("file_path", format!("No se pudo leer «{path}»: {e}.")))?;
        let name = std::path::Path::new(&path)
            .file_name()
            .map(|n| n.to_string_lossy().to_string())
            .unwrap_or_else(|| "constancia".into());
        ("file_path", bytes, name)
    } else if let Some(b) = opt(b64) {
        let bytes = base64::engine::general_purpose::STANDARD
            .decode(b)
            .map_err(|_| Error::field("file_base64", "El contenido del archivo llegó dañado."))?;
        (
            "file_base64",
            bytes,
            opt(name).unwrap_or_else(|| "constancia".into()),
        )
    } else {
        return Ok(None);
    };
    if bytes.is_empty() {
        return Err(Error::field(field, "El archivo está vacío."));
    }
    let mime = if bytes.starts_with(b"%PDF-") {
        "application/pdf"
    } else {
        files::image_mime(&bytes).ok_or_else(|| {
            Error::field(
                field,
                "La constancia debe ser un PDF o una imagen (PNG o JPEG) de la página publicada.",
            )
        })?
    };
    let sha = files::store(conn, ctx, &bytes, mime, &name).await?;
    Ok(Some((sha, name)))
}

/// Params of `norm.publication.add`.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct NormPublicationAdd {
    /// The sealed norm.
    pub id: i64,
    /// Medium code (one of the rule `norms.publication.media`).
    pub medium: String,
    /// Day published.
    #[serde(default, with = "crate::dates::iso_opt")]
    #[ts(type = "string | null")]
    pub published_on: Option<NaiveDate>,
    /// Edition, page.
    #[serde(default)]
    pub reference: Option<String>,
    /// The date the norm says it takes effect, recorded with its publication (optional).
    #[serde(default, with = "crate::dates::iso_opt")]
    #[ts(type = "string | null")]
    pub stated_from: Option<NaiveDate>,
    /// The scanned page or PDF, picked in the system dialog.
    #[serde(default)]
    pub file_path: Option<String>,
    /// Or its bytes in base64 (CLI, tests).
    #[serde(default)]
    pub file_base64: Option<String>,
    /// The file's name, with `file_base64`.
    #[serde(default)]
    pub file_name: Option<String>,
}

/// `norm.publication.add`: a publication of a sealed norm with its evidence.
pub async fn publication_add(
    conn: &mut SqliteConnection,
    ctx: &Ctx,
    p: NormPublicationAdd,
) -> Result<NormValidity> {
    let n = sealed(conn, p.id, None).await?;
    let rules = rules::load(conn).await?;
    let media = media(&rules);
    let medium = p.medium.trim();
    if medium.is_empty() {
        return Err(Error::field("medium", "Elija el medio en que se publicó."));
    }
    let Some(m) = media.iter().find(|m| m.code == medium) else {
        return Err(Error::field(
            "medium",
            format!(
                "«{medium}» no es un medio de publicación de su municipalidad: {}.",
                media
                    .iter()
                    .map(|m| m.label.as_str())
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
        ));
    };
    let Some(on) = p.published_on else {
        return Err(Error::field(
            "published_on",
            "Indique la fecha de publicación.",
        ));
    };
    within(on, "published_on", "La fecha de publicación", n.date, ctx)?;
    let on_s = on.to_string();
    if store::publication_exists(conn, p.id, medium, &on_s).await? {
        return Err(Error::field(
            "published_on",
            format!(
                "Ya está registrada la publicación en {} del {}.",
                m.label,
                dmy(&on_s)
            ),
        ));
    }
    if let Some(s) = p.stated_from {
        if s < n.date {
            return Err(Error::field(
                "stated_from",
                format!(
                    "La fecha de vigencia que dice la norma no puede ser anterior a su fecha ({}).",
                    n.date.format("%d/%m/%Y")
                ),
            ));
        }
    }
    let file = store_evidence(conn, ctx, &p.file_path, &p.file_base64, &p.file_name).await?;
    let reference = opt(&p.reference);
    store::insert_publication(
        conn,
        p.id,
        &store::NewPublication {
            medium,
            published_on: &on_s,
            reference: reference.as_deref(),
            file: file.as_ref().map(|(s, n)| (s.as_str(), n.as_str())),
        },
        &ctx.stamp(),
        &who(ctx),
    )
    .await?;
    if let Some(s) = p.stated_from {
        store::set_stated_from(conn, p.id, &s.to_string()).await?;
    }
    refresh(conn, ctx, p.id).await?;
    event(
        conn,
        ctx,
        RECORD_KIND,
        p.id,
        &format!("Publicada en {} el {}", m.label, dmy(&on_s)),
    )
    .await?;
    view(conn, ctx, p.id).await
}

/// Params of `norm.publication.remove`.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct NormPublicationRemove {
    /// The norm.
    pub id: i64,
    /// The publication recorded by mistake.
    pub publication_id: i64,
}

/// `norm.publication.remove`: a publication recorded by mistake (the evidence file stays in
/// the store).
pub async fn publication_remove(
    conn: &mut SqliteConnection,
    ctx: &Ctx,
    p: NormPublicationRemove,
) -> Result<NormValidity> {
    sealed(conn, p.id, None).await?;
    if store::publication_norm(conn, p.publication_id).await? != Some(p.id) {
        return Err(Error::NotFound(
            "Esa publicación no está registrada en esta norma.".into(),
        ));
    }
    let before = view(conn, ctx, p.id).await?;
    let gone = before
        .publications
        .iter()
        .find(|x| x.id == p.publication_id)
        .map(|x| format!("{} del {}", x.medium_label, dmy(&x.published_on)))
        .unwrap_or_default();
    store::delete_publication(conn, p.publication_id).await?;
    refresh(conn, ctx, p.id).await?;
    event(
        conn,
        ctx,
        RECORD_KIND,
        p.id,
        &format!("Se quitó la publicación en {gone} (registrada por error)"),
    )
    .await?;
    view(conn, ctx, p.id).await
}

/// Params of `norm.ratification.set`.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct NormRatificationSet {
    /// The district tax ordinance.
    pub id: i64,
    /// The provincial act ("Acuerdo de Concejo N° 123-2026-MML").
    pub identifier: String,
    /// Its date.
    #[serde(default, with = "crate::dates::iso_opt")]
    #[ts(type = "string | null")]
    pub date: Option<NaiveDate>,
    /// When it was published (optional).
    #[serde(default, with = "crate::dates::iso_opt")]
    #[ts(type = "string | null")]
    pub published_on: Option<NaiveDate>,
    /// The evidence, picked in the system dialog.
    #[serde(default)]
    pub file_path: Option<String>,
    /// Or its bytes in base64.
    #[serde(default)]
    pub file_base64: Option<String>,
    /// The file's name, with `file_base64`.
    #[serde(default)]
    pub file_name: Option<String>,
}

/// `norm.ratification.set`: the provincial ratification of a district tax ordinance (Ley
/// 27972 art. 40); a second call corrects it.
pub async fn ratification_set(
    conn: &mut SqliteConnection,
    ctx: &Ctx,
    p: NormRatificationSet,
) -> Result<NormValidity> {
    let n = sealed(conn, p.id, None).await?;
    let rules = rules::load(conn).await?;
    let v = store::validity(conn, p.id).await?;
    if !(n.kind == NormKind::Ordenanza && ratification_applies(conn, &rules).await?) {
        return Err(Error::Conflict(
            "Solo las ordenanzas tributarias de una municipalidad distrital requieren ratificación provincial."
                .into(),
        ));
    }
    if !v.is_some_and(|v| v.tax_ordinance) {
        return Err(Error::field(
            "tax_ordinance",
            "Marque primero la ordenanza como tributaria: solo esas requieren ratificación provincial.",
        ));
    }
    let identifier = p.identifier.trim();
    if identifier.is_empty() {
        return Err(Error::field(
            "identifier",
            "Escriba el acuerdo u ordenanza provincial que la ratifica (por ejemplo «Acuerdo de Concejo N° 123-2026-MML»).",
        ));
    }
    let Some(date) = p.date else {
        return Err(Error::field("date", "Indique la fecha de la ratificación."));
    };
    within(date, "date", "La fecha de la ratificación", n.date, ctx)?;
    if let Some(pubd) = p.published_on {
        within(
            pubd,
            "published_on",
            "La publicación de la ratificación",
            date,
            ctx,
        )?;
    }
    let file = store_evidence(conn, ctx, &p.file_path, &p.file_base64, &p.file_name).await?;
    store::set_ratification(
        conn,
        p.id,
        &NormRatification {
            identifier: identifier.to_string(),
            date: date.to_string(),
            published_on: p.published_on.map(|d| d.to_string()),
            file_sha256: file.as_ref().map(|f| f.0.clone()),
            file_name: file.map(|f| f.1),
        },
        &ctx.stamp(),
        &who(ctx),
    )
    .await?;
    refresh(conn, ctx, p.id).await?;
    event(
        conn,
        ctx,
        RECORD_KIND,
        p.id,
        &format!(
            "Ratificada por {identifier} del {}",
            date.format("%d/%m/%Y")
        ),
    )
    .await?;
    view(conn, ctx, p.id).await
}

/// `norm.ratification.remove`: a ratification recorded by mistake.
pub async fn ratification_remove(
    conn: &mut SqliteConnection,
    ctx: &Ctx,
    p: crate::norms::NormId,
) -> Result<NormValidity> {
    sealed(conn, p.id, None).await?;
    if !store::delete_ratification(conn, p.id).await? {
        return Err(Error::NotFound(
            "Esta norma no tiene ratificación registrada.".into(),
        ));
    }
    refresh(conn, ctx, p.id).await?;
    event(
        conn,
        ctx,
        RECORD_KIND,
        p.id,
        "Se quitó la ratificación provincial (registrada por error)",
    )
    .await?;
    view(conn, ctx, p.id).await
}

/// Params of `norm.evidence`.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct NormEvidence {
    /// The norm.
    pub id: i64,
    /// SHA-256 of a publication's or the ratification's file.
    pub sha256: String,
    /// Where to write a copy; absent: the bytes come back in base64.
    #[serde(default)]
    pub path: Option<String>,
}

/// `norm.evidence`: a publication's or a ratification's file (checked against its digest).
pub async fn evidence(
    conn: &mut SqliteConnection,
    ctx: &Ctx,
    p: NormEvidence,
) -> Result<SheetFile> {
    let sha = p.sha256.trim();
    let name = store::evidence_name(conn, p.id, sha)
        .await?
        .ok_or_else(|| Error::NotFound("Ese archivo no es una constancia de esta norma.".into()))?;
    let bytes = files::read(&ctx.files_dir, sha)?;
    crate::records::deliver(name, bytes, 1, p.path.as_deref())
}
