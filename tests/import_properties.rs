//! Properties of the readers an import runs on any file a user hands it: arbitrary bytes
//! never panic, and every amount written the way the reader prints it reads back the same.

use proptest::prelude::*;
use sparring::domain::money::{format_exact, read_amount};
use sparring::import::dates;
use sparring::import::table::Table;

proptest! {
    #![proptest_config(ProptestConfig { cases: 512, ..ProptestConfig::default() })]

    #[test]
    fn the_csv_reader_never_panics(bytes in proptest::collection::vec(any::<u8>(), 0..512)) {
        let _ = Table::parse("any.csv", &bytes);
    }

    #[test]
    fn csv_like_text_never_panics(text in "[a-z0-9,;\t\"\r\n ]{0,200}") {
        if let Ok(table) = Table::parse("t.csv", text.as_bytes()) {
            for row in &table.rows {
                prop_assert!(row.line >= 2, "a data row comes after the header");
            }
        }
    }

    #[test]
    fn amounts_never_panic_and_exact_amounts_read_back(text in "\\PC{0,24}", minor in 0i64..99_999_999_999_900) {
        let _ = read_amount(&text);
        let _ = dates::parse(&text, Some(dates::DateOrder::Dmy));
        prop_assert_eq!(read_amount(&format_exact(minor, "EUR")), Ok(minor));
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    /// The streaming reader the activity import runs on a file, on any bytes.
    #[test]
    fn the_streaming_reader_never_panics(bytes in proptest::collection::vec(any::<u8>(), 0..768)) {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("any.csv");
        std::fs::write(&path, &bytes).unwrap();
        if let Ok(mut stream) = sparring::import::stream::Stream::open(&path) {
            let mut record = csv::StringRecord::new();
            let mut rows = 0;
            while let Ok(Some(_)) = stream.next_row(&mut record) {
                rows += 1;
                prop_assert!(rows <= bytes.len() + 1);
            }
        }
    }
}
