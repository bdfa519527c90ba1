//! Every user-visible string of the interface, in one place so a French UI can follow,
//! one file per screen. Fixed texts are constants; texts with figures are small functions.

mod deals;
mod editors;
mod frame;
mod keys;
mod notices;
mod prospecting;
mod script;

pub use deals::*;
pub use editors::*;
pub use frame::*;
pub use keys::*;
pub use notices::*;
pub use prospecting::*;
pub use script::*;

use crate::domain::money::group_thousands;

/// "1 call", "1,200 calls".
fn plural(n: i64, one: &str, many: &str) -> String {
    if n == 1 { format!("1 {one}") } else { format!("{} {many}", group_thousands(n)) }
}
