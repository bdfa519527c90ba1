//! The dashboard as aligned plain text, for a terminal or an email: the pane's sections, in
//! its words (`wording`) where it has them. Text from the data passes through the
//! sanitiser, as on screen.

use std::fmt::Write as _;

use chrono::NaiveDate;
use unicode_width::UnicodeWidthStr;

use super::{Loaded, alert_text};
use crate::dashboard::{BreakdownRow, Dashboard, Scope, TeamDashboard};
use crate::domain::blocks::format_blocks;
use crate::domain::metrics::{Funnel, TargetKind};
use crate::domain::money::{format_amount, format_compact, group_thousands};
use crate::domain::text::one_line;
use crate::wording as strings;

const TITLE: &str = "Prospecting dashboard";
const TEAM: &str = "Team";
const QUALIFIED_TITLE: &str = "Meetings held, by real chance";
const BY_CHANNEL: &str = "By channel";
const BY_MESSAGE: &str = "By message / campaign";
const BY_SEGMENT: &str = "By segment";
const BREAKDOWN_ORDER: &str = "best first: meetings per 100 touches; fewer than 10 touches last";
const NOT_SAID: &str = "(not said)";
const NO_ROWS: &str = "No activity in the period.";
const WEEK_TITLE: &str = "How the week is organised: touches by day and hour";
const NO_TIMED: &str = "No touch with a time of day in the period.";
const TRENDS_TITLE: &str = "12-week trends";
const ALERTS_TITLE: &str = "What stands out";
const NO_ALERTS: &str = "Nothing alarming in the figures.";
const REPS_TITLE: &str = "Reps";
const REP_ALERTS_TITLE: &str = "What stands out, rep by rep";
const DAYS: [&str; 7] = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];
/// The column of the changes against the previous period (the header says which days).
const CHANGE: &str = "change";

pub fn render(loaded: &Loaded, today: NaiveDate) -> String {
    let mut out = String::new();
    match loaded {
        Loaded::Rep { name, dashboard } => {
            header(&mut out, &one_line(name), dashboard, today);
            body(&mut out, dashboard, &one_line(name));
        }
        Loaded::Team(team) => {
            let who =
                format!("{TEAM} ({} active {})", team.reps.len(), if team.reps.len() == 1 { "rep" } else { "reps" });
            header(&mut out, &who, &team.team, today);
            body(&mut out, &team.team, TEAM);
            reps(&mut out, team);
        }
    }
    out
}

fn header(out: &mut String, who: &str, d: &Dashboard, today: NaiveDate) {
    let period = strings::period_label(d.period(), d.range);
    let _ = writeln!(out, "{TITLE} — {who}");
    let _ = writeln!(out, "{period} (as of {})", strings::short_date_year(today));
    let _ = writeln!(out, "{}", strings::compared_with(d.previous.range));
}

fn body(out: &mut String, d: &Dashboard, who: &str) {
    volumes(out, d);
    funnel(out, d, who);
    qualified(out, d);
    let sections = [(BY_CHANNEL, "channel"), (BY_MESSAGE, "message"), (BY_SEGMENT, "segment")];
    for ((title, what), (rows, before)) in sections.into_iter().zip(d.breakdowns()) {
        breakdown(out, title, what, rows, before);
    }
    week(out, d);
    trends(out, d);
    section(out, ALERTS_TITLE);
    if d.alerts.is_empty() {
        let _ = writeln!(out, "  {NO_ALERTS}");
    }
    for alert in &d.alerts {
        let _ = writeln!(out, "  ! {}", alert_text(alert, d));
    }
}

fn section(out: &mut String, title: &str) {
    let _ = writeln!(out, "\n{title}");
}

fn volumes(out: &mut String, d: &Dashboard) {
    section(out, strings::VOLUME_TITLE.trim());
    let mut rows = vec![vec![String::new(), "done".into(), "target".into(), "progress".into(), CHANGE.into()]];
    for v in &d.volumes {
        let name = strings::target_kind_name(v.kind).to_string();
        let done = strings::volume_figure(v.kind, v.done as f64, &d.currency);
        let (target, progress) = match (v.target, v.progress()) {
            (Some(target), Some(progress)) => {
                (strings::volume_figure(v.kind, target, &d.currency), strings::percent(progress))
            }
            (Some(target), None) => (strings::volume_figure(v.kind, target, &d.currency), String::new()),
            _ => (strings::NO_TARGET.to_string(), String::new()),
        };
        let delta = v.done - d.previous.done(v.kind);
        let change = match v.kind {
            TargetKind::Pipeline => strings::amount_change(delta, &d.currency),
            _ => strings::change(delta),
        };
        rows.push(vec![name, done, target, progress, change]);
    }
    table(out, &rows, &[false, true, true, true, true]);
    let _ = writeln!(out, "  {}", strings::weeks_note(d.range.weeks()));
}

