//! A deal's script on screen: one question at a time with its hint and what was said last
//! time, the answer editor of its kind, then the verdict and the deal's summary.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Margin, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph};
use unicode_width::UnicodeWidthStr;

use super::{expected_days, stage_name};
use crate::domain::commitment::CommitmentStatus;
use crate::domain::hypothesis::HypothesisStatus;
use crate::domain::money::format_compact;
use crate::domain::text::{multi_line, one_line};
use crate::script::AnswerKind;
use crate::tui::app::App;
use crate::tui::editors::{Ctx, ListEditor, ListKind, OptionsEditor, OptionsFocus, Row, RowField};
use crate::tui::strings;
use crate::tui::theme::Theme;
use crate::tui::view::DealView;
use crate::tui::widgets::{fit, form_lines, hanging, pad, panel, wrap_words};
use crate::tui::wizard::{Answer, Step, Wizard};

pub fn render(app: &App, frame: &mut Frame, area: Rect, wizard: &Wizard, d: &DealView) {
    let t = app.theme;
    let deal = &d.deal;
    let days = deal.days_in_stage(app.today);
    let counter = match wizard.step() {
        Step::Question(i) => strings::question_counter(i + 1, wizard.questions.len()),
        Step::Verdict => strings::VERDICT_STEP_TITLE.to_string(),
        Step::Summary => strings::answered_count(wizard.answered(), wizard.questions.len()),
    };
    let title_text = format!(
        " {} · {} {} · {} ",
        strings::deal_label(&deal.account, &deal.name),
        stage_name(app, &deal.stage),
        strings::days_cell(days, expected_days(app, &deal.stage)),
        format_compact(deal.amount_minor, &deal.currency)
    );
    let max_title = usize::from(area.width).saturating_sub(counter.width() + 6);
    let block = Block::bordered()
        .title(Line::styled(fit(&title_text, max_title), t.title()))
        .title(Line::styled(format!(" {counter} "), t.key()).right_aligned())
        .border_style(t.border_focused());
    let inner = block.inner(area).inner(Margin { horizontal: 1, vertical: 0 });
    frame.render_widget(block, area);
    let ctx = app.ctx(d);
    match wizard.step() {
        Step::Question(_) => render_question(frame, inner, wizard, ctx, t),
        Step::Verdict => render_verdict(frame, inner, wizard, ctx, t),
        Step::Summary => render_summary(app, frame, inner, wizard, d),
    }
}

/// The prospecting review: the same steps as a deal's script, about the rep's prospecting.
pub fn render_review(app: &App, frame: &mut Frame, area: Rect, wizard: &Wizard) {
    let t = app.theme;
    let rep = app.current_rep_name();
    let counter = match wizard.step() {
        Step::Question(i) => strings::question_counter(i + 1, wizard.questions.len()),
        _ => strings::answered_count(wizard.answered(), wizard.questions.len()),
    };
    let block = Block::bordered()
        .title(Line::styled(strings::review_title(&rep), t.title()))
        .title(Line::styled(format!(" {counter} "), t.key()).right_aligned())
        .border_style(t.border_focused());
    let inner = block.inner(area).inner(Margin { horizontal: 1, vertical: 0 });
    frame.render_widget(block, area);
    let Some(ctx) = app.review_ctx() else { return };
    let figure = wizard.current().and_then(|q| q.figure).zip(app.view.as_ref().map(|v| &v.dashboard));
    match (wizard.step(), figure) {
        // The figure the question asks about, beside it when there is room, else under it.
        (Step::Question(_), Some((figure, dashboard))) if inner.width >= 100 => {
            let [left, right] =
                Layout::horizontal([Constraint::Percentage(55), Constraint::Percentage(45)]).spacing(1).areas(inner);
            render_question(frame, left, wizard, ctx, t);
            super::figures::render_figure(frame, right, dashboard, figure, t);
        }
        (Step::Question(_), Some((figure, dashboard))) => {
            let [top, bottom] = Layout::vertical([Constraint::Min(0), Constraint::Length(2)]).areas(inner);
            render_question(frame, top, wizard, ctx, t);
            let lines = super::figures::figure_summary(dashboard, figure, usize::from(bottom.width), t);
            frame.render_widget(Paragraph::new(lines), bottom);
        }
        (Step::Question(_) | Step::Verdict, _) => render_question(frame, inner, wizard, ctx, t),
        (Step::Summary, _) => render_review_summary(frame, inner, wizard, ctx, t),
    }
}

