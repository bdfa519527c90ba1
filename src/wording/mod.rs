//! Words shared by the screen and the headless outputs (text, CSV, JSON reports), so a
//! figure reads the same everywhere. The screen's own words are in `tui::strings`, which
//! re-exports these.

mod dates;
mod figures;

pub use dates::*;
pub use figures::*;

use crate::domain::money::group_thousands;

/// "1 call", "1,200 calls".
pub fn plural(n: i64, one: &str, many: &str) -> String {
    if n == 1 { format!("1 {one}") } else { format!("{} {many}", group_thousands(n)) }
}
