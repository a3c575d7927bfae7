//! The arithmetic of follow-up, with no database: percentages of execution, traffic lights,
//! roll-ups and the achievement of indicators. The formulas are the ones the screens' help
//! writes out (docs/adr/0009-plans.md).

use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// A traffic light of execution.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum Light {
    /// At or above the green threshold.
    Verde,
    /// At or above the amber threshold, below the green one.
    Ambar,
    /// Below the amber threshold.
    Rojo,
    /// Nothing was programmed: no percentage can be computed.
    SinMeta,
}

impl Light {
    /// The word printed next to the light.
    pub fn label(self) -> &'static str {
        match self {
            Light::Verde => "Verde",
            Light::Ambar => "Ámbar",
            Light::Rojo => "Rojo",
            Light::SinMeta => "Sin meta",
        }
    }

    /// Its colour (RGB, 0–1) in printed charts.
    pub fn rgb(self) -> (f32, f32, f32) {
        match self {
            Light::Verde => (0.16, 0.56, 0.27),
            Light::Ambar => (0.93, 0.62, 0.09),
            Light::Rojo => (0.80, 0.18, 0.17),
            Light::SinMeta => (0.6, 0.6, 0.6),
        }
    }
}

/// The traffic-light thresholds, in percent (from the rule set).
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize, TS)]
pub struct Thresholds {
    /// Green from this percentage up.
    pub green: f64,
    /// Amber from this percentage up (below: red).
    pub amber: f64,
}

impl Default for Thresholds {
    fn default() -> Self {
        Thresholds {
            green: 90.0,
            amber: 70.0,
        }
    }
}

impl Thresholds {
    /// The light of a percentage (`None`: nothing programmed), judged on the percentage as
    /// printed (one decimal): 69,96 % reads «70 %» and is amber, as the reader expects. An amber
    /// threshold set above the green one counts as equal to it (no amber band).
    pub fn light(&self, percent: Option<f64>) -> Light {
        match percent.map(|p| (p * 10.0).round() / 10.0) {
            None => Light::SinMeta,
            Some(p) if p >= self.green => Light::Verde,
            Some(p) if p >= self.amber.min(self.green) => Light::Ambar,
            Some(_) => Light::Rojo,
        }
    }
}

/// % of execution: executed ÷ programmed × 100. Nothing programmed gives no percentage (the
/// light reads "Sin meta"), also when something was executed: that execution is shown as an
/// amount, never as an infinite percentage.
pub fn percent(executed: f64, programmed: f64) -> Option<f64> {
    (programmed > 0.0).then(|| executed / programmed * 100.0)
}

/// Roll-up of the physical execution of several activities (of a unit, an action, an
/// objective): the mean of their percentages, each capped at 100 % so that one activity
/// executed twice over does not hide another that did nothing; activities with nothing
/// programmed do not count. Physical units differ between activities, so they are never summed.
pub fn physical_rollup(percents: impl IntoIterator<Item = Option<f64>>) -> Option<f64> {
    let (mut sum, mut n) = (0.0, 0u32);
    for p in percents.into_iter().flatten() {
        sum += p.min(100.0);
        n += 1;
    }
    (n > 0).then(|| sum / n as f64)
}

/// Whether an indicator improves by growing or by falling.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum Direction {
    /// The expected values grow (coverage, number of services).
    Creciente,
    /// The expected values fall (anaemia, response time).
    Decreciente,
}

impl Direction {
    /// The word shown.
    pub fn label(self) -> &'static str {
        match self {
            Direction::Creciente => "Creciente",
            Direction::Decreciente => "Decreciente",
        }
    }
}

/// The direction of an indicator, inferred from its expected values in year order: the last
/// against the first; with one expected value, against the baseline; growing when nothing
/// tells (or when they are equal).
pub fn direction(baseline: Option<f64>, expected_by_year: &[Option<f64>]) -> Direction {
    let known: Vec<f64> = expected_by_year.iter().flatten().copied().collect();
    let (from, to) = match known.as_slice() {
        [] => return Direction::Creciente,
        [only] => match baseline {
            Some(b) => (b, *only),
            None => return Direction::Creciente,
        },
        [first, .., last] => (*first, *last),
    };
    if to < from {
        Direction::Decreciente
    } else {
        Direction::Creciente
    }
}

/// % of achievement of an indicator in a year. Growing: obtained ÷ expected × 100. Falling:
/// expected ÷ obtained × 100 (reaching a lower value than expected is over 100 %; an obtained
/// value of 0 or less, when the expected one is not negative, is full achievement: 100 %).
/// No percentage without both values, or with an expected value of 0 on a growing indicator.
pub fn achievement(
    direction: Direction,
    expected: Option<f64>,
    actual: Option<f64>,
) -> Option<f64> {
    let (e, a) = (expected?, actual?);
    match direction {
        Direction::Creciente => (e != 0.0).then(|| a / e * 100.0),
        Direction::Decreciente => {
            if a <= 0.0 {
                (e >= 0.0).then_some(100.0)
            } else {
                Some(e / a * 100.0)
            }
        }
    }
}

