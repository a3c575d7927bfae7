//! The norm record: ordenanza, decreto, resolución, acuerdo. A draft is written and corrected
//! freely in the editor; sealing numbers it from its series (in the same transaction), freezes
//! its content and makes it printable as the official record. A sealed norm never changes: a
//! correction is a new norm that points to the one it corrects.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use sqlx::{FromRow, SqliteConnection};
use ts_rs::TS;

use super::settings::Frame;
use super::{event, seal, RecordPdf, Seal, SignatureRow};
use crate::context::Ctx;
use crate::dates::parse_date;
use crate::error::{Error, Result};
use crate::numbering;
use crate::pdf::{self, Article, ArticleStyle, NormDocument, Signatory};
use crate::{ids, rules, spanish};

/// Kind of norms in seals, signatures and history.
pub const RECORD_KIND: &str = "norma";

/// The norm kind a numbering series serves: `ordenanza`, `decreto`, `acuerdo`, and every
/// `resolucion-*` series (alcaldía, concejo, gerencia) as `resolucion`.
pub fn kind_of_series(code: &str) -> Option<&'static str> {
    match code {
        c if c == "ordenanza" || c.starts_with("ordenanza-") => Some("ordenanza"),
        c if c == "decreto" || c.starts_with("decreto-") => Some("decreto"),
        c if c == "acuerdo" || c.starts_with("acuerdo-") => Some("acuerdo"),
        c if c == "resolucion" || c.starts_with("resolucion-") => Some("resolucion"),
        _ => None,
    }
}

/// The place written before the date: the district or comuna of the municipality's name
/// ("Municipalidad Distrital de Santa Rosa de Qochapampa" → "Santa Rosa de Qochapampa").
pub fn place_name(municipality: &str) -> String {
    let lower = municipality.to_lowercase();
    for prefix in [
        "ilustre municipalidad de ",
        "municipalidad metropolitana de ",
        "municipalidad provincial de ",
        "municipalidad distrital de ",
        "municipalidad de ",
    ] {
        if lower.starts_with(prefix) {
            // Prefixes are ASCII, so byte offsets line up.
            return municipality[prefix.len()..].trim().to_string();
        }
    }
    municipality.trim().to_string()
}

/// An article as typed in the editor.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS, Default)]
#[serde(deny_unknown_fields)]
pub struct ArticleInput {
    /// Heading after the number ("Objeto"), optional.
    pub title: Option<String>,
    /// Text of the article.
    pub text: String,
    /// Literales a), b), … under the text.
    #[serde(default)]
    pub items: Vec<String>,
}

/// A person who signs the norm.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS, Default)]
#[serde(deny_unknown_fields)]
pub struct SignatoryInput {
    /// Full name.
    pub name: String,
    /// Cargo ("Alcalde", "Secretario General").
    pub cargo: String,
    /// DNI (Peru) or RUN (Chile), optional.
    pub dni: Option<String>,
}

/// What the editor sends.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct NormInput {
    /// Numbering series code (`ordenanza`, `decreto`, `resolucion-alcaldia`, `acuerdo`…).
    pub series: String,
    /// Kind of the session that adopted it (`ordinaria`, `extraordinaria`, `solemne`), for
    /// series whose number carries it (acuerdos: "…-SO-CM/…").
    #[serde(default)]
    pub session_kind: Option<String>,
    /// Date of the norm (YYYY-MM-DD).
    pub date: String,
    /// What it is about ("Ordenanza que aprueba el Reglamento de …").
    pub title: String,
    /// Lines before the vistos ("EL ALCALDE DE … POR CUANTO:"), optional.
    pub issuer: Option<String>,
    /// Vistos, one per paragraph.
    #[serde(default)]
    pub vistos: Vec<String>,
    /// Considerandos, one per paragraph.
    #[serde(default)]
    pub considerandos: Vec<String>,
    /// Legal basis before the operative part, optional.
    pub preamble: Option<String>,
    /// "SE RESUELVE:", "HA DADO LA ORDENANZA SIGUIENTE:"…
    pub operative_heading: String,
    /// Articles, numbered from 1.
    #[serde(default)]
    pub articles: Vec<ArticleInput>,
    /// Closing formula ("Regístrese, comuníquese, publíquese y cúmplase.").
    pub closing_formula: String,
    /// Who signs, 1 to 4.
    #[serde(default)]
    pub signatories: Vec<SignatoryInput>,
}

/// Params of `norm.update`.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct NormUpdate {
    /// The draft.
    pub id: i64,
    /// Its new content.
    pub norm: NormInput,
}

/// A norm and what hangs from it.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct Norm {
    /// Id.
    pub id: i64,
    /// `ordenanza`, `decreto`, `resolucion`, `acuerdo` (also its printable kind).
    pub kind: String,
    /// The content.
    pub norm: NormInput,
    /// "ORDENANZA N° 007-2026-MDSRQ" once sealed.
    pub identifier: Option<String>,
    /// The identifier the next number of its series would give on its date (drafts).
    pub next_identifier: Option<String>,
    /// The seal, once sealed.
    pub seal: Option<Seal>,
    /// Digital signatures, in order.
    pub signatures: Vec<SignatureRow>,
    /// The norm this one corrects.
    pub corrects: Option<NormLink>,
    /// Why it corrects it.
    pub correction_reason: Option<String>,
    /// Norms that correct this one.
    pub corrected_by: Vec<NormLink>,
    /// Created (RFC 3339).
    pub created_at: String,
    /// Last saved (RFC 3339).
    pub updated_at: String,
}