fn render_review_summary(frame: &mut Frame, area: Rect, wizard: &Wizard, ctx: Ctx<'_>, t: Theme) {
    let width = usize::from(area.width);
    let mut lines = vec![Line::styled(strings::REVIEW_SUMMARY_TITLE, t.title()), Line::raw("")];
    lines.extend(answer_rows(wizard, width, (width / 2).min(44), false, t));
    let open: Vec<_> = ctx.commitments.iter().filter(|c| c.status == CommitmentStatus::Open).collect();
    lines.push(Line::raw(""));
    lines.push(Line::styled(strings::REVIEW_COMMITMENTS, t.title()));
    if open.is_empty() {
        lines.push(Line::styled(strings::NO_REVIEW_COMMITMENTS, t.warn()));
    }
    for c in open {
        let text = strings::commitment_line(
            strings::owner_name(c.owner.as_str()),
            &one_line(&c.what),
            c.due_on,
            c.is_overdue(ctx.today),
        );
        lines.push(Line::raw(fit(&format!("  {text}"), width)));
    }
    frame.render_widget(Paragraph::new(lines), area);
}

/// A multi-line answer on one line, its lines parted by " / ".
fn on_one_line(answer: &str) -> String {
    one_line(&answer.replace('\n', " / ")).into_owned()
}

/// One row per question: whether it is answered, the question, the answer on one line.
/// With `flag_required`, an unanswered required question stands out.
fn answer_rows(wizard: &Wizard, width: usize, question_w: usize, flag_required: bool, t: Theme) -> Vec<Line<'static>> {
    wizard
        .questions
        .iter()
        .map(|q| {
            let (mark, style) = match (wizard.is_answered(&q.id), flag_required && q.required) {
                (true, _) => (strings::CHECK_DONE, t.good()),
                (false, true) => (strings::CHECK_REQUIRED, t.warn()),
                (false, false) => (strings::CHECK_OPEN, t.muted()),
            };
            let answer = wizard.saved_answer(&q.id).map(on_one_line).unwrap_or_default();
            Line::from(vec![
                Span::styled(format!("{mark} "), style),
                Span::raw(pad(&q.text, question_w)),
                Span::raw("  "),
                Span::raw(fit(&answer, width.saturating_sub(question_w + 6))),
            ])
        })
        .collect()
}

/// Text wrapped to `width`, at most `max` lines; a cut text ends with "…".
fn capped(text: &str, width: usize, max: usize) -> Vec<String> {
    let mut lines = wrap_words(text, width);
    if lines.len() > max {
        lines.truncate(max);
        if let Some(last) = lines.last_mut() {
            *last = fit(&format!("{last} …"), width);
        }
    }
    lines
}

fn styled(lines: Vec<String>, style: Style) -> Vec<Line<'static>> {
    lines.into_iter().map(|l| Line::styled(l, style)).collect()
}

