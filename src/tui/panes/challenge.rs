//! The deal challenge: the rep's open deals and the selected deal's card, or the script
//! of the deal being challenged.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph, Row, Table, TableState, Wrap};
use unicode_width::UnicodeWidthStr;

use crate::domain::commitment::Owner;
use crate::domain::deal::NextStepProblem;
use crate::domain::money::{format_amount, format_compact};
use crate::domain::text::{multi_line, one_line};
use crate::script::AnswerKind;
use crate::tui::action::DealView;
use crate::tui::app::App;
use crate::tui::strings;
use crate::tui::theme::Theme;
use crate::tui::widgets::{fit, pad, pad_left, wrap_words};
use crate::tui::wizard::Wizard;

pub fn render(app: &App, frame: &mut Frame, area: Rect) {
    let t = app.theme;
    let Some(view) = &app.view else {
        frame.render_widget(Paragraph::new(strings::LOADING).style(t.muted()), area);
        return;
    };
    if let (Some(wizard), Some(deal)) = (&app.wizard, app.wizard_deal()) {
        render_script(app, frame, area, wizard, deal);
        return;
    }
    if view.deals.is_empty() {
        let rep = app.current_rep().map(|r| one_line(&r.name).into_owned()).unwrap_or_default();
        let lines: Vec<Line> = strings::no_deals(&rep).into_iter().map(Line::raw).collect();
        let block = Block::bordered().title(strings::DEALS_TITLE).border_style(t.border());
        frame.render_widget(Paragraph::new(lines).block(block).wrap(Wrap { trim: false }), area);
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

fn expected_days(app: &App, stage: &str) -> Option<u32> {
    app.script.stage(stage).map(|s| s.expected_days)
}

fn stage_name<'a>(app: &'a App, stage: &'a str) -> &'a str {
    app.script.stage(stage).map_or(stage, |s| s.name.as_str())
}

fn render_list(app: &App, frame: &mut Frame, area: Rect) {
    let t = app.theme;
    let Some(view) = &app.view else { return };
    // Borders, the highlight symbol and three column gaps.
    let inner = usize::from(area.width.saturating_sub(6));
    let (stage_w, days_w, amount_w) = (10, 7, 6);
    let deal_w = inner.saturating_sub(stage_w + days_w + amount_w).max(8);
    let header = Row::new(vec![
        strings::COL_DEAL.to_string(),
        strings::COL_STAGE.to_string(),
        pad_left(strings::COL_DAYS, days_w),
        pad_left(strings::COL_AMOUNT, amount_w),
    ])
    .style(t.muted());
    let rows: Vec<Row> = view
        .deals
        .iter()
        .map(|d| {
            let deal = &d.deal;
            let days = deal.days_in_stage(app.today);
            let expected = expected_days(app, &deal.stage);
            let over = expected.is_some_and(|e| days > i64::from(e));
            let days_text =
                format!("{}{}", strings::days_cell(days, expected), if over { strings::OVER_MARK } else { " " });
            let days_style = if over { t.warn() } else { Style::new() };
            Row::new(vec![
                Line::raw(fit(&format!("{} — {}", one_line(&deal.account), one_line(&deal.name)), deal_w)),
                Line::raw(fit(stage_name(app, &deal.stage), stage_w)),
                Line::styled(pad_left(&days_text, days_w), days_style),
                Line::raw(pad_left(&format_compact(deal.amount_minor, &deal.currency), amount_w)),
            ])
        })
        .collect();
    let widths = [
        Constraint::Length(deal_w as u16),
        Constraint::Length(stage_w as u16),
        Constraint::Length(days_w as u16),
        Constraint::Length(amount_w as u16),
    ];
    let title = format!("{}({}) ", strings::DEALS_TITLE, view.deals.len());
    let block = Block::bordered().title(title).title_style(t.title()).border_style(t.border_focused());
    let table = Table::new(rows, widths)
        .header(header)
        .block(block)
        .column_spacing(1)
        .row_highlight_style(t.selected())
        .highlight_symbol("▶");
    let mut state = TableState::default().with_selected(Some(app.deal_cursor));
    frame.render_stateful_widget(table, area, &mut state);
}

/// "Stage     Proposal · 24d, expected 21 !" with the value wrapped under itself.
fn fact_lines(label: &str, value: &str, style: Style, width: usize, t: Theme) -> Vec<Line<'static>> {
    let indent = strings::CARD_LABEL_WIDTH;
    wrap_words(value, width.saturating_sub(indent))
        .into_iter()
        .enumerate()
        .map(|(i, part)| {
            let head = if i == 0 { pad(label, indent) } else { " ".repeat(indent) };
            Line::from(vec![Span::styled(head, t.muted()), Span::styled(part, style)])
        })
        .collect()
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
    fact(strings::CARD_STAGE, strings::stage_days(&one_line(stage_name(app, &deal.stage)), days, expected), over);
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

    if let Some(stage) = app.script.stage(&deal.stage) {
        lines.push(Line::raw(""));
        lines.push(Line::styled(strings::criteria_title(&stage.name), t.title()));
        for criterion in &stage.criteria {
            let check = d.checks.iter().find(|c| c.stage == stage.key && c.criterion == criterion.id);
            lines.push(match check {
                Some(check) => Line::from(vec![
                    Span::styled(format!("{} ", strings::CHECK_DONE), t.good()),
                    Span::raw(fit(
                        &strings::criterion_done(&criterion.text, check.validated_on),
                        width.saturating_sub(4),
                    )),
                ]),
                None => Line::from(vec![
                    Span::styled(format!("{} ", strings::CHECK_OPEN), t.warn()),
                    Span::raw(fit(&criterion.text, width.saturating_sub(4))),
                ]),
            });
        }
    }

    lines.push(Line::raw(""));
    let overdue = d.commitments.iter().filter(|c| c.is_overdue(today)).count();
    let from_prospect = d.commitments.iter().filter(|c| c.owner == Owner::Prospect).count();
    let title_style = if overdue > 0 || from_prospect == 0 { t.warn() } else { t.title() };
    lines.push(Line::styled(strings::commitments_title(d.commitments.len(), overdue, from_prospect), title_style));
    for c in &d.commitments {
        let late = c.is_overdue(today);
        let text = strings::commitment_line(strings::owner_name(c.owner.as_str()), &one_line(&c.what), c.due_on, late);
        lines.push(Line::styled(fit(&text, width), if late { t.warn() } else { Style::new() }));
    }
    lines
}

fn render_card(app: &App, frame: &mut Frame, area: Rect, d: &DealView) {
    let t = app.theme;
    let width = usize::from(area.width.saturating_sub(2));
    let mut lines = card_lines(app, d, width);
    let room = usize::from(area.height.saturating_sub(2));
    if lines.len() < room {
        lines.resize(room.saturating_sub(1), Line::raw(""));
        lines.push(Line::styled(strings::CARD_START_HINT, t.muted()));
    }
    let block = Block::bordered().title(strings::CARD_TITLE).title_style(t.title()).border_style(t.border());
    frame.render_widget(Paragraph::new(lines).block(block).wrap(Wrap { trim: false }), area);
}

/// Text wrapped to `width`, at most `max` lines; a cut text ends with "…".
fn capped(text: &str, width: usize, max: usize) -> Vec<String> {
    let mut lines = wrap_words(text, width);
    if lines.len() > max {
        lines.truncate(max);
        if let Some(last) = lines.last_mut() {
            *last = fit(&format!("{last} …"), width);
            if !last.ends_with('…') {
                last.push('…');
            }
        }
    }
    lines
}

fn render_script(app: &App, frame: &mut Frame, area: Rect, wizard: &Wizard, d: &DealView) {
    let t = app.theme;
    let deal = &d.deal;
    let days = deal.days_in_stage(app.today);
    let expected = expected_days(app, &deal.stage);
    let counter = match wizard.current() {
        Some(_) => strings::question_counter(wizard.position() + 1, wizard.questions.len()),
        None => strings::answered_count(wizard.answered(), wizard.questions.len()),
    };
    let title_text = format!(
        " {} — {} · {} {} · {} ",
        one_line(&deal.account),
        one_line(&deal.name),
        stage_name(app, &deal.stage),
        strings::days_cell(days, expected),
        format_compact(deal.amount_minor, &deal.currency)
    );
    let max_title = usize::from(area.width).saturating_sub(counter.width() + 6);
    let block = Block::bordered()
        .title(Line::styled(fit(&title_text, max_title), t.title()))
        .title(Line::styled(format!(" {counter} "), t.key()).right_aligned())
        .border_style(t.border_focused());
    let inner = block.inner(area);
    frame.render_widget(block, area);

    let Some(question) = wizard.current() else {
        render_done(app, frame, inner, wizard, d);
        return;
    };
    let width = usize::from(inner.width.saturating_sub(2));
    let text = one_line(&question.text).into_owned();
    let hint = format!("{}{}", strings::HINT_LABEL, one_line(&question.hint));
    let previous = wizard
        .previous(&question.id)
        .map(|p| (strings::previous_answer(p.held_on), multi_line(&p.answer).into_owned()));
    let previous_text = previous.as_ref().map_or_else(|| strings::NO_PREVIOUS.to_string(), |(l, a)| format!("{l}{a}"));
    let kind_hint = match question.kind {
        AnswerKind::Text => None,
        AnswerKind::YesNo => Some(strings::YES_NO_HINT.to_string()),
        AnswerKind::Choice => Some(strings::choices_hint(&question.choices)),
        AnswerKind::Scale => question.scale.as_ref().map(|s| strings::scale_hint(s.min, s.max, &s.low, &s.high)),
        AnswerKind::Commitments => Some(strings::COMMITMENTS_HINT.to_string()),
        AnswerKind::Criteria => Some(strings::CRITERIA_HINT.to_string()),
        AnswerKind::Hypotheses => Some(strings::HYPOTHESES_HINT.to_string()),
    };

    let question_lines = capped(&text, width, 3);
    let hint_lines = if question.hint.is_empty() { Vec::new() } else { capped(&hint, width, 3) };
    let previous_lines = capped(&previous_text.replace('\n', " / "), width, 3);
    let [q_area, hint_area, prev_area, kind_area, answer_area, progress_area] = Layout::vertical([
        Constraint::Length(question_lines.len() as u16),
        Constraint::Length(hint_lines.len() as u16),
        Constraint::Length(previous_lines.len() as u16 + 1),
        Constraint::Length(u16::from(kind_hint.is_some())),
        Constraint::Min(3),
        Constraint::Length(1),
    ])
    .areas(inner.inner(ratatui::layout::Margin { horizontal: 1, vertical: 0 }));

    let styled = |lines: Vec<String>, style: Style| -> Vec<Line<'static>> {
        lines.into_iter().map(|l| Line::styled(l, style)).collect()
    };
    frame.render_widget(Paragraph::new(styled(question_lines, t.title())), q_area);
    frame.render_widget(Paragraph::new(styled(hint_lines, t.muted())), hint_area);
    // The label of the previous answer is muted, the answer itself is not.
    let label_len = previous.as_ref().map_or(previous_text.len(), |(label, _)| label.len());
    let previous_lines: Vec<Line> = previous_lines
        .into_iter()
        .enumerate()
        .map(|(i, line)| match line.get(..label_len) {
            Some(head) if i == 0 && previous.is_some() => {
                Line::from(vec![Span::styled(head.to_string(), t.muted()), Span::raw(line[label_len..].to_string())])
            }
            _ if previous.is_none() => Line::styled(line, t.muted()),
            _ => Line::raw(line),
        })
        .collect();
    frame.render_widget(Paragraph::new(previous_lines), prev_area);
    if let Some(kind_hint) = kind_hint {
        frame.render_widget(Line::styled(fit(&kind_hint, width), t.muted()), kind_area);
    }
    render_answer(frame, answer_area, wizard, t);
    frame.render_widget(progress_line(wizard, t), progress_area);
}

