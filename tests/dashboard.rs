//! The prospecting dashboard on small hand-built databases whose right answers are known by
//! hand (every figure of `dashboard::load` and `load_team`, zero denominators, empty periods,
//! a rep with no target, an inactive rep), the pane's writes, the daily totals kept by
//! triggers, the query plans, and the demo's stories as the dashboard tells them.

mod fixtures;

use chrono::{NaiveDate, NaiveDateTime, NaiveTime};
use fixtures::{d, new_deal};
use rusqlite::Connection;
use sparring::dashboard::{self, Block, Compared, Dashboard, Scope, Span};
use sparring::demo::{DemoParams, generate};
use sparring::domain::activity::{ActivityKind, Outcome};
use sparring::domain::alerts::Alert;
use sparring::domain::blocks::parse_blocks;
use sparring::domain::ids::RepId;
use sparring::domain::metrics::{Funnel, Target, TargetKind};
use sparring::domain::period::{DateRange, Period};
use sparring::domain::prospecting::same_key;
use sparring::script::Script;
use sparring::store::bulk::{self, NewActivity, NewDeal, NewRep};
use sparring::store::prospecting::ActivityInput;
use sparring::store::{Store, StoreError};
use sparring::wording::per_100_change;

use ActivityKind::{Call, Email, Meeting};

fn at(day: NaiveDate, h: u32, m: u32) -> NaiveDateTime {
    day.and_time(NaiveTime::from_hms_opt(h, m, 0).unwrap())
}

/// Friday 27 November 2026: the last 4 weeks are 2 to 27 November (3.714 weeks).
fn today() -> NaiveDate {
    d(2026, 11, 27)
}

const FOUR_WEEKS: Span = Span::Preset(Period::LAST_4_WEEKS);

struct Team {
    _dir: tempfile::TempDir,
    path: std::path::PathBuf,
    store: Store,
    ada: RepId,
    bob: RepId,
    cleo: RepId,
}

#[derive(Clone, Copy)]
struct Act {
    at: NaiveDateTime,
    kind: ActivityKind,
    outcome: Outcome,
    count: i64,
    channel: Option<&'static str>,
    segment: Option<&'static str>,
    message: Option<&'static str>,
    qualified: Option<bool>,
}

fn act(at: NaiveDateTime, kind: ActivityKind, channel: &'static str, segment: &'static str) -> Act {
    Act {
        at,
        kind,
        outcome: Outcome::None,
        count: 1,
        channel: Some(channel),
        segment: Some(segment),
        message: Some("m1"),
        qualified: None,
    }
}

fn insert(tx: &rusqlite::Transaction<'_>, rep: RepId, a: Act, times: usize) -> rusqlite::Result<()> {
    for _ in 0..times {
        bulk::insert_activity(
            tx,
            &NewActivity {
                rep,
                occurred_at: a.at,
                kind: a.kind,
                channel: a.channel,
                segment: a.segment,
                message: a.message,
                outcome: a.outcome,
                count: a.count,
                deal: None,
                qualified: a.qualified,
            },
        )?;
    }
    Ok(())
}

fn deal(tx: &rusqlite::Transaction<'_>, rep: RepId, created_on: NaiveDate, amount_minor: i64, currency: &str) {
    bulk::insert_deal(tx, &NewDeal { amount_minor, currency, stage: "qualify", ..new_deal(rep, "Acme", created_on) })
        .unwrap();
}

