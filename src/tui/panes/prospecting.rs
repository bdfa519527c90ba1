//! The prospecting dashboard: volume and, above all, its quality — the funnel against the
//! team, channels, messages and segments, how the week is organised, trends, what stands
//! out — and the prospecting review. One rep's figures, or the whole team's side by side.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Wrap};

use super::figures::{render_breakdown_table, rows_of};
use super::script;
use crate::dashboard::{Dashboard, Heatmap, TeamDashboard};
use crate::domain::blocks::in_any;
use crate::domain::metrics::{Funnel, TargetKind};
use crate::domain::money::{format_amount, format_compact, group_thousands};
use crate::domain::period::Period;
use crate::tui::app::App;
use crate::tui::keys::{self, Command};
use crate::tui::state::{Dimension, ProspectingView};
use crate::tui::strings;
use crate::tui::theme::Theme;
use crate::tui::widgets::{bar, fit, loading, pad, pad_left, panel, spark};
use unicode_width::UnicodeWidthStr;

pub fn render(app: &App, frame: &mut Frame, area: Rect) {
    let t = app.theme;
    let [tabs, body] = Layout::vertical([Constraint::Length(1), Constraint::Min(0)]).areas(area);
    frame.render_widget(view_tabs(app), tabs);
    if app.team.shown {
        match &app.team.view {
            Some(team) => render_team(app, frame, body, team),
            None => frame.render_widget(loading(t), body),
        }
        return;
    }
    let Some(view) = &app.view else {
        frame.render_widget(loading(t), body);
        return;
    };
    let d = &view.dashboard;
    // The dashboard's currency: the same one the report prints.
    match app.prospecting.view {
        ProspectingView::Overview => render_overview(frame, body, d, t),
        ProspectingView::Breakdown(dimension) => render_breakdown(frame, body, d, dimension, t),
        ProspectingView::Week => render_week(frame, body, d, t),
        ProspectingView::Review => match &app.prospecting.review {
            Some(review) => script::render_review(app, frame, body, review),
            None => frame.render_widget(loading(t), body),
        },
    }
}

/// "Overview · By channel · Week · Review · Team" with the current one marked.
fn view_tabs(app: &App) -> Line<'static> {
    let t = app.theme;
    let current = if app.team.shown { None } else { Some(app.prospecting.view) };
    let entries = [
        (Command::ShowOverview, strings::VIEW_OVERVIEW.to_string(), matches!(current, Some(ProspectingView::Overview))),
        (
            Command::ShowBreakdown,
            strings::view_breakdown(match app.prospecting.view {
                ProspectingView::Breakdown(d) => d,
                _ => Dimension::Channel,
            }),
            matches!(current, Some(ProspectingView::Breakdown(_))),
        ),
        (Command::ShowWeek, strings::VIEW_WEEK.to_string(), matches!(current, Some(ProspectingView::Week))),
        (Command::ShowReview, strings::VIEW_REVIEW.to_string(), matches!(current, Some(ProspectingView::Review))),
        (Command::ToggleTeam, strings::VIEW_TEAM.to_string(), app.team.shown),
    ];
    let mut spans = vec![Span::raw(" ")];
    for (command, label, on) in entries {
        let key = keys::key_for(command).unwrap_or_default();
        let style = if on { t.tab_selected() } else { t.muted() };
        spans.push(Span::styled(format!(" {key} {label} "), style));
        spans.push(Span::raw(" "));
    }
    Line::from(spans)
}

fn render_overview(frame: &mut Frame, area: Rect, d: &Dashboard, t: Theme) {
    let currency = d.currency.as_str();
    // The funnel has as many lines at any width: read them once for the height.
    let funnel_height = funnel_lines(d, usize::MAX, t).len();
    // The volumes, then two notes: how the targets are made, and what the changes are against.
    let top_height = ((d.volumes.len() + 2).max(funnel_height) as u16 + 2).min(area.height.saturating_sub(3));
    let [top, bottom] = Layout::vertical([Constraint::Length(top_height), Constraint::Min(0)]).areas(area);
    let [left, right] = Layout::horizontal([Constraint::Percentage(52), Constraint::Percentage(48)]).areas(top);
    let funnel = funnel_lines(d, usize::from(right.width.saturating_sub(2)), t);

    let inner_width = usize::from(left.width.saturating_sub(2));
    let mut volume_lines = volume_lines(d, inner_width, t);
    volume_lines.push(Line::styled(fit(&strings::weeks_note(d.range.weeks()), inner_width), t.muted()));
    volume_lines.push(Line::styled(fit(&strings::compared_with(d.previous.range), inner_width), t.muted()));
    frame.render_widget(Paragraph::new(volume_lines).block(panel(strings::VOLUME_TITLE, false, t)), left);
    let title = if d.team_funnel.is_some() { strings::FUNNEL_VS_TEAM_TITLE } else { strings::FUNNEL_TITLE };
    frame.render_widget(Paragraph::new(funnel).block(panel(title, false, t)), right);
    frame.render_widget(
        Paragraph::new(alert_lines(d, currency, t))
            .block(panel(strings::ALERTS_TITLE, false, t))
            .wrap(Wrap { trim: true }),
        bottom,
    );
}

