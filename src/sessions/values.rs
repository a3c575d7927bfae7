//! The closed sets of the sessions area: a session's kind and state, the kind of body that
//! meets, and the stages of the order of business. Stored TEXT and JSON use the same codes.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// Kind of a session (`session.kind`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS, sqlx::Type)]
#[serde(rename_all = "snake_case")]
#[sqlx(rename_all = "snake_case")]
pub enum SessionKind {
    /// `ordinaria`: held on the calendar the council set.
    Ordinaria,
    /// `extraordinaria`: convened on a closed agenda.
    Extraordinaria,
    /// `solemne`: ceremonial (not in Chile, nor in a comisión).
    Solemne,
}

impl SessionKind {
    /// The stored code ("ordinaria"), also used in numbering series names.
    pub fn as_str(self) -> &'static str {
        match self {
            SessionKind::Ordinaria => "ordinaria",
            SessionKind::Extraordinaria => "extraordinaria",
            SessionKind::Solemne => "solemne",
        }
    }
}

/// State of a session in its lifecycle (`session.status`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS, sqlx::Type)]
#[serde(rename_all = "snake_case")]
#[sqlx(rename_all = "snake_case")]
pub enum SessionStatus {
    /// `borrador`: created, its agenda being drawn up.
    Borrador,
    /// `convocada`: every member cited (numbered when it starts).
    Convocada,
    /// `en_curso`: started with quorum.
    EnCurso,
    /// `concluida`: ended; its acta is pending.
    Concluida,
    /// `acta_aprobada`: its acta was approved and sealed.
    ActaAprobada,
    /// `suspendida`: suspended while in progress.
    Suspendida,
    /// `cancelada`: cancelled before it started.
    Cancelada,
}

impl SessionStatus {
    /// The stored code ("en_curso").
    pub fn as_str(self) -> &'static str {
        match self {
            SessionStatus::Borrador => "borrador",
            SessionStatus::Convocada => "convocada",
            SessionStatus::EnCurso => "en_curso",
            SessionStatus::Concluida => "concluida",
            SessionStatus::ActaAprobada => "acta_aprobada",
            SessionStatus::Suspendida => "suspendida",
            SessionStatus::Cancelada => "cancelada",
        }
    }
}

/// Kind of a collegiate body (`body.kind`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS, sqlx::Type)]
#[serde(rename_all = "snake_case")]
#[sqlx(rename_all = "snake_case")]
pub enum BodyKind {
    /// `concejo`: the Concejo Municipal of a term.
    Concejo,
    /// `comision`: a comisión of council members.
    Comision,
    /// `comite`: a comité of officials (where the rule set has them).
    Comite,
}

impl BodyKind {
    /// "de la comisión", "del comité" (the Concejo is never named this way).
    pub fn of(self) -> &'static str {
        if self == BodyKind::Comite {
            "del comité"
        } else {
            "de la comisión"
        }
    }
}

/// Stage of the order of business (`agenda_item.stage`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS, sqlx::Type)]
#[serde(rename_all = "snake_case")]
#[sqlx(rename_all = "snake_case")]
pub enum Stage {
    /// `acta_anterior`: approval of the previous acta.
    ActaAnterior,
    /// `despacho`: correspondence received.
    Despacho,
    /// `informes`: reports.
    Informes,
    /// `pedidos`: requests of the members.
    Pedidos,
    /// `orden_del_dia`: the matters to debate and vote.
    OrdenDelDia,
}

impl Stage {
    /// Every stage in the order of business.
    pub const ALL: [Stage; 5] = [
        Stage::ActaAnterior,
        Stage::Despacho,
        Stage::Informes,
        Stage::Pedidos,
        Stage::OrdenDelDia,
    ];

