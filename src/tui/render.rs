//! Drawing the whole screen from the app state. Rendering reads state and never changes it.

use ratatui::Frame;
use ratatui::layout::{Alignment, Constraint, Flex, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, List, ListItem, ListState, Paragraph, Wrap};

use super::app::{App, Overlay, Pane};
use super::cells;
use super::form::Fields;
use super::keys::{self, Command, Hint, KEYMAP};
use super::panes;
use super::popup::Popup;
use super::strings;
use super::widgets::{centered, fit, form_lines, panel};
use unicode_width::UnicodeWidthStr;

/// The smallest terminal the layout is designed for.
pub const MIN_WIDTH: u16 = 80;
pub const MIN_HEIGHT: u16 = 24;

pub fn render(app: &App, frame: &mut Frame) {
    let area = frame.area();
    if area.width < MIN_WIDTH || area.height < MIN_HEIGHT {
        render_too_small(frame, area);
        return;
    }
    let [header, body, footer] =
        Layout::vertical([Constraint::Length(3), Constraint::Min(0), Constraint::Length(1)]).areas(area);
    render_header(app, frame, header);
    if app.reps.is_empty() {
        panes::welcome::render(app, frame, body);
    } else {
        match app.pane {
            Pane::Prospecting => panes::prospecting::render(app, frame, body),
            Pane::Challenge => panes::challenge::render(app, frame, body),
        }
    }
    render_footer(app, frame, footer);
    if let Some(popup) = &app.popup {
        render_popup(app, frame, body, popup, popup.form());
    }
    match app.overlay {
        Some(Overlay::Help) => render_help(app, frame, body),
        Some(Overlay::RepPicker { cursor }) => render_rep_picker(app, frame, body, cursor),
        None => {}
    }
    cells::settle(frame.buffer_mut());
}

fn render_too_small(frame: &mut Frame, area: Rect) {
    let text = strings::too_small(area.width, area.height, MIN_WIDTH, MIN_HEIGHT);
    let height = 3.min(area.height);
    let [middle] = Layout::vertical([Constraint::Length(height)]).flex(Flex::Center).areas(area);
    frame.render_widget(Paragraph::new(text).wrap(Wrap { trim: true }).alignment(Alignment::Center), middle);
}

fn render_header(app: &App, frame: &mut Frame, area: Rect) {
    let t = app.theme;
    let [tabs_row, context_row, rule] = Layout::vertical([Constraint::Length(1); 3]).areas(area);

    let tab = |label: &'static str, pane: Pane| {
        let style = if app.pane == pane { t.tab_selected() } else { t.tab() };
        Span::styled(format!(" {label} "), style)
    };
    let mut tabs = Line::from(vec![
        Span::styled(format!(" {} ", strings::APP_NAME), t.app_name()),
        Span::raw(" "),
        tab(strings::PANE_PROSPECTING, Pane::Prospecting),
        Span::raw(" "),
        tab(strings::PANE_CHALLENGE, Pane::Challenge),
    ]);
    // Always in sight: the context row below is full at 80 columns.
    if app.read_only.is_some() {
        tabs.push_span(Span::styled(format!("  {}", strings::READ_ONLY), t.bad()));
    }
    // The latest notice (saved, resumed, failed) sits where the eye goes after typing, in
    // what the tabs leave free: cut short rather than written over them.
    let room = usize::from(area.width).saturating_sub(tabs.width() + 2);
    frame.render_widget(tabs, tabs_row);
    let right = match &app.notice {
        Some(notice) => {
            let style = if notice.is_error { t.bad() } else { t.good() };
            Line::styled(format!("{} ", fit(&notice.text, room)), style)
        }
        None => Line::styled(format!("{} ", strings::HELP_HINT), t.muted()),
    };
    frame.render_widget(right.alignment(Alignment::Right), tabs_row);

    let name_room = if area.width >= 100 { 32 } else { 20 };
    let rep = app.current_rep().map_or_else(|| strings::NO_REP.to_string(), |r| fit(&r.name, name_room));
    let period = strings::period_label(Some(app.period), app.period.range(app.today));
    let mut left = vec![Span::styled(format!(" {}: ", strings::REP), t.muted()), Span::styled(rep, t.title())];
    if let (Pane::Challenge, Some((done, total))) = (app.pane, app.meeting_progress()) {
        // Narrow, the short form leaves the period its room.
        let text = if area.width >= 100 {
            strings::meeting_progress(done, total)
        } else {
            strings::meeting_progress_short(done, total)
        };
        left.push(Span::styled(format!(" · {text}"), t.key()));
    }
    let left = Line::from(left);
    frame.render_widget(left, context_row);
    frame.render_widget(Line::styled(format!("{period} "), t.title()).alignment(Alignment::Right), context_row);
    frame.render_widget(Block::new().borders(Borders::TOP).border_style(t.border()), rule);
}

