//! Floats as decimal text without core's float formatting.
//!
//! Any `{}`, `{:?}` or `{:.1}` of an `f64` links core's float-to-decimal code (Grisu and Dragon4,
//! shortest and exact, ≈ 14 KB of wasm before compression) into the app. The app writes floats
//! in three places: a finding's `numericSeverity` (detail view, exports), and one-decimal sizes
//! and bounds. These two functions cover them with integer arithmetic and `str::parse`.

/// `x` rounded to one decimal, half away from zero (`{:.1}` rounds exact ties to even: the two
/// differ only when `x` sits exactly on a tie, such as 0.25). Values beyond ±9.2e17 saturate.
pub fn tenths(x: f64) -> String {
    if x.is_nan() {
        return "NaN".to_owned();
    }
    #[allow(clippy::cast_possible_truncation)]
    let t = (x * 10.0).round() as i64;
    let sign = if t < 0 { "-" } else { "" };
    let a = t.unsigned_abs();
    format!("{sign}{}.{}", a / 10, a % 10)
}

/// The shortest decimal text that reads back as exactly `x`, in `{x:?}`'s notation: `7.8`,
/// `10.0`, `0.0001`, `1e-5`, `1e16`, `-0.0`, `NaN`, `inf`.
///
/// Up to 15 significant digits only one text of the shortest length reads back as `x`, so it is
/// the text `{x:?}` writes. Values that need 16 or 17 digits can have several such texts; this
/// may pick another one than `{x:?}` does (exact all the same, and as long).
///
/// For 1 to 17 significant digits, the digits nearest to `x` are estimated with one float
/// division, then they and their neighbours (as many as the estimate may be off) are written
/// out and parsed back; the first text that parses to `x` is the answer. Seventeen digits always
/// suffice for an `f64`.
pub fn shortest(x: f64) -> String {
    if !x.is_finite() {
        return if x.is_nan() {
            "NaN"
        } else if x > 0.0 {
            "inf"
        } else {
            "-inf"
        }
        .to_owned();
    }
    let sign = if x.is_sign_negative() { "-" } else { "" };
    let a = x.abs();
    if a == 0.0 {
        return format!("{sign}0.0");
    }
    let plain = (1e-4..1e16).contains(&a);
    #[allow(clippy::cast_possible_truncation)]
    let first = a.log10().floor() as i32; // decimal exponent of the first digit, maybe one off
    let mut last = String::new();
    for digits in 1..=17 {
        let scale = first - digits + 1; // x ≈ m × 10^scale with m of `digits` digits
        #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
        let estimate = divide_by_power_of_ten(a, scale).round() as u64;
        // Below 2^53 the estimate is off by at most one; above, by a few units of its own ulp.
        let reach: u64 = if digits <= 15 { 2 } else { 48 };
        for step in 0..=2 * reach {
            let m = if step % 2 == 0 {
                estimate + step / 2
            } else {
                estimate.saturating_sub(step.div_ceil(2))
            };
            if m == 0 {
                continue;
            }
            let text = digits_text(m, scale, plain);
            if text.parse::<f64>() == Ok(a) {
                return format!("{sign}{text}");
            }
            last = text;
        }
    }
    // Not reached for finite values (17 digits always read back; the property test checks
    // random bit patterns): the nearest 17 digits tried, rather than a panic.
    format!("{sign}{last}")
}

/// `a / 10^k` with one rounding of a correctly rounded power (parsed, so no error piles up),
/// finite over the whole `f64` range (a subnormal needs 10^340).
fn divide_by_power_of_ten(a: f64, k: i32) -> f64 {
    let power = |k: i32| format!("1e{k}").parse::<f64>().unwrap_or(1.0);
    if k > 300 {
        a / power(300) / power(k - 300)
    } else if k < -300 {
        a * power(300) * power(-k - 300)
    } else {
        a / power(k)
    }
}

/// `m × 10^scale` written out: plain (`0.0012`, `12.5`, `100.0`) or scientific (`1.25e-7`).
fn digits_text(m: u64, scale: i32, plain: bool) -> String {
    let mut digits = m.to_string();
    let mut scale = scale;
    while digits.len() > 1 && digits.ends_with('0') {
        digits.pop();
        scale += 1;
    }
    #[allow(clippy::cast_possible_wrap, clippy::cast_possible_truncation)]
    let n = digits.len() as i32;
    let point = n + scale; // digits before the decimal point
    if !plain {
        let (head, tail) = digits.split_at(1);
        let dot = if tail.is_empty() { "" } else { "." };
        return format!("{head}{dot}{tail}e{}", point - 1);
    }
    if point <= 0 {
        format!("0.{}{digits}", "0".repeat(point.unsigned_abs() as usize))
    } else if point >= n {
        format!("{digits}{}.0", "0".repeat((point - n).unsigned_abs() as usize))
    } else {
        let (int, frac) = digits.split_at(point.unsigned_abs() as usize);
        format!("{int}.{frac}")
    }
}

