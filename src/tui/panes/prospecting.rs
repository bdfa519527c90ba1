//! The prospecting dashboard: volume against target, the funnel, and what stands out.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph, Wrap};

use crate::dashboard::Dashboard;
use crate::domain::metrics::{Funnel, Volume};
use crate::domain::money::{format_amount, group_thousands};
use crate::tui::app::App;
use crate::tui::keys::{self, Command};
use crate::tui::strings;
use crate::tui::theme::Theme;
use crate::tui::widgets::{bar, pad, pad_left};

pub fn render(app: &App, frame: &mut Frame, area: Rect) {
    let t = app.theme;
    let Some(view) = &app.view else {
        frame.render_widget(Paragraph::new(strings::LOADING).style(t.muted()), area);
        return;
    };
    let d = &view.dashboard;
    let top_height = (d.volumes.len() as u16 + 3).max(10).min(area.height.saturating_sub(4));
    let [top, bottom] = Layout::vertical([Constraint::Length(top_height), Constraint::Min(0)]).areas(area);
    let [left, right] = Layout::horizontal([Constraint::Percentage(55), Constraint::Percentage(45)]).areas(top);

    let inner_width = usize::from(left.width.saturating_sub(2));
    let mut volume_lines: Vec<Line> =
        d.volumes.iter().map(|v| volume_line(v, inner_width, &view.currency, t)).collect();
    volume_lines.push(Line::styled(strings::weeks_note(d.range.weeks()), t.muted()));
    let block = Block::bordered().title(strings::VOLUME_TITLE).title_style(t.title()).border_style(t.border());
    frame.render_widget(Paragraph::new(volume_lines).block(block), left);

    let block = Block::bordered().title(strings::FUNNEL_TITLE).title_style(t.title()).border_style(t.border());
    let funnel_width = usize::from(right.width.saturating_sub(2));
    frame.render_widget(Paragraph::new(funnel_lines(&d.funnel, funnel_width, &view.currency, t)).block(block), right);

    let block = Block::bordered().title(strings::ALERTS_TITLE).title_style(t.title()).border_style(t.border());
    frame.render_widget(
        Paragraph::new(alert_lines(d, &view.currency, t)).block(block).wrap(Wrap { trim: true }),
        bottom,
    );
}

/// "Calls         ███████░░░  220 / 296   74%", or "no target" instead of the bar.
fn volume_line(v: &Volume, width: usize, currency: &str, t: Theme) -> Line<'static> {
    const NAME: usize = 14;
    const FIGURES: usize = 15;
    const PERCENT: usize = 5;
    let name = pad(strings::target_kind_name(v.kind), NAME);
    let done = strings::volume_figure(v.kind, v.done as f64, currency);
    match (v.target, v.progress()) {
        (Some(target), Some(progress)) => {
            let figures = format!("{done} / {}", strings::volume_figure(v.kind, target, currency));
            let bar_width = width.saturating_sub(NAME + FIGURES + PERCENT + 2);
            let style =
                if progress < crate::domain::alerts::thresholds::UNDER_TARGET_SHARE { t.warn() } else { t.bar() };
            let mut spans = vec![Span::raw(name)];
            if bar_width >= 4 {
                spans.push(Span::styled(bar(progress, bar_width), style));
                spans.push(Span::raw(" "));
            }
            spans.push(Span::raw(pad_left(&figures, FIGURES)));
            spans.push(Span::styled(pad_left(&strings::percent(progress), PERCENT + 1), style));
            Line::from(spans)
        }
        _ => Line::from(vec![
            Span::raw(name),
            Span::raw(format!("{done}  ")),
            Span::styled(strings::NO_TARGET, t.muted()),
        ]),
    }
}

fn funnel_lines(f: &Funnel, width: usize, currency: &str, t: Theme) -> Vec<Line<'static>> {
    let label_width = width.saturating_sub(10).min(18);
    let step = |label: &str, value: String| {
        Line::from(vec![Span::raw(pad(label, label_width)), Span::styled(pad_left(&value, 9), t.title())])
    };
    let rate = |share: Option<f64>, of: &str| {
        let text = share.map_or_else(|| strings::NO_RATE.to_string(), strings::percent);
        Line::from(vec![Span::styled(format!("  ↓ {text} "), t.title()), Span::styled(of.to_string(), t.muted())])
    };
    vec![
        step(strings::FUNNEL_TOUCHES, group_thousands(f.touches)),
        rate(f.conversation_rate(), strings::OF_TOUCHES),
        step(strings::FUNNEL_CONVERSATIONS, group_thousands(f.conversations)),
        rate(f.meeting_rate(), strings::OF_CONVERSATIONS),
        step(strings::FUNNEL_MEETINGS, group_thousands(f.meetings)),
        rate(f.opportunity_rate(), strings::OF_MEETINGS),
        step(strings::FUNNEL_OPPORTUNITIES, group_thousands(f.opportunities)),
        step(strings::FUNNEL_PIPELINE, format_amount(f.pipeline_minor, currency)),
    ]
}

fn alert_lines(d: &Dashboard, currency: &str, t: Theme) -> Vec<Line<'static>> {
    if d.alerts.is_empty() {
        let key = keys::key_for(Command::ShowChallenge).unwrap_or_default();
        return vec![Line::styled(strings::no_alerts(&key), t.good())];
    }
    d.alerts
        .iter()
        .map(|a| {
            Line::from(vec![
                Span::styled("! ", t.warn()),
                Span::raw(strings::alert_text(a, d.period().unwrap_or_default(), currency)),
            ])
        })
        .collect()
}