fn render_question(frame: &mut Frame, area: Rect, wizard: &Wizard, ctx: Ctx<'_>, t: Theme) {
    let Some(question) = wizard.current() else { return };
    let width = usize::from(area.width);
    let text = one_line(&question.text).into_owned();
    let hint = format!("{}{}", strings::HINT_LABEL, one_line(&question.hint));
    // Beside the answer: what was said at the last review (the rep's own prep will join it).
    let previous = wizard
        .previous(&question.id)
        .map(|p| (strings::previous_answer(p.held_on), multi_line(&p.answer).into_owned()));
    let previous_text = previous.as_ref().map_or_else(|| strings::NO_PREVIOUS.to_string(), |(l, a)| format!("{l}{a}"));
    let kind_hint = match question.kind {
        AnswerKind::Text if wizard.prefilled(&question.id).is_some() => Some(strings::PREFILLED_HINT.to_string()),
        AnswerKind::Text => None,
        AnswerKind::YesNo => Some(strings::YES_NO_HINT.to_string()),
        AnswerKind::Choice => Some(strings::CHOICE_HINT.to_string()),
        AnswerKind::Scale => question.scale.as_ref().map(|s| strings::scale_hint(s.min, s.max, &s.low, &s.high)),
        AnswerKind::Commitments => Some(strings::COMMITMENTS_HINT.to_string()),
        AnswerKind::Criteria => Some(strings::CRITERIA_HINT.to_string()),
        AnswerKind::Hypotheses => Some(strings::HYPOTHESES_HINT.to_string()),
    };
    let required = if question.required && !wizard.is_answered(&question.id) { strings::REQUIRED_MARK } else { "" };
    // A form open on a row needs the room: the hint and last time's answer shrink to a line.
    let room = if matches!(wizard.answer(), Answer::List(list) if list.form.is_some()) { 1 } else { 3 };
    let question_lines = capped(&format!("{text}{required}"), width, 3);
    let hint_lines = if question.hint.is_empty() { Vec::new() } else { capped(&hint, width, room) };
    let previous_lines = capped(&on_one_line(&previous_text), width, room);
    let [q_area, hint_area, prev_area, kind_area, answer_area, progress_area] = Layout::vertical([
        Constraint::Length(question_lines.len() as u16),
        Constraint::Length(hint_lines.len() as u16),
        Constraint::Length(previous_lines.len() as u16 + 1),
        Constraint::Length(u16::from(kind_hint.is_some())),
        Constraint::Min(3),
        Constraint::Length(1),
    ])
    .areas(area);

    frame.render_widget(Paragraph::new(styled(question_lines, t.title())), q_area);
    frame.render_widget(Paragraph::new(styled(hint_lines, t.muted())), hint_area);
    // The label of the previous answer is muted, the answer itself is not.
    let label_len = previous.as_ref().map_or(0, |(label, _)| label.len());
    let previous_lines: Vec<Line> = previous_lines
        .into_iter()
        .enumerate()
        .map(|(i, line)| match (previous.is_some(), line.get(..label_len)) {
            (true, Some(head)) if i == 0 => {
                Line::from(vec![Span::styled(head.to_string(), t.muted()), Span::raw(line[label_len..].to_string())])
            }
            (true, _) => Line::raw(line),
            (false, _) => Line::styled(line, t.muted()),
        })
        .collect();
    frame.render_widget(Paragraph::new(previous_lines), prev_area);
    if let Some(kind_hint) = kind_hint {
        frame.render_widget(Line::styled(fit(&kind_hint, width), t.muted()), kind_area);
    }
    match wizard.answer() {
        Answer::Text(input) => render_text(frame, answer_area, input, wizard.is_editing(), t),
        Answer::Options(editor) => render_options(frame, answer_area, editor, wizard.is_editing(), t),
        Answer::List(list) => render_list(frame, answer_area, list, ctx, wizard.is_editing(), t),
    }
    frame.render_widget(progress_line(wizard, t), progress_area);
}

fn answer_block(editing: bool, t: Theme) -> Block<'static> {
    answer_block_titled(editing, if editing { strings::ANSWER_TITLE_TYPING } else { strings::ANSWER_TITLE }, t)
}

