//! Certified copies: a numbered certificate (its own series, `copia-certificada`) with the
//! country's certification wording, signed by the Secretario General / fedatario (Peru) or the
//! Secretario Municipal as ministro de fe (Chile), of a sealed norm (its text is printed again
//! after the certificate) or of a PDF the clerk attaches (its pages follow the certificate).
//! A certificate is issued sealed: it has no draft.

pub(crate) mod demo;
mod printable;
mod sealed;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use sqlx::{FromRow, QueryBuilder, Sqlite, SqliteConnection};
use ts_rs::TS;

use crate::context::Ctx;
use crate::error::{Error, Result};
use crate::norms::{self as norm, SignatoryInput};
use crate::pdf::{self, certification_text};
use crate::records::registry::Listed;
use crate::records::settings::Frame;
use crate::records::{event, seal, signatures_of, Seal, SignatureRow};
use crate::{files, numbering, rules, spanish};
pub use printable::PRINTABLE;
use sealed::{Copied, SealedCopy};

/// Kind of certified copies in seals, signatures and history.
pub const RECORD_KIND: &str = "copia-certificada";

/// Params of `copy.create`.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct CopyCreate {
    /// A sealed norm to certify…
    pub norm_id: Option<i64>,
    /// …or a PDF file to certify (its pages follow the certificate).
    pub file_path: Option<String>,
    /// What the attached document is ("Acta de la Sesión Ordinaria N° 021-2026, folios 120 a
    /// 131"); required for a file, optional for a norm.
    pub description: Option<String>,
    /// Who asked and what for ("Se expide a solicitud de …, para fines de …"), optional.
    pub purpose: Option<String>,
    /// Date of the certificate (default today).
    #[serde(default, with = "crate::dates::iso_opt")]
    #[ts(type = "string | null")]
    pub date: Option<NaiveDate>,
    /// Who certifies (default: whoever holds the secretary's cargo).
    pub certifier: Option<SignatoryInput>,
}

/// A certified copy.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct CertifiedCopyRecord {
    /// Id.
    pub id: i64,
    /// "CERTIFICADO N° 0015-2026-SG/MDSRQ".
    pub identifier: String,
    /// Date.
    pub date: String,
    /// What is certified.
    pub description: String,
    /// Purpose.
    pub purpose: Option<String>,
    /// Folios of the copy (certificate and copied pages).
    pub folios: i64,
    /// The norm certified.
    pub norm_id: Option<i64>,
    /// The attached PDF certified.
    pub file_sha256: Option<String>,
    /// Who certifies.
    pub certifier: SignatoryInput,
    /// The seal.
    pub seal: Seal,
    /// Digital signatures.
    pub signatures: Vec<SignatureRow>,
}

#[derive(FromRow)]
struct CopyRow {
    id: i64,
    identifier: String,
    date: String,
    description: String,
    purpose: Option<String>,
    folios: i64,
    norm_id: Option<i64>,
    file_sha256: Option<String>,
    certifier: String,
}

const SELECT: &str = "SELECT id, identifier, date, description, purpose, folios, norm_id,
    file_sha256, certifier FROM certified_copy";

/// Copy `id` exists, or not found.
pub(crate) async fn exists(conn: &mut SqliteConnection, id: i64) -> Result<()> {
    let n: i64 = sqlx::query_scalar("SELECT count(*) FROM certified_copy WHERE id = $1")
        .bind(id)
        .fetch_one(&mut *conn)
        .await?;
    if n == 0 {
        return Err(Error::NotFound(format!(
            "No existe la copia certificada {id}."
        )));
    }
    Ok(())
}

async fn load(conn: &mut SqliteConnection, r: CopyRow) -> Result<CertifiedCopyRecord> {
    let seal = seal::of(conn, RECORD_KIND, r.id)
        .await?
        .ok_or_else(|| Error::Internal(format!("la copia {} no tiene sello", r.id)))?;
    let signatures = signatures_of(conn, RECORD_KIND, r.id).await?;
    Ok(CertifiedCopyRecord {
        id: r.id,
        identifier: r.identifier,
        date: r.date,
        description: r.description,
        purpose: r.purpose,
        folios: r.folios,
        norm_id: r.norm_id,
        file_sha256: r.file_sha256,
        certifier: serde_json::from_str(&r.certifier)
            .map_err(|e| Error::Internal(format!("firmante ilegible: {e}")))?,
        seal,
        signatures,
    })
}

