//! Rounded scales and their numbers: ticks at 1, 2, 2.5 or 5 times a power of ten, written
//! with "." between thousands and "," before decimals (Peru and Chile).

/// The ticks of a scale, lowest first, and how many decimals their labels need.
#[derive(Clone, Debug, PartialEq)]
pub(super) struct Ticks {
    pub values: Vec<f64>,
    pub decimals: usize,
}

impl Ticks {
    /// Lowest tick.
    pub fn low(&self) -> f64 {
        self.values.first().copied().unwrap_or(0.0)
    }

    /// Highest tick.
    pub fn high(&self) -> f64 {
        self.values.last().copied().unwrap_or(1.0)
    }
}

/// Four to seven rounded ticks covering `lo..=hi` (five intervals or fewer, never fewer than
/// three); an empty or inverted range becomes `lo..=lo + 1`.
pub(super) fn nice_ticks(lo: f64, hi: f64) -> Ticks {
    let lo = if lo.is_finite() { lo } else { 0.0 };
    let hi = if hi.is_finite() && hi > lo {
        hi
    } else {
        lo + 1.0
    };
    let raw = (hi - lo) / 5.0;
    let magnitude = 10f64.powf(raw.log10().floor());
    let normal = raw / magnitude;
    let factor = [1.0, 2.0, 2.5, 5.0]
        .into_iter()
        .find(|f| *f >= normal - 1e-9)
        .unwrap_or(10.0);
    let step = factor * magnitude;
    let first = (lo / step + 1e-9).floor() as i64;
    let last = (hi / step - 1e-9).ceil() as i64;
    let decimals = (0..=9)
        .find(|d| {
            let scaled = step * 10f64.powi(*d);
            (scaled - scaled.round()).abs() < 1e-6 * scaled.max(1.0)
        })
        .unwrap_or(9) as usize;
    let round = 10f64.powi(decimals as i32);
    let values = (first..=last)
        .map(|k| (k as f64 * step * round).round() / round)
        .collect();
    Ticks { values, decimals }
}

/// `v` with `decimals` decimals, "." between thousands and "," before the decimals:
/// 1250 → "1.250", -3.5 → "-3,5".
pub(super) fn format_number(v: f64, decimals: usize) -> String {
    let text = format!("{:.*}", decimals, v.abs());
    let (int, frac) = text.split_once('.').unwrap_or((&text, ""));
    let mut grouped = String::new();
    for (i, c) in int.chars().enumerate() {
        if i > 0 && (int.len() - i) % 3 == 0 {
            grouped.push('.');
        }
        grouped.push(c);
    }
    let zero = text.chars().all(|c| c == '0' || c == '.');
    let sign = if v < 0.0 && !zero { "-" } else { "" };
    if frac.is_empty() {
        format!("{sign}{grouped}")
    } else {
        format!("{sign}{grouped},{frac}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ticks_are_round_and_cover_the_range() {
        let t = nice_ticks(0.0, 1234.0);
        assert_eq!(t.values, [0.0, 250.0, 500.0, 750.0, 1000.0, 1250.0]);
        assert_eq!(t.decimals, 0);
        assert_eq!(
            nice_ticks(0.0, 100.0).values,
            [0.0, 20.0, 40.0, 60.0, 80.0, 100.0]
        );
        let t = nice_ticks(0.0, 1.0);
        assert_eq!(t.values, [0.0, 0.2, 0.4, 0.6, 0.8, 1.0]);
        assert_eq!(t.decimals, 1);
        assert_eq!(nice_ticks(0.0, 0.9).decimals, 1);
        assert_eq!(nice_ticks(0.0, 1.1).decimals, 2);
        let t = nice_ticks(-35.0, 120.0);
        assert_eq!(t.low(), -50.0);
        assert_eq!(t.high(), 150.0);
        assert!(t.values.contains(&0.0));
    }

    #[test]
    fn tick_counts_stay_between_four_and_seven() {
        for hi in [
            1.0, 3.0, 7.0, 9.5, 13.0, 99.0, 101.0, 260.0, 1234.0, 48_000.0, 3.2e6,
        ] {
            let t = nice_ticks(0.0, hi);
            assert!((4..=7).contains(&t.values.len()), "{hi}: {:?}", t.values);
            assert!(t.low() <= 0.0 && t.high() >= hi);
        }
    }

    #[test]
    fn empty_ranges_still_have_a_scale() {
        assert_eq!(nice_ticks(0.0, 0.0).high(), 1.0);
        assert_eq!(nice_ticks(5.0, 2.0).low(), 5.0);
        assert_eq!(nice_ticks(f64::NAN, f64::NAN).values.len(), 6);
    }

    #[test]
    fn numbers_are_written_spanish_style() {
        assert_eq!(format_number(1250.0, 0), "1.250");
        assert_eq!(format_number(1_234_567.891, 2), "1.234.567,89");
        assert_eq!(format_number(999.0, 0), "999");
        assert_eq!(format_number(-3.5, 1), "-3,5");
        assert_eq!(format_number(0.25, 2), "0,25");
        assert_eq!(format_number(-0.0001, 1), "0,0");
        assert_eq!(format_number(-1500.0, 0), "-1.500");
    }
}