/// Ada (targets, a Tuesday 9–11 block), Bob (no target, no block) and Cleo (inactive).
///
/// Ada, 2–27 November: Tuesday 10th, 20 calls at 9:30, 4 connected and 2 that booked a
/// meeting at 10:00 and 10:30 (phone, retail, m1); Friday 13th, 10 emails at 15:00 (email,
/// finance, m2); Wednesday 11th, 3 meetings at 14:00 (phone, retail, real chance, one created
/// an opportunity) and 1 at 16:00 (partner, finance, no real chance); Monday 16th, a weekly
/// count of 45 calls logged at 17:30 (phone, no segment or message). Outside the period:
/// 5 calls on 20 October (in the trends) and 1 on 28 November (after today). Deals: 11
/// November €30,000 and 20 October €10,000 (EUR), and an older USD one.
///
/// Bob: 10 calls Monday 23rd at 9:00 (phone, retail) and 1 meeting; a deal on the 24th, $5,000.
/// Cleo (inactive): 7 calls on the 12th.
fn team() -> Team {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("team.db");
    let mut store = Store::open(&path).unwrap();
    let (ada, bob, cleo) = store
        .write(|tx| {
            let rep = |name| bulk::insert_rep(tx, &NewRep { name, email: None, manager: None, team: None });
            let (ada, bob, cleo) = (rep("Ada Lovelace")?, rep("Bob Martin")?, rep("Cleo Dubois")?);
            tx.execute("UPDATE reps SET active = 0 WHERE id = ?1", [cleo.0])?;
            for (kind, per_week) in [
                (TargetKind::Activity(Call), 10),
                (TargetKind::Activity(Meeting), 2),
                (TargetKind::Opportunity, 1),
                (TargetKind::Pipeline, 100_000),
            ] {
                bulk::set_target(tx, ada, kind, Some(per_week), today())?;
            }
            bulk::insert_block(tx, ada, Block { weekday: 1, start: 9, end: 11 })?;

            let tue = d(2026, 11, 10);
            insert(tx, ada, act(at(tue, 9, 30), Call, "phone", "retail"), 20)?;
            insert(tx, ada, Act { outcome: Outcome::Conversation, ..act(at(tue, 10, 0), Call, "phone", "retail") }, 4)?;
            insert(tx, ada, Act { outcome: Outcome::Meeting, ..act(at(tue, 10, 30), Call, "phone", "retail") }, 2)?;
            let email = Act { message: Some("m2"), ..act(at(d(2026, 11, 13), 15, 0), Email, "email", "finance") };
            insert(tx, ada, email, 10)?;
            let wed = d(2026, 11, 11);
            let meeting = Act { qualified: Some(true), ..act(at(wed, 14, 0), Meeting, "phone", "retail") };
            insert(tx, ada, meeting, 2)?;
            insert(tx, ada, Act { outcome: Outcome::Opportunity, ..meeting }, 1)?;
            let partner = Act { qualified: Some(false), ..act(at(wed, 16, 0), Meeting, "partner", "finance") };
            insert(tx, ada, partner, 1)?;
            let weekly = Act {
                count: 45,
                segment: None,
                message: None,
                ..act(at(d(2026, 11, 16), 17, 30), Call, "phone", "retail")
            };
            insert(tx, ada, weekly, 1)?;
            insert(tx, ada, act(at(d(2026, 10, 20), 10, 0), Call, "phone", "retail"), 5)?;
            insert(tx, ada, act(at(d(2026, 11, 28), 10, 0), Call, "phone", "retail"), 1)?;
            deal(tx, ada, d(2026, 11, 11), 3_000_000, "EUR");
            deal(tx, ada, d(2026, 10, 20), 1_000_000, "EUR");
            deal(tx, ada, d(2025, 1, 6), 1_000, "USD");

            insert(tx, bob, act(at(d(2026, 11, 23), 9, 0), Call, "phone", "retail"), 10)?;
            insert(tx, bob, act(at(d(2026, 11, 23), 11, 0), Meeting, "phone", "retail"), 1)?;
            deal(tx, bob, d(2026, 11, 24), 500_000, "USD");

            insert(tx, cleo, act(at(d(2026, 11, 12), 9, 0), Call, "phone", "retail"), 7)?;
            Ok((ada, bob, cleo))
        })
        .unwrap();
    Team { _dir: dir, path, store, ada, bob, cleo }
}

fn volume(d: &Dashboard, kind: TargetKind) -> (i64, Option<f64>) {
    let v = d.volumes.iter().find(|v| v.kind == kind).unwrap_or_else(|| panic!("no volume for {kind:?}"));
    (v.done, v.target)
}

