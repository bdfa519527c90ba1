//! The deal challenge: the rep's open deals, most in need of a challenge first, with the
//! selected deal's card; or the script of the deal being challenged.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, List, ListItem, ListState, Paragraph, Wrap};

use super::{expected_days, script, stage_name};
use crate::domain::change::movements;
use crate::domain::commitment::{CommitmentStatus, Owner};
use crate::domain::deal::NextStepProblem;
use crate::domain::hypothesis::HypothesisStatus;
use crate::domain::money::{format_amount, format_compact};
use crate::domain::text::one_line;
use crate::tui::app::App;
use crate::tui::strings;
use crate::tui::theme::Theme;
use crate::tui::view::DealView;
use crate::tui::widgets::{fit, hanging, loading, pad, pad_left, panel};

pub fn render(app: &App, frame: &mut Frame, area: Rect) {
    let t = app.theme;
    let Some(view) = &app.view else {
        frame.render_widget(loading(t), area);
        return;
    };
    if let (Some(wizard), Some(deal)) = (&app.deal_list.wizard, app.wizard_deal()) {
        script::render(app, frame, area, wizard, deal);
        return;
    }
    if view.deals.is_empty() {
        let lines: Vec<Line> = strings::no_deals(&app.current_rep_name()).into_iter().map(Line::raw).collect();
        let block = Block::bordered().title(strings::DEALS_TITLE).border_style(t.border());
        frame.render_widget(Paragraph::new(lines).block(block).wrap(Wrap { trim: false }), area);
        return;
    }
    if app.deal_list.card_zoom
        && let Some(deal) = app.selected_deal()
    {
        render_card(app, frame, area, deal);
        return;
    }
    // The list needs room for a readable deal name; the card takes the rest.
    let list_width = (area.width / 2).max(44).min(area.width.saturating_sub(34));
    let [list, card] = Layout::horizontal([Constraint::Length(list_width), Constraint::Min(0)]).areas(area);
    render_list(app, frame, list);
    if let Some(deal) = app.selected_deal() {
        render_card(app, frame, card, deal);
    }
}

fn render_list(app: &App, frame: &mut Frame, area: Rect) {
    let t = app.theme;
    let Some(view) = &app.view else { return };
    let listed = app.listed_deals();
    let meeting = !view.meeting_order.is_empty() && app.deal_list.sort == crate::domain::challenge::SortBy::Need;
    let title = strings::deals_title(
        listed.len(),
        view.deals.len(),
        app.deal_list.sort,
        !app.deal_list.filter.trim().is_empty(),
        meeting,
    );
    let block = panel(title, true, t);
    let inner = block.inner(area);
    frame.render_widget(block, area);

    let show_filter = app.deal_list.filtering || !app.deal_list.filter.is_empty();
    let [filter_row, table_area] =
        Layout::vertical([Constraint::Length(u16::from(show_filter)), Constraint::Min(0)]).areas(inner);
    if show_filter {
        let style = if app.deal_list.filtering { t.key() } else { t.muted() };
        frame.render_widget(
            Line::styled(strings::filter_line(&one_line(&app.deal_list.filter), app.deal_list.filtering), style),
            filter_row,
        );
    }
    if listed.is_empty() {
        frame.render_widget(Paragraph::new(strings::NO_MATCH).style(t.muted()), table_area);
        return;
    }

    // Two lines per deal: the facts in columns, then its badges across the whole width.
    let width = usize::from(table_area.width.saturating_sub(2));
    let (stage_w, days_w, amount_w) = (10, 7, 6);
    let deal_w = width.saturating_sub(stage_w + days_w + amount_w + 3).max(8);
    let header = format!(
        "  {} {} {} {}",
        pad(strings::COL_DEAL, deal_w),
        pad(strings::COL_STAGE, stage_w),
        pad_left(strings::COL_DAYS, days_w),
        pad_left(strings::COL_AMOUNT, amount_w)
    );
    let [header_row, rows_area] = Layout::vertical([Constraint::Length(1), Constraint::Min(0)]).areas(table_area);
    frame.render_widget(Line::styled(header, t.muted()), header_row);
    let items: Vec<ListItem> = listed
        .iter()
        .map(|d| {
            let deal = &d.deal;
            let days = deal.days_in_stage(app.today);
            let expected = expected_days(app, &deal.stage);
            let over = expected.is_some_and(|e| days > i64::from(e));
            let days_text =
                format!("{}{}", strings::days_cell(days, expected), if over { strings::OVER_MARK } else { " " });
            let facts = Line::from(vec![
                Span::raw(pad(&strings::deal_label(&deal.account, &deal.name), deal_w)),
                Span::raw(" "),
                Span::raw(pad(&stage_name(app, &deal.stage), stage_w)),
                Span::raw(" "),
                Span::styled(pad_left(&days_text, days_w), if over { t.warn() } else { Style::new() }),
                Span::raw(" "),
                Span::raw(pad_left(&format_compact(deal.amount_minor, &deal.currency), amount_w)),
            ]);
            let mut tags: Vec<String> = d.assessment.badges.iter().map(strings::badge_tag).collect();
            // Challenged today: its verdict first, so the meeting's progress reads down the list.
            let done =
                d.today_verdict.as_ref().map(|v| strings::challenged_mark(strings::forecast_name(v.forecast.as_str())));
            let style = if done.is_some() { t.good() } else { t.warn() };
            if let Some(done) = done {
                tags.insert(0, done);
            }
            let badges = Line::styled(format!("  {}", fit(&tags.join(" · "), width.saturating_sub(2))), style);
            ListItem::new(vec![facts, badges])
        })
        .collect();
    let list = List::new(items).highlight_style(t.selected()).highlight_symbol(strings::CURSOR_MARK);
    let mut state = ListState::default().with_selected(Some(app.deal_list.cursor.index()));
    frame.render_stateful_widget(list, rows_area, &mut state);
}

