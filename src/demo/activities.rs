//! Prospecting activity: the exact number of rows asked for, spread over the reps by
//! persona and over the weeks by intensity, written rep by rep in time order so the
//! `(rep_id, week, …)` index grows at its end instead of being reshuffled.

use chrono::{Datelike, Duration, NaiveDate, NaiveTime};
use rusqlite::Transaction;

use super::names::{CHANNELS, MESSAGES, PHONE, SEGMENTS};
use super::personas::{Persona, touch_channel};
use super::rng::{Rng, Stream, split};
use super::{Calendar, Context, RepPlan};
use crate::domain::activity::{ActivityKind, Outcome};
use crate::domain::dates::{iso, week_of};
use crate::domain::ids::{DealId, RepId};
use crate::store::bulk::{self, ActivityBatches, FormattedActivity, NewActivity};

const KINDS: [ActivityKind; 5] =
    [ActivityKind::Call, ActivityKind::Email, ActivityKind::Social, ActivityKind::Event, ActivityKind::Meeting];
const CALL: usize = 0;
const EMAIL: usize = 1;
const SOCIAL: usize = 2;
const EVENT: usize = 3;
const MEETING: usize = 4;

/// Monday to Sunday. Only e-mail and social happen at weekends, and rarely.
const WORKDAYS: [u32; 7] = [22, 22, 21, 20, 15, 0, 0];
const ANY_DAY: [u32; 7] = [22, 22, 21, 20, 15, 2, 1];

/// Hours 8:00 to 17:59, by kind (in `KINDS` order): calls avoid lunch, e-mail clusters
/// at the start and end of the day.
const HOURS: [[u32; 10]; 5] = [
    [5, 14, 14, 10, 3, 5, 12, 12, 10, 5],
    [12, 10, 8, 8, 6, 6, 8, 8, 10, 12],
    [6, 8, 8, 8, 10, 8, 8, 8, 8, 8],
    [0, 8, 10, 10, 8, 8, 8, 6, 4, 2],
    [2, 12, 14, 12, 4, 6, 12, 12, 10, 4],
];

/// One activity row before it is written; small and `Copy` so a week is one reused buffer.
#[derive(Debug, Clone, Copy)]
struct Row {
    day: u8,
    secs: u32,
    kind: u8,
    channel: u8,
    /// `u8::MAX` for none (weekly totals carry no segment or message).
    segment: u8,
    message: u8,
    outcome: Outcome,
    count: i64,
    deal: Option<DealId>,
    qualified: Option<bool>,
}

/// Per-rep draw tables, computed once.
struct RepTables {
    persona: Persona,
    kinds: [u32; 5],
    kinds_no_calls: [u32; 5],
    segments: [u32; 6],
    /// The segments of meetings held: the same as touches', but for a rep whose sweet
    /// segment books meetings far more often (the dashboard's "go there").
    meeting_segments: [u32; 6],
    messages: [u32; 5],
    sources: [u32; 5],
    sweet_segment: u8,
    sweet_message: u8,
}

impl RepTables {
    fn new(persona: Persona) -> RepTables {
        let (sweet_segment, sweet_message) = persona.sweet_spot();
        let mut segments = [18, 20, 16, 16, 14, 16];
        segments[sweet_segment] += 14;
        let mut messages = [20; 5];
        messages[sweet_message] += 10;
        let mut meeting_segments = segments;
        meeting_segments[sweet_segment] *= persona.sweet_segment_meetings();
        let kinds = persona.kind_weights();
        let mut kinds_no_calls = kinds;
        kinds_no_calls[CALL] = 0;
        RepTables {
            persona,
            kinds,
            kinds_no_calls,
            segments,
            meeting_segments,
            messages,
            sources: persona.source_channels(),
            sweet_segment: sweet_segment as u8,
            sweet_message: sweet_message as u8,
        }
    }
}

/// Each active week's share of the rep's rows: persona intensity, holidays, a little noise,
/// and only the elapsed working days of the current week.
fn week_weights(cal: &Calendar, rep: &RepPlan, rng: &mut Rng) -> Vec<u64> {
    let ramp_weeks = (cal.weeks - rep.join_week).max(2) as u64 - 1;
    (0..cal.weeks)
        .map(|w| {
            if w < rep.join_week {
                return 0;
            }
            let monday = cal.monday(w);
            let base = if rep.persona == Persona::Newcomer {
                150 + 250 * (w - rep.join_week) as u64 / ramp_weeks
            } else {
                rep.persona.intensity()
            };
            let sunday = monday + Duration::days(6);
            let christmas = (monday.year()..=sunday.year()).any(|y| {
                NaiveDate::from_ymd_opt(y, 12, 25).is_some_and(|d| d >= monday && d <= sunday)
                    || NaiveDate::from_ymd_opt(y, 1, 1).is_some_and(|d| d >= monday && d <= sunday)
            });
            let season = if christmas {
                30
            } else if monday.month() == 8 {
                60
            } else {
                100
            };
            let elapsed = if sunday > cal.today { cal.days_elapsed(monday).min(5) as u64 } else { 5 };
            base * season * rng.range(85, 115) as u64 * elapsed / 5
        })
        .collect()
}

