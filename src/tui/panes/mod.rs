//! The screens under the header: one module per pane.

pub mod challenge;
pub mod prospecting;
pub mod script;
pub mod welcome;
