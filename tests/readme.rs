//! The README's keys table is generated from the keymap: this keeps the two equal.

use sparring::tui::keys::markdown_table;
use sparring::tui::strings::{command_help, mode_title};

#[test]
fn readme_keys_table_matches_the_keymap() {
    let readme = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md")).expect("README.md");
    let table = markdown_table(mode_title, command_help);
    assert!(readme.contains(&table), "README.md's keys table is out of date; replace it with:\n\n{table}");
}

#[test]
fn readme_has_the_two_commands() {
    let readme = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md")).expect("README.md");
    assert!(readme.contains("cargo run --release -- --demo"));
    assert!(readme.contains("cargo test"));
}
