//! Print settings (paper, margins, letterhead subtitle) and the letterhead as it is frozen into
//! a seal: what a printed page shows must not change when the logo or the year's name changes
//! after the record was sealed.

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};
use sqlx::{FromRow, SqliteConnection};
use ts_rs::TS;

use crate::context::{Ctx, Empty};
use crate::error::{Error, Result};
use crate::files;
use crate::pdf::{Country, Letterhead, Margins, PageSettings, Paper};

/// Paper and margins of printed records.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS, FromRow)]
#[serde(deny_unknown_fields)]
pub struct PrintSettings {
    /// `a4` (default), `oficio` (216 × 330 mm) or `carta` (216 × 279 mm).
    pub paper: String,
    /// Top margin, mm (5–60).
    pub margin_top_mm: f64,
    /// Right margin, mm.
    pub margin_right_mm: f64,
    /// Bottom margin, mm.
    pub margin_bottom_mm: f64,
    /// Left (binding) margin, mm.
    pub margin_left_mm: f64,
    /// Line under the municipality's name in the letterhead ("Provincia de … — Región …").
    pub letterhead_subtitle: Option<String>,
}

impl PrintSettings {
    /// The engine's page settings.
    pub fn page(&self) -> PageSettings {
        PageSettings {
            paper: match self.paper.as_str() {
                "oficio" => Paper::Oficio,
                "carta" => Paper::Carta,
                _ => Paper::A4,
            },
            margins: Margins {
                top_mm: self.margin_top_mm as f32,
                right_mm: self.margin_right_mm as f32,
                bottom_mm: self.margin_bottom_mm as f32,
                left_mm: self.margin_left_mm as f32,
            },
        }
    }
}

/// `print.settings.get`.
pub async fn get(conn: &mut SqliteConnection, _ctx: &Ctx, _p: Empty) -> Result<PrintSettings> {
    load(conn).await
}

pub(crate) async fn load(conn: &mut SqliteConnection) -> Result<PrintSettings> {
    Ok(sqlx::query_as(
        "SELECT paper, margin_top_mm, margin_right_mm, margin_bottom_mm, margin_left_mm,
         letterhead_subtitle FROM print_settings WHERE id = 1",
    )
    .fetch_one(&mut *conn)
    .await?)
}

/// `print.settings.set`.
pub async fn set(
    conn: &mut SqliteConnection,
    _ctx: &Ctx,
    p: PrintSettings,
) -> Result<PrintSettings> {
    if !["a4", "oficio", "carta"].contains(&p.paper.as_str()) {
        return Err(Error::field(
            "paper",
            "El papel debe ser A4, Oficio o Carta.",
        ));
    }
    for (field, v) in [
        ("margin_top_mm", p.margin_top_mm),
        ("margin_right_mm", p.margin_right_mm),
        ("margin_bottom_mm", p.margin_bottom_mm),
        ("margin_left_mm", p.margin_left_mm),
    ] {
        if !(5.0..=60.0).contains(&v) {
            return Err(Error::field(
                field,
                "Cada margen debe medir entre 5 y 60 milímetros.",
            ));
        }
    }
    let (w, h) = p.page().paper.size_mm();
    if w as f64 - p.margin_left_mm - p.margin_right_mm < 100.0 {
        return Err(Error::field(
            "margin_left_mm",
            "Los márgenes izquierdo y derecho dejan menos de 10 cm para el texto.",
        ));
    }
    if h as f64 - p.margin_top_mm - p.margin_bottom_mm < 150.0 {
        return Err(Error::field(
            "margin_top_mm",
            "Los márgenes superior e inferior dejan menos de 15 cm para el texto.",
        ));
    }
    let subtitle = p
        .letterhead_subtitle
        .as_deref()
        .map(str::trim)
        .filter(|s| !s.is_empty());
    sqlx::query(
        "UPDATE print_settings SET paper = $1, margin_top_mm = $2, margin_right_mm = $3,
         margin_bottom_mm = $4, margin_left_mm = $5, letterhead_subtitle = $6 WHERE id = 1",
    )
    .bind(&p.paper)
    .bind(p.margin_top_mm)
    .bind(p.margin_right_mm)
    .bind(p.margin_bottom_mm)
    .bind(p.margin_left_mm)
    .bind(subtitle)
    .execute(&mut *conn)
    .await?;
    load(conn).await
}

/// Everything the printed page takes from the municipality and the settings, as frozen in a
/// seal.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Frame {
    /// Official name.
    pub municipality: String,
    /// Siglas.
    pub siglas: String,
    /// `PE` or `CL`.
    pub country: String,
    /// Logo in the file store.
    pub logo_sha256: Option<String>,
    /// Official name of the record's year.
    pub year_name: Option<String>,
    /// Letterhead subtitle.
    pub subtitle: Option<String>,
    /// Paper and margins.
    pub settings: PrintSettings,
}

impl Frame {
    /// The municipality and settings today, for a record dated `date`.
    pub async fn current(conn: &mut SqliteConnection, date: NaiveDate) -> Result<Frame> {
        let m = crate::municipality::find(conn).await?.ok_or_else(|| {
            Error::Conflict("Todavía no hay municipalidad: créela primero.".into())
        })?;
        let year_name: Option<String> =
            sqlx::query_scalar("SELECT name FROM year_name WHERE year = $1")
                .bind(date.year())
                .fetch_optional(&mut *conn)
                .await?;
        let settings = load(conn).await?;
        Ok(Frame {
            municipality: m.name,
            siglas: m.short_name,
            country: m.country,
            logo_sha256: m.logo_sha256,
            // Printed whenever the municipality recorded one (a Peruvian custom).
            year_name,
            subtitle: settings.letterhead_subtitle.clone(),
            settings,
        })
    }

    /// The engine's country.
    pub fn country(&self) -> Country {
        Country::from_code(&self.country)
    }

    /// The letterhead, with the logo read from the file store.
    pub fn letterhead(&self, files_dir: &std::path::Path) -> Result<Letterhead> {
        let logo = match &self.logo_sha256 {
            Some(sha) => Some(files::read(files_dir, sha)?),
            None => None,
        };
        Ok(Letterhead {
            municipality: self.municipality.clone(),
            siglas: self.siglas.clone(),
            logo,
            year_name: self.year_name.clone(),
            subtitle: self.subtitle.clone(),
            country: self.country(),
        })
    }
}