/// One volume row's texts: its figures ("220 / 296.4"), its progress, its change.
struct VolumeRow {
    name: &'static str,
    figures: String,
    progress: Option<f64>,
    change: String,
}

/// "Calls      ███████░░░  220 / 296.4   74%  ▲12": each kind's done against its target, the
/// share reached, and the change against the previous period, in columns as wide as their
/// widest figure. The bar takes what room is left, and shows from four cells.
fn volume_lines(d: &Dashboard, width: usize, t: Theme) -> Vec<Line<'static>> {
    const NAME: usize = 14;
    let currency = d.currency.as_str();
    let rows: Vec<VolumeRow> = d
        .volumes
        .iter()
        .map(|v| {
            let done = strings::volume_figure(v.kind, v.done as f64, currency);
            let delta = v.done - d.previous.done(v.kind);
            let change = match v.kind {
                TargetKind::Pipeline => strings::amount_change(delta, currency),
                _ => strings::change(delta),
            };
            let figures = match (v.target, v.progress()) {
                (Some(target), Some(_)) => format!("{done} / {}", strings::volume_figure(v.kind, target, currency)),
                _ => done,
            };
            VolumeRow { name: strings::target_kind_name(v.kind), figures, progress: v.progress(), change }
        })
        .collect();
    let widest = |f: &dyn Fn(&VolumeRow) -> usize| rows.iter().map(f).max().unwrap_or(0);
    let figures_w = widest(&|r| r.figures.width());
    let percent_w = widest(&|r| r.progress.map_or(0, |p| strings::percent(p).width())) + 1;
    let change_w = widest(&|r| r.change.width()) + 1;
    // What the columns leave: a bar and a space when there is room for a bar worth reading.
    let spare = width.saturating_sub(NAME + figures_w + percent_w + change_w);
    let bar_w = if spare >= 5 { spare - 1 } else { 0 };
    rows.iter()
        .map(|row| {
            let mut spans = vec![Span::raw(pad(row.name, NAME))];
            if let Some(progress) = row.progress {
                let under = progress < crate::domain::alerts::thresholds::UNDER_TARGET_SHARE;
                let style = if under { t.warn() } else { t.bar() };
                if bar_w > 0 {
                    spans.push(Span::styled(bar(progress, bar_w), style));
                    spans.push(Span::raw(" "));
                } else {
                    spans.push(Span::raw(" ".repeat(spare)));
                }
                spans.push(Span::raw(pad_left(&row.figures, figures_w)));
                spans.push(Span::styled(pad_left(&strings::percent(progress), percent_w), style));
            } else {
                // No target: the figure where the bar would be, then "no target".
                let room = spare + figures_w + percent_w;
                let text = format!("{}  ", row.figures);
                spans.push(Span::raw(text.clone()));
                spans.push(Span::styled(pad(strings::NO_TARGET, room.saturating_sub(text.width())), t.muted()));
            }
            spans.push(Span::styled(pad_left(&row.change, change_w), t.muted()));
            Line::from(spans)
        })
        .collect()
}

