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

/// The amount exactly as stored, cents when there are some: "€36,500", "$1,200.50".
pub fn format_exact(minor: i64, currency: &str) -> String {
    let sign = if minor < 0 { "-" } else { "" };
    let (whole, cents) = (minor.unsigned_abs() / 100, minor.unsigned_abs() % 100);
    let whole = group_thousands(i64::try_from(whole).unwrap_or(i64::MAX));
    let number = if cents == 0 { format!("{sign}{whole}") } else { format!("{sign}{whole}.{cents:02}") };
    with_currency(&number, currency)
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

/// The largest amount read, in currency units: far above any deal, and low enough that the
/// sum of a million of them still fits the figures' integers.
pub const MAX_AMOUNT: i64 = 999_999_999_999;

/// Why a text is not an amount.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum AmountError {
    #[error("{0:?} is not an amount (write 48000, 48,000.50, 36 500,00 or 80k)")]
    NotAnAmount(String),
    #[error("{0:?} is ambiguous: write {1} or {2}")]
    Ambiguous(String, String, String),
    #[error("{0:?} is negative: an amount is not")]
    Negative(String),
    #[error("{0:?} is more than {max}: too large for an amount", max = group_thousands(MAX_AMOUNT))]
    TooLarge(String),
}

/// Characters people and spreadsheets put between groups of thousands.
fn is_group_space(c: char) -> bool {
    matches!(c, ' ' | '\u{a0}' | '\u{202f}' | '\u{2009}' | '_' | '\'')
}

/// Reads an amount as people write it, into minor units: `48000`, `48,000.50`, `$1,200.50`,
/// `36 500,00` (any space, the no-break ones included), `36.500,00`, `EUR 1200`, `80k`,
/// `1.2m`. A separator is the decimal one when it is the last and two or fewer digits follow
/// it; a lone `.` or `,` followed by three digits is grouping when the other one is, and
/// otherwise ambiguous (`36.500`): refused with both readings, never guessed.
pub fn read_amount(text: &str) -> Result<i64, AmountError> {
    let original = text.trim();
    let not = || AmountError::NotAnAmount(original.to_string());
    let mut rest = original;
    // A currency before or after: a symbol or an ISO code.
    for sym in ["€", "$", "£", "¥"] {
        rest = rest.strip_prefix(sym).or_else(|| rest.strip_suffix(sym)).unwrap_or(rest).trim();
    }
    let code = |s: &str| s.len() == 3 && s.chars().all(|c| c.is_ascii_alphabetic());
    if let Some((head, tail)) = rest.split_once(char::is_whitespace) {
        if code(head) {
            rest = tail.trim();
        } else if let Some((body, last)) = rest.rsplit_once(char::is_whitespace)
            && code(last)
        {
            rest = body.trim();
        }
    }
    if rest.starts_with('-') {
        return Err(AmountError::Negative(original.to_string()));
    }
    let (number, scale) = match rest.char_indices().last() {
        Some((at, 'k' | 'K')) => (&rest[..at], 1_000),
        Some((at, 'm' | 'M')) => (&rest[..at], 1_000_000),
        _ => (rest, 1),
    };
    let compact: String = number.trim().chars().filter(|c| !is_group_space(*c)).collect();
    if compact.is_empty() || !compact.chars().all(|c| c.is_ascii_digit() || c == '.' || c == ',') {
        return Err(not());
    }
    let (whole, frac) = split_decimal(&compact, original)?;
    if whole.is_empty() && frac.is_empty() {
        return Err(not());
    }
    // Scaled amounts ("1.2m") may carry more decimals than cents; they are then whole units.
    let max_frac = if scale == 1 { 2 } else { 6 };
    if frac.len() > max_frac {
        return Err(not());
    }
    let whole_units: i64 =
        if whole.is_empty() { 0 } else { whole.parse().map_err(|_| AmountError::TooLarge(original.to_string()))? };
    let frac_value: i64 = if frac.is_empty() { 0 } else { frac.parse().map_err(|_| not())? };
    let frac_scale = 10_i64.pow(u32::try_from(frac.len()).unwrap_or(0));
    // Minor units = (whole + frac / frac_scale) × scale × 100, in integers.
    let too_large = || AmountError::TooLarge(original.to_string());
    let whole_minor = whole_units.checked_mul(scale).and_then(|v| v.checked_mul(100)).ok_or_else(too_large)?;
    let frac_minor = frac_value.checked_mul(scale * 100).ok_or_else(too_large)? / frac_scale;
    let minor = whole_minor.checked_add(frac_minor).ok_or_else(too_large)?;
    if minor > MAX_AMOUNT * 100 + 99 {
        return Err(too_large());
    }
    Ok(minor)
}

