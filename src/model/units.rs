//! Availability in the words people use: percent with enough digits to show the
//! nines, "N nines", and downtime per year in human units.

/// Hours in a year, as MODEL.md §2 counts them (365.25 days).
pub const HOURS_PER_YEAR: f64 = 365.25 * 24.0;

/// Downtime per year for availability `a`, in hours (MODEL.md §2).
pub fn downtime_hours_per_year(a: f64) -> f64 {
    (1.0 - a) * HOURS_PER_YEAR
}

/// The number of leading nines: 0.999 has 3, 0.9995 has 3, 0.5 has 0; 1 has
/// "infinitely many", reported as 16 (beyond a double's precision).
pub fn nines(a: f64) -> u32 {
    if !(a.is_finite()) || a <= 0.0 {
        return 0;
    }
    if a >= 1.0 {
        return 16;
    }
    // Nudge by a relative epsilon so 0.999 (stored as 0.99899999...) counts as 3.
    let n = (-(1.0 - a).log10() + 1e-9).floor();
    n.clamp(0.0, 16.0) as u32
}

/// Availability as a percentage with at least two decimals and enough to show
/// the digit after the nines, cut (never rounded up, which would claim a nine
/// that is not there), without trailing zeros past two decimals:
/// 0.9985 → "99.85%", 0.999 → "99.90%", 0.99989975 → "99.9899%".
pub fn percent(a: f64) -> String {
    if !a.is_finite() {
        return "—".into();
    }
    if a >= 1.0 {
        return "100%".into();
    }
    if a <= 0.0 {
        return "0%".into();
    }
    let decimals = (nines(a) as i32 + 1).clamp(2, 10);
    let scale = 10f64.powi(decimals);
    // The tiny nudge keeps 0.999 (stored as 0.99899999...) at 99.90.
    let cut = ((a * 100.0 * scale) + 1e-6).floor() / scale;
    let mut text = format!("{cut:.*}", decimals as usize);
    while text.ends_with('0') && text.len() - text.find('.').unwrap_or(0) > 3 {
        text.pop();
    }
    format!("{text}%")
}

/// Downtime per year in the largest unit that keeps the number readable:
/// "31.6 s", "8.8 min", "13.1 h", "3.7 days".
pub fn downtime(hours: f64) -> String {
    if !hours.is_finite() || hours <= 0.0 {
        return "none".into();
    }
    let seconds = hours * 3600.0;
    if seconds < 60.0 {
        format!("{seconds:.1} s")
    } else if seconds < 3600.0 {
        format!("{:.1} min", seconds / 60.0)
    } else if hours < 48.0 {
        format!("{hours:.1} h")
    } else {
        format!("{:.1} days", hours / 24.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nines_count_the_leading_nines() {
        assert_eq!(nines(0.5), 0);
        assert_eq!(nines(0.9), 1);
        assert_eq!(nines(0.99), 2);
        assert_eq!(nines(0.999), 3);
        assert_eq!(nines(0.9995), 3);
        assert_eq!(nines(0.99999), 5);
        assert_eq!(nines(1.0), 16);
        assert_eq!(nines(0.0), 0);
    }

    #[test]
    fn percent_shows_every_nine_and_never_rounds_one_up() {
        assert_eq!(percent(0.9985005), "99.85%");
        assert_eq!(percent(0.5), "50.00%");
        assert_eq!(percent(0.999), "99.90%");
        assert_eq!(percent(0.9998997490251003), "99.9899%");
        assert_eq!(percent(0.9998987490251003), "99.9898%");
        assert_eq!(percent(0.99999), "99.999%");
        assert_eq!(percent(1.0), "100%");
        assert_eq!(percent(0.0), "0%");
        assert!(!percent(0.999_999_999_999_9).starts_with("100"));
    }

    #[test]
    fn downtime_picks_a_readable_unit() {
        assert_eq!(downtime(downtime_hours_per_year(0.999)), "8.8 h");
        assert_eq!(downtime(downtime_hours_per_year(0.99999)), "5.3 min");
        assert_eq!(downtime(downtime_hours_per_year(0.9)), "36.5 days");
        assert_eq!(downtime(0.005), "18.0 s");
        assert_eq!(downtime(0.0), "none");
    }
}
