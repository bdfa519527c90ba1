//! The dashboard as one JSON document. Stable: every field is described in
//! `docs/report.md`; a change that removes or renames a field bumps `format_version`.
//! Money is in minor units with the document's `currency`, rates are fractions (or null
//! when there is nothing to divide by), dates are ISO `YYYY-MM-DD`.

use chrono::NaiveDate;
use serde::Serialize;
use serde_json::{Map, Value, json};

use super::{Loaded, alert_text, length_word, period_word};
use crate::dashboard::{BreakdownRow, Dashboard, Previous, Scope};
use crate::domain::alerts::Alert;
use crate::domain::blocks::format_blocks;
use crate::domain::dates::iso;
use crate::domain::metrics::{Funnel, Volume};
use crate::domain::prospecting::same_key;
use crate::domain::text::json_inert;
use crate::wording as strings;

/// Bumped when a field is removed or changes meaning; adding a field does not bump it.
pub const FORMAT_VERSION: u32 = 1;

pub fn render(loaded: &Loaded, today: NaiveDate) -> String {
    let text = serde_json::to_string_pretty(&document(loaded, today)).unwrap_or_else(|_| "{}".to_string());
    let mut text = json_inert(&text).into_owned();
    text.push('\n');
    text
}

/// The document as a JSON value (tests read it back).
pub fn document(loaded: &Loaded, today: NaiveDate) -> Value {
    let (d, scope, reps) = match loaded {
        Loaded::Rep { name, dashboard } => {
            let rep = match dashboard.scope {
                Scope::Rep(id) => id.0,
                Scope::Team => 0,
            };
            (dashboard, json!({ "kind": "rep", "rep_id": rep, "rep": name }), Value::Null)
        }
        Loaded::Team(team) => {
            let reps: Vec<Value> = team
                .reps
                .iter()
                .map(|line| {
                    let weeks = team.team.range.weeks();
                    let volumes: Vec<Value> = line.volumes.iter().map(|v| volume(v, weeks, &line.previous)).collect();
                    json!({
                        "rep_id": line.rep.0,
                        "name": line.name,
                        "funnel": funnel(&line.funnel),
                        "volumes": volumes,
                        "previous_funnel": funnel(&line.previous.funnel),
                        "alerts": line.alerts.iter().map(|a| alert(a, &team.team)).collect::<Vec<_>>(),
                    })
                })
                .collect();
            (&team.team, json!({ "kind": "team", "reps": team.reps.len() }), Value::Array(reps))
        }
    };
    let range = d.range;
    let mut doc = Map::new();
    doc.insert("report".into(), json!("dashboard"));
    doc.insert("format_version".into(), json!(FORMAT_VERSION));
    doc.insert("today".into(), json!(iso(today)));
    doc.insert("scope".into(), scope);
    doc.insert(
        "period".into(),
        json!({
            "preset": d.period().and_then(period_word),
            "name": d.period().map(|p| strings::period_name(p, range)),
            "from": iso(range.from),
            "to": iso(range.to),
            "days": range.days(),
            "weeks": range.weeks(),
            "length": d.period().map(|p| length_word(p.length)),
            "back": d.period().map(|p| p.back),
            "label": strings::period_label(d.period(), range),
        }),
    );
    let previous = &d.previous;
    doc.insert(
        "previous".into(),
        json!({
            "from": iso(previous.range.from),
            "to": iso(previous.range.to),
            "days": previous.range.days(),
            "label": strings::days_of(previous.range),
            "funnel": funnel(&previous.funnel),
        }),
    );
    doc.insert("currency".into(), json!(d.currency));
    doc.insert("funnel".into(), funnel(&d.funnel));
    doc.insert("team_funnel".into(), d.team_funnel.as_ref().map_or(Value::Null, funnel));
    doc.insert(
        "volumes".into(),
        Value::Array(d.volumes.iter().map(|v| volume(v, range.weeks(), &d.previous)).collect()),
    );
    doc.insert(
        "qualified".into(),
        json!({
            "real_chance": d.qualified.real_chance,
            "no_real_chance": d.qualified.no_real_chance,
            "not_assessed": d.qualified.not_assessed,
            "real_chance_rate": d.qualified.real_chance_rate(),
        }),
    );
    for (name, (rows, before)) in ["by_channel", "by_message", "by_segment"].into_iter().zip(d.breakdowns()) {
        doc.insert(
            name.into(),
            Value::Array(rows.iter().map(|row| breakdown(row, same_key(before, &row.key))).collect()),
        );
    }
    doc.insert(
        "heatmap".into(),
        json!({
            "touches": d.heatmap.touches,
            "untimed": d.heatmap.untimed,
            "weekday_totals": (0..7).map(|w| d.heatmap.weekday_total(w)).collect::<Vec<_>>(),
        }),
    );
    doc.insert(
        "blocks".into(),
        json!(
            d.blocks
                .iter()
                .map(|b| json!({ "weekday": b.weekday, "start_hour": b.start, "end_hour": b.end }))
                .collect::<Vec<_>>()
        ),
    );
    doc.insert("blocks_text".into(), json!(format_blocks(&d.blocks)));
    doc.insert("in_blocks".into(), json!(d.in_blocks));
    doc.insert("trends".into(), trends(d));
    doc.insert("alerts".into(), Value::Array(d.alerts.iter().map(|a| alert(a, d)).collect()));
    doc.insert("reps".into(), reps);
    Value::Object(doc)
}