#[test]
fn a_reps_figures_by_hand() {
    let t = team();
    let dash = dashboard::load(&t.store, t.ada, FOUR_WEEKS, today()).unwrap();
    assert_eq!(dash.scope, Scope::Rep(t.ada));
    assert_eq!(dash.range, DateRange { from: d(2026, 11, 2), to: today() });
    assert_eq!(
        dash.funnel,
        Funnel { touches: 81, conversations: 6, meetings: 4, opportunities: 1, pipeline_minor: 3_000_000 }
    );
    // The team is Ada and Bob: Cleo is inactive.
    assert_eq!(
        dash.team_funnel,
        Some(Funnel { touches: 91, conversations: 6, meetings: 5, opportunities: 2, pipeline_minor: 3_500_000 })
    );

    // 26 days of weekly targets, as printed: counts to one decimal, amounts to the cent.
    assert_eq!(volume(&dash, TargetKind::Activity(Call)), (71, Some(37.1)), "10 × 26 / 7");
    assert_eq!(volume(&dash, TargetKind::Activity(Email)), (10, None));
    assert_eq!(volume(&dash, TargetKind::Activity(Meeting)), (4, Some(7.4)), "2 × 26 / 7");
    assert_eq!(volume(&dash, TargetKind::Opportunity), (1, Some(3.7)), "26 / 7");
    assert_eq!(volume(&dash, TargetKind::Pipeline), (3_000_000, Some(371_429.0)), "100,000 × 26 / 7");
    assert_eq!(dash.targets.len(), 4);

    assert_eq!((dash.qualified.real_chance, dash.qualified.no_real_chance, dash.qualified.not_assessed), (3, 1, 0));

    let rows = |rows: &[dashboard::BreakdownRow]| -> Vec<(String, i64, i64, i64, i64, i64)> {
        rows.iter()
            .map(|r| (r.key.clone(), r.touches, r.conversations, r.booked, r.meetings, r.opportunities))
            .collect()
    };
    assert_eq!(
        rows(&dash.by_channel),
        [("phone".into(), 71, 6, 2, 3, 1), ("email".into(), 10, 0, 0, 0, 0), ("partner".into(), 0, 0, 0, 1, 0)]
    );
    // Retail 3 meetings in 26 touches, finance 1 in 10, the weekly count (no segment) 0 in 45.
    assert_eq!(
        rows(&dash.by_segment),
        [("retail".into(), 26, 6, 2, 3, 1), ("finance".into(), 10, 0, 0, 1, 0), (String::new(), 45, 0, 0, 0, 0)]
    );
    assert_eq!(
        rows(&dash.by_message),
        // Equal rates (none): more touches first.
        [("m1".into(), 26, 6, 2, 4, 1), (String::new(), 45, 0, 0, 0, 0), ("m2".into(), 10, 0, 0, 0, 0)]
    );
    let phone = &dash.by_channel[0];
    assert_eq!(phone.meetings_per_100_touches(), Some(300.0 / 71.0));
    assert_eq!(phone.opportunities_per_meeting(), Some(1.0 / 3.0));
    assert_eq!(dash.by_channel[2].meetings_per_100_touches(), None, "partner: meetings without touches");

    // Timed touches: Tuesday 9h (20) and 10h (6), Friday 15h (10); the weekly count is untimed.
    assert_eq!(dash.heatmap.touches[1][9], 20);
    assert_eq!(dash.heatmap.touches[1][10], 6);
    assert_eq!(dash.heatmap.touches[4][15], 10);
    assert_eq!(dash.heatmap.timed(), 36);
    assert_eq!(dash.heatmap.untimed, [45, 0, 0, 0, 0, 0, 0]);
    assert_eq!(dash.blocks, vec![Block { weekday: 1, start: 9, end: 11 }]);
    assert_eq!(dash.in_blocks, Some(26.0 / 36.0));

    let t12 = &dash.trends;
    assert_eq!(t12.weeks.first(), Some(&d(2026, 9, 7)));
    assert_eq!(t12.weeks.last(), Some(&d(2026, 11, 23)));
    assert_eq!(t12.touches, [0, 0, 0, 0, 0, 0, 5, 0, 0, 36, 45, 0], "the call on the 28th is after today");
    assert_eq!(t12.meetings, [0, 0, 0, 0, 0, 0, 0, 0, 0, 4, 0, 0]);
    assert_eq!(t12.opportunities, [0, 0, 0, 0, 0, 0, 1, 0, 0, 1, 0, 0]);
    assert_eq!(t12.pipeline_minor[6], 1_000_000);
    assert_eq!(t12.pipeline_minor[9], 3_000_000);

    // Meetings at 54% and opportunities at 27% of target; the pipeline is well above.
    assert_eq!(
        dash.alerts,
        vec![
            Alert::UnderTarget { kind: TargetKind::Activity(Meeting), done: 4, target: 7.4 },
            Alert::UnderTarget { kind: TargetKind::Opportunity, done: 1, target: 3.7 },
        ]
    );
    assert_eq!(dash.currency, "EUR", "two EUR deals against one USD");

    // Compared with the same 26 days four weeks earlier: the 5 calls and the deal of 20 October.
    assert_eq!(dash.previous.range, DateRange { from: d(2026, 10, 5), to: d(2026, 10, 30) });
    assert_eq!(
        dash.previous.funnel,
        Funnel { touches: 5, conversations: 0, meetings: 0, opportunities: 1, pipeline_minor: 1_000_000 }
    );
    assert_eq!(dash.previous.done(TargetKind::Activity(Call)), 5);
    assert_eq!(dash.previous.done(TargetKind::Activity(Email)), 0);
    let before = dash.previous.volumes.iter().find(|v| v.kind == TargetKind::Activity(Call)).unwrap();
    assert_eq!(before.target, Some(37.1), "the previous days against their own targets");
}

