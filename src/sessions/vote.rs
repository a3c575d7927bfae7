//! The law's arithmetic of a vote: how many votes each majority type needs for a council of a
//! given size, and what a tally decides — with the alcalde's casting vote only in a tie (Peru,
//! art. 17) or the Chilean repeat-vote rule (art. 86). Pure functions of data from the rule set;
//! rounding is explicit: "2/3 of 9 is 6, of 10 is 7".

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::error::{Error, Result};

/// The majority an item needs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum Majority {
    /// More votes for than against among those voting.
    Simple,
    /// At least ⌊legal/2⌋+1 votes for.
    AbsoluteLegal,
    /// At least ⌊present/2⌋+1 votes for (Chile: absolute majority of concejales present).
    AbsolutePresent,
    /// At least ⌈2·legal/3⌉ votes for (vacancia, donations of property).
    TwoThirdsLegal,
    /// At least ⌈2·able/3⌉ votes for.
    TwoThirdsAble,
    /// At least ⌈able/4⌉ votes for (comisiones investigadoras, art. 9 after Ley 31433).
    QuarterAble,
}

impl Majority {
    /// Every majority type with its Spanish name, for the UI.
    pub const ALL: [(Majority, &'static str); 6] = [
        (Majority::Simple, "Mayoría simple"),
        (Majority::AbsoluteLegal, "Mayoría absoluta del número legal"),
        (
            Majority::AbsolutePresent,
            "Mayoría absoluta de los presentes",
        ),
        (Majority::TwoThirdsLegal, "Dos tercios del número legal"),
        (Majority::TwoThirdsAble, "Dos tercios del número hábil"),
        (Majority::QuarterAble, "Un cuarto del número hábil"),
    ];

    /// Spanish name.
    pub fn label(self) -> &'static str {
        Majority::ALL
            .iter()
            .find(|(m, _)| *m == self)
            .map(|(_, l)| *l)
            .unwrap_or("")
    }

    /// Parse the snake_case name used in the API and the database.
    pub fn parse(s: &str) -> Result<Majority> {
        serde_json::from_value(serde_json::Value::String(s.to_string())).map_err(|_| {
            Error::field(
                "majority",
                format!(
                    "«{s}» no es un tipo de mayoría: simple, absolute_legal, absolute_present, two_thirds_legal, two_thirds_able o quarter_able."
                ),
            )
        })
    }

    /// Whether the number of votes for is counted against a fixed threshold (qualified
    /// majorities) rather than against the votes against.
    pub fn is_qualified(self) -> bool {
        !matches!(self, Majority::Simple)
    }
}

/// ⌈a·n/b⌉ with integers only.
pub fn ceil_fraction(n: i64, a: i64, b: i64) -> i64 {
    if n <= 0 {
        return 0;
    }
    (n * a + b - 1) / b
}

/// The sizes a majority is computed from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Sizes {
    /// Número legal (alcalde + members elected).
    pub legal: i64,
    /// Número hábil (legal − on licence or suspended).
    pub able: i64,
    /// Members present when voting.
    pub present: i64,
}

/// Votes for an item needs under `majority` (for a simple majority: more than against, so
/// this is 1 — the real test is `for > against`).
pub fn required(majority: Majority, s: Sizes) -> i64 {
    match majority {
        Majority::Simple => 1,
        Majority::AbsoluteLegal => s.legal / 2 + 1,
        Majority::AbsolutePresent => s.present / 2 + 1,
        Majority::TwoThirdsLegal => ceil_fraction(s.legal, 2, 3),
        Majority::TwoThirdsAble => ceil_fraction(s.able, 2, 3),
        Majority::QuarterAble => ceil_fraction(s.able, 1, 4),
    }
}

/// A member's vote.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS, sqlx::Type)]
#[serde(rename_all = "snake_case")]
#[sqlx(rename_all = "snake_case")]
pub enum Ballot {
    /// A favor.
    AFavor,
    /// En contra.
    EnContra,
    /// Abstención.
    Abstencion,
    /// No vota (absent at the vote, or not entitled).
    NoVota,
}

/// The count of a vote.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Tally {
    /// Votes for.
    pub a_favor: i64,
    /// Votes against.
    pub en_contra: i64,
    /// Abstentions.
    pub abstenciones: i64,
}

impl Tally {
    /// Count ballots.
    pub fn of(ballots: impl IntoIterator<Item = Ballot>) -> Tally {
        let mut t = Tally::default();
        for b in ballots {
            match b {
                Ballot::AFavor => t.a_favor += 1,
                Ballot::EnContra => t.en_contra += 1,
                Ballot::Abstencion => t.abstenciones += 1,
                Ballot::NoVota => {}
            }
        }
        t
    }

