//! Publication and validity of sealed norms, the relations between norms and their
//! distribution to the organic units (docs/adr/0016-norm-validity.md). A sealed norm never
//! changes, so all of this lives in tables beside it; `norm_validity` keeps, per sealed norm,
//! the state derived from its publications, ratification and the relations that point at it,
//! rewritten in the same transaction as each of those writes, so that lists filter by status
//! in SQL ([`status_sql`], [`group_sql`]).

mod compute;
mod distribution;
mod relations;
mod store;
mod writes;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use sqlx::{FromRow, SqliteConnection};
use ts_rs::TS;

use super::model::{NormId, NormKind, NormLink};
use crate::context::Ctx;
use crate::dates::{dmy, parse_date};
use crate::error::{Error, Result};
use crate::rules::{self, RuleSet};

pub use compute::{group_sql, status_sql};
pub use distribution::{
    distribution_acknowledge, distribution_pending, distribution_set, NormDistributionAck,
    NormDistributionSet, NormPendingList, NormPendingPage, NormPendingRow,
};
pub use relations::{relation_add, relation_remove, NormRelationAdd, NormRelationRemove};
pub use writes::{
    evidence, publication_add, publication_remove, ratification_remove, ratification_set,
    validity_set, NormEvidence, NormPublicationAdd, NormPublicationRemove, NormRatificationSet,
    NormValiditySet,
};

/// Where a norm stands on a day.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum NormValidityStatus {
    /// In force.
    Vigente,
    /// Published; takes effect on a later day.
    VigenciaFutura,
    /// Needs a publication it does not have.
    SinEfecto,
    /// A district tax ordinance without its provincial ratification.
    PendienteRatificacion,
    /// Suspended by a newer norm.
    Suspendida,
    /// In force, with part of it repealed.
    DerogadaParcialmente,
    /// Totally repealed.
    Derogada,
}

impl NormValidityStatus {
    pub(crate) fn from_code(code: &str) -> Option<Self> {
        use NormValidityStatus as S;
        Some(match code {
            "vigente" => S::Vigente,
            "vigencia_futura" => S::VigenciaFutura,
            "sin_efecto" => S::SinEfecto,
            "pendiente_ratificacion" => S::PendienteRatificacion,
            "suspendida" => S::Suspendida,
            "derogada_parcialmente" => S::DerogadaParcialmente,
            "derogada" => S::Derogada,
            _ => return None,
        })
    }

    /// The badge ("Vigente", "Sin efecto hasta su publicación"…).
    pub fn label(self) -> &'static str {
        use NormValidityStatus as S;
        match self {
            S::Vigente => "Vigente",
            S::VigenciaFutura => "Por entrar en vigencia",
            S::SinEfecto => "Sin efecto hasta su publicación",
            S::PendienteRatificacion => "Pendiente de ratificación provincial",
            S::Suspendida => "Suspendida",
            S::DerogadaParcialmente => "Derogada parcialmente",
            S::Derogada => "Derogada",
        }
    }
}

/// A medium where norms are published (rule `norms.publication.media`).
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct PublicationMedium {
    /// Code (`el_peruano`).
    pub code: String,
    /// Name ("Diario Oficial El Peruano").
    pub label: String,
    /// A publication there gives effect (rule `norms.publication.effect_media`).
    pub gives_effect: bool,
}

/// A publication of a norm.
#[derive(Debug, Clone, Serialize, Deserialize, TS, FromRow)]
pub struct NormPublication {
    /// Id.
    pub id: i64,
    /// Medium code.
    pub medium: String,
    /// Medium name.
    pub medium_label: String,
    /// It gave effect to the norm (the medium counts for validity).
    pub gives_effect: bool,
    /// Day published (AAAA-MM-DD).
    pub published_on: String,
    /// Edition, page ("Edición 12345, p. 34").
    pub reference: Option<String>,
    /// The scanned page or PDF in the file store.
    pub file_sha256: Option<String>,
    /// Its file name.
    pub file_name: Option<String>,
}