fn funnel(out: &mut String, d: &Dashboard, who: &str) {
    section(out, strings::FUNNEL_TITLE.trim());
    let team = d.team_funnel.as_ref();
    let mut header = vec![String::new(), who.to_string(), CHANGE.to_string()];
    if team.is_some() {
        header.push(TEAM.to_string());
    }
    let mut rows = vec![header];
    let (f, before) = (&d.funnel, &d.previous.funnel);
    let count = |f: &Funnel, pick: fn(&Funnel) -> i64| group_thousands(pick(f));
    let count_change = |pick: fn(&Funnel) -> i64| strings::change(pick(f) - pick(before));
    let rate = strings::rate_text;
    let rate_change =
        |pick: fn(&Funnel) -> Option<f64>| strings::rate_change(pick(f), pick(before)).unwrap_or_default();
    let mut push = |label: String, rep: String, change: String, team: Option<String>| {
        let mut row = vec![label, rep, change];
        row.extend(team);
        rows.push(row);
    };
    push(
        strings::FUNNEL_TOUCHES.into(),
        count(f, |f| f.touches),
        count_change(|f| f.touches),
        team.map(|t| count(t, |f| f.touches)),
    );
    push(
        format!("  ↓ {}", strings::OF_TOUCHES),
        rate(f.conversation_rate()),
        rate_change(Funnel::conversation_rate),
        team.map(|t| rate(t.conversation_rate())),
    );
    push(
        strings::FUNNEL_CONVERSATIONS.into(),
        count(f, |f| f.conversations),
        count_change(|f| f.conversations),
        team.map(|t| count(t, |f| f.conversations)),
    );
    push(
        format!("  ↓ {}", strings::OF_CONVERSATIONS),
        rate(f.meeting_rate()),
        rate_change(Funnel::meeting_rate),
        team.map(|t| rate(t.meeting_rate())),
    );
    push(
        strings::FUNNEL_MEETINGS.into(),
        count(f, |f| f.meetings),
        count_change(|f| f.meetings),
        team.map(|t| count(t, |f| f.meetings)),
    );
    push(
        format!("  ↓ {}", strings::OF_MEETINGS),
        rate(f.opportunity_rate()),
        rate_change(Funnel::opportunity_rate),
        team.map(|t| rate(t.opportunity_rate())),
    );
    push(
        strings::FUNNEL_OPPORTUNITIES.into(),
        count(f, |f| f.opportunities),
        count_change(|f| f.opportunities),
        team.map(|t| count(t, |f| f.opportunities)),
    );
    push(
        strings::FUNNEL_PIPELINE.into(),
        format_amount(f.pipeline_minor, &d.currency),
        strings::amount_change(f.pipeline_minor - before.pipeline_minor, &d.currency),
        team.map(|t| format_amount(t.pipeline_minor, &d.currency)),
    );
    table(out, &rows, &[false, true, true, true]);
}

fn qualified(out: &mut String, d: &Dashboard) {
    section(out, QUALIFIED_TITLE);
    let q = &d.qualified;
    let share = q
        .real_chance_rate()
        .map_or_else(String::new, |r| format!(" — {} of the meetings assessed had a real chance", strings::percent(r)));
    let _ = writeln!(
        out,
        "  {} real chance, {} no real chance, {} not assessed{share}",
        group_thousands(q.real_chance),
        group_thousands(q.no_real_chance),
        group_thousands(q.not_assessed)
    );
}

/// A breakdown table; `change` is the meetings per 100 touches against the same key's in
/// `before`, the days compared with.
fn breakdown(out: &mut String, title: &str, what: &str, rows: &[BreakdownRow], before: &[BreakdownRow]) {
    section(out, &format!("{title} ({BREAKDOWN_ORDER})"));
    if rows.is_empty() {
        let _ = writeln!(out, "  {NO_ROWS}");
        return;
    }
    let mut table_rows = vec![
        [what, "touches", "conv.", "booked", "meetings", "opps", "meetings/100 touches", "change", "opps/meeting"]
            .map(str::to_string)
            .to_vec(),
    ];
    for row in rows {
        let key = if row.key.trim().is_empty() { NOT_SAID.to_string() } else { one_line(&row.key).into_owned() };
        table_rows.push(vec![
            key,
            group_thousands(row.touches),
            group_thousands(row.conversations),
            group_thousands(row.booked),
            group_thousands(row.meetings),
            group_thousands(row.opportunities),
            row.meetings_per_100_touches().map_or_else(|| strings::NO_RATE.to_string(), |r| format!("{r:.1}")),
            strings::breakdown_change(row, before),
            strings::rate_text(row.opportunities_per_meeting()),
        ]);
    }
    table(out, &table_rows, &[false, true, true, true, true, true, true, true, true]);
}