/// A reference to another norm.
#[derive(Debug, Clone, Serialize, Deserialize, TS, FromRow)]
pub struct NormLink {
    /// Id.
    pub id: i64,
    /// Identifier, when sealed.
    pub identifier: Option<String>,
    /// Title.
    pub title: String,
}

/// A line of the norms list.
#[derive(Debug, Clone, Serialize, Deserialize, TS, FromRow)]
pub struct NormSummary {
    /// Id.
    pub id: i64,
    /// Kind.
    pub kind: String,
    /// Series code.
    pub series: String,
    /// Date.
    pub date: String,
    /// Title.
    pub title: String,
    /// Identifier, when sealed.
    pub identifier: Option<String>,
    /// When sealed.
    pub sealed_at: Option<String>,
    /// Verification code, when sealed.
    pub verification_code: Option<String>,
    /// Digital signatures.
    pub signatures: i64,
    /// Id of the norm it corrects.
    pub corrects_id: Option<i64>,
}

/// Params of `norm.list`.
#[derive(Debug, Clone, Default, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct NormList {
    /// Only this kind.
    pub kind: Option<String>,
    /// `borrador` or `sellada`.
    pub status: Option<String>,
    /// Words in the title or identifier.
    pub query: Option<String>,
}

/// `norm.list`: newest first.
pub async fn list(
    conn: &mut SqliteConnection,
    _ctx: &Ctx,
    p: NormList,
) -> Result<Vec<NormSummary>> {
    let rows: Vec<NormSummary> = sqlx::query_as(
        "SELECT n.id, n.kind, n.series, n.date, n.title, n.identifier, n.sealed_at,
           s.verification_code,
           (SELECT count(*) FROM record_signature g WHERE g.record_kind = 'norma' AND g.record_id = n.id) AS signatures,
           n.corrects_id
         FROM norm n LEFT JOIN record_seal s ON s.record_kind = 'norma' AND s.record_id = n.id
         WHERE (?1 IS NULL OR n.kind = ?1)
           AND (?2 IS NULL OR (?2 = 'sellada') = (n.sealed_at IS NOT NULL))
         ORDER BY n.date DESC, n.id DESC",
    )
    .bind(p.kind.as_deref().filter(|k| !k.is_empty()))
    .bind(p.status.as_deref().filter(|k| !k.is_empty()))
    .fetch_all(&mut *conn)
    .await?;
    let words: Vec<String> = p
        .query
        .as_deref()
        .unwrap_or("")
        .split_whitespace()
        .map(crate::spanish::fold)
        .collect();
    Ok(rows
        .into_iter()
        .filter(|r| {
            let hay = crate::spanish::fold(&format!(
                "{} {}",
                r.title,
                r.identifier.as_deref().unwrap_or("")
            ));
            words.iter().all(|w| hay.contains(w.as_str()))
        })
        .collect())
}

#[derive(FromRow)]
struct NormRow {
    series: String,
    session_kind: Option<String>,
    kind: String,
    date: String,
    title: String,
    issuer: Option<String>,
    vistos: String,
    considerandos: String,
    preamble: Option<String>,
    operative_heading: String,
    articles: String,
    closing_formula: String,
    signatories: String,
    corrects_id: Option<i64>,
    correction_reason: Option<String>,
    identifier: Option<String>,
    created_at: String,
    updated_at: String,
    sealed_at: Option<String>,
}

fn json_col<T: serde::de::DeserializeOwned>(s: &str) -> Result<T> {
    serde_json::from_str(s).map_err(|e| Error::Internal(format!("columna JSON ilegible: {e}")))
}

impl NormRow {
    fn input(&self) -> Result<NormInput> {
        Ok(NormInput {
            series: self.series.clone(),
            session_kind: self.session_kind.clone(),
            date: self.date.clone(),
            title: self.title.clone(),
            issuer: self.issuer.clone(),
            vistos: json_col(&self.vistos)?,
            considerandos: json_col(&self.considerandos)?,
            preamble: self.preamble.clone(),
            operative_heading: self.operative_heading.clone(),
            articles: json_col(&self.articles)?,
            closing_formula: self.closing_formula.clone(),
            signatories: json_col(&self.signatories)?,
        })
    }
}

async fn row(conn: &mut SqliteConnection, id: i64) -> Result<NormRow> {
    sqlx::query_as(
        "SELECT series, session_kind, kind, date, title, issuer, vistos, considerandos, preamble,
           operative_heading, articles, closing_formula, signatories, corrects_id,
           correction_reason, identifier, created_at, updated_at, sealed_at
         FROM norm WHERE id = ?",
    )
    .bind(id)
    .fetch_optional(&mut *conn)
    .await?
    .ok_or_else(|| Error::NotFound(format!("No existe la norma {id}.")))
}

async fn link(conn: &mut SqliteConnection, id: i64) -> Result<NormLink> {
    Ok(
        sqlx::query_as("SELECT id, identifier, title FROM norm WHERE id = ?")
            .bind(id)
            .fetch_one(&mut *conn)
            .await?,
    )
}

