//! Amounts: exact decimals, kept and stored as decimal strings (`"24.00"`), never floats.

use rust_decimal::Decimal;

/// `text` as an amount: a plain decimal string such as the store sends and the database
/// keeps. `None` for anything else (empty, a float's exponent, words), so a caller can name
/// what it could not read instead of reading it as zero.
pub fn parse(text: &str) -> Option<Decimal> {
    let t = text.trim();
    let digits = t.strip_prefix('-').unwrap_or(t);
    let plain = !digits.is_empty()
        && digits.chars().all(|c| c.is_ascii_digit() || c == '.')
        && digits.chars().filter(|c| *c == '.').count() <= 1
        && digits.chars().any(|c| c.is_ascii_digit());
    if !plain {
        return None;
    }
    t.parse().ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_plain_decimal_strings_are_amounts() {
        assert_eq!(parse("24.00"), Some(Decimal::new(2400, 2)));
        assert_eq!(parse("-3.5"), Some(Decimal::new(-35, 1)));
        assert_eq!(parse("0"), Some(Decimal::ZERO));
        for bad in ["", " ", "abc", "1e3", "1.2.3", "-", ".", "24,00", "NaN", "1_000"] {
            assert_eq!(parse(bad), None, "{bad:?}");
        }
    }
}