fn answer_block_titled(editing: bool, title: &'static str, t: Theme) -> Block<'static> {
    let block = panel(title, editing, t);
    if editing { block.title_style(t.key()) } else { block }
}

fn render_text(frame: &mut Frame, area: Rect, input: &ratatui_textarea::TextArea<'static>, editing: bool, t: Theme) {
    let mut input = input.clone();
    input.set_block(answer_block(editing, t));
    input.set_cursor_line_style(Style::new());
    input.set_cursor_style(if editing { t.selected() } else { Style::new() });
    input.set_placeholder_text(strings::ANSWER_PLACEHOLDER);
    input.set_placeholder_style(t.muted());
    frame.render_widget(&input, area);
}

fn render_options(frame: &mut Frame, area: Rect, editor: &OptionsEditor, editing: bool, t: Theme) {
    let block = answer_block(editing, t);
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let [options_row, _, note_area] =
        Layout::vertical([Constraint::Length(1), Constraint::Length(1), Constraint::Min(1)]).areas(inner);
    let choosing = editing && editor.focus == OptionsFocus::Options;
    let mut spans = Vec::new();
    for (i, option) in editor.options.iter().enumerate() {
        let chosen = editor.selected == Some(i);
        let mark = if chosen { strings::OPTION_CHOSEN } else { strings::OPTION_OPEN };
        let style = if chosen && choosing {
            t.selected()
        } else if chosen {
            t.title()
        } else {
            Style::new()
        };
        spans.push(Span::styled(format!("{mark} {}", one_line(option)), style));
        spans.push(Span::raw("  "));
    }
    frame.render_widget(Paragraph::new(Line::from(spans)).wrap(ratatui::widgets::Wrap { trim: true }), options_row);
    let noting = editing && editor.focus == OptionsFocus::Note;
    let mut note = editor.note.clone();
    note.set_block(Block::new().title(Line::styled(strings::NOTE_LABEL, if noting { t.key() } else { t.muted() })));
    note.set_cursor_line_style(Style::new());
    note.set_cursor_style(if noting { t.selected() } else { Style::new() });
    note.set_placeholder_text(strings::NOTE_PLACEHOLDER);
    note.set_placeholder_style(t.muted());
    frame.render_widget(&note, note_area);
}

/// One row of a structured list, as text.
fn row_text(row: &Row, kind: ListKind, ctx: Ctx<'_>) -> (String, bool) {
    let today = ctx.today;
    match row {
        Row::Add => match kind {
            ListKind::Hypotheses => (strings::ADD_HYPOTHESIS.to_string(), false),
            _ => (strings::ADD_COMMITMENT.to_string(), false),
        },
        Row::Commitment(id) => {
            let Some(c) = ctx.commitments.iter().find(|c| c.id == *id) else { return (String::new(), false) };
            let owner = strings::owner_name(c.owner.as_str());
            let text = match c.status {
                CommitmentStatus::Open => {
                    strings::commitment_line(owner, &one_line(&c.what), c.due_on, c.is_overdue(today))
                }
                status => strings::commitment_settled(
                    owner,
                    &one_line(&c.what),
                    strings::commitment_status(status),
                    &one_line(&c.note),
                ),
            };
            let made_today = c.created_on == Some(today);
            (if made_today { format!("{text} {}", strings::NEW_MARK) } else { text }, c.is_overdue(today))
        }
        Row::Hypothesis(id) => {
            let Some(h) = ctx.hypotheses.iter().find(|h| h.id == *id) else { return (String::new(), false) };
            let topic = strings::topic_name(h.topic);
            match h.status {
                HypothesisStatus::Open => {
                    let late = h.is_overdue(today) || h.test_by.is_none();
                    (strings::hypothesis_line(topic, &one_line(&h.statement), h.test_by, late), late)
                }
                status => (
                    strings::hypothesis_concluded(
                        topic,
                        &one_line(&h.statement),
                        strings::hypothesis_status(status),
                        &one_line(&h.result),
                    ),
                    false,
                ),
            }
        }
        Row::Criterion(stage_key, id) => {
            let Some((stage, criterion)) = ctx.find_criterion(stage_key, id) else { return (String::new(), false) };
            let skipped = ctx.stage.is_none_or(|s| s.key != stage.key);
            let text =
                if skipped { strings::skipped_criterion(&criterion.text, &stage.name) } else { criterion.text.clone() };
            let (check, note) = ctx.criterion(&stage.key, id);
            match (check, note) {
                (Some(check), _) => (
                    format!(
                        "{} {}",
                        strings::CHECK_DONE,
                        strings::criterion_checked(&text, check.validated_on, &check.evidence)
                    ),
                    false,
                ),
                (None, Some(note)) => (format!("{} {} — {}", strings::CHECK_OPEN, text, one_line(&note.note)), true),
                (None, None) => (format!("{} {}", strings::CHECK_OPEN, text), true),
            }
        }
    }
}

fn render_list(frame: &mut Frame, area: Rect, list: &ListEditor, ctx: Ctx<'_>, editing: bool, t: Theme) {
    let block = answer_block_titled(editing, strings::ANSWER_TITLE, t);
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let rows = list.rows(ctx);
    // A form opened on a row is drawn under the list; the one-line "why" of a settle is drawn
    // on its row, where the eye is.
    let boxed = list.form.as_ref().filter(|f| !f.inline);
    let form_height = boxed.map_or(0, |f| f.form.fields.len() as u16 + 2 + u16::from(f.error.is_some()));
    let [rows_area, form_area] = Layout::vertical([Constraint::Min(1), Constraint::Length(form_height)]).areas(inner);
    let width = usize::from(rows_area.width);
    let mut lines = Vec::new();
    if rows.is_empty() {
        lines.push(Line::styled(strings::NO_CRITERIA, t.muted()));
    }
    let mut cursor_line = 0;
    for row in &rows {
        let selected = *row == list.cursor;
        let marker = if selected && editing { strings::CURSOR_MARK } else { "  " };
        let (text, warn) = row_text(row, list.kind, ctx);
        let style = if selected && editing && list.form.is_none() {
            t.selected()
        } else if *row == Row::Add {
            t.muted()
        } else if warn {
            t.warn()
        } else {
            Style::new()
        };
        if selected {
            cursor_line = lines.len();
        }
        lines.extend(hanging(Span::raw(marker), Style::new(), &text, style, width));
        if let Some(why) = list.form.as_ref().filter(|f| f.inline && selected) {
            let status =
                CommitmentStatus::from_word(&why.form.text(RowField::Status)).map_or("", strings::commitment_status);
            let mut spans = vec![Span::styled(format!("    → {status} · {}: ", strings::FIELD_WHY), t.key())];
            if let Some(field) = why.form.get(RowField::Note) {
                let text = one_line(&field.input.lines().join(" ")).into_owned();
                spans.push(Span::raw(text));
                spans.push(Span::styled(" ", t.selected()));
            }
            spans.push(Span::styled(format!("  {}", strings::WHY_HINT), t.muted()));
            lines.push(Line::from(spans));
        }
    }
    // Keep the cursor's row (and a "why" under it) in view.
    let room = usize::from(rows_area.height);
    let skip = (cursor_line + 2).saturating_sub(room);
    frame.render_widget(Paragraph::new(lines.into_iter().skip(skip).collect::<Vec<_>>()), rows_area);
    if let Some(open) = boxed {
        let block = Block::bordered().title(strings::ROW_FORM_TITLE).border_style(t.border_focused());
        let inner = block.inner(form_area);
        frame.render_widget(block, form_area);
        let mut lines = form_lines(&open.form, true, ctx.today, t, usize::from(inner.width));
        if let Some(err) = &open.error {
            lines.push(Line::styled(format!("! {}", one_line(err)), t.bad()));
        }
        frame.render_widget(Paragraph::new(lines), inner);
    }
}

/// "✓ ✓ ▶ · · ·  2 of 6 answered": answered, current, still open.
fn progress_line(wizard: &Wizard, t: Theme) -> Line<'static> {
    let mut spans = Vec::new();
    let current = match wizard.step() {
        Step::Question(i) => Some(i),
        _ => None,
    };
    for (i, q) in wizard.questions.iter().enumerate() {
        let (mark, style) = if Some(i) == current {
            (strings::PROGRESS_CURRENT, t.key())
        } else if wizard.is_answered(&q.id) {
            (strings::PROGRESS_DONE, t.good())
        } else if wizard.has_draft(&q.id) {
            (strings::PROGRESS_DRAFT, t.warn())
        } else if q.required {
            (strings::PROGRESS_REQUIRED, t.warn())
        } else {
            (strings::PROGRESS_OPEN, t.muted())
        };
        spans.push(Span::styled(format!("{mark} "), style));
    }
    if wizard.verdict.is_some() {
        spans.push(Span::styled(strings::VERDICT_MARK, if current.is_none() { t.key() } else { t.muted() }));
    }
    spans.push(Span::styled(
        format!("  {}", strings::answered_count(wizard.answered(), wizard.questions.len())),
        t.muted(),
    ));
    Line::from(spans)
}