pub use crate::spanish::{decimal, money, percent_text};

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn percent_at_its_edges() {
        let cases: &[(f64, f64, Option<f64>)] = &[
            (0.0, 0.0, None),
            (5.0, 0.0, None),
            (0.0, 10.0, Some(0.0)),
            (9.0, 10.0, Some(90.0)),
            (10.0, 10.0, Some(100.0)),
            (25.0, 10.0, Some(250.0)),
            (1.5, 3.0, Some(50.0)),
        ];
        for (executed, programmed, want) in cases {
            assert_eq!(
                percent(*executed, *programmed),
                *want,
                "{executed}/{programmed}"
            );
        }
    }

    #[test]
    fn lights_at_the_thresholds() {
        let t = Thresholds::default();
        let cases: &[(Option<f64>, Light)] = &[
            (None, Light::SinMeta),
            (Some(0.0), Light::Rojo),
            (Some(69.94), Light::Rojo),
            (Some(69.96), Light::Ambar),
            (Some(70.0), Light::Ambar),
            (Some(89.94), Light::Ambar),
            (Some(89.95), Light::Verde),
            (Some(90.0), Light::Verde),
            (Some(100.0), Light::Verde),
            (Some(350.0), Light::Verde),
        ];
        for (p, want) in cases {
            assert_eq!(t.light(*p), *want, "{p:?}");
        }
        let strict = Thresholds {
            green: 95.0,
            amber: 80.0,
        };
        assert_eq!(strict.light(Some(94.9)), Light::Ambar);
        assert_eq!(strict.light(Some(79.9)), Light::Rojo);
        let crossed = Thresholds {
            green: 80.0,
            amber: 85.0,
        };
        assert_eq!(crossed.light(Some(82.0)), Light::Verde);
        assert_eq!(crossed.light(Some(79.0)), Light::Rojo);
    }

    #[test]
    fn monthly_and_accumulated_differ() {
        // Programmed 10 a month; executed 4, 10, 16: the third month is 160 %, the
        // accumulated 30/30 = 100 %.
        let programmed = [10.0, 10.0, 10.0];
        let executed = [4.0, 10.0, 16.0];
        assert_eq!(percent(executed[2], programmed[2]), Some(160.0));
        let acc = percent(executed.iter().sum(), programmed.iter().sum());
        assert_eq!(acc, Some(100.0));
        assert_eq!(percent(executed[0], programmed[0]), Some(40.0));
    }

    #[test]
    fn rollup_caps_over_execution_and_skips_unprogrammed() {
        assert_eq!(physical_rollup([Some(200.0), Some(0.0)]), Some(50.0));
        assert_eq!(physical_rollup([Some(80.0), None, Some(100.0)]), Some(90.0));
        assert_eq!(physical_rollup([None, None]), None);
        assert_eq!(physical_rollup(Vec::new()), None);
    }

    #[test]
    fn direction_from_expected_values() {
        use Direction::*;
        type Case<'a> = (Option<f64>, &'a [Option<f64>], Direction);
        let cases: &[Case] = &[
            (None, &[], Creciente),
            (Some(40.0), &[Some(35.0)], Decreciente),
            (Some(40.0), &[Some(45.0)], Creciente),
            (None, &[Some(45.0)], Creciente),
            (Some(10.0), &[Some(30.0), None, Some(20.0)], Decreciente),
            (Some(10.0), &[None, Some(20.0), Some(20.0)], Creciente),
            (Some(50.0), &[Some(12.0), Some(15.0), Some(18.0)], Creciente),
        ];
        for (base, expected, want) in cases {
            assert_eq!(direction(*base, expected), *want, "{base:?} {expected:?}");
        }
    }

    #[test]
    fn achievement_of_growing_and_falling_indicators() {
        use Direction::*;
        type Case = (Direction, Option<f64>, Option<f64>, Option<f64>);
        let cases: &[Case] = &[
            (Creciente, Some(80.0), Some(60.0), Some(75.0)),
            (Creciente, Some(80.0), Some(100.0), Some(125.0)),
            (Creciente, Some(0.0), Some(5.0), None),
            (Creciente, None, Some(5.0), None),
            (Creciente, Some(5.0), None, None),
            (Decreciente, Some(20.0), Some(25.0), Some(80.0)),
            (Decreciente, Some(20.0), Some(10.0), Some(200.0)),
            (Decreciente, Some(20.0), Some(0.0), Some(100.0)),
            (Decreciente, Some(0.0), Some(0.0), Some(100.0)),
            (Decreciente, Some(0.0), Some(4.0), Some(0.0)),
        ];
        for (d, e, a, want) in cases {
            assert_eq!(achievement(*d, *e, *a), *want, "{d:?} {e:?} {a:?}");
        }
    }

    #[test]
    fn numbers_print_the_spanish_way() {
        assert_eq!(percent_text(Some(87.54)), "87,5 %");
        assert_eq!(percent_text(Some(100.0)), "100 %");
        assert_eq!(percent_text(None), "—");
        assert_eq!(decimal(1250.5, 2), "1.250,5");
        assert_eq!(decimal(1234567.0, 0), "1.234.567");
        assert_eq!(decimal(-3.25, 2), "-3,25");
        assert_eq!(money(123456, "S/"), "S/ 1.234,56");
        assert_eq!(money(5, "S/"), "S/ 0,05");
        assert_eq!(money(150000, "$"), "$ 1.500");
    }
}