/// The provincial act that ratified a district tax ordinance.
#[derive(Debug, Clone, Serialize, Deserialize, TS, FromRow)]
pub struct NormRatification {
    /// "Acuerdo de Concejo N° 123-2026-MML".
    pub identifier: String,
    /// Its date (AAAA-MM-DD).
    pub date: String,
    /// When it was published, if recorded.
    pub published_on: Option<String>,
    /// The evidence in the file store.
    pub file_sha256: Option<String>,
    /// Its file name.
    pub file_name: Option<String>,
}

/// A kind of relation between norms, with its wording both ways.
#[derive(Debug, Clone, Serialize, Deserialize, TS, FromRow)]
pub struct NormRelationKind {
    /// Code (`modifica`, `deroga_total`…).
    pub code: String,
    /// "Modifica a".
    pub active: String,
    /// "Modificada por".
    pub passive: String,
    /// What it does to the older norm: `deroga`, `deroga_parcial`, `suspende` or "".
    pub effect: String,
}

/// Which way a relation is seen from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum NormRelationDirection {
    /// This norm acts on the other (it is the newer one).
    Activa,
    /// The other norm acts on this one.
    Pasiva,
}

/// A relation as one of its norms shows it.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct NormRelationRow {
    /// Id.
    pub id: i64,
    /// Kind code.
    pub kind: String,
    /// Seen from this norm.
    pub direction: NormRelationDirection,
    /// "Modifica a" / "Modificada por".
    pub wording: String,
    /// The other norm.
    pub other: NormLink,
    /// The other norm's date.
    pub other_date: String,
    /// Which articles, or any note.
    pub note: Option<String>,
    /// A suspension's last day.
    pub until_on: Option<String>,
}

/// An organic unit a norm was sent to.
#[derive(Debug, Clone, Serialize, Deserialize, TS, FromRow)]
pub struct NormDistributionRow {
    /// Unit.
    pub unit_id: i64,
    /// Its name.
    pub unit_name: String,
    /// Day sent.
    pub sent_on: String,
    /// Day acknowledged, once it was.
    pub received_on: Option<String>,
    /// Who received it.
    pub received_by: Option<String>,
    /// A note of the acknowledgement.
    pub note: Option<String>,
}

/// One line of a norm's history, in date order.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct NormHistoryEntry {
    /// Day (AAAA-MM-DD).
    pub date: String,
    /// `emision`, `publicacion`, `ratificacion`, `vigencia`, `relacion`, `correccion`, `fin`.
    pub kind: String,
    /// What happened, in Spanish.
    pub text: String,
}

/// `norm.validity`: a norm's publications, ratification, relations both ways, distribution,
/// history and status today.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct NormValidity {
    /// The norm.
    pub id: i64,
    /// Its kind.
    pub kind: NormKind,
    /// Identifier (sealed).
    pub identifier: Option<String>,
    /// Title.
    pub title: String,
    /// Date.
    pub date: String,
    /// Sealed (a draft has no validity).
    pub sealed: bool,
    /// Status today; none for a draft.
    pub status: Option<NormValidityStatus>,
    /// The badge.
    pub status_label: String,
    /// One sentence that explains it.
    pub status_detail: String,
    /// The country's rule for its kind: `yes`, `no` or `per_norm` (the flag decides).
    pub publication_rule: String,
    /// It must be published to take effect.
    pub needs_publication: bool,
    /// The per-norm choice, where the rule is `per_norm`.
    pub publication_flag: Option<bool>,
    /// Flagged as a tax ordinance ("ordenanza tributaria").
    pub tax_ordinance: bool,
    /// The municipality's rules and level ask the provincial ratification of its tax
    /// ordinances (a Peruvian district).
    pub ratification_applies: bool,
    /// This norm needs it.
    pub needs_ratification: bool,
    /// The date the norm says it takes effect.
    pub stated_from: Option<String>,
    /// First publication that gives effect.
    pub published_on: Option<String>,
    /// First day in force.
    pub in_force_from: Option<String>,
    /// The first day it no longer rules (the repealing norm's entry into force).
    pub ended_on: Option<String>,
    /// The norm that totally repealed it.
    pub ended_by: Option<NormLink>,
    /// Publications, by date.
    pub publications: Vec<NormPublication>,
    /// The provincial ratification.
    pub ratification: Option<NormRatification>,
    /// Relations both ways.
    pub relations: Vec<NormRelationRow>,
    /// Units it was sent to.
    pub distribution: Vec<NormDistributionRow>,
    /// What happened, in date order.
    pub history: Vec<NormHistoryEntry>,
    /// The media offered for a publication.
    pub media: Vec<PublicationMedium>,
    /// The kinds of relation offered.
    pub relation_kinds: Vec<NormRelationKind>,
}