#[derive(Serialize)]
struct FunnelJson {
    touches: i64,
    conversations: i64,
    meetings: i64,
    opportunities: i64,
    pipeline_minor: i64,
    conversation_rate: Option<f64>,
    meeting_rate: Option<f64>,
    opportunity_rate: Option<f64>,
}

fn funnel(f: &Funnel) -> Value {
    json!(FunnelJson {
        touches: f.touches,
        conversations: f.conversations,
        meetings: f.meetings,
        opportunities: f.opportunities,
        pipeline_minor: f.pipeline_minor,
        conversation_rate: f.conversation_rate(),
        meeting_rate: f.meeting_rate(),
        opportunity_rate: f.opportunity_rate(),
    })
}

/// A volume; `target` is for the whole period (each day's weekly target / 7, summed, as
/// printed), `target_per_week` the weekly target it came from (on average, when it changed
/// during the period); `previous_done` what was done in the previous period, `change` the
/// difference.
fn volume(v: &Volume, weeks: f64, previous: &Previous) -> Value {
    let before = previous.done(v.kind);
    json!({
        "kind": v.kind.as_str(),
        "done": v.done,
        "target": v.target,
        "target_per_week": v.target_per_week(weeks).map(|t| t as i64),
        "progress": v.progress(),
        "previous_done": before,
        "change": v.done - before,
    })
}

/// A breakdown row, with the same key's figures over the days compared with (`null` when it
/// had no activity then).
fn breakdown(row: &BreakdownRow, before: Option<&BreakdownRow>) -> Value {
    json!({
        "key": (!row.key.is_empty()).then_some(row.key.as_str()),
        "touches": row.touches,
        "conversations": row.conversations,
        "booked": row.booked,
        "meetings": row.meetings,
        "opportunities": row.opportunities,
        "meetings_per_touch": row.meetings_per_touch(),
        "opportunities_per_meeting": row.opportunities_per_meeting(),
        "previous": before.map(|b| json!({
            "touches": b.touches,
            "meetings": b.meetings,
            "opportunities": b.opportunities,
            "meetings_per_touch": b.meetings_per_touch(),
        })),
    })
}

fn trends(d: &Dashboard) -> Value {
    let t = &d.trends;
    Value::Array(
        (0..t.weeks.len())
            .map(|i| {
                json!({
                    "week": iso(t.weeks[i]),
                    "touches": t.touches[i],
                    "meetings": t.meetings[i],
                    "opportunities": t.opportunities[i],
                    "pipeline_minor": t.pipeline_minor[i],
                })
            })
            .collect(),
    )
}

/// An alert: its rule (`code`), the pane's sentence (`text`) and the figures behind it.
fn alert(a: &Alert, d: &Dashboard) -> Value {
    let figures = match a {
        Alert::NoActivity => json!({}),
        Alert::MeetingsWithoutOpportunities { meetings, opportunities } => {
            json!({ "meetings": meetings, "opportunities": opportunities })
        }
        Alert::PipelineUnderTarget { weeks, created_minor, target_minor } => {
            json!({ "weeks": weeks, "created_minor": created_minor, "target_minor": target_minor })
        }
        Alert::ChannelWithoutResult { channel, touches } => json!({ "channel": channel, "touches": touches }),
        Alert::Bunched { kind, weekday, afternoon, count, total } => json!({
            "kind": kind.as_str(),
            "weekday": weekday,
            "afternoon": afternoon,
            "count": count,
            "total": total,
        }),
        Alert::UnderTarget { kind, done, target } => json!({ "kind": kind.as_str(), "done": done, "target": target }),
        Alert::SegmentFarAbove { segment, meetings, touches, others_meetings, others_touches } => json!({
            "segment": segment,
            "meetings": meetings,
            "touches": touches,
            "others_meetings": others_meetings,
            "others_touches": others_touches,
        }),
    };
    let mut out = Map::new();
    out.insert("code".into(), json!(a.code()));
    out.insert("text".into(), json!(alert_text(a, d)));
    if let Value::Object(fields) = figures {
        out.extend(fields);
    }
    Value::Object(out)
}
