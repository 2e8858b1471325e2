//! Decimal text to `f64`, correctly rounded, without the standard library's
//! `str::parse::<f64>`: that one carries a 10 KB table of 128-bit powers of five
//! (and its code), about 10 KB of the single-file page once compressed, for inputs
//! this program never sees. What people type and files hold here ("99.95", "0.9995",
//! "1e-3", "250") has few significant digits and a small exponent; for those the
//! value is found exactly with 128-bit integers and rounded once, to nearest, ties
//! to even, as `str::parse` does: up to 37 significant digits (later ones kept as
//! one sticky digit) scaled by 10^-38 to 10^38 while the integer fits. Anything
//! beyond is computed in floating point, within a few units in the last place.
//!
//! Accepted: an optional sign, digits with at most one `.` (at least one digit in
//! all), an optional exponent `e`/`E` with an optional sign and digits; `inf`,
//! `infinity` and `nan` in any case, signed or not. Nothing else (no spaces, no `_`).

/// Significant digits kept exactly; later ones only say "and a little more".
const KEPT_DIGITS: u32 = 37;

/// The number `text` spells, or `None` when it spells none.
pub fn parse_f64(text: &str) -> Option<f64> {
    let (negative, body) = match text.as_bytes().first() {
        Some(b'-') => (true, &text[1..]),
        Some(b'+') => (false, &text[1..]),
        _ => (false, text),
    };
    let magnitude = special(body).or_else(|| finite(body))?;
    Some(if negative { -magnitude } else { magnitude })
}

/// `inf`, `infinity` and `nan`, in any case.
fn special(body: &str) -> Option<f64> {
    let lower = body.to_ascii_lowercase();
    match lower.as_str() {
        "inf" | "infinity" => Some(f64::INFINITY),
        "nan" => Some(f64::NAN),
        _ => None,
    }
}

/// The significant digits (as an integer, at most 38 digits: the 38th is a
/// sticky 1 when digits were dropped) and the power of ten they are scaled by.
struct Digits {
    mantissa: u128,
    exponent: i64,
}

/// A plain decimal with an optional exponent, unsigned.
fn finite(body: &str) -> Option<f64> {
    let (number, exponent) = match body.find(['e', 'E']) {
        Some(at) => (&body[..at], read_exponent(&body[at + 1..])?),
        None => (body, 0),
    };
    let digits = read_digits(number)?;
    Some(value(Digits {
        exponent: digits.exponent.saturating_add(exponent),
        ..digits
    }))
}

/// An exponent's digits with an optional sign; huge ones saturate.
fn read_exponent(text: &str) -> Option<i64> {
    let (negative, digits) = match text.as_bytes().first() {
        Some(b'-') => (true, &text[1..]),
        Some(b'+') => (false, &text[1..]),
        _ => (false, text),
    };
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let magnitude = digits.bytes().fold(0i64, |n, b| {
        n.saturating_mul(10).saturating_add(i64::from(b - b'0'))
    });
    Some(if negative { -magnitude } else { magnitude })
}

/// The digits of `int.frac` (either part may be empty, not both).
fn read_digits(number: &str) -> Option<Digits> {
    let (int, frac) = number.split_once('.').unwrap_or((number, ""));
    let all_digits = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
    if (int.is_empty() && frac.is_empty()) || !all_digits(int) || !all_digits(frac) {
        return None;
    }
    let mut mantissa: u128 = 0;
    let mut kept = 0u32;
    let mut exponent = -(frac.len() as i64);
    let mut dropped_nonzero = false;
    for b in int.bytes().chain(frac.bytes()) {
        let digit = u128::from(b - b'0');
        if kept < KEPT_DIGITS {
            mantissa = mantissa * 10 + digit;
            kept += u32::from(mantissa != 0);
        } else {
            exponent += 1;
            dropped_nonzero |= digit != 0;
        }
    }
    if dropped_nonzero {
        mantissa = mantissa * 10 + 1;
        exponent -= 1;
    }
    Some(Digits { mantissa, exponent })
}