/// The publication rule of `kind`: `yes`, `no` or `per_norm`.
fn publication_rule(rules: &RuleSet, kind: NormKind) -> String {
    match rules.value(&format!("norms.publication.{}", kind.as_str())) {
        Some(v @ ("yes" | "per_norm")) => v.to_string(),
        _ => "no".to_string(),
    }
}

/// The media of the municipality's rules, in their order.
fn media(rules: &RuleSet) -> Vec<PublicationMedium> {
    let effect = compute::codes(rules.value("norms.publication.effect_media"));
    compute::codes(rules.value("norms.publication.media"))
        .into_iter()
        .map(|code| PublicationMedium {
            label: rules
                .value(&format!("norms.publication.medium.{code}"))
                .unwrap_or(&code)
                .to_string(),
            gives_effect: effect.contains(&code),
            code,
        })
        .collect()
}

/// Whether the municipality's tax ordinances need the provincial ratification: the rule
/// says so and it is a district municipality.
async fn ratification_applies(conn: &mut SqliteConnection, rules: &RuleSet) -> Result<bool> {
    if rules.value("norms.ratification.district_tax") != Some("yes") {
        return Ok(false);
    }
    Ok(crate::municipality::find(conn)
        .await?
        .is_some_and(|m| m.kind == "distrital"))
}

fn offset_days(rules: &RuleSet) -> u64 {
    rules
        .value("norms.validity.publication_offset_days")
        .and_then(|v| v.trim().parse().ok())
        .unwrap_or(1)
}

fn date_opt(s: &Option<String>) -> Option<NaiveDate> {
    s.as_deref().and_then(|s| parse_date(s, "date").ok())
}

/// A sealed norm's basic facts, or the Spanish refusal for a draft.
pub(super) struct Sealed {
    pub kind: NormKind,
    pub date: NaiveDate,
    pub identifier: String,
}

/// Norm `id`, which must be sealed; `field` is blamed when it is not (None: a conflict).
pub(super) async fn sealed(
    conn: &mut SqliteConnection,
    id: i64,
    field: Option<&str>,
) -> Result<Sealed> {
    let r = super::store::row(conn, id).await?;
    let Some(identifier) = r.identifier.clone() else {
        let msg = format!(
            "«{}» es un proyecto: solo una norma sellada tiene publicación, vigencia, relaciones y distribución.",
            r.title
        );
        return Err(match field {
            Some(f) => Error::field(f, msg),
            None => Error::Conflict(msg),
        });
    };
    Ok(Sealed {
        kind: r.kind,
        date: parse_date(&r.date, "date")?,
        identifier,
    })
}

/// Recompute what is derived for norm `id` (its entry into force from its publications and
/// ratification, its end from the relations that point at it), then for the norms its own
/// relations affect. Called by every write of this module, in its transaction.
pub(super) async fn refresh(conn: &mut SqliteConnection, ctx: &Ctx, id: i64) -> Result<()> {
    refresh_one(conn, ctx, id).await?;
    for target in store::affected_by(conn, id).await? {
        refresh_one(conn, ctx, target).await?;
    }
    Ok(())
}