#[test]
fn a_rep_with_no_target_and_no_block() {
    let t = team();
    let dash = dashboard::load(&t.store, t.bob, FOUR_WEEKS, today()).unwrap();
    assert_eq!(
        dash.funnel,
        Funnel { touches: 10, conversations: 0, meetings: 1, opportunities: 1, pipeline_minor: 500_000 }
    );
    assert!(dash.volumes.iter().all(|v| v.target.is_none() && v.progress().is_none()));
    assert!(dash.targets.is_empty());
    assert_eq!(dash.funnel.conversation_rate(), Some(0.0));
    assert_eq!(dash.funnel.meeting_rate(), None, "no conversation to divide by");
    assert_eq!(dash.in_blocks, None);
    assert!(dash.blocks.is_empty());
    assert!(dash.alerts.is_empty(), "{:?}", dash.alerts);
    assert_eq!(dash.currency, "USD");
}

#[test]
fn an_empty_period_says_so() {
    let t = team();
    // This week (23–27 November): Ada logged nothing.
    let dash = dashboard::load(&t.store, t.ada, Span::Preset(Period::THIS_WEEK), today()).unwrap();
    assert_eq!(dash.funnel, Funnel::default());
    assert!(dash.by_channel.is_empty() && dash.by_message.is_empty() && dash.by_segment.is_empty());
    assert_eq!(dash.heatmap.total(), 0);
    assert_eq!(dash.in_blocks, None, "blocks, but no timed touch");
    assert_eq!(dash.alerts, vec![Alert::NoActivity]);
    assert_eq!(dash.trends.touches[10], 45, "the trends still show the weeks before");

    // A database with no rep at all: an empty team.
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(&dir.path().join("empty.db")).unwrap();
    let team = dashboard::load_team(&store, FOUR_WEEKS, today()).unwrap();
    assert!(team.reps.is_empty());
    assert_eq!(team.team.funnel, Funnel::default());
    assert_eq!(team.team.alerts, vec![Alert::NoActivity]);
    assert_eq!(team.team.currency, "EUR");
}

#[test]
fn a_custom_range_and_its_trends() {
    let t = team();
    let tuesday = d(2026, 11, 10);
    let span = Span::Custom(DateRange { from: tuesday, to: tuesday });
    let dash = dashboard::load(&t.store, t.ada, span, today()).unwrap();
    assert_eq!(dash.period(), None);
    assert_eq!(dash.funnel.touches, 26);
    assert_eq!(dash.funnel.opportunities, 0, "the deal was created the day after");
    // The trends end with the range's week, counted up to the range's last day.
    assert_eq!(dash.trends.weeks.last(), Some(&d(2026, 11, 9)));
    assert_eq!(dash.trends.touches.last(), Some(&26));
    assert_eq!(dash.trends.meetings.last(), Some(&0));
}

#[test]
fn the_team_is_its_active_reps() {
    let t = team();
    let team = dashboard::load_team(&t.store, FOUR_WEEKS, today()).unwrap();
    let names: Vec<&str> = team.reps.iter().map(|r| r.name.as_str()).collect();
    assert_eq!(names, ["Ada Lovelace", "Bob Martin"]);
    assert!(team.reps.iter().all(|r| r.rep != t.cleo));
    let d = &team.team;
    assert_eq!(d.scope, Scope::Team);
    assert_eq!(d.team_funnel, None);
    assert_eq!(
        d.funnel,
        Funnel { touches: 91, conversations: 6, meetings: 5, opportunities: 2, pipeline_minor: 3_500_000 }
    );
    // The team funnel a rep's pane shows beside theirs is the team view's funnel.
    let ada = dashboard::load(&t.store, t.ada, FOUR_WEEKS, today()).unwrap();
    assert_eq!(ada.team_funnel, Some(d.funnel));
    // Team targets add up the reps' (Bob has none).
    assert_eq!(volume(d, TargetKind::Activity(Call)), (81, Some(37.1)), "10 × 26 / 7");
    assert_eq!(
        d.targets,
        vec![
            Target { kind: TargetKind::Activity(Call), per_week: 10 },
            Target { kind: TargetKind::Activity(Meeting), per_week: 2 },
            Target { kind: TargetKind::Opportunity, per_week: 1 },
            Target { kind: TargetKind::Pipeline, per_week: 100_000 },
        ]
    );
    assert_eq!(d.by_channel[0].key, "phone");
    assert_eq!(d.by_channel[0].touches, 81);
    assert_eq!(d.heatmap.touches[0][9], 10, "Bob's Monday calls");
    assert!(d.blocks.is_empty() && d.in_blocks.is_none(), "blocks are each rep's own");
    assert_eq!(d.trends.touches[11], 10);
    assert_eq!(d.currency, "EUR", "two EUR deals against two USD: ties go to the first name");

    // Each rep's line says what the rep's own pane says (the line has no breakdowns).
    for line in &team.reps {
        let own = dashboard::load(&t.store, line.rep, FOUR_WEEKS, today()).unwrap();
        let (p, o) = (&line.previous, &own.previous);
        assert_eq!(
            (&line.funnel, &line.volumes, &line.alerts, p.range, &p.funnel, &p.volumes),
            (&own.funnel, &own.volumes, &own.alerts, o.range, &o.funnel, &o.volumes),
            "{}",
            line.name
        );
    }
    // The team's previous period is Ada's: Bob had nothing then, Cleo's 7 calls are not the team's.
    assert_eq!(d.previous.funnel.touches, 5);
    assert_eq!(d.previous.funnel.pipeline_minor, 1_000_000);
}