/// The whole norm.
pub async fn load(conn: &mut SqliteConnection, ctx: &Ctx, id: i64) -> Result<Norm> {
    let r = row(conn, id).await?;
    let seal = seal::of(conn, RECORD_KIND, id).await?;
    let signatures = super::signatures_of(conn, RECORD_KIND, id).await?;
    let corrects = match r.corrects_id {
        Some(c) => Some(link(conn, c).await?),
        None => None,
    };
    let corrected_by: Vec<NormLink> =
        sqlx::query_as("SELECT id, identifier, title FROM norm WHERE corrects_id = ? ORDER BY id")
            .bind(id)
            .fetch_all(&mut *conn)
            .await?;
    let next_identifier = if r.sealed_at.is_none() {
        let date = parse_date(&r.date, "date").unwrap_or(ctx.today);
        numbering::preview(
            conn,
            ctx,
            numbering::NumberingPreview {
                series: r.series.clone(),
                date: Some(date),
                session_kind: r.session_kind.clone(),
            },
        )
        .await
        .ok()
        .map(|p| p.identifier)
    } else {
        None
    };
    Ok(Norm {
        id,
        kind: r.kind.clone(),
        norm: r.input()?,
        identifier: r.identifier.clone(),
        next_identifier,
        seal,
        signatures,
        corrects,
        correction_reason: r.correction_reason.clone(),
        corrected_by,
        created_at: r.created_at.clone(),
        updated_at: r.updated_at.clone(),
    })
}

/// Params naming one norm.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct NormId {
    /// Id.
    pub id: i64,
}

/// `norm.get`.
pub async fn get(conn: &mut SqliteConnection, ctx: &Ctx, p: NormId) -> Result<Norm> {
    load(conn, ctx, p.id).await
}

fn trimmed(s: &str) -> String {
    s.trim().to_string()
}

fn opt(s: &Option<String>) -> Option<String> {
    s.as_deref()
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(str::to_string)
}

/// Clean what the editor sent (trim, drop empty paragraphs and literales) and check what a
/// draft needs: a norm series, a date and a title. Completeness is checked when sealing.
async fn clean(conn: &mut SqliteConnection, p: &NormInput) -> Result<(NormInput, &'static str)> {
    let series = p.series.trim();
    let exists: bool =
        sqlx::query_scalar("SELECT count(*) > 0 FROM numbering_series WHERE code = ?")
            .bind(series)
            .fetch_one(&mut *conn)
            .await?;
    let kind = kind_of_series(series).filter(|_| exists).ok_or_else(|| {
        Error::field(
            "series",
            format!(
                "«{series}» no es una serie de normas (ordenanza, decreto, resolución o acuerdo)."
            ),
        )
    })?;
    parse_date(&p.date, "date")?;
    let needs_session: bool = sqlx::query_scalar(
        "SELECT instr(pattern, '{sesion}') > 0 FROM numbering_series WHERE code = ?",
    )
    .bind(series)
    .fetch_one(&mut *conn)
    .await?;
    let session_kind = match p
        .session_kind
        .as_deref()
        .map(str::trim)
        .filter(|s| !s.is_empty())
    {
        _ if !needs_session => None,
        None => Some("ordinaria".to_string()),
        Some(k @ ("ordinaria" | "extraordinaria" | "solemne")) => Some(k.to_string()),
        Some(other) => {
            return Err(Error::field(
                "session_kind",
                format!("«{other}» no es un tipo de sesión: ordinaria, extraordinaria o solemne."),
            ))
        }
    };
    if p.title.trim().is_empty() {
        return Err(Error::field(
            "title",
            "Escriba el título o sumilla de la norma.",
        ));
    }
    let paragraphs = |v: &[String]| -> Vec<String> {
        v.iter()
            .map(|s| s.trim().to_string())
            .filter(|s| !s.is_empty())
            .collect()
    };
    let signatories = p
        .signatories
        .iter()
        .map(|s| SignatoryInput {
            name: trimmed(&s.name),
            cargo: trimmed(&s.cargo),
            dni: opt(&s.dni),
        })
        .filter(|s| !(s.name.is_empty() && s.cargo.is_empty() && s.dni.is_none()))
        .collect();
    Ok((
        NormInput {
            series: series.to_string(),
            session_kind,
            date: p.date.trim().to_string(),
            title: trimmed(&p.title),
            issuer: opt(&p.issuer),
            vistos: paragraphs(&p.vistos),
            considerandos: paragraphs(&p.considerandos),
            preamble: opt(&p.preamble),
            operative_heading: trimmed(&p.operative_heading),
            articles: p
                .articles
                .iter()
                .map(|a| ArticleInput {
                    title: opt(&a.title),
                    text: trimmed(&a.text),
                    items: paragraphs(&a.items),
                })
                .filter(|a| !(a.text.is_empty() && a.title.is_none() && a.items.is_empty()))
                .collect(),
            closing_formula: trimmed(&p.closing_formula),
            signatories,
        },
        kind,
    ))
}