/// Params of `copy.list`.
#[derive(Debug, Clone, Default, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct CopyList {
    /// Only the copies dated in this year.
    #[serde(default)]
    #[ts(optional)]
    pub year: Option<i32>,
    /// Words in the identifier or in what is certified.
    #[serde(default)]
    #[ts(optional)]
    pub query: Option<String>,
    /// The `next` of the previous page; none for the first.
    #[serde(default)]
    #[ts(optional)]
    pub after: Option<String>,
    /// Rows per page (default 50, at most 500).
    #[serde(default)]
    #[ts(optional)]
    pub limit: Option<i64>,
}

/// A page of `copy.list`.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct CopyPage {
    /// The copies, newest first.
    pub rows: Vec<CertifiedCopyRecord>,
    /// The `after` of the next page; none when this is the last one.
    pub next: Option<String>,
}

/// `copy.list`: a page of copies, newest first (by date and id).
pub async fn list(conn: &mut SqliteConnection, _ctx: &Ctx, p: CopyList) -> Result<CopyPage> {
    let limit = crate::paging::limit(p.limit)?;
    let after = crate::paging::after::<(String, i64)>(p.after.as_deref())?;
    let mut q: QueryBuilder<Sqlite> = QueryBuilder::new(SELECT);
    q.push(" WHERE 1 = 1");
    if let Some(y) = p.year {
        q.push(" AND date >= ")
            .push_bind(format!("{y:04}-01-01"))
            .push(" AND date < ")
            .push_bind(format!("{:04}-01-01", y + 1));
    }
    for word in p.query.as_deref().unwrap_or("").split_whitespace() {
        let like = crate::paging::contains(word);
        q.push(" AND (identifier LIKE ")
            .push_bind(like.clone())
            .push(" OR description LIKE ")
            .push_bind(like)
            .push(")");
    }
    if let Some((date, id)) = after {
        q.push(" AND (date, id) < (")
            .push_bind(date)
            .push(", ")
            .push_bind(id)
            .push(")");
    }
    q.push(" ORDER BY date DESC, id DESC LIMIT ")
        .push_bind(limit + 1);
    let rows: Vec<CopyRow> = q.build_query_as().fetch_all(&mut *conn).await?;
    let (rows, next) = crate::paging::finish(rows, limit, |r| (r.date.clone(), r.id));
    let mut out = Vec::with_capacity(rows.len());
    for r in rows {
        out.push(load(conn, r).await?);
    }
    Ok(CopyPage { rows: out, next })
}

/// Params naming one copy.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct CopyId {
    /// Id.
    pub id: i64,
}

/// `copy.get`.
pub async fn get(
    conn: &mut SqliteConnection,
    _ctx: &Ctx,
    p: CopyId,
) -> Result<CertifiedCopyRecord> {
    let r: CopyRow = sqlx::query_as(&format!("{SELECT} WHERE id = $1"))
        .bind(p.id)
        .fetch_optional(&mut *conn)
        .await?
        .ok_or_else(|| Error::NotFound(format!("No existe la copia certificada {}.", p.id)))?;
    load(conn, r).await
}

/// Pages of a PDF the clerk attached, or a Spanish error at `file_path`.
fn page_count(bytes: &[u8]) -> Result<u32> {
    if !bytes.starts_with(b"%PDF-")
        && !bytes[..bytes.len().min(1024)]
            .windows(5)
            .any(|w| w == b"%PDF-")
    {
        return Err(Error::field(
            "file_path",
            "El archivo elegido no es un PDF.",
        ));
    }
    let doc = lopdf::Document::load_mem(bytes)
        .map_err(|e| Error::field("file_path", format!("El PDF no se pudo leer: {e}.")))?;
    if doc.trailer.has(b"Encrypt") {
        return Err(Error::field(
            "file_path",
            "El PDF está protegido con contraseña; quite la protección antes de certificarlo.",
        ));
    }
    let n = doc.get_pages().len() as u32;
    if n == 0 {
        return Err(Error::field("file_path", "El PDF no tiene páginas."));
    }
    Ok(n)
}

/// "EL SECRETARIO GENERAL DE LA MUNICIPALIDAD … QUE SUSCRIBE,".
fn certifier_heading(cargo: &str, municipality: &str) -> String {
    let first = cargo.split_whitespace().next().unwrap_or("");
    let article = if first.to_lowercase().ends_with('a') {
        "LA"
    } else {
        "EL"
    };
    format!(
        "{article} {} DE LA {} QUE SUSCRIBE,",
        cargo.to_uppercase(),
        municipality.to_uppercase()
    )
}

