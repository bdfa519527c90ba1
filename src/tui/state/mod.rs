//! The state of each pane, apart from the app that holds them: the deal list, the
//! prospecting pane and the team view each own their cursor and what they show.

pub mod cursor;
pub mod deal_list;
pub mod prospecting;
pub mod team;

pub use cursor::Cursor;
pub use deal_list::DealList;
pub use prospecting::{Dimension, ProspectingState, ProspectingView};
pub use team::TeamState;
