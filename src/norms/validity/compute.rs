//! The arithmetic of validity, with no database: when a norm takes effect, and the one SQL
//! expression that tells a norm's status on a given day from its `norm_validity` row.

use chrono::{Days, NaiveDate};

/// What the entry into force of one norm depends on.
#[derive(Debug, Clone, Default)]
pub(crate) struct ForceInputs {
    /// The norm's own date.
    pub norm_date: NaiveDate,
    /// It must be published to take effect.
    pub needs_publication: bool,
    /// First publication in a medium that gives effect.
    pub published_on: Option<NaiveDate>,
    /// Days after the publication it takes effect (rule `norms.validity.publication_offset_days`).
    pub offset_days: u64,
    /// The date the norm says it takes effect ("entra en vigencia el…").
    pub stated_from: Option<NaiveDate>,
    /// It needs the provincial ratification.
    pub needs_ratification: bool,
    /// The ratification: its date and, when recorded, the day it was published.
    pub ratification: Option<(NaiveDate, Option<NaiveDate>)>,
}

/// The first day a norm is in force, or `None` while it lacks a publication or a ratification
/// it needs. A norm that needs no publication rules from its own date; one that does, from the
/// day after its first publication (the rule's offset). The date the norm states may postpone
/// that day, never bring it forward (Ley 27972 art. 44: «salvo que la propia norma postergue su
/// vigencia»). A ratification it needs postpones it to the offset after the ratification's
/// publication (or, not recorded, its date).
pub(crate) fn in_force_from(i: &ForceInputs) -> Option<NaiveDate> {
    let after = |d: NaiveDate| d.checked_add_days(Days::new(i.offset_days)).unwrap_or(d);
    let base = if i.needs_publication {
        after(i.published_on?)
    } else {
        i.norm_date
    };
    let mut from = match i.stated_from {
        Some(s) if s > base => s,
        _ => base,
    };
    if i.needs_ratification {
        let (date, published) = i.ratification?;
        from = from.max(after(published.unwrap_or(date)));
    }
    Some(from)
}

/// The status of the norm whose `norm_validity` row is `v` on the day `day` (an SQL date
/// expression, e.g. `$1`): `NULL` for a draft (no row, in a LEFT JOIN), else one of
/// `derogada`, `pendiente_ratificacion`, `sin_efecto`, `vigencia_futura`, `suspendida`,
/// `derogada_parcialmente`, `vigente`. The Rust side reads the same codes
/// ([`super::NormValidityStatus`]); lists filter with [`group_sql`].
pub fn status_sql(v: &str, day: &str) -> String {
    format!(
        "CASE
           WHEN {v}.norm_id IS NULL THEN NULL
           WHEN {v}.ended_on IS NOT NULL AND {v}.ended_on <= {day} THEN 'derogada'
           WHEN {v}.needs_ratification = 1 AND {v}.ratified_on IS NULL THEN 'pendiente_ratificacion'
           WHEN {v}.in_force_from IS NULL THEN 'sin_efecto'
           WHEN {v}.in_force_from > {day} THEN 'vigencia_futura'
           WHEN {v}.suspended_from IS NOT NULL AND {v}.suspended_from <= {day}
                AND ({v}.suspended_until IS NULL OR {day} <= {v}.suspended_until) THEN 'suspendida'
           WHEN {v}.partial_from IS NOT NULL AND {v}.partial_from <= {day} THEN 'derogada_parcialmente'
           ELSE 'vigente'
         END"
    )
}

/// The three groups a list filters by, from [`status_sql`]: `vigente` (also when partly
/// repealed), `derogada`, `sin_efecto` (unpublished, unratified, not yet in force, suspended);
/// `NULL` for a draft.
pub fn group_sql(v: &str, day: &str) -> String {
    format!(
        "CASE WHEN {v}.norm_id IS NULL THEN NULL ELSE CASE {}
           WHEN 'vigente' THEN 'vigente'
           WHEN 'derogada_parcialmente' THEN 'vigente'
           WHEN 'derogada' THEN 'derogada'
           ELSE 'sin_efecto'
         END END",
        status_sql(v, day)
    )
}

/// The codes of a comma-separated rule value ("el_peruano, carteles").
pub(crate) fn codes(value: Option<&str>) -> Vec<String> {
    value
        .unwrap_or("")
        .split(',')
        .map(str::trim)
        .filter(|c| !c.is_empty())
        .map(str::to_string)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    fn ordinance() -> ForceInputs {
        ForceInputs {
            norm_date: d("2026-03-02"),
            needs_publication: true,
            offset_days: 1,
            ..Default::default()
        }
    }

    #[test]
    fn the_day_after_publication() {
        assert_eq!(in_force_from(&ordinance()), None);
        let i = ForceInputs {
            published_on: Some(d("2026-03-05")),
            ..ordinance()
        };
        assert_eq!(in_force_from(&i), Some(d("2026-03-06")));
        // Chile: from the day of publication.
        let cl = ForceInputs {
            offset_days: 0,
            ..i.clone()
        };
        assert_eq!(in_force_from(&cl), Some(d("2026-03-05")));
    }

    #[test]
    fn a_stated_date_postpones_never_advances() {
        let i = ForceInputs {
            published_on: Some(d("2026-03-05")),
            stated_from: Some(d("2026-04-01")),
            ..ordinance()
        };
        assert_eq!(in_force_from(&i), Some(d("2026-04-01")));
        let early = ForceInputs {
            stated_from: Some(d("2026-03-01")),
            ..i
        };
        assert_eq!(in_force_from(&early), Some(d("2026-03-06")));
        // Unpublished, the stated date gives nothing.
        let unpublished = ForceInputs {
            stated_from: Some(d("2026-04-01")),
            ..ordinance()
        };
        assert_eq!(in_force_from(&unpublished), None);
    }

    #[test]
    fn no_publication_needed_rules_from_its_date() {
        let i = ForceInputs {
            needs_publication: false,
            ..ordinance()
        };
        assert_eq!(in_force_from(&i), Some(d("2026-03-02")));
    }

    #[test]
    fn ratification_postpones() {
        let i = ForceInputs {
            published_on: Some(d("2026-03-05")),
            needs_ratification: true,
            ..ordinance()
        };
        assert_eq!(in_force_from(&i), None);
        let r = ForceInputs {
            ratification: Some((d("2026-03-20"), Some(d("2026-03-25")))),
            ..i.clone()
        };
        assert_eq!(in_force_from(&r), Some(d("2026-03-26")));
        let before = ForceInputs {
            ratification: Some((d("2026-02-20"), None)),
            ..i
        };
        assert_eq!(in_force_from(&before), Some(d("2026-03-06")));
    }

    #[test]
    fn rule_codes() {
        assert_eq!(codes(Some(" a, b ,,c")), vec!["a", "b", "c"]);
        assert!(codes(None).is_empty());
    }
}