/// What sealing needs beyond a draft: the operative part, articles with text, 1 to 4
/// signatories with name and cargo, valid DNI/RUN.
fn check_complete(n: &NormInput, country: &str) -> Result<()> {
    if n.operative_heading.is_empty() {
        return Err(Error::field(
            "operative_heading",
            "Falta la fórmula de la parte resolutiva (por ejemplo «SE RESUELVE:»).",
        ));
    }
    if n.articles.is_empty() {
        return Err(Error::field(
            "articles",
            "La norma necesita al menos un artículo.",
        ));
    }
    for (i, a) in n.articles.iter().enumerate() {
        if a.text.is_empty() {
            return Err(Error::field(
                &format!("articles[{i}].text"),
                format!("El artículo {} no tiene texto.", i + 1),
            ));
        }
    }
    if n.closing_formula.is_empty() {
        return Err(Error::field(
            "closing_formula",
            "Falta la fórmula de cierre («Regístrese, comuníquese…»).",
        ));
    }
    if n.signatories.is_empty() {
        return Err(Error::field(
            "signatories",
            "Indique quién firma la norma (al menos una persona).",
        ));
    }
    if n.signatories.len() > 4 {
        return Err(Error::field(
            "signatories",
            "Una norma lleva como máximo cuatro firmas.",
        ));
    }
    for (i, s) in n.signatories.iter().enumerate() {
        if s.name.is_empty() {
            return Err(Error::field(
                &format!("signatories[{i}].name"),
                format!("Falta el nombre de quien firma en el bloque {}.", i + 1),
            ));
        }
        if s.cargo.is_empty() {
            return Err(Error::field(
                &format!("signatories[{i}].cargo"),
                format!("Falta el cargo de {}.", s.name),
            ));
        }
    }
    validate_ids(n, country)
}

fn validate_ids(n: &NormInput, country: &str) -> Result<()> {
    for (i, s) in n.signatories.iter().enumerate() {
        if let Some(d) = &s.dni {
            let doc = if country == "CL" { "RUN" } else { "DNI" };
            ids::validate(doc, d)
                .map_err(|e| Error::field(&format!("signatories[{i}].dni"), e.to_api().message))?;
        }
    }
    Ok(())
}

fn to_json<T: Serialize>(v: &T) -> String {
    serde_json::to_string(v).expect("plain data serializes")
}

/// `norm.create`: a new draft.
pub async fn create(conn: &mut SqliteConnection, ctx: &Ctx, p: NormInput) -> Result<Norm> {
    let (n, kind) = clean(conn, &p).await?;
    let country = crate::municipality::country(conn).await?;
    validate_ids(&n, &country)?;
    let id = insert(conn, ctx, &n, kind, None, None).await?;
    event(conn, ctx, RECORD_KIND, id, "Proyecto creado").await?;
    load(conn, ctx, id).await
}

/// The columns a draft's content is saved in, in the order [`bind_content`] binds them.
const CONTENT_COLUMNS: &str = "series, session_kind, kind, date, title, issuer, vistos,
    considerandos, preamble, operative_heading, articles, closing_formula, signatories";
const CONTENT_PARAMS: &str = "?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?";

type Query<'q> = sqlx::query::Query<'q, sqlx::Sqlite, sqlx::sqlite::SqliteArguments<'q>>;

fn bind_content<'q>(q: Query<'q>, n: &'q NormInput, kind: &'q str) -> Query<'q> {
    q.bind(&n.series)
        .bind(&n.session_kind)
        .bind(kind)
        .bind(&n.date)
        .bind(&n.title)
        .bind(&n.issuer)
        .bind(to_json(&n.vistos))
        .bind(to_json(&n.considerandos))
        .bind(&n.preamble)
        .bind(&n.operative_heading)
        .bind(to_json(&n.articles))
        .bind(&n.closing_formula)
        .bind(to_json(&n.signatories))
}

async fn insert(
    conn: &mut SqliteConnection,
    ctx: &Ctx,
    n: &NormInput,
    kind: &str,
    corrects: Option<i64>,
    reason: Option<&str>,
) -> Result<i64> {
    use sqlx::Row;
    let at = ctx.stamp();
    let sql = format!(
        "INSERT INTO norm ({CONTENT_COLUMNS}, corrects_id, correction_reason, created_at, updated_at)
         VALUES ({CONTENT_PARAMS}, ?, ?, ?, ?) RETURNING id"
    );
    let row = bind_content(sqlx::query(&sql), n, kind)
        .bind(corrects)
        .bind(reason)
        .bind(&at)
        .bind(&at)
        .fetch_one(&mut *conn)
        .await?;
    Ok(row.try_get("id")?)
}

fn sealed_error(identifier: &str) -> Error {
    Error::Sealed(format!(
        "{identifier} está sellada: no se puede modificar ni borrar. Para corregirla, registre una corrección."
    ))
}

/// `norm.update`: save a draft.
pub async fn update(conn: &mut SqliteConnection, ctx: &Ctx, p: NormUpdate) -> Result<Norm> {
    let current = row(conn, p.id).await?;
    if let Some(ident) = &current.identifier {
        return Err(sealed_error(ident));
    }
    let (n, kind) = clean(conn, &p.norm).await?;
    let country = crate::municipality::country(conn).await?;
    validate_ids(&n, &country)?;
    let sql = format!(
        "UPDATE norm SET ({CONTENT_COLUMNS}, updated_at) = ({CONTENT_PARAMS}, ?) WHERE id = ?"
    );
    bind_content(sqlx::query(&sql), &n, kind)
        .bind(ctx.stamp())
        .bind(p.id)
        .execute(&mut *conn)
        .await?;
    if current.input()? != n {
        event(conn, ctx, RECORD_KIND, p.id, "Proyecto modificado").await?;
    }
    load(conn, ctx, p.id).await
}

