//! The legal rule set: one set of rules per country (seeded from DOMAIN.md, editable), read by
//! every area that applies the law (quorum, majorities, lead times, closing formulas).

use serde::{Deserialize, Serialize};
use sqlx::SqliteConnection;
use ts_rs::TS;

use crate::context::{Ctx, Empty};
use crate::error::{Error, Result};
use crate::municipality;

/// One rule of the set.
#[derive(Debug, Clone, Serialize, Deserialize, TS, sqlx::FromRow)]
pub struct RuleEntry {
    /// Stable key (`quorum.formula`).
    pub key: String,
    /// Value as text (numbers, fractions `a/b`, keywords, sentences).
    pub value: String,
    /// Spanish description.
    pub label: String,
    /// Source and verification mark ([V], [S], [U]).
    pub note: String,
}

/// The municipality's rule set.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct RuleSet {
    /// Country of the set.
    pub country: String,
    /// The rules, by key.
    pub entries: Vec<RuleEntry>,
}

impl RuleSet {
    /// The value of a rule, if set and not empty.
    pub fn value(&self, key: &str) -> Option<&str> {
        self.entries
            .iter()
            .find(|e| e.key == key)
            .map(|e| e.value.as_str())
            .filter(|v| !v.is_empty())
    }

    /// A legal reference as printed after a sentence: " (art. 14 de la Ley N° 27972)", or ""
    /// when the country's set cites nothing there (`law.*` keys, migration 0018).
    pub fn cite(&self, key: &str) -> String {
        self.value(key)
            .map(|r| format!(" ({})", r.trim()))
            .unwrap_or_default()
    }

    /// Whether the alcalde counts in the quorum's base and among the members present
    /// (`quorum.alcalde_counts`: Peru yes, Chile no unless the reglamento interno says so).
    pub fn alcalde_counts(&self) -> bool {
        self.value("quorum.alcalde_counts") != Some("no")
    }

    /// The quorum for a council of `legal` members of whom `able` are able to attend.
    pub fn quorum(&self, legal: i64, able: i64) -> i64 {
        let base = match self.value("quorum.base") {
            Some("legal") => legal,
            _ => able,
        };
        quorum_of(
            self.value("quorum.formula").unwrap_or("half_plus_one"),
            base,
        )
    }
}

/// Apply a quorum formula to `n` members: `half_plus_one` is ⌊n/2⌋+1; `a/b` is ⌈n·a/b⌉.
pub fn quorum_of(formula: &str, n: i64) -> i64 {
    if n <= 0 {
        return 0;
    }
    match parse_fraction(formula) {
        Some((a, b)) => (n * a + b - 1) / b,
        None => n / 2 + 1,
    }
}

/// Parse `a/b` with 0 < a ≤ b.
pub fn parse_fraction(s: &str) -> Option<(i64, i64)> {
    let (a, b) = s.split_once('/')?;
    let (a, b): (i64, i64) = (a.trim().parse().ok()?, b.trim().parse().ok()?);
    (a > 0 && b > 0 && a <= b).then_some((a, b))
}

/// Load the rule set of the municipality's country.
pub async fn load(conn: &mut SqliteConnection) -> Result<RuleSet> {
    let country = municipality::country(conn).await?;
    let entries = sqlx::query_as::<_, RuleEntry>(
        "SELECT key, value, label, note FROM rule WHERE country = $1 ORDER BY key",
    )
    .bind(&country)
    .fetch_all(&mut *conn)
    .await?;
    Ok(RuleSet { country, entries })
}

/// `rules.get`.
pub async fn get(conn: &mut SqliteConnection, _ctx: &Ctx, _p: Empty) -> Result<RuleSet> {
    load(conn).await
}

/// Params of `rules.set`.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct RulesSet {
    /// Rule key.
    pub key: String,
    /// New value.
    pub value: String,
}

