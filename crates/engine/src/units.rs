//! Availability in the words people use: percent with enough digits to show the
//! nines, "N nines", and downtime per year in human units, in English (what the
//! CLI and every existing caller get) or in the viewer's [`Lang`] (the `_in`
//! functions: "3 nines" / "3 个 9", "8.8 h" / "8.8 小时").

use std::fmt;

use crate::i18n::Lang;

/// Hours in a year, as docs/spec/model.md §2 counts them (365.25 days).
pub const HOURS_PER_YEAR: f64 = 365.25 * 24.0;

/// Downtime per year for availability `a`, in hours (docs/spec/model.md §2).
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
    percent_within(a, 10)
}

/// [`percent`] with at most `max_decimals` decimals (at least two), for a
/// figure measured from a finite count, whose far digits mean nothing.
pub fn percent_within(a: f64, max_decimals: u32) -> String {
    if !a.is_finite() {
        return "—".into();
    }
    if a >= 1.0 {
        return "100%".into();
    }
    if a <= 0.0 {
        return "0%".into();
    }
    let decimals = (nines(a) as i32 + 1).clamp(2, max_decimals.clamp(2, 10) as i32);
    let scale = 10f64.powi(decimals);
    // The tiny nudge keeps 0.999 (stored as 0.99899999...) at 99.90.
    let mut cut = ((a * 100.0 * scale) + 1e-6).floor() / scale;
    if cut >= 100.0 {
        // The nudge must not make 100% of a figure below it.
        cut = (a * 100.0 * scale).floor() / scale;
    }
    let mut text = format!("{cut:.*}", decimals as usize);
    while text.ends_with('0') && text.len() - text.find('.').unwrap_or(0) > 3 {
        text.pop();
    }
    format!("{text}%")
}

/// An interval of percentages, its bounds cut to at most 4 decimals:
/// (0.7411, 0.9999999999) → "74.11–99.9999%".
pub fn percent_span(lo: f64, hi: f64) -> String {
    let bound = |a: f64| {
        let mut p = percent_within(a, 4);
        p.pop();
        p
    };
    format!("{}–{}%", bound(lo), bound(hi))
}

/// Downtime per year in the largest unit that keeps the number readable:
/// "31.6 s", "8.8 min", "13.1 h", "3.7 days".
pub fn downtime(hours: f64) -> String {
    downtime_in(hours, Lang::En)
}

/// [`downtime`] in `lang`: the same number and unit, the unit in its words
/// ("8.8 min" / "8.8 分钟", "3.7 days" / "3.7 天"); "none" / "无" for no downtime.
pub fn downtime_in(hours: f64, lang: Lang) -> String {
    if !hours.is_finite() || hours <= 0.0 {
        return match lang {
            Lang::En => "none",
            Lang::Zh => "无",
        }
        .into();
    }
    let seconds = hours * 3600.0;
    let (value, en, zh) = if seconds < 60.0 {
        (seconds, "s", "秒")
    } else if seconds < 3600.0 {
        (seconds / 60.0, "min", "分钟")
    } else if hours < 48.0 {
        (hours, "h", "小时")
    } else {
        (hours / 24.0, "days", "天")
    };
    match lang {
        Lang::En => format!("{value:.1} {en}"),
        Lang::Zh => format!("{value:.1} {zh}"),
    }
}

/// The count of [`nines`] in words: "3 nines" / "3 个 9", "1 nine" / "1 个 9";
/// availability 1 (16 nines, beyond a double) is "perfect" / "永不宕机".
pub fn nines_in(a: f64, lang: Lang) -> String {
    match (nines(a), lang) {
        (16, Lang::En) => "perfect".into(),
        (16, Lang::Zh) => "永不宕机".into(),
        (1, Lang::En) => "1 nine".into(),
        (n, Lang::En) => format!("{n} nines"),
        (n, Lang::Zh) => format!("{n} 个 9"),
    }
}

/// The forms [`parse_availability`] reads, as its messages name them.
const AVAILABILITY_FORMS: &str =
    "write a percent (99.95%), a fraction (0.9995) or a count of nines (4 nines)";
const AVAILABILITY_FORMS_ZH: &str = "可以写成百分比（99.95%）、小数（0.9995）或几个 9（4 个 9）";
/// What every availability is, as the messages about a value out of range say it.
const AVAILABILITY_RANGE: &str = "an availability is above 0 and at most 100%";
const AVAILABILITY_RANGE_ZH: &str = "可用性必须大于 0，且不超过 100%";

