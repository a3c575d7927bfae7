//! The transparency portal (docs/adr/0021-portal.md): a static website of the published norms,
//! the approved actas of the Concejo and the transparency reports, written to a folder the
//! municipality copies to its web host or to a USB stick. No server: it opens from the file
//! system as well as from any host. Each area says what it makes public (`norms::published`,
//! `sessions::minutes::published`, `plans::reports::sealed_page`,
//! `followup::reports::access_pdf`); the PDFs are the records' own (`records::render`), or an
//! imported norm's original; this module only composes them into pages, a search index and a
//! folder.

mod html;
mod site;

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::fmt::Write as _;

use serde::{Deserialize, Serialize};
use sqlx::SqliteConnection;
use ts_rs::TS;

use crate::context::Ctx;
use crate::dates::dmy;
use crate::error::{Error, Result};
use crate::norms::published::{self as norms, PublishedNorm};
use crate::norms::NormKind;
use crate::plans::reports as plan_reports;
use crate::records::{self, RecordRef};
use crate::sessions::minutes::published as actas;
use crate::{files, followup, spanish};
use html::{esc, pdf_link, Frame};
use site::Stage;

/// Rows per list page: a year of a kind with more is split in several pages.
const PAGE_ROWS: i64 = 500;

/// The vendored assets, embedded in the binary (`assets/portal/`).
const ASSETS: &[(&str, &str)] = &[
    (
        "recursos/portal.css",
        include_str!("../../assets/portal/portal.css"),
    ),
    (
        "recursos/buscar.js",
        include_str!("../../assets/portal/buscar.js"),
    ),
    (
        "recursos/minisearch.js",
        include_str!("../../assets/portal/minisearch.js"),
    ),
    (
        "recursos/LICENSE-minisearch.txt",
        include_str!("../../assets/portal/LICENSE-minisearch.txt"),
    ),
];

/// Params of `portal.export`.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct PortalExport {
    /// The folder of the site: empty, new, or holding the portal published before (replaced).
    pub dir: String,
}

/// Result of `portal.export`.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct PortalExported {
    /// The folder written (absolute); its `index.html` opens the portal.
    pub path: String,
    /// Norms published.
    pub norms: i64,
    /// Approved actas of the Concejo.
    pub actas: i64,
    /// Reports.
    pub reports: i64,
    /// HTML pages.
    pub pages: i64,
    /// PDFs in the site.
    pub pdfs: i64,
    /// PDFs written by this export (new or changed).
    pub pdfs_written: i64,
    /// PDFs taken unchanged from the portal published before.
    pub pdfs_kept: i64,
    /// PDFs of the portal published before that are no longer in it.
    pub pdfs_removed: i64,
    /// Norms listed without a PDF (imported without an original, or with a Word one).
    pub without_pdf: i64,
}

/// A record in the search index (`datos/indice-AAAA.json`); its keys are Spanish, for whoever
/// reuses the data.
#[derive(Debug, Clone, Serialize)]
struct IndexEntry {
    /// `n48` (norm), `a12` (acta), `i3` (report), `s2026` (requests' report).
    id: String,
    /// "Ordenanza municipal", "Acta", "Informe".
    tipo: String,
    identificador: String,
    /// AAAA-MM-DD.
    fecha: String,
    titulo: String,
    /// A norm's validity today.
    vigencia: Option<String>,
    /// The PDF, from the site's root.
    pdf: Option<String>,
    /// Its row in its list, from the site's root.
    pagina: String,
}

/// The list of a kind of norms, in the country's words: (heading plural, kind in the index).
fn kind_words(kind: NormKind, chile: bool) -> (&'static str, &'static str) {
    match (kind, chile) {
        (NormKind::Ordenanza, _) => ("Ordenanzas municipales", "Ordenanza municipal"),
        (NormKind::Decreto, true) => ("Decretos alcaldicios", "Decreto alcaldicio"),
        (NormKind::Decreto, false) => ("Decretos de alcaldía", "Decreto de alcaldía"),
        (NormKind::Resolucion, _) => ("Resoluciones", "Resolución"),
        (NormKind::Acuerdo, true) => ("Acuerdos del Concejo Municipal", "Acuerdo del concejo"),
        (NormKind::Acuerdo, false) => ("Acuerdos de concejo", "Acuerdo de concejo"),
    }
}