fn render_verdict(frame: &mut Frame, area: Rect, wizard: &Wizard, ctx: Ctx<'_>, t: Theme) {
    let width = usize::from(area.width);
    let mut lines = vec![
        Line::styled(strings::VERDICT_QUESTION, t.title()),
        Line::styled(fit(strings::VERDICT_HINT, width), t.muted()),
        Line::raw(""),
    ];
    if let Some(verdict) = &wizard.verdict {
        lines.extend(form_lines(&verdict.form, wizard.is_editing(), ctx.today, t, width));
    }
    lines.push(Line::raw(""));
    if let Some(confirm) = wizard.verdict.as_ref().and_then(|v| v.confirm.as_ref()) {
        lines.extend(hanging(Span::styled("! ", t.warn()), Style::new(), confirm, t.warn(), width));
    }
    if wizard.verdict_needs_comment() {
        lines.push(Line::styled(strings::VERDICT_NEEDS_COMMENT, t.warn()));
    }
    if let Some(err) = wizard.verdict.as_ref().and_then(|v| v.error.as_ref()) {
        lines.push(Line::styled(format!("! {}", one_line(err)), t.bad()));
    }
    let missing = wizard.missing_required();
    if !missing.is_empty() {
        lines.push(Line::styled(strings::skipped_required(missing.len()), t.warn()));
        for q in missing {
            lines.push(Line::styled(fit(&format!("  ! {}", one_line(&q.text)), width), t.warn()));
        }
    }
    frame.render_widget(Paragraph::new(lines), area);
}