/// `copy.create`: number, freeze and seal a certified copy, in one transaction.
pub async fn create(
    conn: &mut SqliteConnection,
    ctx: &Ctx,
    p: CopyCreate,
) -> Result<CertifiedCopyRecord> {
    let date = p.date.unwrap_or(ctx.today);
    let muni = crate::municipality::get(conn, ctx, crate::context::Empty {}).await?;
    let chile = muni.country == "CL";
    let country = pdf::Country::from_code(&muni.country);
    let rules = rules::load(conn).await?;
    let purpose = p
        .purpose
        .as_deref()
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(str::to_string);
    let (copied, original, description, norm_id, file_sha, original_pages) = match (
        p.norm_id,
        p.file_path
            .as_deref()
            .map(str::trim)
            .filter(|s| !s.is_empty()),
    ) {
        (Some(id), None) => match norm::original_pdf(conn, id).await? {
            // A norm of the history: its original PDF is what is certified.
            Some(o) => {
                let bytes = files::read(&ctx.files_dir, &o.sha256)?;
                let pages = page_count(&bytes)?;
                let original = format!(
                    "{} {} de fecha {}",
                    o.kind.article(),
                    o.identifier,
                    spanish::long_date(o.date, chile)
                );
                let description = p
                    .description
                    .as_deref()
                    .map(str::trim)
                    .filter(|s| !s.is_empty())
                    .map(str::to_string)
                    .unwrap_or_else(|| o.identifier.clone());
                (
                    Copied::Attached {
                        description: description.clone(),
                        file_sha256: o.sha256,
                    },
                    original,
                    description,
                    Some(id),
                    None,
                    pages,
                )
            }
            None => {
                let (identifier, ndate, paragraphs, kind) = norm::copy_text(conn, id).await?;
                let original = format!(
                    "{} {identifier} de fecha {}",
                    kind.article(),
                    spanish::long_date(ndate, chile)
                );
                // The fojas are the original's: the sealed norm as the registry prints it.
                let original_pages = norm::render_pdf(conn, ctx, id).await?.pages;
                let description = p
                    .description
                    .as_deref()
                    .map(str::trim)
                    .filter(|s| !s.is_empty())
                    .map(str::to_string)
                    .unwrap_or_else(|| identifier.clone());
                (
                    Copied::Text {
                        heading: identifier,
                        paragraphs,
                    },
                    original,
                    description,
                    Some(id),
                    None,
                    original_pages,
                )
            }
        },
        (None, Some(path)) => {
            let bytes = std::fs::read(path).map_err(|e| {
                Error::field("file_path", format!("No se pudo leer «{path}»: {e}."))
            })?;
            let pages = page_count(&bytes)?;
            let description = p
                .description
                .as_deref()
                .map(str::trim)
                .filter(|s| !s.is_empty())
                .ok_or_else(|| {
                    Error::field(
                        "description",
                        "Describa el documento que se certifica (qué es, número, fecha).",
                    )
                })?
                .to_string();
            let name = std::path::Path::new(path)
                .file_name()
                .map(|n| n.to_string_lossy().to_string())
                .unwrap_or_else(|| "documento.pdf".into());
            let sha = files::store(conn, ctx, &bytes, "application/pdf", &name).await?;
            (
                Copied::Attached {
                    description: description.clone(),
                    file_sha256: sha.clone(),
                },
                format!("«{description}»"),
                description,
                None,
                Some(sha),
                pages,
            )
        }
        (Some(_), Some(_)) => {
            return Err(Error::field(
                "file_path",
                "Certifique una norma o un archivo, no ambos a la vez.",
            ))
        }
        (None, None) => {
            return Err(Error::field(
                "norm_id",
                "Elija la norma o el archivo PDF que se certifica.",
            ))
        }
    };
    let certifier = match p.certifier {
        Some(c) if !c.name.trim().is_empty() => SignatoryInput {
            name: c.name.trim().to_string(),
            cargo: c.cargo.trim().to_string(),
            dni: c
                .dni
                .as_deref()
                .map(str::trim)
                .filter(|d| !d.is_empty())
                .map(str::to_string),
        },
        _ => norm::secretary(conn, date, chile, &rules)
            .await?
            .ok_or_else(|| {
                Error::field(
                "certifier",
                "No hay quien ocupe el cargo de secretario en esa fecha: indique quién certifica.",
            )
            })?,
    };
    if certifier.cargo.is_empty() {
        return Err(Error::field(
            "certifier",
            "Indique el cargo de quien certifica.",
        ));
    }
    if let Some(d) = &certifier.dni {
        crate::ids::validate(if chile { "RUN" } else { "DNI" }, d)
            .map_err(|e| Error::field("certifier", e.to_api().message))?;
    }
    // The certificate gets its number in this same transaction.
    let assignment = numbering::assign(
        conn,
        ctx,
        &numbering::NumberingAssign {
            series: "copia-certificada".into(),
            date,
            session_kind: None,
            record_kind: Some(RECORD_KIND.into()),
            record_id: None,
        },
    )
    .await?;
    let frame = Frame::current(conn, date).await?;
    // The folios (fojas) the certificate states are the original's pages, whatever the copy's
    // own layout takes.
    let content = SealedCopy {
        format: 1,
        identifier: assignment.identifier.clone(),
        date: date.to_string(),
        certifier_heading: certifier_heading(&certifier.cargo, &muni.name),
        certification_text: certification_text(country, &original, original_pages),
        purpose: purpose.clone(),
        folios: original_pages,
        certifier: certifier.clone(),
        copied,
        frame,
    };
    let id: i64 = sqlx::query_scalar(
        "INSERT INTO certified_copy (norm_id, file_sha256, description, purpose, date, folios,
           certifier, assignment_id, identifier, created_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING id",
    )
    .bind(norm_id)
    .bind(&file_sha)
    .bind(&description)
    .bind(&purpose)
    .bind(date.to_string())
    .bind(content.folios as i64)
    .bind(serde_json::to_string(&certifier).expect("plain data"))
    .bind(assignment.id)
    .bind(&assignment.identifier)
    .bind(ctx.stamp())
    .fetch_one(&mut *conn)
    .await?;
    numbering::link_record(conn, assignment.id, id).await?;
    let value = serde_json::to_value(&content).map_err(|e| Error::Internal(e.to_string()))?;
    let s = seal::create(conn, ctx, RECORD_KIND, id, &value).await?;
    event(
        conn,
        ctx,
        RECORD_KIND,
        id,
        &format!(
            "Expedida y sellada como {} (código de verificación {})",
            assignment.identifier, s.verification_code
        ),
    )
    .await?;
    if let Some(n) = norm_id {
        event(
            conn,
            ctx,
            norm::RECORD_KIND,
            n,
            &format!("Se expidió la copia certificada {}", assignment.identifier),
        )
        .await?;
    }
    get(conn, ctx, CopyId { id }).await
}

