//! Reports of the council's work: attendance per member over a period (with the rule that at
//! most N sessions a month are paid as dietas) and the nominal votes per member and item, as
//! CSV (for a spreadsheet) or PDF (printed with the engine).

use std::collections::BTreeMap;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use sqlx::SqliteConnection;
use ts_rs::TS;

use super::vote::Ballot;
use crate::context::Ctx;
use crate::dates::parse_date;
use crate::error::{Error, Result};
use crate::pdf::{Block, Column, DocInfo, Document, Paragraph, Table};
use crate::records::settings::Frame;
use crate::rules;

/// A period.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct Period {
    /// From.
    #[serde(with = "crate::dates::iso")]
    #[ts(type = "string")]
    pub from: NaiveDate,
    /// To.
    #[serde(with = "crate::dates::iso")]
    #[ts(type = "string")]
    pub to: NaiveDate,
}

fn period(p: &Period) -> Result<(NaiveDate, NaiveDate)> {
    let (from, to) = (p.from, p.to);
    if to < from {
        return Err(Error::field(
            "to",
            "La fecha final es anterior a la inicial.",
        ));
    }
    Ok((from, to))
}

/// Attendance of one member over the period.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct AttendanceRow {
    /// Member.
    pub member_id: i64,
    /// Name.
    pub name: String,
    /// `alcalde` or `regidor`.
    pub role: String,
    /// Sessions held in the period while a member.
    pub sessions: i64,
    /// Present.
    pub present: i64,
    /// Absent without justification.
    pub absent: i64,
    /// Justified absences.
    pub justified: i64,
    /// On licence or suspended.
    pub licence: i64,
    /// Sessions attended that are paid (at most the monthly maximum each month).
    pub paid: i64,
    /// Months where the member attended more sessions than are paid ("2026-03: 5 de 4").
    pub over_limit: Vec<String>,
}

/// `report.attendance`.
pub async fn attendance(
    conn: &mut SqliteConnection,
    _ctx: &Ctx,
    p: Period,
) -> Result<Vec<AttendanceRow>> {
    let (from, to) = period(&p)?;
    let rules = rules::load(conn).await?;
    let paid_max: i64 = rules
        .value("sessions.paid_max_per_month")
        .and_then(|v| v.parse().ok())
        .unwrap_or(i64::MAX);
    let rows: Vec<(i64, String, String, String, String)> = sqlx::query_as(
        "SELECT a.member_id, m.full_name, m.role, a.status, s.date
         FROM attendance a JOIN session s ON s.id = a.session_id
         JOIN body b ON b.id = s.body_id AND b.kind = 'concejo'
         JOIN council_seat m ON m.id = a.member_id
         WHERE s.date BETWEEN $1 AND $2 AND s.status IN ('en_curso', 'concluida', 'acta_aprobada', 'suspendida')
         ORDER BY m.seat, s.date",
    )
    .bind(from.to_string())
    .bind(to.to_string())
    .fetch_all(&mut *conn)
    .await?;
    let mut by_member: BTreeMap<i64, AttendanceRow> = BTreeMap::new();
    let mut months: BTreeMap<(i64, String), i64> = BTreeMap::new();
    let mut order = Vec::new();
    for (id, name, role, status, date) in rows {
        let r = by_member.entry(id).or_insert_with(|| {
            order.push(id);
            AttendanceRow {
                member_id: id,
                name,
                role,
                sessions: 0,
                present: 0,
                absent: 0,
                justified: 0,
                licence: 0,
                paid: 0,
                over_limit: vec![],
            }
        });
        r.sessions += 1;
        match status.as_str() {
            "presente" => {
                r.present += 1;
                *months.entry((id, date[..7].to_string())).or_default() += 1;
            }
            "ausente" => r.absent += 1,
            "justificada" => r.justified += 1,
            _ => r.licence += 1,
        }
    }
    for ((id, month), n) in months {
        let r = by_member.get_mut(&id).expect("member counted");
        r.paid += n.min(paid_max);
        if n > paid_max {
            r.over_limit.push(format!("{month}: {n} de {paid_max}"));
        }
    }
    Ok(order
        .into_iter()
        .filter_map(|id| by_member.remove(&id))
        .collect())
}