#[test]
fn every_period_of_the_pane_loads_the_same_for_the_team_and_the_rep() {
    let t = team();
    for period in Period::PRESETS {
        let team = dashboard::load_team(&t.store, Span::Preset(period), today()).unwrap();
        let sum = team.reps.iter().fold(Funnel::default(), |mut f, line| {
            f.touches += line.funnel.touches;
            f.conversations += line.funnel.conversations;
            f.meetings += line.funnel.meetings;
            f.opportunities += line.funnel.opportunities;
            f.pipeline_minor += line.funnel.pipeline_minor;
            f
        });
        assert_eq!(team.team.funnel, sum, "{period:?}");
        let ada = dashboard::load(&t.store, t.ada, Span::Preset(period), today()).unwrap();
        assert_eq!(ada.team_funnel, Some(sum), "{period:?}");
    }
}

#[test]
fn each_breakdown_row_is_compared_with_the_same_days_loaded_on_their_own() {
    let t = team();
    for period in Period::PRESETS {
        let span = Span::Preset(period);
        let dash = dashboard::load(&t.store, t.ada, span, today()).unwrap();
        let before = dashboard::load(&t.store, t.ada, Span::Custom(dash.previous.range), today()).unwrap();
        assert_eq!(dash.previous.by_channel, before.by_channel, "{period:?}");
        assert_eq!(dash.previous.by_message, before.by_message, "{period:?}");
        assert_eq!(dash.previous.by_segment, before.by_segment, "{period:?}");
        let team = dashboard::load_team_comparing(&t.store, span, today(), Compared::Breakdowns).unwrap();
        let team_before =
            dashboard::load_team_comparing(&t.store, Span::Custom(team.team.previous.range), today(), Compared::Totals)
                .unwrap();
        assert_eq!(team.team.previous.by_segment, team_before.team.by_segment, "{period:?}");
        assert_eq!(team.team.previous.funnel, team_before.team.funnel, "{period:?}");
    }
    // The 4 weeks before the last 4 had 5 of Ada's phone calls and no email: phone is
    // compared, email is new.
    let dash = dashboard::load(&t.store, t.ada, FOUR_WEEKS, today()).unwrap();
    let phone = same_key(&dash.previous.by_channel, "PHONE").expect("phone was used before");
    assert_eq!((phone.touches, phone.meetings), (5, 0));
    assert!(same_key(&dash.previous.by_channel, "email").is_none());
    let now = same_key(&dash.by_channel, "email").and_then(sparring::dashboard::BreakdownRow::meetings_per_100_touches);
    assert_eq!(per_100_change(now, None).as_deref(), Some("new"));
}

// ---------------------------------------------------------------------------------------
// The pane's writes
// ---------------------------------------------------------------------------------------