/// Render a sealed copy's frozen content: (identifier, rendered record).
pub(crate) fn render_sealed(
    ctx: &Ctx,
    value: &serde_json::Value,
    digest: &str,
    code: &str,
) -> Result<(String, crate::records::RecordPdf)> {
    let c: SealedCopy = serde_json::from_value(value.clone())
        .map_err(|e| Error::Internal(format!("contenido sellado ilegible: {e}")))?;
    let r = c.render(&ctx.files_dir, digest, code)?;
    Ok((c.identifier.clone(), r))
}

/// Render a copy from its seal.
pub(crate) async fn render(
    conn: &mut SqliteConnection,
    ctx: &Ctx,
    id: i64,
) -> Result<crate::records::RecordPdf> {
    let (s, value) = seal::content(conn, RECORD_KIND, id)
        .await?
        .ok_or_else(|| Error::Internal(format!("la copia {id} no tiene sello")))?;
    Ok(render_sealed(ctx, &value, &s.digest, &s.verification_code)?.1)
}

/// A page of the copies as `records.list` shows them, newest first (by date and id), after the
/// copy keyed `after` (`[date, id]`).
pub(crate) async fn printable(
    conn: &mut SqliteConnection,
    after: Option<&serde_json::Value>,
    limit: i64,
) -> Result<Vec<Listed>> {
    let after: Option<(String, i64)> = after.and_then(|k| serde_json::from_value(k.clone()).ok());
    let (date, id) = after.map_or((None, None), |(d, i)| (Some(d), Some(i)));
    // The cursor's condition only when there is one: a range on the index, not a filter.
    let from = if date.is_some() {
        "(date, id) < ($2, $3)"
    } else {
        "$2 IS NULL AND $3 IS NULL"
    };
    let rows: Vec<(i64, String, String)> = sqlx::query_as(&format!(
        "SELECT id, identifier || ' — ' || description, date FROM certified_copy
         WHERE {from}
         ORDER BY date DESC, id DESC LIMIT $1"
    ))
    .bind(limit)
    .bind(date)
    .bind(id)
    .fetch_all(&mut *conn)
    .await?;
    Ok(rows
        .into_iter()
        .map(|(id, title, date)| Listed {
            kind: RECORD_KIND.to_string(),
            record_kind: RECORD_KIND,
            id,
            title,
            sealed: true,
            key: serde_json::json!([date, id]),
        })
        .collect())
}

/// How many copies there are.
pub(crate) async fn count(conn: &mut SqliteConnection) -> Result<i64> {
    Ok(sqlx::query_scalar("SELECT count(*) FROM certified_copy")
        .fetch_one(&mut *conn)
        .await?)
}