    /// "4 a favor, ninguno en contra, 1 abstención": the count in an explanation.
    pub fn short_words(&self) -> String {
        let n = |v: i64| {
            if v == 0 {
                "ninguno".to_string()
            } else {
                v.to_string()
            }
        };
        format!(
            "{} a favor, {} en contra, {}",
            n(self.a_favor),
            n(self.en_contra),
            abstentions(self.abstenciones)
        )
    }

    /// "4 votos a favor, 1 en contra y ninguna abstención": the count in an agreement.
    pub fn in_words(&self) -> String {
        let favor = match self.a_favor {
            0 => "ningún voto a favor".to_string(),
            1 => "1 voto a favor".to_string(),
            v => format!("{v} votos a favor"),
        };
        let against = match self.en_contra {
            0 => "ninguno en contra".to_string(),
            v => format!("{v} en contra"),
        };
        format!("{favor}, {against} y {}", abstentions(self.abstenciones))
    }
}

/// "ninguna abstención", "1 abstención", "3 abstenciones".
fn abstentions(n: i64) -> String {
    match n {
        0 => "ninguna abstención".into(),
        1 => "1 abstención".into(),
        n => format!("{n} abstenciones"),
    }
}

/// How a tie is broken (rule `vote.tie_rule`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TieRule {
    /// The alcalde's casting vote decides (Peru, art. 17).
    CastingVote,
    /// The vote is repeated; if still tied it goes to a new session within 3 days, where the
    /// alcalde decides (Chile, art. 86).
    RepeatVote,
}

impl TieRule {
    /// From the rule set's value.
    pub fn parse(s: Option<&str>) -> TieRule {
        match s {
            Some("repeat_vote") => TieRule::RepeatVote,
            _ => TieRule::CastingVote,
        }
    }
}

/// What a vote decided.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum Decision {
    /// Adopted.
    Aprobado,
    /// Rejected.
    Rechazado,
    /// Tied: waiting for the alcalde's casting vote.
    EmpateVotoDirimente,
    /// Tied (Chile): the vote must be repeated now.
    EmpateRepetir,
    /// Tied again (Chile): the matter goes to a new session within 3 days.
    EmpateNuevaSesion,
}

/// The result of a vote, explained.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Outcome {
    /// The decision.
    pub decision: Decision,
    /// Votes for needed.
    pub required: i64,
    /// The count.
    pub tally: Tally,
    /// The casting vote was used.
    pub casting_vote_used: bool,
    /// One sentence in Spanish, for the screen and the acta.
    pub explanation: String,
}

/// Why a casting vote may not be cast on this tally, or `None` when it may: only on a tie of a
/// simple majority, and under the Chilean rule (art. 86) only in the new session the tied
/// matter went to (`tie_round` 2), never on the first or the repeated vote. `chair` is who
/// casts it ("el alcalde", "el presidente de la comisión").
pub fn casting_refusal(
    majority: Majority,
    tally: Tally,
    tie_rule: TieRule,
    tie_round: u32,
    chair: &str,
) -> Option<String> {
    let of_chair = crate::spanish::of(chair);
    let tie = !majority.is_qualified() && tally.a_favor == tally.en_contra && tally.a_favor > 0;
    if !tie {
        return Some(format!(
            "No hay empate: el voto dirimente {of_chair} solo se emite cuando la votación queda empatada."
        ));
    }
    if tie_rule == TieRule::RepeatVote && tie_round < 2 {
        return Some(format!(
            "Con empate se repite la votación y, si persiste, el asunto pasa a una nueva sesión dentro de los tres días siguientes (art. 86): el voto dirimente {of_chair} corresponde solo en esa nueva sesión."
        ));
    }
    None
}

/// Decide a vote of the Concejo. `tie_round` counts the tied votes already taken on this item
/// (0 for the first vote); `casting` is the alcalde's casting vote, when given.
pub fn decide(
    majority: Majority,
    sizes: Sizes,
    tally: Tally,
    tie_rule: TieRule,
    tie_round: u32,
    casting: Option<Ballot>,
) -> Outcome {
    decide_by(
        majority,
        sizes,
        tally,
        tie_rule,
        tie_round,
        casting,
        "el alcalde",
    )
}