/// `norm.delete`: discard a draft (a sealed norm can never be deleted).
pub async fn delete(
    conn: &mut SqliteConnection,
    _ctx: &Ctx,
    p: NormId,
) -> Result<crate::context::Empty> {
    let current = row(conn, p.id).await?;
    if let Some(ident) = &current.identifier {
        return Err(sealed_error(ident));
    }
    sqlx::query("DELETE FROM norm WHERE id = ?")
        .bind(p.id)
        .execute(&mut *conn)
        .await?;
    Ok(crate::context::Empty {})
}

/// The frozen content of a sealed norm: everything its printed pages show.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
struct SealedNorm {
    format: u32,
    kind: String,
    kind_label: String,
    identifier: String,
    note: Option<String>,
    norm: NormInput,
    frame: Frame,
}

/// `norm.seal`: number the draft from its series, freeze it and seal it, in one transaction.
pub async fn seal_norm(conn: &mut SqliteConnection, ctx: &Ctx, p: NormId) -> Result<Norm> {
    let current = row(conn, p.id).await?;
    if let Some(ident) = &current.identifier {
        return Err(Error::Sealed(format!("{ident} ya está sellada.")));
    }
    let (n, kind) = clean(conn, &current.input()?).await?;
    let country = crate::municipality::country(conn).await?;
    check_complete(&n, &country)?;
    let date = parse_date(&n.date, "date")?;
    let note = match current.corrects_id {
        Some(c) => {
            let l = link(conn, c).await?;
            Some(format!(
                "Corrige {}: {}",
                l.identifier.unwrap_or(l.title),
                current.correction_reason.clone().unwrap_or_default()
            ))
        }
        None => None,
    };
    let assignment = numbering::assign(
        conn,
        ctx,
        &numbering::NumberingAssign {
            series: n.series.clone(),
            date,
            session_kind: n.session_kind.clone(),
            record_kind: Some(RECORD_KIND.to_string()),
            record_id: Some(p.id),
        },
    )
    .await?;
    let frame = Frame::current(conn, date).await?;
    let content = SealedNorm {
        format: 1,
        kind: kind.to_string(),
        kind_label: kind_label(&n.series, &country).to_string(),
        identifier: assignment.identifier.clone(),
        note,
        norm: n,
        frame,
    };
    let value = serde_json::to_value(&content).map_err(|e| Error::Internal(e.to_string()))?;
    let s = seal::create(conn, ctx, RECORD_KIND, p.id, &value).await?;
    sqlx::query("UPDATE norm SET identifier = ?, assignment_id = ?, sealed_at = ? WHERE id = ?")
        .bind(&assignment.identifier)
        .bind(assignment.id)
        .bind(&s.sealed_at)
        .bind(p.id)
        .execute(&mut *conn)
        .await?;
    event(
        conn,
        ctx,
        RECORD_KIND,
        p.id,
        &format!(
            "Sellada como {} (código de verificación {})",
            assignment.identifier, s.verification_code
        ),
    )
    .await?;
    load(conn, ctx, p.id).await
}

/// Params of `norm.correct`.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct NormCorrect {
    /// The sealed norm to correct.
    pub id: i64,
    /// What is wrong with it.
    pub reason: String,
}

/// `norm.correct`: a new draft that corrects a sealed norm, starting from its content.
pub async fn correct(conn: &mut SqliteConnection, ctx: &Ctx, p: NormCorrect) -> Result<Norm> {
    let original = row(conn, p.id).await?;
    let Some(ident) = original.identifier.clone() else {
        return Err(Error::Conflict(
            "Un proyecto no se corrige: modifíquelo directamente.".into(),
        ));
    };
    let reason = p.reason.trim();
    if reason.is_empty() {
        return Err(Error::field(
            "reason",
            "Explique qué se corrige (por ejemplo «error material en el artículo 2°»).",
        ));
    }
    let pending: Option<i64> =
        sqlx::query_scalar("SELECT id FROM norm WHERE corrects_id = ? AND sealed_at IS NULL")
            .bind(p.id)
            .fetch_optional(&mut *conn)
            .await?;
    if let Some(d) = pending {
        return Err(Error::Conflict(format!(
            "Ya hay un proyecto de corrección de {ident} (proyecto {d}); complételo o descártelo."
        )));
    }
    let mut n = original.input()?;
    n.date = ctx.today.to_string();
    let id = insert(conn, ctx, &n, &original.kind, Some(p.id), Some(reason)).await?;
    event(
        conn,
        ctx,
        RECORD_KIND,
        id,
        &format!("Proyecto de corrección de {ident}: {reason}"),
    )
    .await?;
    event(
        conn,
        ctx,
        RECORD_KIND,
        p.id,
        &format!("Se abrió una corrección (proyecto {id}): {reason}"),
    )
    .await?;
    load(conn, ctx, id).await
}