fn render_answer(frame: &mut Frame, area: Rect, wizard: &Wizard, t: Theme) {
    let editing = wizard.is_editing();
    let title = if editing { strings::ANSWER_TITLE_TYPING } else { strings::ANSWER_TITLE };
    let block = Block::bordered()
        .title(title)
        .title_style(if editing { t.key() } else { t.title() })
        .border_style(if editing { t.border_focused() } else { t.border() });
    let mut input = wizard.input().clone();
    input.set_block(block);
    input.set_cursor_line_style(Style::new());
    if editing {
        input.set_cursor_style(t.selected());
        input.set_placeholder_text(strings::ANSWER_PLACEHOLDER);
    } else {
        input.set_cursor_style(Style::new());
        input.set_placeholder_text(strings::ANSWER_EMPTY_BROWSING);
    }
    input.set_placeholder_style(t.muted());
    frame.render_widget(&input, area);
}

/// "✓ ✓ ▶ · · ·  2 of 6 answered": answered, current, still open.
fn progress_line(wizard: &Wizard, t: Theme) -> Line<'static> {
    let mut spans = Vec::new();
    for (i, q) in wizard.questions.iter().enumerate() {
        let (mark, style) = if i == wizard.position() {
            ("▶", t.key())
        } else if wizard.is_answered(&q.id) {
            ("✓", t.good())
        } else if wizard.has_draft(&q.id) {
            ("•", t.warn())
        } else {
            ("·", t.muted())
        };
        spans.push(Span::styled(format!("{mark} "), style));
    }
    spans.push(Span::styled(
        format!(" {}", strings::answered_count(wizard.answered(), wizard.questions.len())),
        t.muted(),
    ));
    Line::from(spans)
}