#[test]
fn targets_are_set_and_removed() {
    let mut t = team();
    let call = TargetKind::Activity(Call);
    t.store.set_target(t.bob, call, Some(12), today()).unwrap();
    t.store.set_target(t.bob, call, Some(15), today()).unwrap();
    t.store.set_target(t.bob, TargetKind::Pipeline, Some(0), today()).unwrap();
    assert_eq!(
        t.store.targets(t.bob).unwrap(),
        vec![Target { kind: call, per_week: 15 }, Target { kind: TargetKind::Pipeline, per_week: 0 }]
    );
    let dash = dashboard::load(&t.store, t.bob, FOUR_WEEKS, today()).unwrap();
    assert_eq!(volume(&dash, call), (10, Some(55.7)), "15 × 26 / 7");
    assert_eq!(dash.volumes.iter().find(|v| v.kind == TargetKind::Pipeline).unwrap().progress(), None, "zero target");
    t.store.set_target(t.bob, call, None, today()).unwrap();
    assert_eq!(t.store.targets(t.bob).unwrap(), vec![Target { kind: TargetKind::Pipeline, per_week: 0 }]);
    assert!(matches!(t.store.set_target(t.bob, call, Some(-1), today()), Err(StoreError::Refused(_))));
    assert!(matches!(
        t.store.set_target(RepId(99), call, Some(1), today()),
        Err(StoreError::NotFound { what: "rep", id: 99 })
    ));
}

#[test]
fn blocks_are_replaced_all_at_once() {
    let mut t = team();
    let blocks = parse_blocks("tue/thu 9-11, thu 10-12, fri 14-16").unwrap();
    t.store.set_blocks(t.bob, &blocks).unwrap();
    assert_eq!(
        t.store.blocks(t.bob).unwrap(),
        vec![
            Block { weekday: 1, start: 9, end: 11 },
            Block { weekday: 3, start: 9, end: 12 },
            Block { weekday: 4, start: 14, end: 16 },
        ]
    );
    // Overlapping blocks typed apart are merged before they are written.
    t.store
        .set_blocks(t.bob, &[Block { weekday: 0, start: 9, end: 10 }, Block { weekday: 0, start: 9, end: 11 }])
        .unwrap();
    assert_eq!(t.store.blocks(t.bob).unwrap(), vec![Block { weekday: 0, start: 9, end: 11 }]);
    // Bob's Monday 9:00 calls are all inside it.
    let dash = dashboard::load(&t.store, t.bob, FOUR_WEEKS, today()).unwrap();
    assert_eq!(dash.in_blocks, Some(1.0));
    t.store.set_blocks(t.bob, &[]).unwrap();
    assert!(t.store.blocks(t.bob).unwrap().is_empty());
    assert_eq!(t.store.blocks(t.ada).unwrap().len(), 1, "another rep's blocks are left alone");
    for bad in [
        Block { weekday: 7, start: 9, end: 10 },
        Block { weekday: 1, start: 10, end: 9 },
        Block { weekday: 1, start: 20, end: 25 },
    ] {
        assert!(matches!(t.store.set_blocks(t.bob, &[bad]), Err(StoreError::Refused(_))), "{bad:?}");
    }
    assert!(matches!(t.store.set_blocks(RepId(99), &[]), Err(StoreError::NotFound { .. })));
}

#[test]
fn an_activity_or_a_weekly_count_is_logged() {
    let mut t = team();
    let input = ActivityInput {
        occurred_at: at(d(2026, 11, 26), 17, 45),
        kind: Call,
        channel: Some("  phone ".into()),
        segment: Some("   ".into()),
        message: None,
        outcome: Outcome::None,
        qualified: None,
        count: 45,
    };
    let before = dashboard::load(&t.store, t.bob, FOUR_WEEKS, today()).unwrap();
    let id = t.store.log_activity(t.bob, &input).unwrap();
    let after = dashboard::load(&t.store, t.bob, FOUR_WEEKS, today()).unwrap();
    assert_eq!(after.funnel.touches, before.funnel.touches + 45);
    assert_eq!(after.heatmap.untimed[3], 45, "a weekly count has no hour");
    assert_eq!(after.team_funnel.unwrap().touches, before.team_funnel.unwrap().touches + 45);
    let conn = Connection::open(&t.path).unwrap();
    let (week, channel, segment): (String, Option<String>, Option<String>) = conn
        .query_row("SELECT week, channel, segment FROM activities WHERE id = ?1", [id], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?))
        })
        .unwrap();
    assert_eq!((week.as_str(), channel.as_deref(), segment), ("2026-11-23", Some("phone"), None));

    let meeting = ActivityInput { kind: Meeting, count: 1, qualified: Some(true), ..input.clone() };
    t.store.log_activity(t.bob, &meeting).unwrap();
    let dash = dashboard::load(&t.store, t.bob, FOUR_WEEKS, today()).unwrap();
    assert_eq!(dash.qualified.real_chance, 1);

    assert!(matches!(
        t.store.log_activity(t.bob, &ActivityInput { count: 0, ..input.clone() }),
        Err(StoreError::Refused(_))
    ));
    assert!(matches!(t.store.log_activity(RepId(99), &input), Err(StoreError::NotFound { .. })));
}