/// The whole and decimal digits of a number with `.` and `,` in it, the grouping checked.
fn split_decimal<'a>(digits: &'a str, original: &str) -> Result<(String, &'a str), AmountError> {
    let not = || AmountError::NotAnAmount(original.to_string());
    let last_sep = digits.rfind(['.', ',']);
    let Some(at) = last_sep else { return Ok((digits.to_string(), "")) };
    let sep = digits[at..].chars().next().unwrap_or('.');
    let after = &digits[at + 1..];
    let before = &digits[..at];
    let other = if sep == '.' { ',' } else { '.' };
    let seps_of = |c: char| digits.matches(c).count();
    let decimal = if before.contains(other) {
        // Both kinds: the last one is the decimal separator ("1.200,50", "1,200.50").
        true
    } else if seps_of(sep) > 1 {
        // The same one several times: grouping ("1,200,000", "1.200.000").
        false
    } else if after.len() == 3 {
        // One separator and three digits: "1,200" is how exports write thousands; "36.500"
        // is 36,500 in Germany and 36.5 elsewhere.
        if sep == '.' {
            let decimals = after.trim_end_matches('0');
            let small = if decimals.is_empty() { before.to_string() } else { format!("{before}.{decimals}") };
            return Err(AmountError::Ambiguous(original.to_string(), format!("{before}{after}"), small));
        }
        false
    } else {
        true
    };
    let (whole, frac) = if decimal { (before, after) } else { (digits, "") };
    // Every group after the first has three digits.
    let groups: Vec<&str> = whole.split(['.', ',']).collect();
    if groups.len() > 1 && (groups[0].is_empty() || groups[0].len() > 3 || groups[1..].iter().any(|g| g.len() != 3)) {
        return Err(not());
    }
    if frac.contains(['.', ',']) {
        return Err(not());
    }
    Ok((groups.concat(), frac))
}

/// [`read_amount`], when only whether it is an amount matters.
pub fn parse_amount(text: &str) -> Option<i64> {
    read_amount(text).ok()
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
    fn amounts_as_people_and_spreadsheets_write_them() {
        let cases: &[(&str, i64)] = &[
            ("48000", 4_800_000),
            ("48000.00", 4_800_000),
            ("48,000.5", 4_800_050),
            (" 1 200.05 ", 120_005),
            ("0", 0),
            ("$1,200.50", 120_050),
            ("1,200", 120_000),
            ("1,200,000", 120_000_000),
            ("36 500,00", 3_650_000),
            ("36\u{a0}500,00", 3_650_000),
            ("36\u{202f}500,00", 3_650_000),
            ("36.500,00", 3_650_000),
            ("1.200.000", 120_000_000),
            ("12,5", 1_250),
            ("1'200.50", 120_050),
            ("EUR 1200", 120_000),
            ("1 200 €", 120_000),
            ("€80k", 8_000_000),
            ("80k", 8_000_000),
            ("1.2m", 120_000_000),
            ("1,5M", 150_000_000),
            ("999999999999", 99_999_999_999_900),
        ];
        for (text, minor) in cases {
            assert_eq!(read_amount(text), Ok(*minor), "{text:?}");
        }
    }

    #[test]
    fn amounts_refused_say_why() {
        let refused = |text: &str| read_amount(text).unwrap_err().to_string();
        assert!(refused("twelve thousand").contains("is not an amount"));
        assert!(refused("").contains("is not an amount"));
        assert!(refused("12.345.6").contains("is not an amount"));
        assert!(refused("1,20,000").contains("is not an amount"), "groups are of three digits");
        assert!(refused("12.3456").contains("is not an amount"));
        assert!(refused("-5").contains("negative"));
        let ambiguous = refused("36.500");
        assert!(
            ambiguous.contains("ambiguous") && ambiguous.contains("36500") && ambiguous.contains("36.5"),
            "{ambiguous}"
        );
        assert!(refused("92233720368547758").contains("too large"), "an overflow is refused, not stored");
        assert!(refused("99999999999999999999").contains("too large"));
        assert!(refused("1000000000000").contains("too large"));
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
    fn exact_amounts() {
        assert_eq!(format_exact(3_650_000, "EUR"), "€36,500");
        assert_eq!(format_exact(120_050, "USD"), "$1,200.50");
        assert_eq!(format_exact(5, "CHF"), "0.05 CHF");
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
