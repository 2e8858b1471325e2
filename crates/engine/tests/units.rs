//! One test per rule of how an availability is typed into the inspector
//! (`model::units::parse_availability`) and shown back (`availability_text`).

use topolab_engine::units::{availability_text, parse_availability, MAX_NINES};

fn refused(text: &str) -> String {
    match parse_availability(text) {
        Ok(a) => panic!("{text:?} was read as {a}, expected a refusal"),
        Err(message) => message,
    }
}

#[test]
fn a_percent_with_a_percent_sign_is_read_as_a_fraction() {
    assert_eq!(parse_availability("99.95%"), Ok(0.9995));
    assert_eq!(parse_availability("50%"), Ok(0.5));
    assert_eq!(parse_availability("100%"), Ok(1.0));
}

#[test]
fn a_space_before_the_percent_sign_and_around_the_text_is_allowed() {
    assert_eq!(parse_availability("99.95 %"), Ok(0.9995));
    assert_eq!(parse_availability("  99.95%  "), Ok(0.9995));
}

#[test]
fn a_percent_is_exactly_the_fraction_written_with_the_point_moved() {
    // 99.9 / 100 is 0.9990000000000001: the text is shifted, not divided.
    assert_eq!(parse_availability("99.9%"), Ok(0.999));
    assert_eq!(parse_availability("99.99%"), Ok(0.9999));
    assert_eq!(parse_availability("99.999%"), Ok(0.99999));
    assert_eq!(parse_availability("0.5%"), Ok(0.005));
    assert_eq!(parse_availability("7%"), Ok(0.07));
    assert_eq!(parse_availability("99.%"), Ok(0.99));
}

#[test]
fn a_number_up_to_one_is_a_fraction() {
    assert_eq!(parse_availability("0.9995"), Ok(0.9995));
    assert_eq!(parse_availability(".5"), Ok(0.5));
    assert_eq!(parse_availability("1"), Ok(1.0));
}

#[test]
fn a_number_above_one_and_at_most_a_hundred_without_a_sign_is_a_percent() {
    assert_eq!(parse_availability("99.95"), Ok(0.9995));
    assert_eq!(parse_availability("99.9"), Ok(0.999));
    assert_eq!(parse_availability("100"), Ok(1.0));
    assert_eq!(parse_availability("1.5"), Ok(0.015));
}

#[test]
fn a_count_of_nines_is_one_minus_ten_to_minus_the_count() {
    assert_eq!(parse_availability("4 nines"), Ok(0.9999));
    assert_eq!(parse_availability("4nines"), Ok(0.9999));
    assert_eq!(parse_availability("1 nine"), Ok(0.9));
    assert_eq!(parse_availability("4 nine"), Ok(0.9999));
    assert_eq!(parse_availability("3 Nines"), Ok(0.999));
    assert_eq!(parse_availability("5 NINES"), Ok(0.99999));
}

#[test]
fn a_count_of_nines_is_a_whole_number_from_one_to_fifteen() {
    assert_eq!(
        parse_availability(&format!("{MAX_NINES} nines")),
        Ok(0.999_999_999_999_999)
    );
    for text in ["0 nines", "16 nines", "3.5 nines", "nines", "many nines"] {
        let message = refused(text);
        assert!(message.contains("nines"), "{text:?}: {message}");
    }
}

#[test]
fn chinese_counts_of_nines_are_read() {
    assert_eq!(parse_availability("4个9"), Ok(0.9999));
    assert_eq!(parse_availability("3 个 9"), Ok(0.999));
    assert_eq!(parse_availability("5個9"), Ok(0.99999));
    assert_eq!(parse_availability("四个9"), Ok(0.9999));
    assert_eq!(parse_availability("三个九"), Ok(0.999));
}

#[test]
fn full_width_digits_point_and_percent_sign_are_read_as_ascii() {
    assert_eq!(parse_availability("９９．９５％"), Ok(0.9995));
    assert_eq!(parse_availability("99.9％"), Ok(0.999));
    assert_eq!(parse_availability("\u{3000}99.9 ％\u{3000}"), Ok(0.999));
    assert_eq!(parse_availability("４个９"), Ok(0.9999));
}

#[test]
fn empty_text_is_refused_with_the_accepted_forms() {
    for text in ["", "   ", "\u{3000}"] {
        let message = refused(text);
        assert!(message.contains("99.95%"), "{message}");
        assert!(message.contains("0.9995"), "{message}");
        assert!(message.contains("4 nines"), "{message}");
    }
}

#[test]
fn text_that_is_not_a_plain_decimal_number_is_refused_with_the_accepted_forms() {
    for text in [
        "NaN", "nan%", "inf", "-inf", "1e-3", "abc", "99.9.9", "99,9", "%", ".", "0x1",
    ] {
        let message = refused(text);
        assert!(message.contains("not a number"), "{text:?}: {message}");
        assert!(message.contains("4 nines"), "{text:?}: {message}");
    }
}

#[test]
fn zero_and_negative_availabilities_are_refused() {
    for text in ["0", "0%", "0.0", "-0.5", "-99%", "- 1"] {
        let message = refused(text);
        assert!(message.contains("not above 0"), "{text:?}: {message}");
    }
}

#[test]
fn more_than_a_hundred_percent_is_refused() {
    for text in ["100.01%", "101", "150%", "1000"] {
        let message = refused(text);
        assert!(message.contains("more than 100%"), "{text:?}: {message}");
    }
}

#[test]
fn a_number_too_small_to_tell_from_zero_is_refused() {
    for text in [
        format!("0.{}1%", "0".repeat(400)),
        format!("0.{}1", "0".repeat(400)),
    ] {
        assert!(refused(&text).contains("too small"));
    }
}

#[test]
fn a_long_refused_text_is_cut_in_the_message() {
    let text = "x".repeat(10_000);
    assert!(refused(&text).len() < 200);
}

#[test]
fn availability_text_is_the_percent_of_the_spec_figures() {
    assert_eq!(availability_text(0.999), "99.90%");
    assert_eq!(availability_text(0.9995), "99.95%");
    assert_eq!(availability_text(0.9999), "99.99%");
    assert_eq!(availability_text(0.99), "99.00%");
    assert_eq!(availability_text(1.0), "100%");
}

#[test]
fn availability_text_keeps_every_digit_the_percent_would_cut() {
    assert_eq!(availability_text(0.123456789), "12.3456789%");
    assert_eq!(availability_text(0.99951234), "99.951234%");
}

#[test]
fn availability_text_reads_back_as_the_same_number() {
    for a in [
        0.999,
        0.9995,
        0.99,
        0.9,
        0.5,
        0.123456789,
        0.99951234,
        1.0,
        0.99999,
        0.999_999_999_999_999,
        1e-9,
        0.07,
        2.0 / 3.0,
    ] {
        let text = availability_text(a);
        assert_eq!(parse_availability(&text), Ok(a), "{a} shown as {text}");
    }
}