/// One member's vote on one item.
#[derive(Debug, Clone, Serialize, Deserialize, TS, sqlx::FromRow)]
pub struct VoteRow {
    /// Session identifier.
    pub session: String,
    /// Session date.
    pub date: String,
    /// Item.
    pub item: String,
    /// Result of the item.
    pub decision: String,
    /// Member.
    pub member: String,
    /// Ballot.
    pub ballot: Ballot,
}

/// `report.votes`.
pub async fn votes(conn: &mut SqliteConnection, _ctx: &Ctx, p: Period) -> Result<Vec<VoteRow>> {
    let (from, to) = period(&p)?;
    Ok(sqlx::query_as(
        "SELECT coalesce(s.identifier, '') AS session, s.date, i.title AS item,
           coalesce(i.decision, '') AS decision, m.full_name AS member, v.ballot
         FROM vote v JOIN agenda_item i ON i.id = v.item_id JOIN session s ON s.id = i.session_id
         JOIN body b ON b.id = s.body_id AND b.kind = 'concejo'
         JOIN council_seat m ON m.id = v.member_id
         WHERE s.date BETWEEN $1 AND $2
         ORDER BY s.date, s.id, i.stage, i.position, m.seat",
    )
    .bind(from.to_string())
    .bind(to.to_string())
    .fetch_all(&mut *conn)
    .await?)
}

/// Params of `report.export`.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct ReportExport {
    /// `asistencia` or `votaciones`.
    pub report: String,
    /// From.
    #[serde(with = "crate::dates::iso")]
    #[ts(type = "string")]
    pub from: NaiveDate,
    /// To.
    #[serde(with = "crate::dates::iso")]
    #[ts(type = "string")]
    pub to: NaiveDate,
    /// `csv` or `pdf`.
    pub format: String,
    /// Where to write it.
    pub path: String,
}

/// Result of `report.export`.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct ReportFile {
    /// The file written.
    pub path: String,
    /// Data rows.
    pub rows: i64,
}

fn csv_cell(s: &str) -> String {
    if s.contains([',', '"', '\n', ';']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s.to_string()
    }
}

fn ballot_es(b: Ballot) -> &'static str {
    match b {
        Ballot::AFavor => "A favor",
        Ballot::EnContra => "En contra",
        Ballot::Abstencion => "Abstención",
        Ballot::NoVota => "No vota",
    }
}