/// The file of part `part` (1-based) of a list whose first page is `stem.html`.
fn part_file(stem: &str, part: i64) -> String {
    if part <= 1 {
        format!("{stem}.html")
    } else {
        format!("{stem}-{part}.html")
    }
}

fn parts(count: i64) -> i64 {
    ((count + PAGE_ROWS - 1) / PAGE_ROWS).max(1)
}

/// A PDF's file name: the record's identifier as a file name, then what tells its edition.
fn pdf_name(identifier: &str, edition: &str) -> String {
    let stem = records::file_name(identifier);
    let stem = stem.trim_end_matches(".pdf");
    let stem: String = stem.chars().take(80).collect();
    format!("{}-{edition}.pdf", stem.trim_end_matches('-'))
}

/// Place the PDF of a sealed record in the site (reused from the previous portal when its
/// edition is the same); its path from the root, or none when it has no seal.
async fn place_sealed(
    conn: &mut SqliteConnection,
    ctx: &Ctx,
    site: &mut Stage,
    print_kind: &str,
    record_kind: &str,
    id: i64,
    identifier: &str,
) -> Result<Option<String>> {
    let Some(ed) = records::edition(conn, record_kind, id).await? else {
        return Ok(None);
    };
    let name = match &ed.signed_sha256 {
        Some(sha) => pdf_name(identifier, &format!("firmado-{}", &sha[..12])),
        None => pdf_name(identifier, &ed.code.replace('-', "")),
    };
    if !site.reuse(&name)? {
        let bytes = match &ed.signed_sha256 {
            Some(sha) => files::read(&ctx.files_dir, sha)?,
            None => {
                let r = RecordRef {
                    kind: print_kind.to_string(),
                    id,
                };
                records::render(conn, ctx, &r).await?.pdf
            }
        };
        site.write_pdf(&name, &bytes)?;
    }
    Ok(Some(format!("pdf/{name}")))
}

/// Place a PDF whose name is its content's digest.
fn place_bytes(site: &mut Stage, identifier: &str, bytes: &[u8]) -> Result<String> {
    let sha = hex::encode(<sha2::Sha256 as sha2::Digest>::digest(bytes));
    let name = pdf_name(identifier, &sha[..12]);
    if !site.reuse(&name)? {
        site.write_pdf(&name, bytes)?;
    }
    Ok(format!("pdf/{name}"))
}

/// A report of the site, gathered before the pages are written (they are few).
struct Report {
    id: String,
    identifier: String,
    subtitle: String,
    date: String,
    pdf: String,
}