/// "Stage     Proposal · 24d, expected 21 !" with the value wrapped under itself.
fn fact_lines(label: &str, value: &str, style: Style, width: usize, t: Theme) -> Vec<Line<'static>> {
    hanging(Span::styled(pad(label, strings::CARD_LABEL_WIDTH), t.muted()), t.muted(), value, style, width)
}

/// A line with a marker, wrapped with its continuation indented under the text.
fn marked_lines(mark: &str, text: &str, mark_style: Style, style: Style, width: usize) -> Vec<Line<'static>> {
    hanging(Span::styled(format!("{mark} "), mark_style), Style::new(), &one_line(text), style, width)
}

fn card_lines(app: &App, d: &DealView, width: usize) -> Vec<Line<'static>> {
    let t = app.theme;
    let deal = &d.deal;
    let today = app.today;
    let plain = Style::new();
    let mut lines = vec![Line::styled(fit(&deal.account, width), t.title()), Line::raw(fit(&deal.name, width))];
    let mut fact = |label: &str, value: String, warn: bool| {
        lines.extend(fact_lines(label, &value, if warn { t.warn() } else { plain }, width, t));
    };
    fact(strings::CARD_AMOUNT, format_amount(deal.amount_minor, &deal.currency), false);
    fact(strings::CARD_FORECAST, strings::forecast_name(deal.forecast.as_str()).to_string(), false);
    let days = deal.days_in_stage(today);
    let expected = expected_days(app, &deal.stage);
    let over = expected.is_some_and(|e| days > i64::from(e));
    fact(strings::CARD_STAGE, strings::stage_days(&stage_name(app, &deal.stage), days, expected), over);
    match deal.close_on {
        Some(close) => {
            let past = deal.days_past_close(today);
            fact(strings::CARD_CLOSE, strings::close_line(close, past), past.is_some());
        }
        None => fact(strings::CARD_CLOSE, strings::NOT_SET.to_string(), true),
    }
    match (&deal.sponsor_name, deal.has_sponsor()) {
        (Some(name), true) => {
            let role = deal.sponsor_role.as_deref().map(one_line);
            fact(strings::CARD_SPONSOR, strings::sponsor_line(&one_line(name), role.as_deref()), false);
        }
        _ => fact(strings::CARD_SPONSOR, strings::NONE_WARN.to_string(), true),
    }
    match (&deal.next_step, deal.next_step_problem(today)) {
        (Some(text), problem) if !text.trim().is_empty() => {
            let overdue = match problem {
                Some(NextStepProblem::Overdue(days)) => Some(days),
                _ => None,
            };
            fact(
                strings::CARD_NEXT,
                strings::next_step_line(&one_line(text), deal.next_step_on, overdue),
                overdue.is_some(),
            );
        }
        _ => fact(strings::CARD_NEXT, strings::NEXT_STEP_MISSING.to_string(), true),
    }

    // Why it needs a challenge, with the figures.
    lines.push(Line::raw(""));
    lines.push(Line::styled(strings::WHY_NOW, t.title()));
    if d.assessment.badges.is_empty() {
        lines.push(Line::styled(strings::NOTHING_TO_CHALLENGE, t.good()));
    }
    let stage = stage_name(app, &deal.stage);
    for badge in &d.assessment.badges {
        lines.extend(marked_lines("!", &strings::badge_reason(badge, &stage, &deal.currency), t.warn(), plain, width));
    }

    // Exit criteria: every one of the deal's stage, and those of earlier stages the deal
    // left without validating, so a deal far down the process with gaps behind it shows them.
    let ctx = app.ctx(d);
    let criteria = ctx.criteria();
    if let Some(stage) = app.script.stage(&deal.stage) {
        lines.push(Line::raw(""));
        lines.push(Line::styled(strings::criteria_title(&stage.name), t.title()));
    }
    for (stage, criterion, skipped) in criteria {
        let text =
            if skipped { strings::skipped_criterion(&criterion.text, &stage.name) } else { criterion.text.clone() };
        match ctx.criterion(&stage.key, &criterion.id) {
            (Some(check), _) => {
                let text = strings::criterion_checked(&text, check.validated_on, &check.evidence);
                lines.extend(marked_lines(strings::CHECK_DONE, &text, t.good(), plain, width));
            }
            (None, note) => {
                lines.extend(marked_lines(strings::CHECK_OPEN, &text, t.warn(), plain, width));
                if let Some(note) = note {
                    lines.push(Line::styled(fit(&strings::why_not_yet(&note.note), width), t.muted()));
                }
            }
        }
    }

    // Open commitments, the prospect's first.
    lines.push(Line::raw(""));
    let mut open: Vec<_> = d.commitments.iter().filter(|c| c.status == CommitmentStatus::Open).collect();
    open.sort_by_key(|c| (c.owner != Owner::Prospect, c.owner, c.due_on.is_none(), c.due_on));
    let overdue = open.iter().filter(|c| c.is_overdue(today)).count();
    let from_prospect = open.iter().filter(|c| c.owner == Owner::Prospect).count();
    let title_style = if overdue > 0 || from_prospect == 0 { t.warn() } else { t.title() };
    lines.push(Line::styled(strings::commitments_title(open.len(), overdue, from_prospect), title_style));
    for c in open {
        let late = c.is_overdue(today);
        let text = strings::commitment_line(strings::owner_name(c.owner.as_str()), &one_line(&c.what), c.due_on, late);
        lines.extend(marked_lines("·", &text, t.muted(), if late { t.warn() } else { plain }, width));
    }

    // Untested hypotheses.
    let untested: Vec<_> = d.hypotheses.iter().filter(|h| h.status == HypothesisStatus::Open).collect();
    if !untested.is_empty() {
        lines.push(Line::raw(""));
        lines.push(Line::styled(strings::HYPOTHESES_TITLE, t.title()));
        for h in untested {
            let late = h.is_overdue(today) || h.test_by.is_none();
            let text = strings::hypothesis_line(strings::topic_name(h.topic), &one_line(&h.statement), h.test_by, late);
            lines.extend(marked_lines("?", &text, t.muted(), if late { t.warn() } else { plain }, width));
        }
    }

    // What moved since the last review.
    lines.push(Line::raw(""));
    lines.push(Line::styled(strings::since_title(d.last_review), t.title()));
    if let Some(since) = d.last_review {
        let name = |key: &str| stage_name(app, key);
        let mut any = false;
        for m in movements(since, &d.changes, &d.history) {
            lines.extend(marked_lines("·", &strings::movement(&m, &name, &deal.currency), t.muted(), plain, width));
            any = true;
        }
        for c in d.commitments.iter().filter(|c| c.settled_on.is_some_and(|on| on > since)) {
            let text = strings::settled_since(
                strings::owner_name(c.owner.as_str()),
                &one_line(&c.what),
                strings::commitment_status(c.status),
            );
            let style = if c.status == CommitmentStatus::Missed { t.warn() } else { plain };
            lines.extend(marked_lines("·", &text, t.muted(), style, width));
            any = true;
        }
        if !any {
            lines.push(Line::styled(strings::NOTHING_MOVED, t.warn()));
        }
    }
    lines
}

