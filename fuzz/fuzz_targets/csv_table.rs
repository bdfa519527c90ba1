//! The CSV reader of the imports on any bytes (any encoding, separator, quoting): read or
//! refused with a line, never a panic; and the amounts and dates of its cells.
#![no_main]

libfuzzer_sys::fuzz_target!(|bytes: &[u8]| {
    if let Ok(table) = sparring::import::table::Table::parse("fuzz.csv", bytes) {
        for row in table.rows.iter().take(64) {
            for cell in row.cells.iter().take(16) {
                let _ = sparring::domain::money::read_amount(cell);
                let _ = sparring::import::dates::parse(cell, None);
            }
        }
    }
});