fn validate_value(key: &str, value: &str) -> Result<()> {
    let bad = |msg: &str| Err(Error::field("value", msg));
    let v = value.trim();
    match key {
        "quorum.base" if !matches!(v, "able" | "legal") => {
            bad("Use «able» (número hábil) o «legal» (número legal).")
        }
        "quorum.formula" | "commission.quorum_formula"
            if v != "half_plus_one" && parse_fraction(v).is_none() =>
        {
            bad("Use «half_plus_one» o una fracción como 1/3.")
        }
        "vote.tie_rule" | "commission.tie_rule" if !matches!(v, "casting_vote" | "repeat_vote") => {
            bad("Use «casting_vote» o «repeat_vote».")
        }
        k if k.ends_with("_fraction") && !v.is_empty() && parse_fraction(v).is_none() => {
            bad("Escriba una fracción como 2/3, o déjelo vacío.")
        }
        "quorum.alcalde_counts" if !matches!(v, "yes" | "no") => {
            bad("Escriba «yes» si el alcalde cuenta en el quórum, o «no».")
        }
        "committee.enabled" if !matches!(v, "yes" | "") => {
            bad("Escriba «yes» para usar el comité de funcionarios, o déjelo vacío.")
        }
        "commission.min_members" if !v.parse::<u32>().is_ok_and(|n| (1..=15).contains(&n)) => {
            bad("Escriba un número entero entre 1 y 15.")
        }
        k if (k.ends_with("_days") || k.ends_with("_per_month"))
            && !v.is_empty()
            && !v.parse::<u32>().is_ok_and(|n| n <= 365) =>
        {
            bad("Escriba un número entero entre 0 y 365, o déjelo vacío.")
        }
        "plans.light.green" | "plans.light.amber"
            if !v.parse::<f64>().is_ok_and(|n| (1.0..=100.0).contains(&n)) =>
        {
            bad("Escriba un porcentaje entre 1 y 100 (por ejemplo 90).")
        }
        "plans.month_close" if !v.parse::<u32>().is_ok_and(|n| (1..=20).contains(&n)) => {
            bad("Escriba el día hábil del mes siguiente, de 1 a 20 (por ejemplo 5).")
        }
        "agenda.stage_order" if !is_stage_order(v) => bad(
            "Escriba las cinco estaciones una vez cada una, separadas por comas: acta_anterior, despacho, informes, pedidos, orden_del_dia.",
        ),
        k if (k == "agenda.name" || k.starts_with("agenda.stage.")) && v.is_empty() => {
            bad("Este nombre no puede quedar vacío.")
        }
        "council.member_title" | "council.secretary_title" | "norms.closing_formula"
            if v.is_empty() =>
        {
            bad("Este texto no puede quedar vacío.")
        }
        k if k
            .strip_prefix("norms.publication.")
            .is_some_and(|kind| matches!(kind, "ordenanza" | "decreto" | "acuerdo" | "resolucion"))
            && !matches!(v, "yes" | "no" | "per_norm") =>
        {
            bad("Escriba «yes» (siempre requiere publicación), «no» (no la requiere) o «per_norm» (se indica en cada norma).")
        }
        "norms.publication.media" | "norms.publication.effect_media" if !is_code_list(v) => bad(
            "Escriba los códigos de los medios separados por comas, en minúsculas y sin espacios dentro (por ejemplo el_peruano, portal).",
        ),
        k if k.starts_with("norms.publication.medium.") && v.is_empty() => {
            bad("El nombre del medio no puede quedar vacío.")
        }
        "norms.ratification.district_tax" if !matches!(v, "yes" | "") => {
            bad("Escriba «yes» si las ordenanzas tributarias distritales requieren ratificación provincial, o déjelo vacío.")
        }
        _ => Ok(()),
    }
}

/// A non-empty list of codes separated by commas (`el_peruano, portal`).
fn is_code_list(v: &str) -> bool {
    let codes: Vec<&str> = v.split(',').map(str::trim).collect();
    !codes.is_empty()
        && codes.iter().all(|c| {
            !c.is_empty()
                && c.chars()
                    .all(|ch| ch.is_ascii_lowercase() || ch.is_ascii_digit() || ch == '_')
        })
}

/// The stored codes of a session's parts (`agenda_item.stage`), in no particular order.
pub const STAGE_CODES: [&str; 5] = [
    "acta_anterior",
    "despacho",
    "informes",
    "pedidos",
    "orden_del_dia",
];