fn render_card(app: &App, frame: &mut Frame, area: Rect, d: &DealView) {
    let t = app.theme;
    let width = usize::from(area.width.saturating_sub(2));
    let mut lines = card_lines(app, d, width);
    let room = usize::from(area.height.saturating_sub(2));
    if app.deal_list.card_zoom {
        // Across the pane, the card scrolls: the last line says whether there is more.
        let view = room.saturating_sub(1);
        let skip = app.deal_list.card_scroll.min(lines.len().saturating_sub(view));
        let more = lines.len() > skip + view;
        let mut shown: Vec<Line> = lines.into_iter().skip(skip).take(view).collect();
        shown.resize(view, Line::raw(""));
        shown.push(Line::styled(if more { strings::CARD_SCROLL_MORE } else { strings::CARD_SCROLL_END }, t.muted()));
        frame.render_widget(Paragraph::new(shown).block(panel(strings::CARD_TITLE, true, t)), area);
        return;
    }
    if lines.len() > room {
        lines.truncate(room.saturating_sub(1));
        lines.push(Line::styled(strings::CARD_MORE, t.muted()));
    } else {
        lines.resize(room.saturating_sub(1), Line::raw(""));
        lines.push(Line::styled(strings::CARD_START_HINT, t.muted()));
    }
    let block = panel(strings::CARD_TITLE, false, t);
    frame.render_widget(Paragraph::new(lines).block(block), area);
}