fn week(out: &mut String, d: &Dashboard) {
    section(out, WEEK_TITLE);
    let h = &d.heatmap;
    let hours: Vec<usize> = (0..24).filter(|&hour| (0..7).any(|day| h.touches[day][hour] > 0)).collect();
    if let (Some(&first), Some(&last)) = (hours.first(), hours.last()) {
        let mut rows = vec![
            std::iter::once(String::new())
                .chain((first..=last).map(|hour| format!("{hour}h")))
                .chain(["no time".to_string(), "total".to_string()])
                .collect::<Vec<_>>(),
        ];
        for (day, name) in DAYS.iter().enumerate() {
            let mut row = vec![(*name).to_string()];
            row.extend((first..=last).map(|hour| match h.touches[day][hour] {
                0 => ".".to_string(),
                n => group_thousands(n),
            }));
            row.push(match h.untimed[day] {
                0 => ".".to_string(),
                n => group_thousands(n),
            });
            row.push(group_thousands(h.weekday_total(day)));
            rows.push(row);
        }
        let right: Vec<bool> = (0..rows[0].len()).map(|i| i > 0).collect();
        table(out, &rows, &right);
    } else {
        let _ = writeln!(out, "  {NO_TIMED}");
    }
    // Blocks are each rep's own: the team has none to show.
    if matches!(d.scope, Scope::Rep(_)) {
        let blocks = format_blocks(&d.blocks);
        let line = match (blocks.is_empty(), d.in_blocks) {
            (true, _) => "Planned blocks: none".to_string(),
            (false, Some(share)) => format!(
                "Planned blocks: {blocks} — {} of the touches with a time of day made in them",
                strings::percent(share)
            ),
            (false, None) => format!("Planned blocks: {blocks}"),
        };
        let _ = writeln!(out, "  {line}");
    }
}

fn trends(out: &mut String, d: &Dashboard) {
    section(out, TRENDS_TITLE);
    let t = &d.trends;
    let mut rows = vec![["week of", "touches", "meetings", "opportunities", "pipeline"].map(str::to_string).to_vec()];
    for (i, monday) in t.weeks.iter().enumerate() {
        rows.push(vec![
            strings::short_date_year(*monday),
            group_thousands(t.touches[i]),
            group_thousands(t.meetings[i]),
            group_thousands(t.opportunities[i]),
            format_compact(t.pipeline_minor[i], &d.currency),
        ]);
    }
    table(out, &rows, &[false, true, true, true, true]);
}

fn reps(out: &mut String, team: &TeamDashboard) {
    let currency = &team.team.currency;
    section(out, REPS_TITLE);
    // Each count beside its change against the days compared with.
    let mut rows = vec![
        ["", "touches", "change", "conv.", "meetings", "change", "opps", "change", "pipeline", "change", "alerts"]
            .map(str::to_string)
            .to_vec(),
    ];
    for line in &team.reps {
        let (f, before) = (&line.funnel, &line.previous.funnel);
        rows.push(vec![
            one_line(&line.name).into_owned(),
            group_thousands(f.touches),
            strings::change(f.touches - before.touches),
            group_thousands(f.conversations),
            group_thousands(f.meetings),
            strings::change(f.meetings - before.meetings),
            group_thousands(f.opportunities),
            strings::change(f.opportunities - before.opportunities),
            format_compact(f.pipeline_minor, currency),
            strings::amount_change(f.pipeline_minor - before.pipeline_minor, currency),
            line.alerts.len().to_string(),
        ]);
    }
    let mut right = [true; 11];
    right[0] = false;
    table(out, &rows, &right);
    section(out, REP_ALERTS_TITLE);
    for line in &team.reps {
        let _ = writeln!(out, "  {}", one_line(&line.name));
        if line.alerts.is_empty() {
            let _ = writeln!(out, "    {NO_ALERTS}");
        }
        for alert in &line.alerts {
            let _ = writeln!(out, "    ! {}", alert_text(alert, &team.team));
        }
    }
}

/// Prints rows as columns two spaces apart, indented by two; `right[i]` right-aligns column i.
fn table(out: &mut String, rows: &[Vec<String>], right: &[bool]) {
    let columns = rows.iter().map(Vec::len).max().unwrap_or(0);
    let widths: Vec<usize> =
        (0..columns).map(|c| rows.iter().filter_map(|r| r.get(c)).map(|s| s.width()).max().unwrap_or(0)).collect();
    for row in rows {
        let mut line = String::from(" ");
        for (c, cell) in row.iter().enumerate() {
            let pad = " ".repeat(widths[c] - cell.width());
            line.push(' ');
            if right.get(c).copied().unwrap_or(false) {
                line.push_str(&pad);
                line.push_str(cell);
            } else {
                line.push_str(cell);
                line.push_str(&pad);
            }
            if c + 1 < row.len() {
                line.push(' ');
            }
        }
        let _ = writeln!(out, "{}", line.trim_end());
    }
}