    /// The stored code ("orden_del_dia").
    pub fn as_str(self) -> &'static str {
        match self {
            Stage::ActaAnterior => "acta_anterior",
            Stage::Despacho => "despacho",
            Stage::Informes => "informes",
            Stage::Pedidos => "pedidos",
            Stage::OrdenDelDia => "orden_del_dia",
        }
    }

    /// The Spanish name ("Orden del día").
    pub fn label(self) -> &'static str {
        match self {
            Stage::ActaAnterior => "Aprobación del acta anterior",
            Stage::Despacho => "Despacho",
            Stage::Informes => "Informes",
            Stage::Pedidos => "Pedidos",
            Stage::OrdenDelDia => "Orden del día",
        }
    }

    /// The stage with this stored code, if any.
    pub fn from_code(code: &str) -> Option<Stage> {
        Stage::ALL.into_iter().find(|s| s.as_str() == code)
    }

    /// The parts of a session in the order and with the names the municipality's rule set
    /// gives (`agenda.stage_order`, `agenda.stage.<code>`: Peru's despacho… orden del día,
    /// Chile's correspondencia… tabla, incidentes); the built-in order and names fill in what
    /// the set lacks.
    pub fn plan(rules: &crate::rules::RuleSet) -> Vec<(Stage, String)> {
        let order: Vec<Stage> = rules
            .value("agenda.stage_order")
            .and_then(crate::rules::stage_order)
            .map(|codes| codes.into_iter().filter_map(Stage::from_code).collect())
            .unwrap_or_else(|| Stage::ALL.to_vec());
        order
            .into_iter()
            .map(|s| {
                let name = rules
                    .value(&format!("agenda.stage.{}", s.as_str()))
                    .map_or_else(|| s.label().to_string(), |v| v.trim().to_string());
                (s, name)
            })
            .collect()
    }
}

/// What the business of a session is called in the municipality's rule set (`agenda.name`):
/// "Agenda" in Peru, "Tabla" in Chile.
pub fn agenda_name(rules: &crate::rules::RuleSet) -> String {
    rules
        .value("agenda.name")
        .map_or_else(|| "Agenda".to_string(), |v| v.trim().to_string())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::{RuleEntry, RuleSet};

    fn set(entries: &[(&str, &str)]) -> RuleSet {
        RuleSet {
            country: "CL".into(),
            entries: entries
                .iter()
                .map(|(k, v)| RuleEntry {
                    key: k.to_string(),
                    value: v.to_string(),
                    label: String::new(),
                    note: String::new(),
                })
                .collect(),
        }
    }

    #[test]
    fn the_plan_follows_the_rule_set() {
        let chile = set(&[
            (
                "agenda.stage_order",
                "acta_anterior, despacho, informes, orden_del_dia, pedidos",
            ),
            ("agenda.stage.orden_del_dia", "Tabla"),
            ("agenda.stage.pedidos", "Incidentes / varios"),
            ("agenda.name", "Tabla"),
        ]);
        let plan = Stage::plan(&chile);
        assert_eq!(plan[3], (Stage::OrdenDelDia, "Tabla".to_string()));
        assert_eq!(plan[4], (Stage::Pedidos, "Incidentes / varios".to_string()));
        // Unnamed parts keep the built-in name.
        assert_eq!(plan[1], (Stage::Despacho, "Despacho".to_string()));
        assert_eq!(agenda_name(&chile), "Tabla");
        // An order that misses a part is ignored: the built-in order holds.
        let broken = set(&[("agenda.stage_order", "despacho, informes")]);
        let plan: Vec<Stage> = Stage::plan(&broken).into_iter().map(|(s, _)| s).collect();
        assert_eq!(plan, Stage::ALL.to_vec());
        assert_eq!(agenda_name(&broken), "Agenda");
    }

    #[test]
    fn codes_match_serde() {
        for s in Stage::ALL {
            assert_eq!(serde_json::to_value(s).unwrap(), s.as_str());
            assert_eq!(Stage::from_code(s.as_str()), Some(s));
        }
        assert_eq!(
            serde_json::to_value(SessionStatus::ActaAprobada).unwrap(),
            SessionStatus::ActaAprobada.as_str()
        );
        assert_eq!(
            serde_json::to_value(SessionKind::Extraordinaria).unwrap(),
            "extraordinaria"
        );
    }
}