/// The parts of a session in the order the rule `agenda.stage_order` gives ("acta_anterior,
/// despacho, …"), when it names each of [`STAGE_CODES`] exactly once.
pub fn stage_order(value: &str) -> Option<Vec<&str>> {
    let codes: Vec<&str> = value
        .split(',')
        .map(str::trim)
        .filter(|c| !c.is_empty())
        .collect();
    let complete = codes.len() == STAGE_CODES.len()
        && STAGE_CODES
            .iter()
            .all(|c| codes.iter().filter(|x| *x == c).count() == 1);
    complete.then_some(codes)
}

fn is_stage_order(v: &str) -> bool {
    stage_order(v).is_some()
}

/// `rules.set`: change one rule of the municipality's set.
pub async fn set(conn: &mut SqliteConnection, _ctx: &Ctx, p: RulesSet) -> Result<RuleSet> {
    let country = municipality::country(conn).await?;
    validate_value(&p.key, &p.value)?;
    let done = sqlx::query("UPDATE rule SET value = $1 WHERE country = $2 AND key = $3")
        .bind(p.value.trim())
        .bind(&country)
        .bind(&p.key)
        .execute(&mut *conn)
        .await?;
    if done.rows_affected() == 0 {
        return Err(Error::field(
            "key",
            format!("No existe la regla «{}».", p.key),
        ));
    }
    load(conn).await
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quorum_formulas() {
        // Peru art. 16: ⌊hábil/2⌋+1.
        assert_eq!(quorum_of("half_plus_one", 9), 5);
        assert_eq!(quorum_of("half_plus_one", 10), 6);
        assert_eq!(quorum_of("half_plus_one", 1), 1);
        assert_eq!(quorum_of("half_plus_one", 0), 0);
        // Fractions round up.
        assert_eq!(quorum_of("1/3", 7), 3);
        assert_eq!(quorum_of("1/3", 9), 3);
        assert_eq!(quorum_of("2/3", 9), 6);
        assert_eq!(quorum_of("2/3", 10), 7);
        assert_eq!(quorum_of("2/3", 12), 8);
    }

    #[test]
    fn rule_values_are_checked() {
        assert!(validate_value("quorum.formula", "2/3").is_ok());
        assert!(validate_value("quorum.formula", "3/2").is_err());
        assert!(validate_value("sessions.ordinary_min_per_month", "x").is_err());
        assert!(validate_value("sessions.ordinary_min_per_month", "").is_ok());
        assert!(validate_value("commission.quorum_formula", "1/2").is_ok());
        assert!(validate_value("commission.quorum_formula", "mitad").is_err());
        assert!(validate_value("commission.tie_rule", "coin_toss").is_err());
        assert!(validate_value("commission.min_members", "0").is_err());
        assert!(validate_value("commission.min_members", "3").is_ok());
        assert!(validate_value("committee.enabled", "si").is_err());
        assert!(validate_value("committee.enabled", "").is_ok());
        assert!(validate_value(
            "agenda.stage_order",
            "acta_anterior, despacho, informes, orden_del_dia, pedidos"
        )
        .is_ok());
        assert!(validate_value(
            "agenda.stage_order",
            "acta_anterior, despacho, informes, orden_del_dia"
        )
        .is_err());
        assert!(validate_value(
            "agenda.stage_order",
            "acta_anterior, despacho, despacho, orden_del_dia, pedidos"
        )
        .is_err());
        assert!(validate_value("agenda.stage.orden_del_dia", " ").is_err());
        assert!(validate_value("agenda.name", "Tabla").is_ok());
        assert!(validate_value("norms.publication.acuerdo", "per_norm").is_ok());
        assert!(validate_value("norms.publication.acuerdo", "a veces").is_err());
        assert!(validate_value("norms.publication.media", "el_peruano, portal").is_ok());
        assert!(validate_value("norms.publication.effect_media", "").is_err());
        assert!(validate_value("norms.publication.media", "El Peruano").is_err());
        assert!(validate_value("norms.publication.medium.portal", " ").is_err());
        assert!(validate_value("norms.ratification.district_tax", "").is_ok());
        assert!(validate_value("norms.ratification.district_tax", "si").is_err());
        assert!(validate_value("norms.validity.publication_offset_days", "1").is_ok());
        assert!(validate_value("norms.validity.publication_offset_days", "-1").is_err());
    }
}