/// `portal.export`: write the portal into `dir` (see the module's documentation).
pub async fn export(
    conn: &mut SqliteConnection,
    ctx: &Ctx,
    p: PortalExport,
) -> Result<PortalExported> {
    let muni = crate::municipality::find(conn).await?.ok_or_else(|| {
        Error::Conflict(
            "Todavía no hay municipalidad: créela primero (o cargue la de demostración).".into(),
        )
    })?;
    let chile = muni.country == "CL";
    let mut site = Stage::open(&p.dir)?;
    let today = ctx.today.to_string();

    let logo = match &muni.logo_sha256 {
        Some(sha) => {
            let ext = match files::describe(conn, sha).await? {
                Some((_, mime, _)) if mime == "image/jpeg" => "jpg",
                _ => "png",
            };
            let rel = format!("recursos/logo.{ext}");
            site.write(&rel, &files::read(&ctx.files_dir, sha)?)?;
            Some(rel)
        }
        None => None,
    };
    let frame = Frame {
        muni: &muni,
        logo,
        chile,
        updated: spanish::long_date(ctx.today, chile),
    };

    // Where every public norm's row is, for the links of the relations between norms.
    let mut place: HashMap<i64, String> = HashMap::new();
    let mut norm_counts: HashMap<(i64, NormKind), i64> = HashMap::new();
    for (id, kind, year) in norms::published_order(conn).await? {
        let n = norm_counts.entry((year, kind)).or_default();
        let part = *n / PAGE_ROWS + 1;
        *n += 1;
        place.insert(id, part_file(&format!("{}-{year}", kind.as_str()), part));
    }
    let acta_years: BTreeMap<i64, i64> = actas::approved_years(conn).await?.into_iter().collect();

    // The reports: the sealed plans' reports and, for each year with information requests,
    // their report as the follow-up desk prints it today.
    let mut reports: BTreeMap<i64, Vec<Report>> = BTreeMap::new();
    let mut after = 0;
    loop {
        let page = plan_reports::sealed_page(conn, after, 200).await?;
        let Some(last) = page.last() else { break };
        after = last.summary.id;
        for r in page {
            let s = &r.summary;
            let pdf = place_sealed(
                conn,
                ctx,
                &mut site,
                s.kind.as_str(),
                plan_reports::RECORD_KIND,
                s.id,
                &s.title,
            )
            .await?
            .ok_or_else(|| Error::Internal(format!("informe {} sin sello", s.id)))?;
            reports.entry(r.year).or_default().push(Report {
                id: format!("i{}", s.id),
                identifier: s.title.clone(),
                subtitle: format!("{} — {}", s.plan_name, s.period_label),
                date: s
                    .sealed_at
                    .as_deref()
                    .map(|d| d.chars().take(10).collect())
                    .unwrap_or_default(),
                pdf,
            });
        }
    }
    for year in followup::reports::access_years(conn).await? {
        let (_, bytes) = followup::reports::access_pdf(conn, ctx, year).await?;
        let identifier = format!("Solicitudes de acceso a la información pública — Año {year}");
        let pdf = place_bytes(&mut site, &identifier, &bytes)?;
        reports.entry(year).or_default().push(Report {
            id: format!("s{year}"),
            identifier,
            subtitle: format!(
                "Indicadores de las solicitudes recibidas en {year}, según su situación al {}",
                frame.updated
            ),
            date: today.clone(),
            pdf,
        });
    }

    let years: BTreeSet<i64> = norm_counts
        .keys()
        .map(|(y, _)| *y)
        .chain(acta_years.keys().copied())
        .chain(reports.keys().copied())
        .collect();
    let mut out = PortalExported {
        path: site.dir().display().to_string(),
        norms: 0,
        actas: 0,
        reports: 0,
        pages: 0,
        pdfs: 0,
        pdfs_written: 0,
        pdfs_kept: 0,
        pdfs_removed: 0,
        without_pdf: 0,
    };
    let mut index_files = Vec::new();
    for &year in years.iter().rev() {
        let mut entries: Vec<IndexEntry> = Vec::new();
        for kind in NormKind::ALL {
            let Some(&count) = norm_counts.get(&(year, kind)) else {
                continue;
            };
            norm_pages(
                conn,
                ctx,
                &mut site,
                &frame,
                &place,
                (kind, year, count),
                &mut entries,
                &mut out,
            )
            .await?;
        }
        if let Some(&count) = acta_years.get(&year) {
            acta_pages(
                conn,
                ctx,
                &mut site,
                &frame,
                year,
                count,
                &mut entries,
                &mut out,
            )
            .await?;
        }
        if let Some(list) = reports.get(&year) {
            report_page(&mut site, &frame, year, list, &mut entries)?;
            out.reports += list.len() as i64;
        }
        let json = serde_json::to_string(&entries).map_err(|e| Error::Internal(e.to_string()))?;
        site.write(&format!("datos/indice-{year}.json"), json.as_bytes())?;
        site.write(
            &format!("datos/indice-{year}.js"),
            format!("cabildoIndice({json});\n").as_bytes(),
        )?;
        index_files.push((year, entries.len()));
    }

    let manifest = serde_json::json!({
        "municipalidad": muni.name,
        "pais": muni.country,
        "publicado": ctx.now.to_rfc3339(),
        "vigencia_al": today,
        "registros": index_files.iter().map(|(_, n)| n).sum::<usize>(),
        "archivos": index_files.iter().map(|(y, n)| serde_json::json!({
            "anio": y, "json": format!("indice-{y}.json"), "registros": n,
        })).collect::<Vec<_>>(),
    });
    site.write("datos/indice.json", manifest.to_string().as_bytes())?;
    for (rel, text) in ASSETS {
        site.write(rel, text.as_bytes())?;
    }
    let scripts: Vec<String> = index_files
        .iter()
        .map(|(y, _)| format!("datos/indice-{y}.js"))
        .collect();
    site.write(
        "buscar.html",
        search_page(&frame, &scripts.join(" ")).as_bytes(),
    )?;
    site.write(
        "index.html",
        home_page(&frame, &norm_counts, &acta_years, &reports).as_bytes(),
    )?;

    out.pages = site.pages;
    out.pdfs = site.pdfs();
    out.pdfs_written = site.written;
    out.pdfs_kept = site.kept;
    let marker = serde_json::json!({
        "generador": site::GENERATOR,
        "version": env!("CARGO_PKG_VERSION"),
        "municipalidad": muni.name,
        "publicado": ctx.now.to_rfc3339(),
        "normas": out.norms,
        "actas": out.actas,
        "informes": out.reports,
    });
    site.write(site::MARKER, marker.to_string().as_bytes())?;
    out.pdfs_removed = site.finish()?;
    Ok(out)
}