/// Each step's count and its change against the previous period, and under it the rate to
/// the next with the team's rate beside it; the rate's own change when the line has room.
fn funnel_lines(d: &Dashboard, width: usize, t: Theme) -> Vec<Line<'static>> {
    let (now, before, team, currency) = (&d.funnel, &d.previous.funnel, d.team_funnel.as_ref(), d.currency.as_str());
    let step = |label: &str, value: String, change: String| {
        Line::from(vec![
            Span::raw(pad(label, 17)),
            Span::styled(pad_left(&value, 9), t.title()),
            Span::styled(format!("  {change}"), t.muted()),
        ])
    };
    let count = |pick: fn(&Funnel) -> i64| (group_thousands(pick(now)), strings::change(pick(now) - pick(before)));
    let rate_line = |get: fn(&Funnel) -> Option<f64>, of: &str| {
        let share = get(now);
        let build = |change: Option<&str>| {
            let mut spans = vec![Span::styled(format!("  ↓ {} ", strings::rate_text(share)), t.title())];
            if let Some(change) = change {
                spans.push(Span::styled(format!("{change} "), t.muted()));
            }
            spans.push(Span::styled(of.to_string(), t.muted()));
            if let Some(team) = team.map(get) {
                // Beside the rep's rate, the team's: worse than the team reads in the warning style.
                let worse = matches!((share, team), (Some(rep), Some(all)) if rep < all * 0.8);
                spans.push(Span::styled(
                    format!("  {}", strings::team_rate(&strings::rate_text(team))),
                    if worse { t.warn() } else { t.muted() },
                ));
            }
            Line::from(spans)
        };
        let change = strings::rate_change(share, get(before));
        match change.as_deref().map(|c| build(Some(c))) {
            Some(line) if line.width() <= width => line,
            _ => build(None),
        }
    };
    let (touches, touches_change) = count(|x| x.touches);
    let (conversations, conversations_change) = count(|x| x.conversations);
    let (meetings, meetings_change) = count(|x| x.meetings);
    let (opportunities, opportunities_change) = count(|x| x.opportunities);
    let mut lines = vec![
        step(strings::FUNNEL_TOUCHES, touches, touches_change),
        rate_line(Funnel::conversation_rate, strings::OF_TOUCHES),
        step(strings::FUNNEL_CONVERSATIONS, conversations, conversations_change),
        rate_line(Funnel::meeting_rate, strings::OF_CONVERSATIONS),
        step(strings::FUNNEL_MEETINGS, meetings, meetings_change),
    ];
    let real_chance = d.qualified.real_chance;
    if real_chance > 0 {
        // Twenty meetings with no real chance are not a success: the qualified ones apart.
        lines.push(Line::styled(format!("  {}", strings::real_chance(real_chance, now.meetings)), t.muted()));
    }
    lines.extend([
        rate_line(Funnel::opportunity_rate, strings::OF_MEETINGS),
        step(strings::FUNNEL_OPPORTUNITIES, opportunities, opportunities_change),
        step(
            strings::FUNNEL_PIPELINE,
            format_amount(now.pipeline_minor, currency),
            strings::amount_change(now.pipeline_minor - before.pipeline_minor, currency),
        ),
    ]);
    lines
}

fn alert_lines(d: &Dashboard, currency: &str, t: Theme) -> Vec<Line<'static>> {
    if d.alerts.is_empty() {
        let key = keys::key_for(Command::ShowChallenge).unwrap_or_default();
        return vec![Line::styled(strings::no_alerts(&key), t.good())];
    }
    let when = strings::period_when(d.period(), d.range);
    d.alerts
        .iter()
        .map(|a| Line::from(vec![Span::styled("! ", t.warn()), Span::raw(strings::alert_text(a, &when, currency))]))
        .collect()
}

/// Activity by channel, message and segment, best converting first: where meetings come
/// from and which of them turn into opportunities. When the three tables fit, they are
/// all shown (the chosen one on top), so the manager compares without flipping; otherwise
/// `b` steps through them.
fn render_breakdown(frame: &mut Frame, area: Rect, d: &Dashboard, dimension: Dimension, t: Theme) {
    let order = [dimension, dimension.next(), dimension.next().next()];
    // Borders and the header line around each table's rows (at least one: "nothing yet").
    let table_height = |dim: Dimension| u16::try_from(rows_of(d, dim).len().max(1) + 3).unwrap_or(u16::MAX);
    let note_height = 3;
    let needed = order.iter().map(|&dim| table_height(dim)).fold(note_height, u16::saturating_add);
    if needed > area.height {
        let block = panel(strings::breakdown_title(dimension), false, t);
        render_breakdown_table(frame, area, block, d, dimension, true, t);
        return;
    }
    let mut constraints: Vec<Constraint> = order.iter().map(|&dim| Constraint::Length(table_height(dim))).collect();
    *constraints.last_mut().expect("three tables") = Constraint::Min(0);
    let areas = Layout::vertical(constraints).split(area);
    for (i, (&dim, &table_area)) in order.iter().zip(areas.iter()).enumerate() {
        let block = panel(strings::breakdown_stacked_title(dim), false, t);
        let last = i == order.len() - 1;
        render_breakdown_table(frame, table_area, block, d, dim, last, t);
    }
}