/// Why a typed availability cannot be read ([`read_availability`]); each holds
/// the user's text (cut when long) and says what is wrong and what is accepted.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum AvailabilityError {
    /// Nothing was typed.
    Empty,
    /// Not a plain decimal number, a percent or a count of nines.
    NotANumber(String),
    /// A count of nines that is not a whole number from 1 to [`MAX_NINES`].
    BadNines(String),
    /// Zero or negative.
    NotAboveZero(String),
    /// More than 100%.
    AboveHundred(String),
    /// So small that it is 0 to a double.
    TooSmall(String),
    /// A count of nines whose number could not be formed (never seen in practice).
    Unreadable(String),
}

impl AvailabilityError {
    /// What is wrong, in `lang`; in English, [`parse_availability`]'s message.
    pub fn message(&self, lang: Lang) -> String {
        let shown = |t: &str| match lang {
            Lang::En => format!("\"{t}\""),
            Lang::Zh => format!("“{t}”"),
        };
        match (self, lang) {
            (AvailabilityError::Empty, Lang::En) => {
                format!("no availability given: {AVAILABILITY_FORMS}")
            }
            (AvailabilityError::Empty, Lang::Zh) => {
                format!("没有填写可用性：{AVAILABILITY_FORMS_ZH}")
            }
            (AvailabilityError::NotANumber(t), Lang::En) => {
                format!("{} is not a number: {AVAILABILITY_FORMS}", shown(t))
            }
            (AvailabilityError::NotANumber(t), Lang::Zh) => {
                format!("{} 不是数字：{AVAILABILITY_FORMS_ZH}", shown(t))
            }
            (AvailabilityError::BadNines(t), Lang::En) => format!(
                "{}: a count of nines is a whole number from 1 to {MAX_NINES} (4 nines is 99.99%)",
                shown(t)
            ),
            (AvailabilityError::BadNines(t), Lang::Zh) => format!(
                "{}：9 的个数必须是 1 到 {MAX_NINES} 的整数（4 个 9 即 99.99%）",
                shown(t)
            ),
            (AvailabilityError::NotAboveZero(t), Lang::En) => {
                format!("{} is not above 0: {AVAILABILITY_RANGE}", shown(t))
            }
            (AvailabilityError::NotAboveZero(t), Lang::Zh) => {
                format!("{} 不大于 0：{AVAILABILITY_RANGE_ZH}", shown(t))
            }
            (AvailabilityError::AboveHundred(t), Lang::En) => {
                format!("{} is more than 100%: {AVAILABILITY_RANGE}", shown(t))
            }
            (AvailabilityError::AboveHundred(t), Lang::Zh) => {
                format!("{} 超过了 100%：{AVAILABILITY_RANGE_ZH}", shown(t))
            }
            (AvailabilityError::TooSmall(t), Lang::En) => {
                format!(
                    "{} is too small to tell from 0: {AVAILABILITY_RANGE}",
                    shown(t)
                )
            }
            (AvailabilityError::TooSmall(t), Lang::Zh) => {
                format!("{} 太小，与 0 无法区分：{AVAILABILITY_RANGE_ZH}", shown(t))
            }
            (AvailabilityError::Unreadable(t), Lang::En) => {
                format!("{}: {AVAILABILITY_FORMS}", shown(t))
            }
            (AvailabilityError::Unreadable(t), Lang::Zh) => {
                format!("{}：{AVAILABILITY_FORMS_ZH}", shown(t))
            }
        }
    }
}

impl fmt::Display for AvailabilityError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message(Lang::En))
    }
}

impl std::error::Error for AvailabilityError {}

/// The most nines [`parse_availability`] takes: 16 nines are 1 to a double.
pub const MAX_NINES: u32 = 15;

/// Reads an availability as people type it (docs/spec/model.md §1.1: `0 < a <= 1`):
/// a percent ("99.95%", "99.95 %"), a fraction ("0.9995"), a number above 1
/// and at most 100 without `%`, which is a percent ("99.95"), or a count of
/// nines ("4 nines", "4nines", "4 nine", "4个9": 1 - 10^-4). Full-width
/// characters ("９９．９％") read as their ASCII twins.
///
/// A percent is turned into a fraction by moving the decimal point in the
/// text, not by dividing by 100, so "99.9%" reads as exactly the number
/// "0.999" does (99.9 / 100 is 0.9990000000000001).
///
/// Refuses empty text, anything that is not a plain decimal number (no NaN,
/// no infinity, no exponent), values at or below 0 and above 100%, with a
/// message that names the problem and the accepted forms (in English; see
/// [`read_availability`] for the reason as a value).
pub fn parse_availability(text: &str) -> Result<f64, String> {
    read_availability(text).map_err(|e| e.to_string())
}