/// The pages of the norms of one kind and year, and their index entries.
#[allow(clippy::too_many_arguments)]
async fn norm_pages(
    conn: &mut SqliteConnection,
    ctx: &Ctx,
    site: &mut Stage,
    frame: &Frame<'_>,
    place: &HashMap<i64, String>,
    (kind, year, count): (NormKind, i64, i64),
    entries: &mut Vec<IndexEntry>,
    out: &mut PortalExported,
) -> Result<()> {
    let (plural, singular) = kind_words(kind, frame.chile);
    let stem = format!("{}-{year}", kind.as_str());
    let total = parts(count);
    let files: Vec<String> = (1..=total).map(|p| part_file(&stem, p)).collect();
    let day = ctx.today.to_string();
    let mut after: Option<(String, i64)> = None;
    for part in 1..=total {
        let rows = norms::published_page(
            conn,
            &day,
            kind,
            year,
            after.as_ref().map(|(d, i)| (d.as_str(), *i)),
            PAGE_ROWS,
        )
        .await?;
        let Some(last) = rows.last() else { break };
        after = Some((last.date.clone(), last.id));
        let file = &files[part as usize - 1];
        let mut html_rows = String::new();
        for n in &rows {
            let pdf = match (&n.original_pdf, n.imported) {
                (Some(sha), _) => {
                    let name = pdf_name(&n.identifier, &sha[..12]);
                    if !site.reuse(&name)? {
                        site.write_pdf(&name, &files::read(&ctx.files_dir, sha)?)?;
                    }
                    Some(format!("pdf/{name}"))
                }
                (None, true) => None,
                (None, false) => {
                    place_sealed(
                        conn,
                        ctx,
                        site,
                        kind.as_str(),
                        crate::norms::RECORD_KIND,
                        n.id,
                        &n.identifier,
                    )
                    .await?
                }
            };
            if pdf.is_none() {
                out.without_pdf += 1;
            }
            html_rows.push_str(&norm_row(n, pdf.as_deref(), place));
            entries.push(IndexEntry {
                id: format!("n{}", n.id),
                tipo: singular.to_string(),
                identificador: n.identifier.clone(),
                fecha: n.date.clone(),
                titulo: n.title.clone(),
                vigencia: Some(n.validity.clone()),
                pdf: pdf.clone(),
                pagina: format!("normas/{file}#n{}", n.id),
            });
            out.norms += 1;
        }
        let title = format!("{plural} de {year}");
        let caption = if total > 1 {
            format!("{title} (página {part} de {total}), de la más reciente a la más antigua")
        } else {
            format!("{title}, de la más reciente a la más antigua")
        };
        let mut body = html::pager(&files, part as usize - 1);
        body.push_str(&html::table(
            &caption,
            &[
                ("Norma", ""),
                ("Fecha", ""),
                ("Título y relaciones", ""),
                (&format!("Vigencia al {}", dmy(&day)), ""),
                ("Documento", ""),
            ],
            &html_rows,
        ));
        body.push_str(&html::pager(&files, part as usize - 1));
        let page = frame.page(1, &title, &body, "");
        site.write(&format!("normas/{file}"), page.as_bytes())?;
    }
    Ok(())
}