fn render_summary(app: &App, frame: &mut Frame, area: Rect, wizard: &Wizard, d: &DealView) {
    let t = app.theme;
    let width = usize::from(area.width);
    let today = app.today;
    let name = strings::deal_label(&d.deal.account, &d.deal.name);
    let mut lines = vec![Line::styled(fit(&strings::summary_title(&name), width), t.title())];
    // The verdict first: it is what the team will act on.
    if let Some(v) = &d.today_verdict {
        let forecast = strings::forecast_name(v.forecast.as_str());
        let line = if v.overrules() {
            strings::verdict_overruled(forecast, strings::forecast_name(v.rep_forecast.as_str()), &one_line(&v.comment))
        } else {
            strings::verdict_line(forecast)
        };
        lines.push(Line::styled(fit(&line, width), if v.overrules() { t.warn() } else { Style::new() }));
        if let Some(confidence) = v.confidence {
            lines.push(Line::raw(fit(
                &format!("{}: {}", strings::FIELD_CONFIDENCE, strings::confidence_label(confidence)),
                width,
            )));
        }
        if let Some(step) = &v.next_step {
            lines.push(Line::raw(fit(&strings::next_step_line(&one_line(step), v.next_step_on, None), width)));
        }
        if v.moves_stage() {
            lines.push(Line::raw(fit(
                &strings::stage_moved(&stage_name(app, &v.stage_from), &stage_name(app, &v.stage_to)),
                width,
            )));
        }
    } else if wizard.verdict.as_ref().is_some_and(|v| v.sent) {
        lines.push(Line::styled(strings::VERDICT_SAVING, t.muted()));
    } else {
        lines.push(Line::styled(strings::NO_VERDICT, t.warn()));
    }
    lines.push(Line::raw(""));
    lines.extend(answer_rows(wizard, width, (width / 2).min(40), true, t));
    let made: Vec<_> = d.commitments.iter().filter(|c| c.created_on == Some(today)).collect();
    if !made.is_empty() {
        lines.push(Line::raw(""));
        lines.push(Line::styled(strings::COMMITMENTS_MADE, t.title()));
        for c in made {
            let text = strings::commitment_made(strings::owner_name(c.owner.as_str()), &one_line(&c.what), c.due_on);
            lines.push(Line::raw(fit(&format!("  {text}"), width)));
        }
    }
    frame.render_widget(Paragraph::new(lines), area);
}