/// Label of the kind of norm a series issues, as printed in metadata and lists.
pub fn kind_label(series: &str, country: &str) -> &'static str {
    let chile = country == "CL";
    match (kind_of_series(series), series, chile) {
        (Some("ordenanza"), _, _) => "ORDENANZA MUNICIPAL",
        (Some("decreto"), _, true) => "DECRETO ALCALDICIO",
        (Some("decreto"), _, false) => "DECRETO DE ALCALDÍA",
        (Some("acuerdo"), _, true) => "ACUERDO DEL CONCEJO MUNICIPAL",
        (Some("acuerdo"), _, false) => "ACUERDO DE CONCEJO",
        (_, "resolucion-concejo", _) => "RESOLUCIÓN DE CONCEJO",
        (_, "resolucion-gerencia", _) => "RESOLUCIÓN DE GERENCIA MUNICIPAL",
        (_, _, true) => "RESOLUCIÓN",
        _ => "RESOLUCIÓN DE ALCALDÍA",
    }
}

/// Params of `norm.template`.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct NormTemplateParams {
    /// Series code.
    pub series: String,
    /// Date (default today).
    pub date: Option<String>,
}

/// The customary wording of a new norm of a series, for the editor to start from.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct NormTemplate {
    /// Kind.
    pub kind: String,
    /// "ORDENANZA MUNICIPAL", "RESOLUCIÓN DE ALCALDÍA"…
    pub kind_label: String,
    /// A draft filled with the customary formulas and the current signatories.
    pub norm: NormInput,
    /// The identifier the next number would give.
    pub next_identifier: String,
}

/// `norm.template`.
pub async fn template(
    conn: &mut SqliteConnection,
    ctx: &Ctx,
    p: NormTemplateParams,
) -> Result<NormTemplate> {
    let series = p.series.trim().to_string();
    let kind = kind_of_series(&series)
        .ok_or_else(|| Error::field("series", format!("«{series}» no es una serie de normas.")))?;
    let date = match &p.date {
        Some(d) => parse_date(d, "date")?,
        None => ctx.today,
    };
    let muni = crate::municipality::get(conn, ctx, crate::context::Empty {}).await?;
    let country = muni.country.clone();
    let chile = country == "CL";
    let rules = rules::load(conn).await?;
    let closing = rules
        .value("norms.closing_formula")
        .unwrap_or("Regístrese, comuníquese y cúmplase.")
        .to_string();
    let upper = muni.name.to_uppercase();
    let (issuer, preamble, heading) = match (kind, chile) {
        ("ordenanza", false) => (
            Some(format!("EL ALCALDE DE LA {upper}\n\nPOR CUANTO:\n\nEl Concejo Municipal, en Sesión Ordinaria de fecha …;")),
            Some("En uso de las facultades conferidas por el numeral 8 del artículo 9° y el artículo 40° de la Ley N° 27972, Ley Orgánica de Municipalidades, con el voto … de sus miembros y con dispensa del trámite de lectura y aprobación del acta, aprobó la siguiente:".to_string()),
            "HA DADO LA ORDENANZA SIGUIENTE:",
        ),
        ("decreto", false) => (
            Some(format!("EL ALCALDE DE LA {upper}")),
            Some("Estando a lo expuesto y en uso de las atribuciones conferidas por el numeral 6 del artículo 20° y el artículo 42° de la Ley N° 27972, Ley Orgánica de Municipalidades;".to_string()),
            "DECRETA:",
        ),
        ("acuerdo", false) => (
            Some(format!("EL CONCEJO MUNICIPAL DE LA {upper}")),
            Some("De conformidad con el artículo 41° de la Ley N° 27972, Ley Orgánica de Municipalidades, el Concejo Municipal, por …;".to_string()),
            "ACUERDA:",
        ),
        (_, false) => (
            None,
            Some("Estando a lo expuesto y de conformidad con el numeral 6 del artículo 20° y el artículo 43° de la Ley N° 27972, Ley Orgánica de Municipalidades;".to_string()),
            "SE RESUELVE:",
        ),
        ("ordenanza", true) => (
            None,
            Some("Teniendo presente lo dispuesto en los artículos 12° y 65° de la Ley N° 18.695, Orgánica Constitucional de Municipalidades, y el acuerdo del Concejo Municipal adoptado en sesión …;".to_string()),
            "DICTO LA SIGUIENTE ORDENANZA:",
        ),
        ("acuerdo", true) => (
            None,
            Some("De conformidad con la Ley N° 18.695, Orgánica Constitucional de Municipalidades, el Concejo Municipal, por …;".to_string()),
            "ACUERDA:",
        ),
        (_, true) => (
            None,
            Some("Y en uso de las facultades que me confiere la Ley N° 18.695, Orgánica Constitucional de Municipalidades;".to_string()),
            "DECRETO:",
        ),
    };
    let signatories = default_signatories(conn, date, chile, &rules).await?;
    let needs_session: bool = sqlx::query_scalar(
        "SELECT instr(pattern, '{sesion}') > 0 FROM numbering_series WHERE code = ?",
    )
    .bind(&series)
    .fetch_optional(&mut *conn)
    .await?
    .ok_or_else(|| Error::field("series", format!("No existe la serie «{series}».")))?;
    let session_kind = needs_session.then(|| "ordinaria".to_string());
    let next = numbering::preview(
        conn,
        ctx,
        numbering::NumberingPreview {
            series: series.clone(),
            date: Some(date),
            session_kind: session_kind.clone(),
        },
    )
    .await?;
    Ok(NormTemplate {
        kind: kind.to_string(),
        kind_label: kind_label(&series, &country).to_string(),
        norm: NormInput {
            series,
            session_kind,
            date: date.to_string(),
            title: String::new(),
            issuer,
            vistos: vec![],
            considerandos: vec![],
            preamble,
            operative_heading: heading.to_string(),
            articles: vec![],
            closing_formula: closing,
            signatories,
        },
        next_identifier: next.identifier,
    })
}