/// One norm's row: identifier, date, title with its relations (linked when the other norm is
/// public), validity today, PDF.
fn norm_row(n: &PublishedNorm, pdf: Option<&str>, place: &HashMap<i64, String>) -> String {
    let mut out = format!(
        "<tr id=\"n{}\">\n<td><strong>{}</strong>",
        n.id,
        esc(&n.identifier)
    );
    if n.imported {
        out.push_str("<br><span class=\"nota\">Del archivo histórico</span>");
    }
    let _ = write!(
        out,
        "</td>\n<td class=\"fecha\">{}</td>\n<td>{}",
        dmy(&n.date),
        esc(&n.title)
    );
    if !n.relations.is_empty() {
        out.push_str("\n<ul class=\"relaciones\">");
        for r in &n.relations {
            let other = match place.get(&r.other_id).filter(|_| r.other_public) {
                Some(file) => format!(
                    "<a href=\"{}#n{}\">{}</a>",
                    esc(file),
                    r.other_id,
                    esc(&r.other_identifier)
                ),
                None => esc(&r.other_identifier),
            };
            let note = r
                .note
                .as_deref()
                .filter(|s| !s.trim().is_empty())
                .map(|s| format!(" ({})", esc(s)))
                .unwrap_or_default();
            let _ = write!(out, "<li>{} {other}{note}</li>", esc(&r.wording));
        }
        out.push_str("</ul>");
    }
    let class = if n.validity.starts_with("Derogada") {
        "vigencia derogada"
    } else {
        "vigencia"
    };
    let _ = write!(
        out,
        "</td>\n<td class=\"{class}\">{}</td>\n<td>{}</td>\n</tr>\n",
        esc(&n.validity),
        match pdf {
            Some(href) => pdf_link(&format!("../{href}"), &n.identifier),
            None => "<span class=\"nota\">Sin PDF</span>".to_string(),
        }
    );
    out
}

/// The pages of the approved actas of one year, and their index entries.
#[allow(clippy::too_many_arguments)]
async fn acta_pages(
    conn: &mut SqliteConnection,
    ctx: &Ctx,
    site: &mut Stage,
    frame: &Frame<'_>,
    year: i64,
    count: i64,
    entries: &mut Vec<IndexEntry>,
    out: &mut PortalExported,
) -> Result<()> {
    let stem = year.to_string();
    let total = parts(count);
    let files: Vec<String> = (1..=total).map(|p| part_file(&stem, p)).collect();
    let mut after: Option<(String, i64)> = None;
    for part in 1..=total {
        let rows = actas::approved_page(
            conn,
            year,
            after.as_ref().map(|(d, i)| (d.as_str(), *i)),
            PAGE_ROWS,
        )
        .await?;
        let Some(last) = rows.last() else { break };
        after = Some((last.date.clone(), last.session_id));
        let file = &files[part as usize - 1];
        let mut html_rows = String::new();
        for a in &rows {
            let pdf = place_sealed(
                conn,
                ctx,
                site,
                crate::sessions::minutes::RECORD_KIND,
                crate::sessions::minutes::RECORD_KIND,
                a.session_id,
                &a.title,
            )
            .await?;
            let date = crate::dates::parse_date(&a.date, "date")?;
            let _ = write!(
                html_rows,
                "<tr id=\"a{}\">\n<td><strong>{}</strong></td>\n<td class=\"fecha\">{}</td>\n<td>{}</td>\n</tr>\n",
                a.session_id,
                esc(&a.title),
                dmy(&a.date),
                match &pdf {
                    Some(href) => pdf_link(&format!("../{href}"), &a.title),
                    None => "<span class=\"nota\">Sin PDF</span>".to_string(),
                }
            );
            entries.push(IndexEntry {
                id: format!("a{}", a.session_id),
                tipo: "Acta del Concejo Municipal".into(),
                identificador: a.title.clone(),
                fecha: a.date.clone(),
                titulo: format!(
                    "Sesión del Concejo Municipal del {}",
                    spanish::long_date(date, frame.chile)
                ),
                vigencia: None,
                pdf,
                pagina: format!("actas/{file}#a{}", a.session_id),
            });
            out.actas += 1;
        }
        let title = format!("Actas del Concejo Municipal de {year}");
        let caption = if total > 1 {
            format!("{title} (página {part} de {total}), aprobadas, de la más reciente a la más antigua")
        } else {
            format!("{title}, aprobadas, de la más reciente a la más antigua")
        };
        let mut body = html::pager(&files, part as usize - 1);
        body.push_str(&html::table(
            &caption,
            &[("Acta", ""), ("Fecha de la sesión", ""), ("Documento", "")],
            &html_rows,
        ));
        let page = frame.page(1, &title, &body, "");
        site.write(&format!("actas/{file}"), page.as_bytes())?;
    }
    Ok(())
}

