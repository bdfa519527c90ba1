//! The first screen of an empty database: what to do next, not empty tables.

use ratatui::Frame;
use ratatui::layout::{Constraint, Flex, Layout, Rect};
use ratatui::text::Line;
use ratatui::widgets::{Block, Paragraph};

use crate::tui::app::App;
use crate::tui::strings;
use crate::tui::widgets::fit;

pub fn render(app: &App, frame: &mut Frame, area: Rect) {
    let t = app.theme;
    let width = area.width.saturating_sub(4).min(92);
    let lines: Vec<Line> = strings::welcome_lines(&app.db_label)
        .into_iter()
        .map(|l| Line::raw(fit(&l, usize::from(width).saturating_sub(4))))
        .collect();
    let height = (lines.len() as u16 + 2).min(area.height);
    let [row] = Layout::vertical([Constraint::Length(height)]).flex(Flex::Center).areas(area);
    let [cell] = Layout::horizontal([Constraint::Length(width)]).flex(Flex::Center).areas(row);
    let block = Block::bordered()
        .padding(ratatui::widgets::Padding::horizontal(1))
        .title(strings::WELCOME_TITLE)
        .title_style(t.title())
        .border_style(t.border_focused());
    frame.render_widget(Paragraph::new(lines).block(block), cell);
}