/// The alcalde of the council term on `date` and the person holding the secretary's cargo.
async fn default_signatories(
    conn: &mut SqliteConnection,
    date: NaiveDate,
    chile: bool,
    rules: &rules::RuleSet,
) -> Result<Vec<SignatoryInput>> {
    let mut out = Vec::new();
    out.extend(alcalde(conn, date).await?);
    out.extend(secretary(conn, date, chile, rules).await?);
    Ok(out)
}

/// The alcalde on `date`.
pub(crate) async fn alcalde(
    conn: &mut SqliteConnection,
    date: NaiveDate,
) -> Result<Option<SignatoryInput>> {
    let d = date.to_string();
    let alcalde: Option<(String, String, String)> = sqlx::query_as(
        "SELECT p.given_names || ' ' || p.surnames, p.doc_type, p.doc_number
         FROM council_member m JOIN council_term t ON t.id = m.term_id
         JOIN person p ON p.id = m.person_id
         WHERE m.role = 'alcalde' AND t.start_date <= ?1 AND t.end_date >= ?1
           AND m.from_date <= ?1 AND (m.to_date IS NULL OR m.to_date >= ?1)
         ORDER BY m.from_date DESC LIMIT 1",
    )
    .bind(&d)
    .fetch_optional(&mut *conn)
    .await?;
    Ok(alcalde.map(|(name, _doc, number)| SignatoryInput {
        name,
        cargo: "Alcalde".into(),
        dni: Some(number),
    }))
}

/// Whoever holds the secretary's cargo (Secretario General / Municipal) on `date`.
pub(crate) async fn secretary(
    conn: &mut SqliteConnection,
    date: NaiveDate,
    chile: bool,
    rules: &rules::RuleSet,
) -> Result<Option<SignatoryInput>> {
    let d = date.to_string();
    let secretary_title = rules
        .value("council.secretary_title")
        .unwrap_or(if chile {
            "Secretario Municipal"
        } else {
            "Secretario General"
        })
        .to_string();
    let stem: String = secretary_title
        .split_whitespace()
        .skip(1)
        .collect::<Vec<_>>()
        .join(" ");
    let secretary: Option<(String, String, String)> = sqlx::query_as(
        "SELECT p.given_names || ' ' || p.surnames, ps.title, p.doc_number
         FROM position ps JOIN person p ON p.id = ps.person_id
         WHERE ps.title LIKE 'Secretari% ' || ?2 AND ps.start_date <= ?1
           AND (ps.end_date IS NULL OR ps.end_date >= ?1)
         ORDER BY ps.start_date DESC LIMIT 1",
    )
    .bind(&d)
    .bind(&stem)
    .fetch_optional(&mut *conn)
    .await?;
    Ok(secretary.map(|(name, cargo, number)| SignatoryInput {
        name,
        cargo,
        dni: Some(number),
    }))
}

/// The printable norm. `seal` is the record id for the PDF (the digest once sealed) and the
/// verification code.
fn document(
    kind_label: &str,
    identifier: &str,
    note: Option<String>,
    n: &NormInput,
    frame: &Frame,
    files_dir: &std::path::Path,
    (record_id, code): (&str, Option<&str>),
) -> Result<NormDocument> {
    let date = parse_date(&n.date, "date")?;
    let chile = frame.country == "CL";
    let kind = kind_of_series(&n.series).unwrap_or("resolucion");
    Ok(NormDocument {
        record_id: record_id.to_string(),
        date,
        kind_label: kind_label.to_string(),
        identifier: identifier.to_string(),
        place_date: format!(
            "{}, {}",
            place_name(&frame.municipality),
            spanish::long_date(date, chile)
        ),
        note,
        issuer: n.issuer.clone(),
        vistos: n.vistos.clone(),
        considerandos: n.considerandos.clone(),
        preamble: n.preamble.clone(),
        operative_heading: n.operative_heading.clone(),
        // The title of an ordenanza is printed after "HA DADO LA ORDENANZA SIGUIENTE:"; other
        // norms carry it only as their sumilla (lists, metadata).
        title: (kind == "ordenanza").then(|| n.title.to_uppercase()),
        articles: n
            .articles
            .iter()
            .map(|a| Article {
                title: a.title.clone(),
                text: a.text.clone(),
                items: a.items.clone(),
                table: None,
            })
            .collect(),
        article_style: ArticleStyle::Numeric,
        closing_formula: n.closing_formula.clone(),
        signatories: n
            .signatories
            .iter()
            .map(|s| Signatory {
                name: s.name.clone(),
                cargo: s.cargo.clone(),
                dni: s.dni.clone(),
            })
            .collect(),
        letterhead: frame.letterhead(files_dir)?,
        settings: frame.settings.page(),
        verification_code: code.map(str::to_string),
    })
}