/// Writes exactly `total` activity rows; returns how many were written. The rows go in
/// through the bulk writer, which keeps the daily totals itself rather than by trigger.
pub fn write(tx: &Transaction<'_>, ctx: &Context<'_>, total: u64) -> rusqlite::Result<u64> {
    bulk::bulk_activities(tx, |out| write_rows(out, ctx, total))
}

fn write_rows(out: &mut ActivityBatches<'_, '_>, ctx: &Context<'_>, total: u64) -> rusqlite::Result<u64> {
    let Context { cal, reps, rep_ids, deals, deal_ids, seed, .. } = *ctx;
    let mut rngs: Vec<Rng> = reps.iter().map(|r| Rng::new(seed, Stream::Activities, r.index as u64)).collect();
    let weights: Vec<Vec<u64>> = reps.iter().zip(&mut rngs).map(|(rep, rng)| week_weights(cal, rep, rng)).collect();
    let per_rep = split(total, &weights.iter().map(|w| w.iter().sum()).collect::<Vec<u64>>());

    let mut written = 0;
    let mut rows: Vec<Row> = Vec::with_capacity(256);
    let mut pending: Vec<(NaiveDate, Row)> = Vec::with_capacity(BATCH + 256);
    let mut text = Texts::default();
    for (r, rep) in reps.iter().enumerate() {
        let rng = &mut rngs[r];
        let tables = RepTables::new(rep.persona);
        // Opportunities are counted from deals: each deal created inside the activity span
        // gets its meeting row, on its creation day, within the rep's share of rows.
        let mut opportunities: Vec<usize> =
            ctx.deals_by_rep[r].iter().copied().filter(|&i| deals[i].created_on() >= cal.start).collect();
        opportunities.truncate(per_rep[r] as usize);
        let fill = split(per_rep[r] - opportunities.len() as u64, &weights[r]);
        let mut next_opportunity = 0;

        for (w, &fill_count) in fill.iter().enumerate() {
            let monday = cal.monday(w);
            let days_open = cal.days_elapsed(monday).min(7) as usize;
            rows.clear();
            while let Some(&i) = opportunities.get(next_opportunity) {
                let deal = &deals[i];
                let day = (deal.created_on() - monday).num_days();
                if day >= 7 {
                    break;
                }
                rows.push(Row {
                    day: day as u8,
                    secs: (rng.range(9, 16) * 3600 + rng.range(0, 1) * 1800) as u32,
                    kind: MEETING as u8,
                    channel: deal.channel as u8,
                    segment: deal.segment as u8,
                    message: deal.message as u8,
                    outcome: Outcome::Opportunity,
                    count: 1,
                    deal: Some(deal_ids[i]),
                    qualified: Some(true),
                });
                next_opportunity += 1;
            }

            let mut fill_count = fill_count;
            // The average rep logs some weeks' calls as two totals on Friday evening.
            let totals_week = rep.persona == Persona::Average && w % 4 == 1 && days_open == 7 && fill_count >= 2;
            if totals_week {
                let friday_evening = 17 * 3600 + 30 * 60;
                for (outcome, lo, hi) in [(Outcome::None, 28, 45), (Outcome::Conversation, 4, 9)] {
                    rows.push(Row {
                        day: 4,
                        secs: friday_evening,
                        kind: CALL as u8,
                        channel: PHONE as u8,
                        segment: u8::MAX,
                        message: u8::MAX,
                        outcome,
                        count: rng.range(lo, hi),
                        deal: None,
                        qualified: None,
                    });
                }
                fill_count -= 2;
            }
            let kinds = if totals_week { &tables.kinds_no_calls } else { &tables.kinds };
            for _ in 0..fill_count {
                rows.push(fill_row(rng, &tables, kinds, days_open));
            }

            rows.sort_by_key(|row| (row.day, row.secs));
            for row in &rows {
                pending.push((monday + Duration::days(i64::from(row.day)), *row));
            }
            if pending.len() >= BATCH {
                text.flush(out, rep_ids[r], &mut pending)?;
            }
            written += rows.len() as u64;
        }
        text.flush(out, rep_ids[r], &mut pending)?;
    }
    Ok(written)
}

/// Rows written per batch: large enough for multi-row inserts, small enough that a
/// single rep with millions of rows never sits in memory at once.
const BATCH: usize = 4096;
/// Length of `2026-11-27T14:05:09`.
const STAMP_LEN: usize = 19;

/// The text columns of a batch, formatted once per day and per week rather than per row:
/// chrono's formatter per row cost more than SQLite's insert of it.
#[derive(Default)]
struct Texts {
    stamps: String,
    weeks: Vec<String>,
    row_week: Vec<usize>,
}