fn render_footer(app: &App, frame: &mut Frame, area: Rect) {
    let t = app.theme;
    let mut hints = keys::footer(&app.modes());
    let label = |h: &Hint| strings::command_label_in(h.mode, h.command);
    // Too long for the width: drop the pane's less urgent global hints, never help and quit.
    // The keymap lists first the keys that move on (Enter, PgUp/PgDn, Esc): the last ones
    // go first, and `?` then says there are more.
    let width = |hints: &[Hint]| hints.iter().map(|h| h.keys.width() + label(h).width() + 3).sum::<usize>() + 1;
    let mut dropped = false;
    while width(&hints) > usize::from(area.width) {
        let Some(i) = hints.iter().rposition(|h| !matches!(h.command, Command::ToggleHelp | Command::Quit)) else {
            break;
        };
        hints.remove(i);
        dropped = true;
    }
    let mut spans = vec![Span::raw(" ")];
    for hint in hints {
        let label = match hint.command {
            Command::ToggleHelp if dropped => strings::MORE_KEYS,
            // Esc from the prospecting review goes back to the figures, not to a deal list.
            Command::LeaveField if app.pane == Pane::Prospecting => strings::BACK_TO_FIGURES,
            _ => label(&hint),
        };
        spans.push(Span::styled(hint.keys, t.key()));
        spans.push(Span::raw(format!(" {label}  ")));
    }
    frame.render_widget(Line::from(spans), area);
}

/// The keys of the screen under the overlay, grouped by where they work. When the
/// terminal is short, blank lines go first, then the closing note, then the overflow.
fn render_help(app: &App, frame: &mut Frame, area: Rect) {
    let t = app.theme;
    let room = usize::from(area.height.saturating_sub(2));
    let mut sections: Vec<Vec<Line>> = Vec::new();
    for mode in app.base_modes().into_iter().filter(|m| KEYMAP.iter().any(|b| b.mode == *m)) {
        let mut section = vec![Line::styled(strings::mode_title(mode), t.title())];
        for binding in KEYMAP.iter().filter(|b| b.mode == mode) {
            section.push(Line::from(vec![
                Span::styled(format!("  {:<16}", keys::keys_label(binding)), t.key()),
                Span::raw(strings::command_help(mode, binding.command)),
            ]));
        }
        sections.push(section);
    }
    let keys: usize = sections.iter().map(Vec::len).sum();
    let spaced = keys + sections.len() - 1 + 2 <= room;
    let with_note = keys < room;
    let mut lines = Vec::new();
    for (i, section) in sections.into_iter().enumerate() {
        if i > 0 && spaced {
            lines.push(Line::raw(""));
        }
        lines.extend(section);
    }
    if spaced {
        lines.push(Line::raw(""));
    }
    if with_note {
        lines.push(Line::styled(strings::HELP_FOOTER, t.muted()));
    } else if lines.len() > room {
        lines.truncate(room.saturating_sub(1));
        lines.push(Line::styled(strings::HELP_MORE, t.muted()));
    }
    let height = (lines.len() + 2) as u16;
    let popup = centered(area, 76, height);
    frame.render_widget(Clear, popup);
    let block = Block::bordered().title(strings::HELP_TITLE).border_style(t.border_focused());
    frame.render_widget(Paragraph::new(lines).block(block), popup);
}