async fn refresh_one(conn: &mut SqliteConnection, ctx: &Ctx, id: i64) -> Result<()> {
    let Some(v) = store::validity(conn, id).await? else {
        return Ok(());
    };
    let n = sealed(conn, id, None).await?;
    let rules = rules::load(conn).await?;
    let needs_publication = match publication_rule(&rules, n.kind).as_str() {
        "yes" => true,
        "per_norm" => v.publication_flag.unwrap_or(false),
        _ => false,
    };
    let needs_ratification = v.tax_ordinance
        && n.kind == NormKind::Ordenanza
        && ratification_applies(conn, &rules).await?;
    let effect = compute::codes(rules.value("norms.publication.effect_media"));
    let published_on = store::publications(conn, id)
        .await?
        .into_iter()
        .filter(|p| effect.contains(&p.medium))
        .map(|p| p.published_on)
        .min();
    let ratification = store::ratification(conn, id).await?;
    let in_force = compute::in_force_from(&compute::ForceInputs {
        norm_date: n.date,
        needs_publication,
        published_on: date_opt(&published_on),
        offset_days: offset_days(&rules),
        stated_from: date_opt(&v.stated_from),
        needs_ratification,
        ratification: ratification
            .as_ref()
            .and_then(|r| Some((parse_date(&r.date, "date").ok()?, date_opt(&r.published_on)))),
    });
    let mut d = store::Derived {
        needs_publication,
        needs_ratification,
        published_on,
        ratified_on: ratification.map(|r| r.date),
        in_force_from: in_force.map(|d| d.to_string()),
        ..Default::default()
    };
    for r in store::relations_to(conn, id).await? {
        match r.effect.as_str() {
            "deroga" => {
                d.ended_by = Some(r.other_id);
                d.ended_on = r.source_in_force;
            }
            "deroga_parcial" => {
                if let Some(from) = r.source_in_force {
                    if d.partial_from.as_ref().is_none_or(|p| from < *p) {
                        d.partial_from = Some(from);
                    }
                }
            }
            "suspende" => {
                if let Some(from) = r.source_in_force {
                    if d.suspended_from.as_ref().is_none_or(|s| from > *s) {
                        d.suspended_from = Some(from);
                        d.suspended_until = r.until_on;
                    }
                }
            }
            _ => {}
        }
    }
    store::write_derived(conn, id, &d, &ctx.stamp()).await
}

/// A norm was just sealed: its validity row, with what the rules say of its kind.
/// The validity badge of each sealed norm of `ids` on `day` (an SQL date literal); drafts
/// have none.
pub(crate) async fn labels_of(
    conn: &mut SqliteConnection,
    ids: &[i64],
    day: &str,
) -> Result<std::collections::HashMap<i64, &'static str>> {
    if ids.is_empty() {
        return Ok(Default::default());
    }
    let list: Vec<String> = ids.iter().map(i64::to_string).collect();
    let rows: Vec<(i64, Option<String>)> = sqlx::query_as(&format!(
        "SELECT v.norm_id, {} FROM norm_validity v WHERE v.norm_id IN ({})",
        compute::status_sql("v", day),
        list.join(",")
    ))
    .fetch_all(&mut *conn)
    .await?;
    Ok(rows
        .into_iter()
        .filter_map(|(id, code)| {
            Some((id, NormValidityStatus::from_code(code.as_deref()?)?.label()))
        })
        .collect())
}

pub(crate) async fn on_sealed(conn: &mut SqliteConnection, ctx: &Ctx, id: i64) -> Result<()> {
    store::insert_validity(conn, id, &ctx.stamp()).await?;
    refresh(conn, ctx, id).await
}

/// `norm.validity`.
pub async fn validity(conn: &mut SqliteConnection, ctx: &Ctx, p: NormId) -> Result<NormValidity> {
    view(conn, ctx, p.id).await
}