/// The page of the reports of one year, and their index entries.
fn report_page(
    site: &mut Stage,
    frame: &Frame<'_>,
    year: i64,
    list: &[Report],
    entries: &mut Vec<IndexEntry>,
) -> Result<()> {
    let mut rows = String::new();
    for r in list {
        let _ = write!(
            rows,
            "<tr id=\"{}\">\n<td><strong>{}</strong><br><span class=\"nota\">{}</span></td>\n<td class=\"fecha\">{}</td>\n<td>{}</td>\n</tr>\n",
            r.id,
            esc(&r.identifier),
            esc(&r.subtitle),
            dmy(&r.date),
            pdf_link(&format!("../{}", r.pdf), &r.identifier)
        );
        entries.push(IndexEntry {
            id: r.id.clone(),
            tipo: "Informe".into(),
            identificador: r.identifier.clone(),
            fecha: r.date.clone(),
            titulo: r.subtitle.clone(),
            vigencia: None,
            pdf: Some(r.pdf.clone()),
            pagina: format!("informes/{year}.html#{}", r.id),
        });
    }
    let title = format!("Informes de {year}");
    let body = html::table(
        &format!("{title}: seguimiento de los planes y transparencia"),
        &[("Informe", ""), ("Fecha", ""), ("Documento", "")],
        &rows,
    );
    site.write(
        &format!("informes/{year}.html"),
        frame.page(1, &title, &body, "").as_bytes(),
    )
}

/// `index.html`: the municipality, what the portal holds, the search box.
fn home_page(
    frame: &Frame<'_>,
    norms: &HashMap<(i64, NormKind), i64>,
    actas: &BTreeMap<i64, i64>,
    reports: &BTreeMap<i64, Vec<Report>>,
) -> String {
    let chile = frame.chile;
    let mut b = String::new();
    let _ = write!(
        b,
        "<p>{} por la {}, con su vigencia al {}.</p>\n<p class=\"nota\">{}</p>\n",
        if chile {
            "Normas, actas del Concejo Municipal e informes publicados"
        } else {
            "Normas, actas del Concejo Municipal e informes de seguimiento publicados"
        },
        esc(&frame.muni.name),
        esc(&frame.updated),
        if chile {
            "Información publicada como transparencia activa (Ley N° 20.285, sobre Acceso a la Información Pública)."
        } else {
            "Información publicada para el Portal de Transparencia Estándar (Texto Único Ordenado de la Ley N° 27806, Ley de Transparencia y Acceso a la Información Pública)."
        }
    );
    b.push_str(
        "<form class=\"buscar\" role=\"search\" action=\"buscar.html\" method=\"get\">\n\
         <label for=\"q\">Buscar por palabras del título o por el número del documento</label>\n\
         <input id=\"q\" name=\"q\" type=\"search\" placeholder=\"Por ejemplo: desagüe, ordenanza 12-2019\">\n\
         <button type=\"submit\">Buscar</button>\n</form>\n",
    );

    b.push_str("<h2 id=\"normas\">Normas</h2>\n");
    let kinds: Vec<NormKind> = NormKind::ALL
        .into_iter()
        .filter(|k| norms.keys().any(|(_, kk)| kk == k))
        .collect();
    if kinds.is_empty() {
        b.push_str("<p class=\"vacio\">Todavía no hay normas publicadas.</p>\n");
    } else {
        let years: BTreeSet<i64> = norms.keys().map(|(y, _)| *y).collect();
        let mut rows = String::new();
        for y in years.iter().rev() {
            let _ = write!(rows, "<tr>\n<th scope=\"row\">{y}</th>");
            for k in &kinds {
                match norms.get(&(*y, *k)) {
                    Some(n) => {
                        let _ = write!(
                            rows,
                            "<td class=\"numero\"><a href=\"normas/{}-{y}.html\" aria-label=\"{} de {y}: {n}\">{n}</a></td>",
                            k.as_str(),
                            esc(kind_words(*k, chile).0)
                        );
                    }
                    None => rows.push_str("<td class=\"numero\">—</td>"),
                }
            }
            rows.push_str("\n</tr>\n");
        }
        let mut columns = vec![("Año", "")];
        columns.extend(kinds.iter().map(|k| (kind_words(*k, chile).0, "numero")));
        b.push_str(&html::table(
            "Normas publicadas por año y tipo",
            &columns,
            &rows,
        ));
    }

    b.push_str("<h2 id=\"actas\">Actas del Concejo Municipal</h2>\n");
    if actas.is_empty() {
        b.push_str("<p class=\"vacio\">Todavía no hay actas aprobadas.</p>\n");
    } else {
        let mut rows = String::new();
        for (y, n) in actas.iter().rev() {
            let _ = writeln!(
                rows,
                "<tr><th scope=\"row\"><a href=\"actas/{y}.html\">{y}</a></th><td class=\"numero\">{n}</td></tr>"
            );
        }
        b.push_str(&html::table(
            "Actas aprobadas por año",
            &[("Año", ""), ("Actas", "numero")],
            &rows,
        ));
    }

    b.push_str("<h2 id=\"informes\">Informes</h2>\n");
    if reports.is_empty() {
        b.push_str("<p class=\"vacio\">Todavía no hay informes publicados.</p>\n");
    } else {
        let mut rows = String::new();
        for (y, list) in reports.iter().rev() {
            let _ = writeln!(
                rows,
                "<tr><th scope=\"row\"><a href=\"informes/{y}.html\">{y}</a></th><td class=\"numero\">{}</td></tr>",
                list.len()
            );
        }
        b.push_str(&html::table(
            "Informes por año: seguimiento de los planes y solicitudes de acceso a la información",
            &[("Año", ""), ("Informes", "numero")],
            &rows,
        ));
    }

    let _ = write!(
        b,
        "<h2>Sobre estos documentos</h2>\n<p>Cada documento emitido con Cabildo lleva en todas sus \
         páginas un código de verificación: el PDF es el del registro sellado, firmado digitalmente \
         cuando lo fue. Las normas antiguas registradas del archivo histórico se publican con su \
         archivo original.</p>\n<p>{}</p>\n",
        if chile {
            "Las normas que deben publicarse en el Diario Oficial para producir efectos aparecen aquí una vez registrada su publicación."
        } else {
            "Las normas que deben publicarse para surtir efecto (Ley N° 27972, Ley Orgánica de Municipalidades, art. 44) aparecen aquí una vez registrada su publicación."
        }
    );
    frame.page(0, frame.portal_name_short(), &b, "")
}