/// The hours shown in the week view: the working day, widened to any hour with activity.
fn shown_hours(h: &Heatmap) -> (usize, usize) {
    let active: Vec<usize> = (0..24).filter(|&hour| h.touches.iter().any(|day| day[hour] > 0)).collect();
    let first = active.first().copied().unwrap_or(8).min(8);
    let last = active.last().copied().unwrap_or(18).max(18);
    (first, last)
}

/// One cell of the heatmap: darker for more touches, a digit-free glyph readable without colour.
fn shade(value: i64, max: i64) -> &'static str {
    if value == 0 || max == 0 {
        return "·";
    }
    match value * 4 / max {
        0 => "░",
        1 => "▒",
        2 => "▓",
        _ => "█",
    }
}

fn render_week(frame: &mut Frame, area: Rect, d: &Dashboard, t: Theme) {
    let (first, last) = shown_hours(&d.heatmap);
    // Hours header, seven days, a blank line and the planned-blocks note, inside a border.
    let heat_height = 1 + 7 + 2 + 2;
    let [heat_area, trend_area] = Layout::vertical([Constraint::Length(heat_height), Constraint::Min(0)]).areas(area);
    let block = panel(strings::WEEK_TITLE, false, t);
    let inner = block.inner(heat_area);
    frame.render_widget(block, heat_area);
    let cell = if usize::from(inner.width) >= 6 + (last - first + 1) * 3 { 3 } else { 2 };
    let max = d.heatmap.max_cell();
    let mut lines = Vec::new();
    let mut header = vec![Span::raw("      ")];
    for hour in first..=last {
        header.push(Span::styled(pad_left(&hour.to_string(), cell), t.muted()));
    }
    lines.push(Line::from(header));
    for (day, hours) in d.heatmap.touches.iter().enumerate() {
        let mut spans = vec![Span::styled(pad(strings::weekday(day), 6), t.muted())];
        for (hour, &value) in hours.iter().enumerate().take(last + 1).skip(first) {
            let planned = in_any(&d.blocks, day as u8, hour as u8);
            let glyph = shade(value, max);
            // A planned block shows between brackets, so it reads without colour too.
            let text = if planned && cell == 3 { format!("[{glyph}]") } else { pad_left(glyph, cell) };
            spans.push(Span::styled(text, if planned { t.key() } else { t.bar() }));
        }
        lines.push(Line::from(spans));
    }
    lines.push(Line::raw(""));
    let note = match d.in_blocks {
        Some(share) => strings::in_blocks(share, &strings::blocks_text(&d.blocks)),
        None => strings::NO_BLOCKS.to_string(),
    };
    lines.push(Line::styled(fit(&note, usize::from(inner.width)), t.muted()));
    frame.render_widget(Paragraph::new(lines), inner);

    let last_monday = d.range.last_week();
    let current = d.period().is_some_and(Period::is_current);
    let block = panel(strings::trends_title(last_monday, current), false, t);
    let inner = block.inner(trend_area);
    frame.render_widget(block, trend_area);
    let tr = &d.trends;
    let series: [(&str, &[i64], bool); 4] = [
        (strings::FUNNEL_TOUCHES, &tr.touches, false),
        (strings::FUNNEL_MEETINGS, &tr.meetings, false),
        (strings::FUNNEL_OPPORTUNITIES, &tr.opportunities, false),
        (strings::FUNNEL_PIPELINE, &tr.pipeline_minor, true),
    ];
    let lines: Vec<Line> = series
        .iter()
        .map(|(label, values, money)| {
            let last = values.last().copied().unwrap_or(0);
            let last = if *money { format_compact(last, &d.currency) } else { group_thousands(last) };
            Line::from(vec![
                Span::raw(pad(label, 18)),
                Span::styled(spark(values), t.bar()),
                Span::raw("  "),
                Span::styled(strings::trend_last(&last, last_monday, current), t.muted()),
            ])
        })
        .collect();
    frame.render_widget(Paragraph::new(lines), inner);
}

