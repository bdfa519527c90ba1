//! The first screen of an empty database: what to do next, not empty tables.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::Line;
use ratatui::widgets::{Padding, Paragraph};

use crate::tui::app::App;
use crate::tui::strings;
use crate::tui::widgets::{centered, fit, panel};

pub fn render(app: &App, frame: &mut Frame, area: Rect) {
    let t = app.theme;
    let width = area.width.saturating_sub(4).min(92);
    let lines: Vec<Line> = strings::welcome_lines(&app.db_label)
        .into_iter()
        .map(|l| Line::raw(fit(&l, usize::from(width).saturating_sub(4))))
        .collect();
    let cell = centered(area, width, lines.len() as u16 + 2);
    let block = panel(strings::WELCOME_TITLE, true, t).padding(Padding::horizontal(1));
    frame.render_widget(Paragraph::new(lines).block(block), cell);
}