/// A form over the pane: a deal's facts, a rep's targets, an activity to log.
fn render_popup(app: &App, frame: &mut Frame, area: Rect, popup: &Popup, form: &Fields) {
    let t = app.theme;
    let (title, error, hint) = (popup.title(), popup.error(), popup.hint());
    let hint = hint.as_str();
    let width = area.width.saturating_sub(4).min(80);
    let inner_width = usize::from(width.saturating_sub(2));
    let mut lines = form_lines(form, true, app.today, t, inner_width);
    lines.push(Line::raw(""));
    // What an import did, a line each, wrapped to the popup.
    for said in popup.summary() {
        for part in textwrap_lines(said, inner_width) {
            lines.push(Line::raw(part));
        }
    }
    match error {
        Some(err) => {
            // An import's bad rows come a line each: the first few, and how many more.
            let all: Vec<&str> = err.lines().collect();
            for line in all.iter().take(6) {
                lines.push(Line::styled(format!("! {}", fit(line, inner_width.saturating_sub(2))), t.bad()));
            }
            if all.len() > 6 {
                lines.push(Line::styled(strings::more_lines(all.len() - 6), t.bad()));
            }
        }
        None => lines.push(Line::styled(fit(hint, inner_width), t.muted())),
    }
    let popup = centered(area, width, lines.len() as u16 + 2);
    frame.render_widget(Clear, popup);
    let block = panel(title.to_string(), true, t);
    frame.render_widget(Paragraph::new(lines).block(block), popup);
}

fn render_rep_picker(app: &App, frame: &mut Frame, area: Rect, cursor: usize) {
    let t = app.theme;
    // Reps come sorted by manager and team: each team under a line naming them.
    let mut items: Vec<ListItem> = Vec::new();
    let mut selected = cursor;
    let mut group = None;
    for (i, r) in app.reps.iter().enumerate() {
        let manager = r.manager.as_deref();
        if app.reps.iter().any(|r| r.manager.is_some()) && group != Some((manager, r.team.as_deref())) {
            group = Some((manager, r.team.as_deref()));
            items.push(ListItem::new(strings::rep_group_line(manager, r.team.as_deref())).style(t.muted()));
            if i <= cursor {
                selected += 1;
            }
        }
        items.push(ListItem::new(strings::rep_picker_line(&fit(&r.name, 40), r.open_deals, r.active)));
    }
    let height = (items.len() + 2) as u16;
    let popup = centered(area, 60, height);
    frame.render_widget(Clear, popup);
    let block = Block::bordered().title(strings::REP_PICKER_TITLE).border_style(t.border_focused());
    let list = List::new(items).block(block).highlight_style(t.selected()).highlight_symbol(strings::CURSOR_MARK);
    let mut state = ListState::default().with_selected(Some(selected));
    frame.render_stateful_widget(list, popup, &mut state);
}

/// A line of text cut into lines of at most `width` characters, at spaces where it can.
fn textwrap_lines(text: &str, width: usize) -> Vec<String> {
    let mut out = Vec::new();
    let mut line = String::new();
    for word in crate::domain::text::one_line(text).split(' ') {
        let fits = line.chars().count() + word.chars().count() < width.max(1);
        if !line.is_empty() && !fits {
            out.push(std::mem::take(&mut line));
        }
        if !line.is_empty() {
            line.push(' ');
        }
        line.push_str(word);
    }
    if !line.is_empty() {
        out.push(line);
    }
    out.into_iter().map(|l| fit(&l, width)).collect()
}