/// The whole view of norm `id`.
pub(super) async fn view(conn: &mut SqliteConnection, ctx: &Ctx, id: i64) -> Result<NormValidity> {
    let r = super::store::row(conn, id).await?;
    let rules = rules::load(conn).await?;
    let media = media(&rules);
    let relation_kinds = store::relation_kinds(conn).await?;
    let applies = ratification_applies(conn, &rules).await?;
    let rule = publication_rule(&rules, r.kind);
    let mut out = NormValidity {
        id,
        kind: r.kind,
        identifier: r.identifier.clone(),
        title: r.title.clone(),
        date: r.date.clone(),
        sealed: r.identifier.is_some(),
        status: None,
        status_label: "Proyecto".into(),
        status_detail: "Un proyecto no tiene vigencia: primero se sella.".into(),
        publication_rule: rule,
        needs_publication: false,
        publication_flag: None,
        tax_ordinance: false,
        ratification_applies: applies && r.kind == NormKind::Ordenanza,
        needs_ratification: false,
        stated_from: None,
        published_on: None,
        in_force_from: None,
        ended_on: None,
        ended_by: None,
        publications: Vec::new(),
        ratification: None,
        relations: Vec::new(),
        distribution: Vec::new(),
        history: Vec::new(),
        media,
        relation_kinds,
    };
    let Some(v) = store::validity(conn, id).await? else {
        return Ok(out);
    };
    let today = ctx.today.to_string();
    let status = store::status(conn, id, &today)
        .await?
        .as_deref()
        .and_then(NormValidityStatus::from_code);
    out.needs_publication = v.needs_publication;
    out.publication_flag = v.publication_flag;
    out.tax_ordinance = v.tax_ordinance;
    out.needs_ratification = v.needs_ratification;
    out.stated_from = v.stated_from.clone();
    out.published_on = v.published_on.clone();
    out.in_force_from = v.in_force_from.clone();
    out.ended_on = v.ended_on.clone();
    out.ended_by = match v.ended_by {
        Some(e) => Some(super::store::link(conn, e).await?),
        None => None,
    };
    let effect = compute::codes(rules.value("norms.publication.effect_media"));
    out.publications = store::publications(conn, id)
        .await?
        .into_iter()
        .map(|mut p| {
            p.gives_effect = effect.contains(&p.medium);
            p.medium_label = out
                .media
                .iter()
                .find(|m| m.code == p.medium)
                .map(|m| m.label.clone())
                .unwrap_or_else(|| p.medium.clone());
            p
        })
        .collect();
    out.ratification = store::ratification(conn, id).await?;
    let from = store::relations_from(conn, id).await?;
    let to = store::relations_to(conn, id).await?;
    out.relations = from
        .iter()
        .map(|x| relation_row(x, NormRelationDirection::Activa))
        .chain(
            to.iter()
                .map(|x| relation_row(x, NormRelationDirection::Pasiva)),
        )
        .collect();
    out.distribution = store::distribution(conn, id).await?;
    out.status = status;
    if let Some(s) = status {
        out.status_label = s.label().to_string();
        out.status_detail = detail(s, &out, &to);
    }
    out.history = history(conn, &r, &out).await?;
    Ok(out)
}

fn relation_row(r: &store::RelationRow, direction: NormRelationDirection) -> NormRelationRow {
    NormRelationRow {
        id: r.id,
        kind: r.kind.clone(),
        direction,
        wording: match direction {
            NormRelationDirection::Activa => r.active.clone(),
            NormRelationDirection::Pasiva => r.passive.clone(),
        },
        other: NormLink {
            id: r.other_id,
            identifier: r.other_identifier.clone(),
            title: r.other_title.clone(),
        },
        other_date: r.other_date.clone(),
        note: r.note.clone(),
        until_on: r.until_on.clone(),
    }
}

fn name_of(l: &NormLink) -> String {
    l.identifier.clone().unwrap_or_else(|| l.title.clone())
}

