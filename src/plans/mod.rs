//! Institutional plans: the strategic plan (PEI / PLADECO) with its objectives, actions and
//! indicators; the operational plan (POI / Plan Anual de Acción Municipal, and the Chilean
//! Programa de Mejoramiento de la Gestión) with its activities per unit, monthly targets and
//! reprogrammed versions; each unit's monthly execution; the tablero that rolls it up; and the
//! printed reports (monthly, follow-up, annual evaluation) as sealable records.
//! Every row that belongs to a unit carries its `unit_id`, so a unit's head can be limited to
//! it. The arithmetic is in [`compute`]; the SQL in `store`; spreadsheets both ways in
//! [`sheets`].

pub mod compute;
pub mod dashboard;
pub(crate) mod demo;
pub mod execution;
pub mod home;
pub mod operational;
pub mod quantity;
pub mod reports;
pub mod sheets;
mod store;
pub mod strategic;

use std::collections::HashMap;

use sqlx::SqliteConnection;

use crate::error::{Error, Result};
use compute::Thresholds;

/// The follow-up settings of the rule set.
#[derive(Debug, Clone, Copy)]
pub struct Settings {
    /// Traffic-light thresholds.
    pub thresholds: Thresholds,
    /// The working day of the next month on which a month closes.
    pub month_close: i64,
}

/// The follow-up settings (`plans.light.green`, `plans.light.amber`, `plans.month_close`);
/// defaults where the rule set leaves them blank.
pub async fn settings(conn: &mut SqliteConnection) -> Result<Settings> {
    let rules = crate::rules::load(conn).await?;
    let num = |key: &str, default: f64| {
        rules
            .value(key)
            .and_then(|v| v.trim().replace(',', ".").parse::<f64>().ok())
            .unwrap_or(default)
    };
    let d = Thresholds::default();
    Ok(Settings {
        thresholds: Thresholds {
            green: num("plans.light.green", d.green),
            amber: num("plans.light.amber", d.amber),
        },
        month_close: num("plans.month_close", 5.0).clamp(1.0, 20.0) as i64,
    })
}

/// Names of every unit, by id.
pub(crate) async fn unit_names(conn: &mut SqliteConnection) -> Result<HashMap<i64, String>> {
    Ok(store::unit_labels(conn)
        .await?
        .into_iter()
        .map(|(id, (_, name))| (id, name))
        .collect())
}

/// The name of unit `id`, or a field error on `unit_id`.
pub(crate) async fn unit_name(conn: &mut SqliteConnection, id: i64) -> Result<String> {
    store::unit_name(conn, id)
        .await?
        .ok_or_else(|| Error::field("unit_id", format!("No existe la unidad orgánica {id}.")))
}

/// Refuse a unit that does not exist, at `unit_id`.
pub(crate) async fn unit_exists(conn: &mut SqliteConnection, id: i64) -> Result<()> {
    unit_name(conn, id).await.map(|_| ())
}

/// The name of month `m` (1–12), capitalised.
pub fn month_name(m: i64) -> &'static str {
    const NAMES: [&str; 12] = [
        "Enero",
        "Febrero",
        "Marzo",
        "Abril",
        "Mayo",
        "Junio",
        "Julio",
        "Agosto",
        "Septiembre",
        "Octubre",
        "Noviembre",
        "Diciembre",
    ];
    NAMES[(m.clamp(1, 12) - 1) as usize]
}