/// The team, rep by rep: who needs which meeting. Narrow, each rep's main alert goes on a
/// second line; wide, in a column.
fn render_team(app: &App, frame: &mut Frame, area: Rect, team: &TeamDashboard) {
    let t = app.theme;
    let currency = team.team.currency.as_str();
    let block = panel(strings::team_title(team.reps.len()), false, t);
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let width = usize::from(inner.width);
    let numbers = [9, 7, 10, 9, 6, 10];
    let name_w = 18.min(width / 4);
    let figures_w = name_w + 2 + numbers.iter().sum::<usize>();
    let alert_column = width >= figures_w + 30;
    let alert_w = if alert_column { width - figures_w - 2 } else { width.saturating_sub(4) };
    let mut header = vec![Span::raw(format!("  {}", pad(strings::TEAM_REP, name_w)))];
    for (label, w) in strings::TEAM_COLUMNS.iter().zip(numbers) {
        header.push(Span::raw(pad_left(label, w)));
    }
    if alert_column {
        header.push(Span::raw(format!("  {}", strings::TEAM_ALERT)));
    }
    let mut lines = vec![Line::from(header).style(t.muted())];
    let figures = |name: &str, f: &Funnel, selected: bool| {
        let marker = if selected { strings::CURSOR_MARK } else { "  " };
        let style = if selected { t.selected() } else { Style::new() };
        vec![
            Span::styled(format!("{marker}{}", pad(name, name_w)), style),
            Span::raw(pad_left(&group_thousands(f.touches), numbers[0])),
            Span::raw(pad_left(&strings::rate_text(f.conversation_rate()), numbers[1])),
            Span::raw(pad_left(&group_thousands(f.meetings), numbers[2])),
            Span::raw(pad_left(&strings::rate_text(f.opportunity_rate()), numbers[3])),
            Span::raw(pad_left(&group_thousands(f.opportunities), numbers[4])),
            Span::raw(pad_left(&format_compact(f.pipeline_minor, currency), numbers[5])),
        ]
    };
    // A scope's change against the days compared with, in the figures' columns.
    let change = |label: &str, f: &Funnel, before: &Funnel| {
        let rate = |get: fn(&Funnel) -> Option<f64>| strings::rate_change(get(f), get(before)).unwrap_or_default();
        vec![
            Span::raw(format!("  {}", pad(label, name_w))),
            Span::raw(pad_left(&strings::change(f.touches - before.touches), numbers[0])),
            Span::raw(pad_left(&rate(Funnel::conversation_rate), numbers[1])),
            Span::raw(pad_left(&strings::change(f.meetings - before.meetings), numbers[2])),
            Span::raw(pad_left(&rate(Funnel::opportunity_rate), numbers[3])),
            Span::raw(pad_left(&strings::change(f.opportunities - before.opportunities), numbers[4])),
            Span::raw(pad_left(
                &strings::amount_change(f.pipeline_minor - before.pipeline_minor, currency),
                numbers[5],
            )),
        ]
    };
    let when = strings::period_when(team.team.period(), team.team.range);
    let per_rep = if alert_column { 1 } else { 2 };
    // The header, a blank line, the team's total and its change (and, narrow, what the change
    // is against) take their lines first; then the selected rep's change line.
    let below = if alert_column { 5 } else { 6 };
    let room = usize::from(inner.height).saturating_sub(below) / per_rep;
    let skip = (app.team.cursor.index() + 1).saturating_sub(room);
    for (i, rep) in team.reps.iter().enumerate().skip(skip).take(room) {
        let alert = rep.alerts.first().map(|a| strings::alert_text(a, &when, currency)).unwrap_or_default();
        let selected = i == app.team.cursor.index();
        let mut spans = figures(&fit(&rep.name, name_w), &rep.funnel, selected);
        if alert_column {
            spans.push(Span::styled(format!("  {}", fit(&alert, alert_w)), t.warn()));
            lines.push(Line::from(spans));
        } else {
            lines.push(Line::from(spans));
        }
        if selected {
            lines.push(Line::from(change(strings::TEAM_CHANGE, &rep.funnel, &rep.previous.funnel)).style(t.muted()));
        }
        if !alert_column {
            lines.push(Line::styled(format!("    {}", fit(&alert, alert_w)), t.warn()));
        }
    }
    lines.push(Line::raw(""));
    lines.push(Line::from(figures(strings::TEAM_TOTAL, &team.team.funnel, false)).style(t.title()));
    let mut change = change(strings::TEAM_CHANGE, &team.team.funnel, &team.team.previous.funnel);
    let against = strings::compared_with(team.team.previous.range);
    if alert_column {
        change.push(Span::raw(format!("  {}", fit(&against, alert_w))));
        lines.push(Line::from(change).style(t.muted()));
    } else {
        lines.push(Line::from(change).style(t.muted()));
        lines.push(Line::styled(format!("  {}", fit(&against, width.saturating_sub(2))), t.muted()));
    }
    frame.render_widget(Paragraph::new(lines), inner);
}