/// [`parse_availability`], with the reason for a refusal as an
/// [`AvailabilityError`], to be said in the viewer's language.
pub fn read_availability(text: &str) -> Result<f64, AvailabilityError> {
    let normal = half_width(text);
    let t = normal.trim();
    if t.is_empty() {
        return Err(AvailabilityError::Empty);
    }
    let shown = quoted(t);
    if let Some(count) = nines_count(t) {
        return match count {
            Some(n) if (1..=MAX_NINES).contains(&n) => {
                let text = format!("0.{}", "9".repeat(n as usize));
                crate::decimal::parse_f64(&text).ok_or(AvailabilityError::Unreadable(shown))
            }
            _ => Err(AvailabilityError::BadNines(shown)),
        };
    }
    let (number, is_percent) = match t.strip_suffix('%') {
        Some(number) => (number.trim_end(), true),
        None => (t, false),
    };
    let (negative, digits) = match number.strip_prefix('-') {
        Some(rest) => (true, rest.trim_start()),
        None => (false, number.strip_prefix('+').unwrap_or(number)),
    };
    let Some((int, frac)) = decimal_parts(digits) else {
        return Err(AvailabilityError::NotANumber(shown));
    };
    if negative || !format!("{int}{frac}").bytes().any(|b| b != b'0') {
        return Err(AvailabilityError::NotAboveZero(shown));
    }
    let value = decimal_value(int, frac);
    let as_percent = is_percent || value > 1.0;
    if as_percent && value > 100.0 {
        return Err(AvailabilityError::AboveHundred(shown));
    }
    let a = if as_percent {
        hundredth(int, frac)
    } else {
        value
    };
    if a > 0.0 && a <= 1.0 {
        Ok(a)
    } else {
        // Only a number so small that it is 0 to a double gets here.
        Err(AvailabilityError::TooSmall(shown))
    }
}

/// The text an availability field starts with: the [`percent`] when it reads
/// back as exactly `a`, else every digit of `a` as a percent, so that
/// committing the field unchanged never changes the number.
pub fn availability_text(a: f64) -> String {
    let shown = percent(a);
    if parse_availability(&shown) == Ok(a) {
        return shown;
    }
    exact_percent(a).unwrap_or(shown)
}

/// `a` (0 < a <= 1) as a percent with every digit of its shortest decimal form.
fn exact_percent(a: f64) -> Option<String> {
    if !(a > 0.0 && a <= 1.0) {
        return None;
    }
    // `Display` for f64 writes the shortest text that reads back as `a`, never
    // with an exponent.
    let text = a.to_string();
    let (int, frac) = text.split_once('.').unwrap_or((&text, ""));
    let moved: String = frac.chars().chain(std::iter::repeat('0')).take(2).collect();
    let int = format!("{int}{moved}");
    let int = int.trim_start_matches('0');
    let frac = frac.get(2..).unwrap_or("");
    let int = if int.is_empty() { "0" } else { int };
    Some(if frac.is_empty() {
        format!("{int}%")
    } else {
        format!("{int}.{frac}%")
    })
}

/// `text` with full-width forms (U+FF01 to U+FF5E, the ideographic space) as ASCII.
fn half_width(text: &str) -> String {
    text.chars()
        .map(|c| match c {
            '\u{3000}' => ' ',
            '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
            _ => c,
        })
        .collect()
}

/// The user's text for a message (quoted by the message), cut when long.
fn quoted(t: &str) -> String {
    const MAX: usize = 24;
    if t.chars().count() <= MAX {
        t.to_string()
    } else {
        let cut: String = t.chars().take(MAX - 1).collect();
        format!("{cut}…")
    }
}

/// `None` when `t` is not written as a count of nines; `Some(None)` when it is
/// but the count is not a whole number; else the count.
fn nines_count(t: &str) -> Option<Option<u32>> {
    // ASCII is enough: only ASCII letters can spell "nines", and no other letter's
    // lower case is one of them (the Unicode case tables cost 24 KB of wasm).
    let lower = t.to_ascii_lowercase();
    let count = ["nines", "nine"]
        .iter()
        .find_map(|s| lower.strip_suffix(s))
        .or_else(|| {
            // "4个9", "4 個 九"
            let rest = lower.strip_suffix(['9', '九'])?.trim_end();
            rest.strip_suffix(['个', '個'])
        })?
        .trim_end();
    let number = if !count.is_empty() && count.bytes().all(|b| b.is_ascii_digit()) {
        count.parse::<u32>().ok()
    } else {
        match count {
            "一" => Some(1),
            "二" | "两" | "兩" => Some(2),
            "三" => Some(3),
            "四" => Some(4),
            "五" => Some(5),
            "六" => Some(6),
            "七" => Some(7),
            "八" => Some(8),
            "九" => Some(9),
            "十" => Some(10),
            _ => None,
        }
    };
    Some(number)
}