// ---------------------------------------------------------------------------------------
// activity_days: kept equal to the activities by triggers
// ---------------------------------------------------------------------------------------

/// `activity_days` holds exactly the sums of the activities, per day, kind and outcome.
fn days_match(conn: &Connection) {
    let sums = "SELECT substr(occurred_at, 1, 10), kind, outcome, sum(count) FROM activities GROUP BY 1, 2, 3";
    let totals = "SELECT day, kind, outcome, count FROM activity_days";
    let differ: Vec<i64> = conn
        .prepare(&format!(
            "SELECT count(*) FROM ({totals} EXCEPT {sums}) UNION ALL SELECT count(*) FROM ({sums} EXCEPT {totals})"
        ))
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .map(Result::unwrap)
        .collect();
    assert_eq!(differ, [0, 0], "rows of activity_days not in the sums, and sums not in activity_days");
}

#[test]
fn daily_totals_follow_every_write() {
    let t = team();
    let conn = Connection::open(&t.path).unwrap();
    conn.pragma_update(None, "foreign_keys", "ON").unwrap();
    days_match(&conn);
    conn.execute_batch(
        "UPDATE activities SET count = count + 2 WHERE id = 1;
         UPDATE activities SET occurred_at = '2026-11-12T10:00:00', week = '2026-11-09' WHERE id = 2;
         UPDATE activities SET outcome = 'conversation' WHERE id = 3;
         UPDATE activities SET kind = 'email' WHERE id = 4;
         UPDATE activities SET channel = 'video' WHERE id = 5;
         DELETE FROM activities WHERE id BETWEEN 6 AND 9;",
    )
    .unwrap();
    days_match(&conn);
    // Deleting every activity of a day leaves no row for it.
    conn.execute("DELETE FROM activities WHERE substr(occurred_at, 1, 10) = '2026-11-13'", []).unwrap();
    days_match(&conn);
    let left: i64 =
        conn.query_row("SELECT count(*) FROM activity_days WHERE day = '2026-11-13'", [], |r| r.get(0)).unwrap();
    assert_eq!(left, 0);
    conn.execute("DELETE FROM activities", []).unwrap();
    let left: i64 = conn.query_row("SELECT count(*) FROM activity_days", [], |r| r.get(0)).unwrap();
    assert_eq!(left, 0);
}

#[test]
fn a_version_2_file_gets_its_daily_totals() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("v2.db");
    {
        let conn = Connection::open(&path).unwrap();
        conn.execute_batch(include_str!("../migrations/0001_init.sql")).unwrap();
        conn.execute_batch(include_str!("../migrations/0002_deal_challenge.sql")).unwrap();
        conn.execute_batch(
            "PRAGMA application_id = 1397772871;
             PRAGMA user_version = 2;
             INSERT INTO reps (name) VALUES ('Ada');
             INSERT INTO activities (rep_id, occurred_at, week, kind, outcome, count) VALUES
               (1, '2026-11-10T09:00:00', '2026-11-09', 'call', 'none', 3),
               (1, '2026-11-10T11:00:00', '2026-11-09', 'call', 'none', 2),
               (1, '2026-11-11T11:00:00', '2026-11-09', 'meeting', 'opportunity', 1);",
        )
        .unwrap();
    }
    let store = Store::open(&path).unwrap();
    assert_eq!(store.schema_version().unwrap(), sparring::store::SCHEMA_VERSION);
    let conn = Connection::open(&path).unwrap();
    days_match(&conn);
    let range = DateRange { from: d(2026, 11, 9), to: d(2026, 11, 15) };
    assert_eq!(dashboard::team_funnel(&store, range).unwrap().touches, 5);
    let blocks: i64 = conn.query_row("SELECT count(*) FROM planned_blocks", [], |r| r.get(0)).unwrap();
    assert_eq!(blocks, 0);
}

// ---------------------------------------------------------------------------------------
// Cost: a fixed number of statements, none scanning the activities
// ---------------------------------------------------------------------------------------

