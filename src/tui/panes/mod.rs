//! The screens under the header: one module per pane.

pub mod challenge;
pub mod figures;
pub mod prospecting;
pub mod script;
pub mod welcome;

use crate::domain::text::one_line;
use crate::tui::app::App;

/// Days a healthy deal stays in `stage`, when the script knows the stage.
fn expected_days(app: &App, stage: &str) -> Option<u32> {
    app.script.stage(stage).map(|s| s.expected_days)
}

/// The script's name of `stage`, or its key when the script does not know it.
fn stage_name(app: &App, stage: &str) -> String {
    one_line(app.script.stage(stage).map_or(stage, |s| s.name.as_str())).into_owned()
}