impl Texts {
    fn flush(
        &mut self,
        out: &mut ActivityBatches<'_, '_>,
        rep: RepId,
        pending: &mut Vec<(NaiveDate, Row)>,
    ) -> rusqlite::Result<()> {
        self.stamps.clear();
        self.weeks.clear();
        self.row_week.clear();
        let mut current: Option<(NaiveDate, String)> = None;
        for &(day, row) in pending.iter() {
            let day_text = match &current {
                Some((d, text)) if *d == day => text,
                _ => {
                    let monday = iso(week_of(day));
                    if self.weeks.last() != Some(&monday) {
                        self.weeks.push(monday);
                    }
                    &current.insert((day, iso(day))).1
                }
            };
            push_timestamp(&mut self.stamps, day_text, row.secs);
            self.row_week.push(self.weeks.len() - 1);
        }
        let batch: Vec<FormattedActivity<'_>> = pending
            .iter()
            .enumerate()
            .map(|(k, &(day, row))| {
                let time = NaiveTime::from_num_seconds_from_midnight_opt(row.secs, 0).unwrap_or_default();
                FormattedActivity {
                    activity: NewActivity {
                        rep,
                        occurred_at: day.and_time(time),
                        kind: KINDS[usize::from(row.kind)],
                        channel: Some(CHANNELS[usize::from(row.channel)]),
                        segment: SEGMENTS.get(usize::from(row.segment)).copied(),
                        message: MESSAGES.get(usize::from(row.message)).copied(),
                        outcome: row.outcome,
                        count: row.count,
                        deal: row.deal,
                        qualified: row.qualified,
                    },
                    occurred_at: &self.stamps[k * STAMP_LEN..(k + 1) * STAMP_LEN],
                    week: &self.weeks[self.row_week[k]],
                    external_id: None,
                }
            })
            .collect();
        out.insert(&batch)?;
        pending.clear();
        Ok(())
    }
}

/// Appends `2026-11-27T14:05:09`.
fn push_timestamp(buf: &mut String, day: &str, secs: u32) {
    fn two(buf: &mut String, value: u32) {
        buf.push(char::from(b'0' + (value / 10 % 10) as u8));
        buf.push(char::from(b'0' + (value % 10) as u8));
    }
    buf.push_str(day);
    buf.push('T');
    two(buf, secs / 3600);
    buf.push(':');
    two(buf, secs / 60 % 60);
    buf.push(':');
    two(buf, secs % 60);
}

fn fill_row(rng: &mut Rng, t: &RepTables, kinds: &[u32; 5], days_open: usize) -> Row {
    let kind = rng.weighted(kinds);
    let days = if matches!(kind, EMAIL | SOCIAL) { &ANY_DAY } else { &WORKDAYS };
    let mut day = rng.weighted(&days[..days_open]);
    let mut hour = 8 + rng.weighted(&HOURS[kind]);
    // Week organisation, the thing the prospecting review looks at: the strong performer
    // blocks Tuesday and Thursday mornings for calls, the misser leaves them to Friday afternoon.
    if kind == CALL {
        match t.persona {
            Persona::Strong if rng.chance(0.55) => {
                let block = if rng.chance(0.5) { 1 } else { 3 };
                if block < days_open {
                    day = block;
                    hour = 9 + rng.index(2);
                }
            }
            Persona::Misser if days_open > 4 && rng.chance(0.75) => {
                day = 4;
                hour = 13 + rng.index(5);
            }
            _ => {}
        }
    }
    let secs = if kind == MEETING {
        hour * 3600 + rng.index(2) * 1800
    } else {
        hour * 3600 + rng.index(60) * 60 + rng.index(60)
    };
    let segment = rng.weighted(if kind == MEETING { &t.meeting_segments } else { &t.segments }) as u8;
    let message = rng.weighted(&t.messages) as u8;
    let sweet = f64::from(u8::from(segment == t.sweet_segment)) + f64::from(u8::from(message == t.sweet_message));

    let mut row = Row {
        day: day as u8,
        secs: secs as u32,
        kind: kind as u8,
        channel: touch_channel(kind) as u8,
        segment,
        message,
        outcome: Outcome::None,
        count: 1,
        deal: None,
        qualified: None,
    };
    if kind == MEETING {
        row.channel = rng.weighted(&t.sources) as u8;
        if !rng.chance(0.12) {
            let q = (t.persona.qualified_rate() * (1.0 + 0.25 * sweet)).min(0.95);
            row.qualified = Some(rng.chance(q));
        }
    } else {
        let (mut conversation, mut booking) = (t.persona.conversation_rate(), t.persona.booking_rate());
        match kind {
            EVENT => {
                conversation *= 2.5;
                booking *= 1.5;
            }
            EMAIL => conversation *= 0.7,
            _ => {}
        }
        conversation *= 1.0 + 0.5 * sweet;
        booking *= 1.0 + 0.8 * sweet;
        let roll = rng.unit();
        row.outcome = if roll < booking {
            Outcome::Meeting
        } else if roll < booking + conversation {
            Outcome::Conversation
        } else {
            Outcome::None
        };
        // Drawn like the others (the rest of the rows stay as they were), then ignored: a
        // channel the rep keeps working with no answer at all.
        if t.persona.silent_touch_kind() == Some(kind) {
            row.outcome = Outcome::None;
        }
    }
    row
}