/// `mantissa` x 10^`exponent`, rounded once where the integers allow it.
fn value(
    Digits {
        mut mantissa,
        mut exponent,
    }: Digits,
) -> f64 {
    if mantissa == 0 {
        return 0.0;
    }
    while mantissa % 10 == 0 {
        mantissa /= 10;
        exponent += 1;
    }
    let exact = match exponent {
        0..=38 => mantissa
            .checked_mul(10u128.pow(exponent as u32))
            .map(|n| n as f64),
        -38..=-1 => Some(quotient(mantissa, 10u128.pow((-exponent) as u32))),
        _ => None,
    };
    exact.unwrap_or_else(|| {
        // Two steps, so neither power of ten overflows or underflows on its own.
        let e = exponent.clamp(-800, 800) as i32;
        (mantissa as f64) * 10f64.powi(e / 2) * 10f64.powi(e - e / 2)
    })
}

/// `numerator / denominator` rounded to nearest (ties to even), for a
/// denominator below 2^127: at least 64 quotient bits by long division, the
/// remainder folded into the last bit (below the rounding bit, so it only breaks
/// ties), converted once and scaled by an exact power of two.
fn quotient(numerator: u128, denominator: u128) -> f64 {
    let mut q = numerator / denominator;
    let mut r = numerator % denominator;
    let mut shift = 0i32;
    while q < 1 << 64 {
        r <<= 1;
        q <<= 1;
        if r >= denominator {
            r -= denominator;
            q |= 1;
        }
        shift += 1;
    }
    let q = q | u128::from(r != 0);
    (q as f64) * two_to_minus(shift)
}

/// 2^-`shift` exactly (0 <= shift <= 1022, always the case here: at most 64 + 127).
fn two_to_minus(shift: i32) -> f64 {
    f64::from_bits(((1023 - shift) as u64) << 52)
}

#[cfg(test)]
mod tests {
    use super::parse_f64;

    fn same(text: &str) {
        let expected: f64 = text.parse().unwrap();
        let got = parse_f64(text).unwrap();
        assert!(
            got.to_bits() == expected.to_bits() || (got.is_nan() && expected.is_nan()),
            "{text}: {got:e} != {expected:e}"
        );
    }

    #[test]
    fn everyday_numbers_equal_the_standard_parse() {
        for text in [
            "0",
            "-0",
            "1",
            "99.95",
            "0.9995",
            "0.999999999999999",
            "0.9999999999999999",
            "0.99999999999999999",
            "0.1",
            "0.3",
            "1e-3",
            "2.5E+2",
            ".5",
            "5.",
            "+7",
            "250",
            "123456789012345678901234567890",
            "0.000000000000000000000000000001234",
            "9007199254740993",
            "1e18",
            "1e38",
            "12345678901234567890123456789e9",
            "inf",
            "-Infinity",
            "NaN",
            "0.1e-20",
            "99999999999999999999999999999999999999999",
        ] {
            same(text);
        }
    }

    proptest::proptest! {
        #[test]
        fn random_decimals_equal_the_standard_parse(
            int in "[0-9]{0,18}", frac in "[0-9]{0,18}", exp in proptest::option::of(-20i32..=20),
        ) {
            let mut text = format!("{int}.{frac}");
            if int.is_empty() && frac.is_empty() {
                text = "0".into();
            }
            if let Some(e) = exp {
                text.push_str(&format!("e{e}"));
            }
            same(&text);
        }
    }

    #[test]
    fn not_numbers_are_refused() {
        for text in [
            "", ".", "-", "e5", "1e", "1e+", "1.2.3", "1,5", " 1", "1 ", "0x10", "1_000", "in",
        ] {
            assert_eq!(parse_f64(text), None, "{text:?}");
        }
    }

    #[test]
    fn far_exponents_are_close() {
        for text in [
            "1.5e308",
            "4.9e-300",
            "2.2250738585072014e-308",
            "1e200",
            "3e-100",
        ] {
            let expected: f64 = text.parse().unwrap();
            let got = parse_f64(text).unwrap();
            assert!(
                ((got - expected) / expected).abs() < 1e-14,
                "{text}: {got:e} vs {expected:e}"
            );
        }
    }

    #[test]
    fn halfway_cases_round_to_even() {
        // 2^53 + 1 lies halfway between two doubles: ties go to the even one.
        same("9007199254740993");
        same("9007199254740995");
        // Halfway between 1 and the next double, give or take a last digit.
        same("1.000000000000000111022302462515654042");
        same("1.000000000000000111022302462515654043");
        same("1.0000000000000001110223024625156540");
    }
}