/// `buscar.html`: the search box and its results (JavaScript: `recursos/buscar.js`).
fn search_page(frame: &Frame<'_>, scripts: &str) -> String {
    let body = "<form id=\"buscar\" class=\"buscar\" role=\"search\" action=\"buscar.html\" method=\"get\">\n\
         <label for=\"q\">Palabras del título o número del documento (sin importar tildes ni mayúsculas)</label>\n\
         <input id=\"q\" name=\"q\" type=\"search\" autocomplete=\"off\" placeholder=\"Por ejemplo: desagüe, ord 12 2019\">\n\
         <button type=\"submit\">Buscar</button>\n</form>\n\
         <p id=\"estado\" role=\"status\" aria-live=\"polite\">La búsqueda necesita JavaScript.</p>\n\
         <noscript><p>Sin JavaScript, use las listas por tipo y año de la <a href=\"index.html\">página de inicio</a>.</p></noscript>\n\
         <table id=\"resultados\" hidden>\n<caption>Documentos encontrados</caption>\n<thead>\n<tr><th scope=\"col\">Documento</th><th scope=\"col\">Fecha</th><th scope=\"col\">Título</th><th scope=\"col\">Vigencia</th><th scope=\"col\">PDF</th></tr>\n</thead>\n<tbody></tbody>\n</table>\n\
         <script src=\"recursos/minisearch.js\"></script>\n<script src=\"recursos/buscar.js\"></script>";
    frame.page(
        0,
        "Buscar",
        body,
        &format!(" data-indices=\"{}\"", esc(scripts)),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pdf_names_say_what_and_which_edition() {
        assert_eq!(
            pdf_name("ORDENANZA N° 012-2019-MDSRQ", "7KQ2MXW4PA"),
            "ORDENANZA-N-012-2019-MDSRQ-7KQ2MXW4PA.pdf"
        );
        assert_eq!(part_file("ordenanza-2026", 1), "ordenanza-2026.html");
        assert_eq!(part_file("ordenanza-2026", 3), "ordenanza-2026-3.html");
        assert_eq!((parts(0), parts(500), parts(501)), (1, 1, 2));
    }
}