#[test]
fn no_statement_scans_the_activities_or_the_deals() {
    let mut t = team();
    let (ada, span) = (t.ada, Span::Preset(Period::LAST_12_WEEKS));
    let (_, rep_plans) = t.store.query_plans(|s| dashboard::load(s, ada, span, today()).unwrap()).unwrap();
    let (_, team_plans) = t.store.query_plans(|s| dashboard::load_team(s, span, today()).unwrap()).unwrap();
    assert!(rep_plans.len() >= 6 && team_plans.len() >= 5);
    for (sql, plan) in rep_plans.iter().chain(&team_plans) {
        for step in plan {
            for table in ["activities", "deals", "activity_days"] {
                assert!(!step.starts_with(&format!("SCAN {table}")), "{step}\n{sql}");
            }
        }
    }
    let uses =
        |plans: &[(String, Vec<String>)], index: &str| plans.iter().flat_map(|(_, p)| p).any(|s| s.contains(index));
    assert!(uses(&rep_plans, "activities_by_rep_week"));
    assert!(uses(&rep_plans, "deals_by_rep_created"));
    assert!(uses(&team_plans, "activities_by_rep_week"));
}

#[test]
fn the_number_of_statements_does_not_grow_with_the_data() {
    let mut t = team();
    let (ada, span) = (t.ada, Span::Preset(Period::LAST_12_WEEKS));
    let (_, rep_before) = t.store.count_statements(|s| dashboard::load(s, ada, span, today()).unwrap()).unwrap();
    let (_, team_before) = t.store.count_statements(|s| dashboard::load_team(s, span, today()).unwrap()).unwrap();
    t.store
        .write(|tx| {
            for day in 1..=20 {
                insert(tx, ada, act(at(d(2026, 11, day), 10, 0), Call, "phone", "retail"), 30)?;
                deal(tx, ada, d(2026, 11, day), 100, "EUR");
            }
            Ok(())
        })
        .unwrap();
    let (_, rep_after) = t.store.count_statements(|s| dashboard::load(s, ada, span, today()).unwrap()).unwrap();
    let (_, team_after) = t.store.count_statements(|s| dashboard::load_team(s, span, today()).unwrap()).unwrap();
    assert_eq!((rep_before, team_before), (rep_after, team_after));
    assert!(rep_after <= 8, "{rep_after} statements for a rep");
}

// ---------------------------------------------------------------------------------------
// The demo's stories, as the dashboard tells them
// ---------------------------------------------------------------------------------------

/// Rep ids follow the persona order: strong, meeting machine, staller, misser, average, newcomer.
#[test]
fn the_demo_personas_show_in_the_alerts() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("demo.db");
    let mut store = Store::open(&path).unwrap();
    generate(&mut store, &Script::embedded(), &DemoParams::default_for(today())).unwrap();
    days_match(&Connection::open(&path).unwrap());
    let load = |id: i64| dashboard::load(&store, RepId(id), FOUR_WEEKS, today()).unwrap();
    let (strong, machine, staller, misser, average) = (load(1), load(2), load(3), load(4), load(5));

    assert!(
        machine.alerts.iter().any(|a| matches!(a, Alert::MeetingsWithoutOpportunities { .. })),
        "meeting machine: {:?}",
        machine.alerts
    );
    assert!(
        machine.alerts.iter().any(|a| matches!(a, Alert::PipelineUnderTarget { weeks, .. } if *weeks >= 3)),
        "meeting machine: {:?}",
        machine.alerts
    );
    assert!(
        staller
            .alerts
            .iter()
            .any(|a| matches!(a, Alert::ChannelWithoutResult { channel, .. } if channel == "linkedin")),
        "staller: {:?}",
        staller.alerts
    );
    assert!(
        misser.alerts.iter().any(|a| matches!(
            a,
            Alert::Bunched { kind: ActivityKind::Call, weekday: 4, afternoon: true, count, total }
                if *count as f64 >= 0.6 * *total as f64
        )),
        "misser: {:?}",
        misser.alerts
    );
    assert!(
        average.alerts.iter().any(|a| matches!(a, Alert::SegmentFarAbove { segment, .. } if segment == "Healthcare")),
        "average: {:?}",
        average.alerts
    );
    assert!(strong.alerts.is_empty(), "strong performer: {:?}", strong.alerts);
    // Planned blocks: the strong performer calls in them, the misser planned afternoons
    // early in the week and calls on Friday.
    assert_eq!(sparring::domain::blocks::format_blocks(&strong.blocks), "tue/thu 9-11");
    let (strong_share, misser_share) = (strong.in_blocks.unwrap(), misser.in_blocks.unwrap());
    assert!(strong_share > 0.25 && misser_share < 0.12, "in blocks: strong {strong_share}, misser {misser_share}");
    assert!(average.blocks.is_empty() && average.in_blocks.is_none());
}