/// `decide` where `chair` breaks ties ("el alcalde", "la presidenta de la comisión").
pub fn decide_by(
    majority: Majority,
    sizes: Sizes,
    tally: Tally,
    tie_rule: TieRule,
    tie_round: u32,
    casting: Option<Ballot>,
    chair: &str,
) -> Outcome {
    let need = required(majority, sizes);
    let counts = tally.short_words();
    let of_chair = crate::spanish::of(chair);
    let done = |decision: Decision, casting_vote_used: bool, explanation: String| Outcome {
        decision,
        required: need,
        tally,
        casting_vote_used,
        explanation,
    };
    if majority.is_qualified() {
        return if tally.a_favor >= need {
            done(
                Decision::Aprobado,
                false,
                format!(
                    "Aprobado: {counts}; se requerían {need} votos a favor ({}).",
                    majority.label().to_lowercase()
                ),
            )
        } else {
            done(
                Decision::Rechazado,
                false,
                format!(
                    "No alcanza la mayoría: {counts}; se requerían {need} votos a favor ({}).",
                    majority.label().to_lowercase()
                ),
            )
        };
    }
    if tally.a_favor > tally.en_contra {
        return done(
            Decision::Aprobado,
            false,
            format!("Aprobado por mayoría simple: {counts}."),
        );
    }
    if tally.a_favor < tally.en_contra || tally.a_favor == 0 {
        return done(Decision::Rechazado, false, format!("Rechazado: {counts}."));
    }
    // A tie with votes cast.
    let casting_allowed = match tie_rule {
        TieRule::CastingVote => true,
        TieRule::RepeatVote => tie_round >= 2,
    };
    if casting_allowed {
        return match casting {
            Some(Ballot::AFavor) => done(
                Decision::Aprobado,
                true,
                format!("Empate ({counts}); aprobado con el voto dirimente {of_chair}."),
            ),
            Some(Ballot::EnContra) => done(
                Decision::Rechazado,
                true,
                format!("Empate ({counts}); rechazado con el voto dirimente {of_chair}."),
            ),
            _ => done(
                Decision::EmpateVotoDirimente,
                false,
                format!("Empate ({counts}): corresponde el voto dirimente {of_chair}."),
            ),
        };
    }
    if tie_round == 0 {
        done(
            Decision::EmpateRepetir,
            false,
            format!("Empate ({counts}): se repite la votación."),
        )
    } else {
        done(
            Decision::EmpateNuevaSesion,
            false,
            format!("Nuevo empate ({counts}): el asunto se vota en una sesión dentro de los tres días siguientes; si persiste, decide {chair}."),
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sizes(legal: i64, able: i64, present: i64) -> Sizes {
        Sizes {
            legal,
            able,
            present,
        }
    }

    fn t(f: i64, c: i64, a: i64) -> Tally {
        Tally {
            a_favor: f,
            en_contra: c,
            abstenciones: a,
        }
    }

    #[test]
    fn two_thirds_rounds_up_as_the_law_reads() {
        // DOMAIN.md: legal 9 → 6, 10 → 7, 12 → 8.
        for (legal, want) in [
            (5, 4),
            (6, 4),
            (7, 5),
            (8, 6),
            (9, 6),
            (10, 7),
            (11, 8),
            (12, 8),
            (13, 9),
            (14, 10),
            (15, 10),
        ] {
            assert_eq!(
                required(Majority::TwoThirdsLegal, sizes(legal, legal, legal)),
                want,
                "2/3 of {legal}"
            );
        }
    }

    #[test]
    fn every_majority_over_councils_of_5_to_15_with_members_on_licence() {
        for legal in 5..=15i64 {
            for on_licence in 0..=2i64 {
                let able = legal - on_licence;
                let s = sizes(legal, able, able);
                assert_eq!(required(Majority::AbsoluteLegal, s), legal / 2 + 1);
                assert_eq!(required(Majority::AbsolutePresent, s), able / 2 + 1);
                assert_eq!(required(Majority::TwoThirdsAble, s), (2 * able + 2) / 3);
                assert_eq!(required(Majority::QuarterAble, s), (able + 3) / 4);
                // The threshold is exact: one vote fewer is not enough.
                for m in [
                    Majority::AbsoluteLegal,
                    Majority::TwoThirdsLegal,
                    Majority::TwoThirdsAble,
                    Majority::QuarterAble,
                ] {
                    let need = required(m, s);
                    let yes = decide(m, s, t(need, able - need, 0), TieRule::CastingVote, 0, None);
                    assert_eq!(
                        yes.decision,
                        Decision::Aprobado,
                        "{m:?} legal {legal} able {able}"
                    );
                    let no = decide(
                        m,
                        s,
                        t(need - 1, 0, able - need + 1),
                        TieRule::CastingVote,
                        0,
                        None,
                    );
                    assert_eq!(
                        no.decision,
                        Decision::Rechazado,
                        "{m:?} legal {legal} able {able}"
                    );
                }
                // Licence lowers the two-thirds of the hábiles, not of the legal number.
                assert!(
                    required(Majority::TwoThirdsAble, s) <= required(Majority::TwoThirdsLegal, s)
                );
            }
        }
    }

    #[test]
    fn quarter_of_able_rounds_up() {
        assert_eq!(required(Majority::QuarterAble, sizes(9, 9, 9)), 3);
        assert_eq!(required(Majority::QuarterAble, sizes(9, 8, 8)), 2);
        assert_eq!(required(Majority::QuarterAble, sizes(13, 13, 13)), 4);
    }

    #[test]
    fn simple_majority_counts_for_against_only() {
        let s = sizes(9, 9, 9);
        assert_eq!(
            decide(
                Majority::Simple,
                s,
                t(3, 2, 4),
                TieRule::CastingVote,
                0,
                None
            )
            .decision,
            Decision::Aprobado
        );
        assert_eq!(
            decide(
                Majority::Simple,
                s,
                t(2, 3, 4),
                TieRule::CastingVote,
                0,
                None
            )
            .decision,
            Decision::Rechazado
        );
        assert_eq!(
            decide(
                Majority::Simple,
                s,
                t(0, 0, 9),
                TieRule::CastingVote,
                0,
                None
            )
            .decision,
            Decision::Rechazado
        );
    }

    #[test]
    fn peru_tie_waits_for_then_follows_the_casting_vote() {
        let s = sizes(9, 8, 8);
        let tie = t(4, 4, 0);
        let o = decide(Majority::Simple, s, tie, TieRule::CastingVote, 0, None);
        assert_eq!(o.decision, Decision::EmpateVotoDirimente);
        let o = decide(
            Majority::Simple,
            s,
            tie,
            TieRule::CastingVote,
            0,
            Some(Ballot::AFavor),
        );
        assert_eq!(o.decision, Decision::Aprobado);
        assert!(o.casting_vote_used);
        let o = decide(
            Majority::Simple,
            s,
            tie,
            TieRule::CastingVote,
            0,
            Some(Ballot::EnContra),
        );
        assert_eq!(o.decision, Decision::Rechazado);
        // No casting vote without a tie.
        let o = decide(
            Majority::Simple,
            s,
            t(5, 3, 0),
            TieRule::CastingVote,
            0,
            Some(Ballot::EnContra),
        );
        assert_eq!(o.decision, Decision::Aprobado);
        assert!(!o.casting_vote_used);
    }

    #[test]
    fn chile_repeats_then_moves_to_a_new_session_then_the_alcalde_decides() {
        let s = sizes(7, 7, 6);
        let tie = t(3, 3, 0);
        let rule = TieRule::RepeatVote;
        assert_eq!(
            decide(Majority::Simple, s, tie, rule, 0, Some(Ballot::AFavor)).decision,
            Decision::EmpateRepetir
        );
        assert_eq!(
            decide(Majority::Simple, s, tie, rule, 1, Some(Ballot::AFavor)).decision,
            Decision::EmpateNuevaSesion
        );
        assert_eq!(
            decide(Majority::Simple, s, tie, rule, 2, None).decision,
            Decision::EmpateVotoDirimente
        );
        assert_eq!(
            decide(Majority::Simple, s, tie, rule, 2, Some(Ballot::AFavor)).decision,
            Decision::Aprobado
        );
        // Absolute majority of those present: 6 present → 4.
        assert_eq!(required(Majority::AbsolutePresent, s), 4);
        assert_eq!(
            decide(Majority::AbsolutePresent, s, t(3, 2, 1), rule, 0, None).decision,
            Decision::Rechazado
        );
    }

    #[test]
    fn a_casting_vote_is_refused_without_a_tie_and_before_the_new_chilean_session() {
        let tie = t(3, 3, 0);
        let chair = "el alcalde";
        assert!(casting_refusal(Majority::Simple, tie, TieRule::CastingVote, 0, chair).is_none());
        let no_tie = casting_refusal(Majority::Simple, t(4, 3, 0), TieRule::CastingVote, 0, chair);
        assert!(no_tie.unwrap().contains("No hay empate"));
        // A qualified majority never ties: it is reached or not.
        assert!(casting_refusal(
            Majority::TwoThirdsLegal,
            tie,
            TieRule::CastingVote,
            0,
            chair
        )
        .is_some());
        for round in [0, 1] {
            let e = casting_refusal(Majority::Simple, tie, TieRule::RepeatVote, round, chair);
            assert!(e.unwrap().contains("nueva sesión"), "round {round}");
        }
        assert!(casting_refusal(Majority::Simple, tie, TieRule::RepeatVote, 2, chair).is_none());
    }

    #[test]
    fn majority_names_parse_and_fail_at_the_field() {
        assert_eq!(
            Majority::parse("two_thirds_legal").unwrap(),
            Majority::TwoThirdsLegal
        );
        let e = Majority::parse("dos_tercios").unwrap_err();
        assert_eq!(e.to_api().field.as_deref(), Some("majority"));
    }
}
