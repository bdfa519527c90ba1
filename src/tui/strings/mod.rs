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

pub use crate::wording::*;