#[cfg(test)]
mod tests {
    use super::{shortest, tenths};

    #[test]
    fn shortest_writes_what_debug_writes() {
        let samples = [
            0.0,
            -0.0,
            1.0,
            7.8,
            10.0,
            9.9,
            0.1,
            0.3,
            1.0 / 3.0,
            2.0 / 3.0,
            123.456,
            0.0001,
            0.00012,
            1e-5,
            1.5e-7,
            1e15,
            1e16,
            1.2345e16,
            9_007_199_254_740_993.0,
            5e-324,
            f64::MAX,
            f64::MIN,
            f64::EPSILON,
            299_792_458.0,
            6.02214076e23,
            -2.5,
            100.0,
            1e21,
            1e22,
            1e23,
        ];
        for x in samples {
            assert_eq!(shortest(x), format!("{x:?}"), "{x:e}");
        }
        // 17 digits, where more than one text reads back: exact and as long as `{:?}`.
        for x in [2.2250738585072014e-308, 1.8613089335399852e98] {
            assert_eq!(shortest(x).parse::<f64>().map(f64::to_bits), Ok(x.to_bits()));
            assert_eq!(shortest(x).len(), format!("{x:?}").len());
        }
        assert_eq!(shortest(f64::NAN), "NaN");
        assert_eq!(shortest(f64::INFINITY), "inf");
        assert_eq!(shortest(f64::NEG_INFINITY), "-inf");
    }

    #[cfg(not(target_arch = "wasm32"))]
    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(20_000))]
        /// Any finite bit pattern: the text reads back as the same bits and is as long as what
        /// `{:?}` writes (so it has as few digits, in the same notation).
        #[test]
        fn shortest_reads_back_exactly_for_any_finite_value(bits in proptest::prelude::any::<u64>()) {
            let x = f64::from_bits(bits);
            proptest::prop_assume!(x.is_finite());
            let text = shortest(x);
            proptest::prop_assert_eq!(text.parse::<f64>().map(f64::to_bits), Ok(bits));
            proptest::prop_assert_eq!(text.len(), format!("{x:?}").len(), "{} vs {:?}", text, x);
        }

        /// Values with few decimals, as exports hold them (`7.8`, `0.25`, `4.3`).
        #[test]
        fn shortest_equals_debug_for_short_decimals(n in -100_000_000i64..100_000_000, places in 0i32..9) {
            let x = n as f64 / 10f64.powi(places);
            proptest::prop_assert_eq!(shortest(x), format!("{x:?}"));
        }
    }

    #[test]
    fn matches_core_formatting_off_ties() {
        for x in [
            0.0,
            1.0,
            10.0,
            0.04,
            0.06,
            1.449,
            1.451,
            999.96,
            -0.3,
            -2.75001,
            123_456.789,
        ] {
            assert_eq!(tenths(x), format!("{x:.1}"), "{x}");
        }
        // Ties round away from zero (core rounds the exact binary tie to even).
        assert_eq!(tenths(0.25), "0.3");
        assert_eq!(tenths(-0.25), "-0.3");
        // A value that rounds to zero from below keeps no sign, as an integer count would.
        assert_eq!(tenths(-0.04), "0.0");
        assert_eq!(tenths(f64::NAN), "NaN");
    }

    #[cfg(not(target_arch = "wasm32"))]
    proptest::proptest! {
        #[test]
        fn tenths_equals_core_formatting_except_on_ties(n in -10_000_000i64..10_000_000, frac in 0u32..1000) {
            let x = n as f64 / 7.0 + f64::from(frac) / 1000.0;
            let tie = ((x * 10.0).abs().fract() - 0.5).abs() < 1e-9;
            proptest::prop_assume!(!tie);
            let want = format!("{x:.1}");
            let want = if want == "-0.0" { "0.0".to_owned() } else { want };
            proptest::prop_assert_eq!(tenths(x), want);
        }
    }
}