fn render_done(app: &App, frame: &mut Frame, area: Rect, wizard: &Wizard, d: &DealView) {
    let t = app.theme;
    let width = usize::from(area.width.saturating_sub(2));
    let name = format!("{} — {}", one_line(&d.deal.account), one_line(&d.deal.name));
    let mut lines: Vec<Line> = strings::done_lines(&name, wizard.answered(), wizard.questions.len())
        .into_iter()
        .map(|l| Line::styled(fit(&l, width), t.title()))
        .collect();
    lines.push(Line::raw(""));
    let question_w = (width / 2).min(44);
    for q in &wizard.questions {
        let answered = wizard.is_answered(&q.id);
        let (mark, style) = if answered { (strings::CHECK_DONE, t.good()) } else { (strings::CHECK_OPEN, t.muted()) };
        let answer = if answered {
            wizard.saved_answer(&q.id).map(|a| one_line(&a.replace('\n', " / ")).into_owned()).unwrap_or_default()
        } else {
            String::new()
        };
        lines.push(Line::from(vec![
            Span::styled(format!("{mark} "), style),
            Span::raw(pad(&q.text, question_w)),
            Span::raw("  "),
            Span::raw(fit(&answer, width.saturating_sub(question_w + 6))),
        ]));
    }
    frame.render_widget(
        Paragraph::new(lines).block(Block::new().padding(ratatui::widgets::Padding::horizontal(1))),
        area,
    );
}