fn record_pdf(r: pdf::Rendered, identifier: &str, n: &NormInput) -> RecordPdf {
    RecordPdf {
        pdf: r.pdf,
        pages: r.pages,
        boxes: r.signature_boxes,
        filename: super::file_name(identifier),
        signatures: 0,
        signers: n
            .signatories
            .iter()
            .map(|s| (s.name.clone(), s.cargo.clone(), s.dni.clone()))
            .collect(),
    }
}

/// Render a sealed norm's frozen content: (printable kind, identifier, rendered record).
pub(crate) fn render_sealed(
    ctx: &Ctx,
    value: &serde_json::Value,
    digest: &str,
    code: &str,
) -> Result<(String, String, RecordPdf)> {
    let c: SealedNorm = serde_json::from_value(value.clone())
        .map_err(|e| Error::Internal(format!("contenido sellado ilegible: {e}")))?;
    let doc = document(
        &c.kind_label,
        &c.identifier,
        c.note.clone(),
        &c.norm,
        &c.frame,
        &ctx.files_dir,
        (digest, Some(code)),
    )?;
    let r = doc.document()?.render()?;
    Ok((
        c.kind.clone(),
        c.identifier.clone(),
        record_pdf(r, &c.identifier, &c.norm),
    ))
}

/// Render a norm: the sealed content, or the draft as it stands (marked PROYECTO, unnumbered).
pub(crate) async fn render(conn: &mut SqliteConnection, ctx: &Ctx, id: i64) -> Result<RecordPdf> {
    if let Some((s, value)) = seal::content(conn, RECORD_KIND, id).await? {
        return Ok(render_sealed(ctx, &value, &s.digest, &s.verification_code)?.2);
    }
    let r = row(conn, id).await?;
    let n = r.input()?;
    let date = parse_date(&n.date, "date")?;
    let country = crate::municipality::country(conn).await?;
    let frame = Frame::current(conn, date).await?;
    let identifier = format!("PROYECTO DE {}", kind_label(&n.series, &country));
    let mut n_print = n.clone();
    if n_print.signatories.is_empty() {
        n_print.signatories.push(SignatoryInput {
            name: "(sin firmante)".into(),
            cargo: "(por designar)".into(),
            dni: None,
        });
    }
    let doc = document(
        kind_label(&n.series, &country),
        &identifier,
        Some("Proyecto sin número ni sello: no es un documento oficial.".into()),
        &n_print,
        &frame,
        &ctx.files_dir,
        (&format!("proyecto-{id}-{}", r.updated_at), None),
    )?;
    let rendered = doc.document()?.render()?;
    Ok(record_pdf(
        rendered,
        &format!("proyecto-{}-{id}", r.kind),
        &n_print,
    ))
}

/// The text of a sealed norm for a certified copy: (identifier, date, paragraphs as printed).
pub(crate) async fn copy_text(
    conn: &mut SqliteConnection,
    id: i64,
) -> Result<(String, NaiveDate, Vec<String>)> {
    let Some((_, value)) = seal::content(conn, RECORD_KIND, id).await? else {
        return Err(Error::field(
            "norm_id",
            "Solo se certifica una norma sellada; esta norma es todavía un proyecto.",
        ));
    };
    let c: SealedNorm = serde_json::from_value(value)
        .map_err(|e| Error::Internal(format!("contenido sellado ilegible: {e}")))?;
    let n = &c.norm;
    let date = parse_date(&n.date, "date")?;
    let mut p = Vec::new();
    p.push(format!(
        "{}, {}",
        place_name(&c.frame.municipality),
        spanish::long_date(date, c.frame.country == "CL")
    ));
    if let Some(note) = &c.note {
        p.push(note.clone());
    }
    p.extend(n.issuer.iter().cloned());
    if !n.vistos.is_empty() {
        p.push("VISTOS:".into());
        p.extend(n.vistos.iter().cloned());
    }
    if !n.considerandos.is_empty() {
        p.push("CONSIDERANDO:".into());
        p.extend(n.considerandos.iter().cloned());
    }
    p.extend(n.preamble.iter().cloned());
    p.push(n.operative_heading.clone());
    if c.kind == "ordenanza" {
        p.push(n.title.to_uppercase());
    }
    for (i, a) in n.articles.iter().enumerate() {
        let mut t = ArticleStyle::Numeric.label(i as u32 + 1);
        if let Some(title) = &a.title {
            t.push_str(&format!(" {}.", title.trim_end_matches('.')));
        }
        t.push(' ');
        t.push_str(&a.text);
        p.push(t);
        for (j, item) in a.items.iter().enumerate() {
            let letter = (b'a' + (j % 26) as u8) as char;
            p.push(format!("{letter}) {item}"));
        }
    }
    p.push(n.closing_formula.clone());
    for s in &n.signatories {
        p.push(format!("{} — {}", s.name, s.cargo));
    }
    Ok((c.identifier, date, p))
}
