//! The figures a prospecting question asks about, and the breakdown tables they come from:
//! drawn on the dashboard's breakdown view and beside the prospecting review's questions.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph, Wrap};

use crate::dashboard::{BreakdownRow, Dashboard};
use crate::domain::metrics::rate;
use crate::domain::money::group_thousands;
use crate::script::Figure;
use crate::tui::state::Dimension;
use crate::tui::strings;
use crate::tui::theme::Theme;
use crate::tui::widgets::{fit, pad, pad_left, panel};

/// The table a breakdown figure is read from.
fn dimension_of(figure: Figure) -> Option<Dimension> {
    match figure {
        Figure::Segments => Some(Dimension::Segment),
        Figure::Channels => Some(Dimension::Channel),
        Figure::Messages => Some(Dimension::Message),
        Figure::Qualified => None,
    }
}

/// The figure a prospecting question asks about, in a panel beside it.
pub fn render_figure(frame: &mut Frame, area: Rect, d: &Dashboard, figure: Figure, t: Theme) {
    if let Some(dim) = dimension_of(figure) {
        let block = panel(strings::breakdown_stacked_title(dim), false, t);
        render_breakdown_table(frame, area, block, d, dim, false, t);
    } else {
        // Beside the question there is height to spare: the lines wrap rather than being cut.
        let lines = qualified_lines(d, usize::MAX / 2, t);
        let block = panel(strings::QUALIFIED_TITLE, false, t);
        frame.render_widget(Paragraph::new(lines).block(block).wrap(Wrap { trim: true }), area);
    }
}

/// The same figure in two lines, under the question when the screen is narrow.
pub fn figure_summary(d: &Dashboard, figure: Figure, width: usize, t: Theme) -> Vec<Line<'static>> {
    let Some(dim) = dimension_of(figure) else { return qualified_lines(d, width, t) };
    let rated: Vec<&BreakdownRow> = rows_of(d, dim).iter().filter(|r| r.touches > 0).collect();
    let line = |mark: &str, row: Option<&&BreakdownRow>| {
        row.map(|r| {
            let per_100 =
                rate(r.meetings * 100, r.touches).map_or_else(|| strings::NO_RATE.to_string(), |x| format!("{x:.1}"));
            let name = if r.key.is_empty() { strings::UNKNOWN_KEY.to_string() } else { r.key.clone() };
            strings::figure_row(mark, &name, &per_100, r.opportunities)
        })
    };
    let best = line(strings::BEST_MARK.trim(), rated.first());
    let worst = if rated.len() > 1 { line(strings::WORST_MARK.trim(), rated.last()) } else { None };
    let text = match (best, worst) {
        (Some(b), Some(w)) => format!("{b} · {w}"),
        (Some(b), None) => b,
        _ => strings::NO_BREAKDOWN.to_string(),
    };
    vec![
        Line::styled(fit(&format!("{}: {text}", strings::breakdown_key(dim)), width), t.muted()),
        Line::styled(fit(strings::FIGURE_MORE, width), t.muted()),
    ]
}

/// How many meetings had a real chance, as the activity logged says.
fn qualified_lines(d: &Dashboard, width: usize, t: Theme) -> Vec<Line<'static>> {
    let q = &d.qualified;
    vec![
        Line::styled(
            fit(&strings::qualified_figure(q.real_chance, q.no_real_chance, q.not_assessed, d.funnel.meetings), width),
            t.title(),
        ),
        Line::styled(fit(&strings::qualified_opportunities(d.funnel.opportunities), width), t.muted()),
    ]
}

pub fn rows_of(d: &Dashboard, dimension: Dimension) -> &[BreakdownRow] {
    rows_and_before(d, dimension).0
}

/// The breakdown of `dimension`, and the same over the days the period is compared with
/// (empty when not read).
fn rows_and_before(d: &Dashboard, dimension: Dimension) -> (&[BreakdownRow], &[BreakdownRow]) {
    let [channel, message, segment] = d.breakdowns();
    match dimension {
        Dimension::Channel => channel,
        Dimension::Message => message,
        Dimension::Segment => segment,
    }
}

pub fn render_breakdown_table(
    frame: &mut Frame,
    area: Rect,
    block: Block<'static>,
    d: &Dashboard,
    dimension: Dimension,
    with_note: bool,
    t: Theme,
) {
    let (rows, before) = rows_and_before(d, dimension);
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let width = usize::from(inner.width);
    let numbers = [9, 8, 10, 7, 9, 7, 9];
    let key_w = width.saturating_sub(numbers.iter().sum::<usize>()).max(8);
    let mut header = vec![Span::raw(pad(strings::breakdown_key(dimension), key_w))];
    for (label, w) in strings::BREAKDOWN_COLUMNS.iter().zip(numbers) {
        header.push(Span::raw(pad_left(label, w)));
    }
    let mut lines = vec![Line::from(header).style(t.muted())];
    if rows.is_empty() {
        lines.push(Line::styled(strings::NO_BREAKDOWN, t.muted()));
    }
    // Best and worst among the rows whose rate can be told (touches to divide by).
    let rated: Vec<&BreakdownRow> = rows.iter().filter(|r| r.touches > 0).collect();
    let best = rated.first().copied();
    let worst = if rated.len() > 1 { rated.last().copied() } else { None };
    for row in rows {
        let per_100 =
            rate(row.meetings * 100, row.touches).map_or_else(|| strings::NO_RATE.to_string(), |r| format!("{r:.1}"));
        let per_meeting = strings::rate_text(rate(row.opportunities, row.meetings));
        let change = strings::breakdown_change(row, before);
        let (mark, style) = if Some(row) == best && worst.is_some() {
            (strings::BEST_MARK, t.good())
        } else if Some(row) == worst {
            (strings::WORST_MARK, t.warn())
        } else {
            ("", Style::new())
        };
        let name = if row.key.is_empty() { strings::UNKNOWN_KEY.to_string() } else { row.key.clone() };
        lines.push(Line::from(vec![
            Span::styled(pad(&format!("{name}{mark}"), key_w), style),
            Span::raw(pad_left(&group_thousands(row.touches), numbers[0])),
            Span::raw(pad_left(&group_thousands(row.conversations), numbers[1])),
            Span::raw(pad_left(&group_thousands(row.meetings), numbers[2])),
            Span::raw(pad_left(&group_thousands(row.opportunities), numbers[3])),
            Span::styled(pad_left(&per_100, numbers[4]), style),
            Span::styled(pad_left(&change, numbers[5]), t.muted()),
            Span::raw(pad_left(&per_meeting, numbers[6])),
        ]));
    }
    if with_note {
        lines.push(Line::raw(""));
        lines.push(Line::styled(fit(strings::BREAKDOWN_NOTE, width), t.muted()));
        lines.push(Line::styled(fit(&strings::breakdown_change_note(d.previous.range), width), t.muted()));
    }
    frame.render_widget(Paragraph::new(lines), inner);
}