/// The sentence under the badge.
fn detail(s: NormValidityStatus, v: &NormValidity, to: &[store::RelationRow]) -> String {
    use NormValidityStatus as S;
    let since = |d: &Option<String>| d.as_deref().map(dmy).unwrap_or_default();
    let by = |effect: &str| {
        to.iter()
            .filter(|r| r.effect == effect)
            .map(|r| r.other_identifier.clone().unwrap_or(r.other_title.clone()))
            .collect::<Vec<_>>()
            .join(", ")
    };
    match s {
        S::Vigente if v.needs_publication => format!(
            "Vigente desde el {} (publicada el {}).",
            since(&v.in_force_from),
            since(&v.published_on)
        ),
        S::Vigente => format!("Vigente desde el {}.", since(&v.in_force_from)),
        S::VigenciaFutura => format!(
            "Entra en vigencia el {}.",
            since(&v.in_force_from)
        ),
        S::SinEfecto => {
            "No surte efecto hasta que se registre su publicación en un medio que le dé vigencia."
                .to_string()
        }
        S::PendienteRatificacion => "Ordenanza tributaria distrital: rige cuando la municipalidad provincial la ratifique y se publique la ratificación.".to_string(),
        S::Suspendida => match &v.relations.iter().find(|r| r.kind == "suspende" && r.direction == NormRelationDirection::Pasiva).and_then(|r| r.until_on.clone()) {
            Some(until) => format!("Suspendida por {} hasta el {}.", by("suspende"), dmy(until)),
            None => format!("Suspendida por {}.", by("suspende")),
        },
        S::DerogadaParcialmente => format!(
            "Vigente, con partes derogadas por {}.",
            by("deroga_parcial")
        ),
        S::Derogada => format!(
            "Derogada totalmente por {}; dejó de regir el {}.",
            v.ended_by.as_ref().map(name_of).unwrap_or_default(),
            since(&v.ended_on)
        ),
    }
}

/// What happened to the norm, in date order: its emission, publications, ratification, entry
/// into force, relations both ways, corrections and its end.
async fn history(
    conn: &mut SqliteConnection,
    r: &super::store::NormRow,
    v: &NormValidity,
) -> Result<Vec<NormHistoryEntry>> {
    let mut h = Vec::new();
    let mut push = |date: &str, kind: &str, text: String| {
        h.push(NormHistoryEntry {
            date: date.to_string(),
            kind: kind.to_string(),
            text,
        })
    };
    push(
        &r.date,
        "emision",
        format!(
            "Emitida como {}",
            r.identifier.as_deref().unwrap_or(&r.title)
        ),
    );
    for p in &v.publications {
        let mut t = format!("Publicada en {}", p.medium_label);
        if let Some(reference) = &p.reference {
            t.push_str(&format!(" ({reference})"));
        }
        push(&p.published_on, "publicacion", t);
    }
    if let Some(rat) = &v.ratification {
        push(
            &rat.date,
            "ratificacion",
            format!("Ratificada por {}", rat.identifier),
        );
        if let Some(p) = &rat.published_on {
            push(
                p,
                "ratificacion",
                format!("Publicada la ratificación ({})", rat.identifier),
            );
        }
    }
    if let Some(f) = &v.in_force_from {
        push(f, "vigencia", "Entra en vigencia".to_string());
    }
    for x in &v.relations {
        let mut t = format!("{} {}", x.wording, name_of(&x.other));
        if let Some(note) = &x.note {
            t.push_str(&format!(" ({note})"));
        }
        let date = match x.direction {
            NormRelationDirection::Activa => &r.date,
            NormRelationDirection::Pasiva => &x.other_date,
        };
        push(date, "relacion", t);
    }
    if let Some(c) = r.corrects_id {
        let l = super::store::link(conn, c).await?;
        push(
            &r.date,
            "correccion",
            format!(
                "Corrige a {}: {}",
                name_of(&l),
                r.correction_reason.clone().unwrap_or_default()
            ),
        );
    }
    for c in super::store::corrected_by(conn, v.id).await? {
        if c.identifier.is_some() {
            let date = super::store::row(conn, c.id).await?.date;
            push(
                &date,
                "correccion",
                format!("Corregida por {}", name_of(&c)),
            );
        }
    }
    if let (Some(end), Some(by)) = (&v.ended_on, &v.ended_by) {
        push(
            end,
            "fin",
            format!("Deja de regir: derogada por {}", name_of(by)),
        );
    }
    // Stable: the same day keeps the order above (emission, publication, ratification…).
    h.sort_by(|a, b| a.date.cmp(&b.date));
    Ok(h)
}