/// `report.export`: write a report as CSV (UTF-8 with BOM, so spreadsheets read the accents)
/// or PDF.
pub async fn export(conn: &mut SqliteConnection, ctx: &Ctx, p: ReportExport) -> Result<ReportFile> {
    let period_p = Period {
        from: p.from,
        to: p.to,
    };
    let (from, to) = period(&period_p)?;
    let (title, header, rows): (String, Vec<&str>, Vec<Vec<String>>) = match p.report.as_str() {
        "asistencia" => {
            let r = attendance(conn, ctx, period_p).await?;
            (
                "ASISTENCIA A SESIONES DEL CONCEJO".into(),
                vec![
                    "Miembro",
                    "Sesiones",
                    "Asistió",
                    "Faltó",
                    "Justif.",
                    "Licencia",
                    "Pagadas",
                    "Sobre el límite",
                ],
                r.iter()
                    .map(|a| {
                        vec![
                            a.name.clone(),
                            a.sessions.to_string(),
                            a.present.to_string(),
                            a.absent.to_string(),
                            a.justified.to_string(),
                            a.licence.to_string(),
                            a.paid.to_string(),
                            a.over_limit.join("; "),
                        ]
                    })
                    .collect(),
            )
        }
        "votaciones" => {
            let r = votes(conn, ctx, period_p).await?;
            (
                "VOTACIONES NOMINALES DEL CONCEJO".into(),
                vec!["Sesión", "Fecha", "Asunto", "Resultado", "Miembro", "Voto"],
                r.iter()
                    .map(|v| {
                        vec![
                            v.session.clone(),
                            v.date.clone(),
                            v.item.clone(),
                            v.decision.replace('_', " "),
                            v.member.clone(),
                            ballot_es(v.ballot).to_string(),
                        ]
                    })
                    .collect(),
            )
        }
        other => {
            return Err(Error::field(
                "report",
                format!("«{other}» no es un reporte: asistencia o votaciones."),
            ))
        }
    };
    let bytes = match p.format.as_str() {
        "csv" => {
            let mut out = String::from("\u{feff}");
            out.push_str(&header.join(","));
            out.push_str("\r\n");
            for r in &rows {
                out.push_str(&r.iter().map(|c| csv_cell(c)).collect::<Vec<_>>().join(","));
                out.push_str("\r\n");
            }
            out.into_bytes()
        }
        "pdf" => {
            let frame = Frame::current(conn, to).await?;
            let letterhead = frame.letterhead(&ctx.files_dir)?;
            // The PDF of the votes groups each item on one row (who voted how); the CSV keeps
            // one row per member and item, for spreadsheets.
            let (header, rows, widths): (Vec<&str>, Vec<Vec<String>>, Vec<f32>) =
                if p.report == "asistencia" {
                    (
                        header.clone(),
                        rows.clone(),
                        vec![52.0, 18.0, 16.0, 14.0, 15.0, 17.0, 17.0, 26.0],
                    )
                } else {
                    let mut grouped: Vec<Vec<String>> = Vec::new();
                    for r in &rows {
                        let key = (&r[0], &r[1], &r[2]);
                        let same = grouped.last().is_some_and(|g| (&g[0], &g[1], &g[2]) == key);
                        if !same {
                            grouped.push(vec![
                                r[0].clone(),
                                r[1].clone(),
                                r[2].clone(),
                                r[3].clone(),
                                String::new(),
                                String::new(),
                                String::new(),
                            ]);
                        }
                        let g = grouped.last_mut().expect("a group");
                        let col = match r[5].as_str() {
                            "A favor" => 4,
                            "En contra" => 5,
                            "Abstención" => 6,
                            _ => continue,
                        };
                        if !g[col].is_empty() {
                            g[col].push_str(", ");
                        }
                        g[col].push_str(&r[4]);
                    }
                    for g in &mut grouped {
                        g[1] = parse_date(&g[1], "date")
                            .map(|d| d.format("%d/%m/%Y").to_string())
                            .unwrap_or_else(|_| g[1].clone());
                    }
                    (
                        vec![
                            "Sesión",
                            "Fecha",
                            "Asunto",
                            "Resultado",
                            "A favor",
                            "En contra",
                            "Abstención",
                        ],
                        grouped,
                        vec![24.0, 22.0, 38.0, 22.0, 44.0, 22.0, 24.0],
                    )
                };
            let subtitle = format!(
                "Del {} al {}",
                from.format("%d/%m/%Y"),
                to.format("%d/%m/%Y")
            );
            let municipality = letterhead.municipality.clone();
            let doc = Document {
                settings: frame.settings.page(),
                info: DocInfo {
                    record_id: format!("reporte-{}-{from}-{to}", p.report),
                    title: title.clone(),
                    subject: subtitle.clone(),
                    author: municipality.clone(),
                    keywords: vec![p.report.clone()],
                    date: to,
                    country: letterhead.country,
                },
                running_header: Some((municipality.to_uppercase(), title.clone())),
                letterhead: Some(letterhead),
                verification_code: None,
                folio_start: None,
                page_numbers: None,
                blocks: vec![
                    Block::Title(title.clone()),
                    Block::Paragraph(
                        Paragraph::text(subtitle)
                            .align(crate::pdf::Align::Center)
                            .spacing(0.0, 8.0),
                    ),
                    Block::Table(Table {
                        columns: header
                            .iter()
                            .zip(widths)
                            .map(|(h, w)| Column::new(*h, w))
                            .collect(),
                        rows: rows.clone(),
                        size: 8.0,
                    }),
                ],
            };
            doc.render()?.pdf
        }
        other => {
            return Err(Error::field(
                "format",
                format!("«{other}» no es un formato: csv o pdf."),
            ))
        }
    };
    let path = p.path.trim();
    if path.is_empty() {
        return Err(Error::field("path", "Indique dónde guardar el reporte."));
    }
    crate::records::write_atomically(std::path::Path::new(path), &bytes)?;
    Ok(ReportFile {
        path: path.to_string(),
        rows: rows.len() as i64,
    })
}
