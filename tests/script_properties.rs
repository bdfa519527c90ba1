//! The question script loader on anything a user may hand it: arbitrary bytes, and the
//! shipped script with bytes changed, dropped or added. It never panics, and every error it
//! reports points inside the file.

use proptest::prelude::*;
use sparring::script::Script;

const SHIPPED: &str = include_str!("../questions.toml");

/// Every `file:line:column` an error names is a line and a column of `source`.
fn errors_point_inside(source: &str, errors: &str) -> Result<(), TestCaseError> {
    let lines = source.lines().count().max(1);
    for line in errors.lines().filter(|l| l.starts_with("x.toml:")) {
        let mut parts = line.splitn(4, ':');
        let (_, at_line, at_column) = (parts.next(), parts.next(), parts.next());
        let at_line: usize = at_line.and_then(|n| n.parse().ok()).unwrap_or(0);
        let at_column: usize = at_column.and_then(|n| n.trim().parse().ok()).unwrap_or(0);
        prop_assert!(at_line >= 1 && at_line <= lines + 1, "{line} ({lines} lines)");
        prop_assert!(at_column >= 1, "{line}");
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    #[test]
    fn any_bytes_are_refused_or_read_never_a_panic(bytes in proptest::collection::vec(any::<u8>(), 0..512)) {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("x.toml");
        std::fs::write(&path, &bytes).unwrap();
        let _ = Script::load(&path);
        let text = String::from_utf8_lossy(&bytes);
        if let Err(errors) = Script::parse(&text, "x.toml") {
            errors_point_inside(&text, &errors.to_string())?;
        }
    }

    #[test]
    fn the_shipped_script_damaged_anywhere_is_refused_in_place(
        edits in proptest::collection::vec((0usize..40_000, 0u8..3, any::<char>()), 1..6)
    ) {
        let mut text: Vec<char> = SHIPPED.chars().collect();
        for (at, what, ch) in edits {
            let at = at % (text.len() + 1);
            match what {
                0 if at < text.len() => { text.remove(at); }
                1 => text.insert(at, ch),
                _ if at < text.len() => text[at] = ch,
                _ => {}
            }
        }
        let text: String = text.into_iter().collect();
        if let Err(errors) = Script::parse(&text, "x.toml") {
            errors_point_inside(&text, &errors.to_string())?;
        }
    }
}
