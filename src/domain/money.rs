//! Amounts in integer minor units, shown in whole currency units.

/// The symbol written before an amount, for the currencies that have a common one.
fn symbol(currency: &str) -> Option<&'static str> {
    match currency.to_ascii_uppercase().as_str() {
        "EUR" => Some("€"),
        "USD" => Some("$"),
        "GBP" => Some("£"),
        _ => None,
    }
}

fn with_currency(number: &str, currency: &str) -> String {
    match symbol(currency) {
        Some(sym) => format!("{sym}{number}"),
        None if currency.is_empty() => number.to_string(),
        None => format!("{number} {currency}"),
    }
}

/// Groups thousands with commas: 1234567 -> "1,234,567".
pub fn group_thousands(value: i64) -> String {
    let digits = value.unsigned_abs().to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3 + 1);
    if value < 0 {
        out.push('-');
    }
    for (i, ch) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(ch);
    }
    out
}

/// The full amount in whole units, rounded: 12_000_050 EUR cents -> "€120,001".
pub fn format_amount(minor: i64, currency: &str) -> String {
    let whole = (minor as f64 / 100.0).round() as i64;
    with_currency(&group_thousands(whole), currency)
}

/// A short amount for tables: "€950", "€12k", "€1.2M".
pub fn format_compact(minor: i64, currency: &str) -> String {
    let whole = minor as f64 / 100.0;
    let abs = whole.abs();
    let number = if abs >= 999_500.0 {
        let m = whole / 1_000_000.0;
        if m.abs() >= 9.95 { format!("{m:.0}M") } else { format!("{m:.1}M") }
    } else if abs >= 1_000.0 {
        format!("{:.0}k", whole / 1_000.0)
    } else {
        format!("{whole:.0}")
    };
    with_currency(&number, currency)
}

/// Parses an amount typed in currency units ("48000", "48,000.50", "1 200") into minor units.
pub fn parse_amount(text: &str) -> Option<i64> {
    let cleaned: String = text.trim().chars().filter(|c| !matches!(c, ',' | ' ' | '_' | '\u{a0}')).collect();
    let (whole, cents) = match cleaned.split_once('.') {
        Some((whole, frac)) if !frac.is_empty() && frac.len() <= 2 && frac.chars().all(|c| c.is_ascii_digit()) => {
            let cents: i64 = frac.parse().ok()?;
            (whole, if frac.len() == 1 { cents * 10 } else { cents })
        }
        Some(_) => return None,
        None => (cleaned.as_str(), 0),
    };
    if whole.is_empty() || !whole.chars().all(|c| c.is_ascii_digit()) {
        return None;
    }
    whole.parse::<i64>().ok()?.checked_mul(100)?.checked_add(cents)
}

/// An amount as it is typed back into a field, the inverse of [`parse_amount`]: whole
/// units without grouping, cents only when there are some ("48000", "500.50").
pub fn amount_input(minor: i64) -> String {
    let sign = if minor < 0 { "-" } else { "" };
    let abs = minor.unsigned_abs();
    match (abs / 100, abs % 100) {
        (whole, 0) => format!("{sign}{whole}"),
        (whole, cents) => format!("{sign}{whole}.{cents:02}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn typed_amounts() {
        assert_eq!(parse_amount("48000"), Some(4_800_000));
        assert_eq!(parse_amount("48,000.5"), Some(4_800_050));
        assert_eq!(parse_amount(" 1 200.05 "), Some(120_005));
        assert_eq!(parse_amount("0"), Some(0));
        assert_eq!(parse_amount("-5"), None);
        assert_eq!(parse_amount("12.345"), None);
        assert_eq!(parse_amount("12k"), None);
        assert_eq!(parse_amount(""), None);
        assert_eq!(parse_amount("99999999999999999999"), None);
    }

    #[test]
    fn amounts_to_type_back() {
        assert_eq!(amount_input(4_800_000), "48000");
        assert_eq!(amount_input(50_050), "500.50");
        assert_eq!(amount_input(120_005), "1200.05");
        assert_eq!(amount_input(5), "0.05");
        assert_eq!(amount_input(0), "0");
        assert_eq!(amount_input(-150), "-1.50");
        assert_eq!(amount_input(i64::MAX), "92233720368547758.07");
        for minor in [0, 1, 10, 99, 100, 101, 50_050, 4_800_000, 123_456_789] {
            assert_eq!(parse_amount(&amount_input(minor)), Some(minor), "{minor} round-trips");
        }
    }

    #[test]
    fn thousands() {
        assert_eq!(group_thousands(0), "0");
        assert_eq!(group_thousands(999), "999");
        assert_eq!(group_thousands(1000), "1,000");
        assert_eq!(group_thousands(1_234_567), "1,234,567");
        assert_eq!(group_thousands(-45_000), "-45,000");
    }

    #[test]
    fn full_amounts() {
        assert_eq!(format_amount(12_000_000, "EUR"), "€120,000");
        assert_eq!(format_amount(105_450, "usd"), "$1,055");
        assert_eq!(format_amount(500_000, "CHF"), "5,000 CHF");
        assert_eq!(format_amount(0, ""), "0");
    }

    #[test]
    fn compact_amounts() {
        assert_eq!(format_compact(95_000, "EUR"), "€950");
        assert_eq!(format_compact(1_200_000, "EUR"), "€12k");
        assert_eq!(format_compact(99_960_000, "EUR"), "€1.0M");
        assert_eq!(format_compact(120_000_000, "GBP"), "£1.2M");
        assert_eq!(format_compact(2_500_000_000, "EUR"), "€25M");
    }
}