/// The integer and fraction digits of a plain decimal number ("99.95", "99.",
/// ".5"); `None` for anything else.
fn decimal_parts(t: &str) -> Option<(&str, &str)> {
    let (int, frac) = t.split_once('.').unwrap_or((t, ""));
    let digits = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
    (digits(int) && digits(frac) && !(int.is_empty() && frac.is_empty())).then_some((int, frac))
}

/// The double nearest to the decimal `int.frac` (both plain digit strings).
fn decimal_value(int: &str, frac: &str) -> f64 {
    let int = if int.is_empty() { "0" } else { int };
    let frac = if frac.is_empty() { "0" } else { frac };
    crate::decimal::parse_f64(&format!("{int}.{frac}")).unwrap_or(f64::NAN)
}

/// The double nearest to the decimal `int.frac` / 100, found by moving the
/// decimal point in the text so no division rounds it.
fn hundredth(int: &str, frac: &str) -> f64 {
    let padded = format!("{int:0>2}");
    let (high, low) = padded.split_at(padded.len() - 2);
    decimal_value(high, &format!("{low}{frac}"))
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
    fn a_span_of_percents_keeps_four_decimals_at_most() {
        assert_eq!(percent_span(0.7411, 0.9999999999), "74.11–99.9999%");
        assert_eq!(percent_span(0.5, 1.0), "50.00–100%");
        assert_eq!(percent_within(0.99999999, 4), "99.9999%");
        assert_eq!(percent_within(0.985, 4), "98.50%");
        assert_eq!(percent_within(1.0 - 1e-13, 4), "99.9999%");
        assert_eq!(percent(1.0 - 1e-13), "99.9999999999%");
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
    fn downtime_in_chinese_has_the_same_number_in_chinese_units() {
        let zh = |hours: f64| downtime_in(hours, Lang::Zh);
        assert_eq!(zh(downtime_hours_per_year(0.999)), "8.8 小时");
        assert_eq!(zh(downtime_hours_per_year(0.99999)), "5.3 分钟");
        assert_eq!(zh(downtime_hours_per_year(0.9)), "36.5 天");
        assert_eq!(zh(0.005), "18.0 秒");
        assert_eq!(zh(0.0), "无");
        assert_eq!(zh(f64::NAN), "无");
    }

    #[test]
    fn downtime_in_english_is_downtime() {
        for hours in [
            0.0,
            0.005,
            0.1,
            0.9,
            8.766,
            47.9,
            48.0,
            876.6,
            f64::INFINITY,
        ] {
            assert_eq!(downtime_in(hours, Lang::En), downtime(hours), "{hours}");
        }
    }

    #[test]
    fn nines_are_counted_in_words_of_each_language() {
        assert_eq!(nines_in(0.9995, Lang::En), "3 nines");
        assert_eq!(nines_in(0.9995, Lang::Zh), "3 个 9");
        assert_eq!(nines_in(0.95, Lang::En), "1 nine");
        assert_eq!(nines_in(0.95, Lang::Zh), "1 个 9");
        assert_eq!(nines_in(0.5, Lang::En), "0 nines");
        assert_eq!(nines_in(0.5, Lang::Zh), "0 个 9");
        assert_eq!(nines_in(1.0, Lang::En), "perfect");
        assert_eq!(nines_in(1.0, Lang::Zh), "永不宕机");
    }

    #[test]
    fn a_refused_availability_is_explained_in_both_languages() {
        let refusal = |text: &str| read_availability(text).expect_err(text);
        // Far below the smallest double: 0 once read.
        let tiny = format!("0.{}1", "0".repeat(400));
        let cases = [
            ("", "no availability given", "没有填写可用性"),
            ("abc", "\"abc\" is not a number", "“abc” 不是数字"),
            (
                "20 nines",
                "a count of nines is a whole number",
                "9 的个数必须是",
            ),
            ("0%", "is not above 0", "不大于 0"),
            ("101%", "is more than 100%", "超过了 100%"),
            (tiny.as_str(), "too small", "太小"),
        ];
        for (text, en, zh) in cases {
            let e = refusal(text);
            assert!(e.message(Lang::En).contains(en), "{text}: {e}");
            assert!(
                e.message(Lang::Zh).contains(zh),
                "{text}: {}",
                e.message(Lang::Zh)
            );
            assert_eq!(parse_availability(text), Err(e.message(Lang::En)));
            assert_eq!(e.to_string(), e.message(Lang::En));
        }
    }

    #[test]
    fn a_chinese_refusal_has_no_english_word_but_the_users_text() {
        let e = read_availability("abc").expect_err("abc");
        let zh = e.message(Lang::Zh).replace("abc", "");
        assert!(
            !zh.chars().any(|c| c.is_ascii_alphabetic()),
            "English left in {zh:?}"
        );
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
