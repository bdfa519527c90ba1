//! Targets have history: a target edited today applies from this week on, and the weeks
//! before keep the one they had, through every way a target is written (the app's form, an
//! import of reps), undo, and the migration of a file written before targets had history.

mod fixtures;

use chrono::{Duration, NaiveDate, NaiveDateTime, NaiveTime};
use fixtures::{count, d, texts};
use rusqlite::Connection;
use sparring::dashboard::{self, Dashboard, Span};
use sparring::domain::activity::{ActivityKind, Outcome};
use sparring::domain::ids::RepId;
use sparring::domain::metrics::{Target, TargetKind};
use sparring::domain::period::DateRange;
use sparring::domain::target_history::{SINCE_ALWAYS, TargetChange};
use sparring::import::reps::ImportedRep;
use sparring::store::Store;
use sparring::store::bulk::{self, NewActivity, NewRep};
use sparring::store::undo::{Recording, UndoScope};

const CALL: TargetKind = TargetKind::Activity(ActivityKind::Call);

/// Friday 27 November 2026; this week began on Monday 23 November.
fn today() -> NaiveDate {
    d(2026, 11, 27)
}

fn noon(day: NaiveDate) -> NaiveDateTime {
    day.and_time(NaiveTime::from_hms_opt(12, 0, 0).unwrap())
}

/// Monday to Sunday of the week `weeks` before this one.
fn week_ago(weeks: i64) -> Span {
    let monday = d(2026, 11, 23) - Duration::weeks(weeks);
    Span::Custom(DateRange { from: monday, to: monday + Duration::days(6) })
}

struct Db {
    _dir: tempfile::TempDir,
    path: std::path::PathBuf,
    store: Store,
    ada: RepId,
}

/// Ada, who logged 40 calls on the Wednesday of each of the last six weeks and this one.
fn ada() -> Db {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("targets.db");
    let mut store = Store::open(&path).unwrap();
    let ada = store
        .write(|tx| {
            let ada = bulk::insert_rep(tx, &NewRep { name: "Ada", email: None, manager: None, team: None })?;
            for weeks in 0..7 {
                let wednesday = d(2026, 11, 25) - Duration::weeks(weeks);
                bulk::insert_activity(
                    tx,
                    &NewActivity {
                        rep: ada,
                        occurred_at: noon(wednesday),
                        kind: ActivityKind::Call,
                        channel: None,
                        segment: None,
                        message: None,
                        outcome: Outcome::None,
                        count: 40,
                        deal: None,
                        qualified: None,
                    },
                )?;
            }
            Ok(ada)
        })
        .unwrap();
    Db { _dir: dir, path, store, ada }
}

fn calls(d: &Dashboard) -> (i64, Option<f64>, Option<f64>) {
    let v = d.volumes.iter().find(|v| v.kind == CALL).unwrap();
    (v.done, v.target, v.progress())
}

fn history(path: &std::path::Path) -> Vec<Vec<String>> {
    texts(
        &Connection::open(path).unwrap(),
        "SELECT kind, from_week, ifnull(per_week, 'none'), ifnull(set_on, 'null') FROM target_history ORDER BY kind, from_week",
    )
}

#[test]
fn editing_a_target_leaves_past_weeks_percentages_unchanged() {
    let mut db = ada();
    // 50 calls a week, set five weeks ago: the weeks before had no target to keep.
    db.store.set_target(db.ada, CALL, Some(50), today() - Duration::weeks(5)).unwrap();
    let before: Vec<_> =
        (1..=6).map(|w| calls(&dashboard::load(&db.store, db.ada, week_ago(w), today()).unwrap())).collect();
    assert_eq!(before[3], (40, Some(50.0), Some(0.8)), "four weeks ago: 40 of 50");

    // Raised to 100 today.
    db.store.set_target(db.ada, CALL, Some(100), today()).unwrap();
    let after: Vec<_> =
        (1..=6).map(|w| calls(&dashboard::load(&db.store, db.ada, week_ago(w), today()).unwrap())).collect();
    assert_eq!(after, before, "every past week still reads against 50");
    assert_eq!(calls(&dashboard::load(&db.store, db.ada, week_ago(0), today()).unwrap()), (40, Some(100.0), Some(0.4)));

    // A period that straddles the change counts each week at its own target: three weeks of
    // 50 and this week's five days of 100.
    let span = Span::Custom(DateRange { from: d(2026, 11, 2), to: today() });
    let (done, target, _) = calls(&dashboard::load(&db.store, db.ada, span, today()).unwrap());
    assert_eq!((done, target), (160, Some(221.4)), "150 + 100 × 5 / 7 = 221.43");
    assert_eq!(db.store.targets(db.ada).unwrap(), vec![Target { kind: CALL, per_week: 100 }], "in force now");
    assert_eq!(
        history(&db.path),
        [["call", "0001-01-01", "50", "2026-10-23"], ["call", "2026-11-23", "100", "2026-11-27"]]
    );
}

#[test]
fn a_target_is_corrected_within_its_week_and_removed_from_a_week_on() {
    let mut db = ada();
    // The form saves as it is typed: "5", then "50", on the day the first target is given.
    let tuesday = d(2026, 10, 27);
    db.store.set_target(db.ada, CALL, Some(5), tuesday).unwrap();
    db.store.set_target(db.ada, CALL, Some(50), tuesday + Duration::days(1)).unwrap();
    assert_eq!(history(&db.path), [["call", "0001-01-01", "50", "2026-10-28"]], "one target, since always");

    // Next week, 80, then back to 50 the same week: nothing is left of the 80.
    db.store.set_target(db.ada, CALL, Some(80), d(2026, 11, 2)).unwrap();
    assert_eq!(history(&db.path).len(), 2);
    db.store.set_target(db.ada, CALL, Some(50), d(2026, 11, 4)).unwrap();
    assert_eq!(history(&db.path), [["call", "0001-01-01", "50", "2026-10-28"]]);
    // Saving the same value again writes nothing.
    db.store.set_target(db.ada, CALL, Some(50), today()).unwrap();
    assert_eq!(history(&db.path).len(), 1);

    // Removed today: no target this week, the weeks before keep theirs.
    db.store.set_target(db.ada, CALL, None, today()).unwrap();
    assert_eq!(history(&db.path)[1], ["call", "2026-11-23", "none", "2026-11-27"]);
    assert!(db.store.targets(db.ada).unwrap().is_empty());
    assert_eq!(calls(&dashboard::load(&db.store, db.ada, week_ago(0), today()).unwrap()).1, None);
    assert_eq!(calls(&dashboard::load(&db.store, db.ada, week_ago(1), today()).unwrap()).1, Some(50.0));
    let history = db.store.target_history(db.ada).unwrap();
    assert_eq!(
        history.changes(),
        [
            TargetChange { kind: CALL, from_week: SINCE_ALWAYS, per_week: Some(50) },
            TargetChange { kind: CALL, from_week: d(2026, 11, 23), per_week: None },
        ]
    );
}

#[test]
fn a_standing_target_retyped_today_keeps_the_weeks_before() {
    let mut db = ada();
    db.store.write(|tx| bulk::set_standing_target(tx, db.ada, CALL, 32)).unwrap();
    assert_eq!(history(&db.path), [["call", "0001-01-01", "32", "null"]]);
    // The form saves as it is typed: the field emptied, then "1", "10", "100".
    for typed in [None, Some(1), Some(10), Some(100)] {
        db.store.set_target(db.ada, CALL, typed, today()).unwrap();
    }
    assert_eq!(history(&db.path), [["call", "0001-01-01", "32", "null"], ["call", "2026-11-23", "100", "2026-11-27"]]);
    assert_eq!(calls(&dashboard::load(&db.store, db.ada, week_ago(1), today()).unwrap()).1, Some(32.0));
}

#[test]
fn undoing_a_target_change_puts_its_history_back() {
    let mut db = ada();
    db.store.set_target(db.ada, CALL, Some(50), today() - Duration::weeks(5)).unwrap();
    let before = history(&db.path);
    db.store.enable_undo().unwrap();
    let recording = Recording { rep: db.ada, day: today(), group: 7, label: "the targets".into(), now: noon(today()) };
    db.store
        .recording(recording, |s| {
            s.set_targets_and_blocks(db.ada, &[(CALL, Some(100)), (TargetKind::Pipeline, Some(10_000))], None, today())
        })
        .unwrap();
    assert_eq!(history(&db.path).len(), 3);
    assert_eq!(db.store.undo(db.ada, today(), UndoScope::Last, noon(today())).unwrap().as_deref(), Some("the targets"));
    assert_eq!(history(&db.path), before);
    assert_eq!(db.store.targets(db.ada).unwrap(), vec![Target { kind: CALL, per_week: 50 }]);
    assert_eq!(calls(&dashboard::load(&db.store, db.ada, week_ago(0), today()).unwrap()).1, Some(50.0));
}

#[test]
fn an_imported_change_of_target_applies_from_the_week_of_the_import() {
    let mut db = ada();
    let rep = |call: i64| ImportedRep {
        line: 2,
        name: "ada".into(),
        email: None,
        manager: None,
        team: None,
        active: None,
        targets: vec![(CALL, call)],
    };
    db.store.import_reps(&[rep(50)], today() - Duration::weeks(5), false).unwrap();
    let counts = db.store.import_reps(&[rep(100)], today(), false).unwrap();
    assert_eq!(counts.updated, 1);
    assert_eq!(calls(&dashboard::load(&db.store, db.ada, week_ago(4), today()).unwrap()).1, Some(50.0));
    assert_eq!(calls(&dashboard::load(&db.store, db.ada, week_ago(0), today()).unwrap()).1, Some(100.0));
    // A dry run changes nothing.
    db.store.import_reps(&[rep(200)], today(), true).unwrap();
    assert_eq!(history(&db.path).len(), 2);
}

#[test]
fn the_team_sums_each_weeks_targets() {
    let mut db = ada();
    let bob =
        db.store.write(|tx| bulk::insert_rep(tx, &NewRep { name: "Bob", email: None, manager: None, team: None }));
    let bob = bob.unwrap();
    db.store.set_target(db.ada, CALL, Some(50), today() - Duration::weeks(5)).unwrap();
    db.store.set_target(bob, CALL, Some(30), today() - Duration::weeks(5)).unwrap();
    db.store.set_target(bob, CALL, Some(60), today() - Duration::weeks(1)).unwrap();
    let target = |weeks| {
        let team = dashboard::load_team(&db.store, week_ago(weeks), today()).unwrap();
        calls(&team.team).1
    };
    assert_eq!([target(3), target(1), target(0)], [Some(80.0), Some(110.0), Some(110.0)]);
}

#[test]
fn a_version_5_file_keeps_its_targets_as_their_first_history() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("v5.db");
    {
        let conn = Connection::open(&path).unwrap();
        for sql in [
            include_str!("../migrations/0001_init.sql"),
            include_str!("../migrations/0002_deal_challenge.sql"),
            include_str!("../migrations/0003_prospecting.sql"),
            include_str!("../migrations/0004_undo.sql"),
            include_str!("../migrations/0005_drafts.sql"),
        ] {
            conn.execute_batch(sql).unwrap();
        }
        conn.execute_batch(
            "PRAGMA application_id = 1397772871;
             PRAGMA user_version = 5;
             INSERT INTO reps (name) VALUES ('Ada'), ('Bob');
             INSERT INTO targets (rep_id, kind, per_week) VALUES (1, 'call', 50), (1, 'pipeline', 2000000),
                                                                  (2, 'meeting', 3), (2, 'carrier_pigeon', 9);
             INSERT INTO activities (rep_id, occurred_at, week, kind, outcome, count)
               VALUES (1, '2026-10-28T12:00:00', '2026-10-26', 'call', 'none', 40);",
        )
        .unwrap();
    }
    let mut store = Store::open(&path).unwrap();
    assert_eq!(store.schema_version().unwrap(), sparring::store::SCHEMA_VERSION);
    let conn = Connection::open(&path).unwrap();
    let weekly: (i64, String, String, String, i64) = conn
        .query_row("SELECT rep_id, week, kind, outcome, count FROM activity_rep_weeks", [], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?))
        })
        .unwrap();
    assert_eq!(weekly, (1, "2026-10-26".into(), "call".into(), "none".into(), 40), "0007 sums the rows there");
    assert_eq!(
        texts(
            &conn,
            "SELECT rep_id, kind, from_week, per_week, ifnull(set_on, 'null') FROM target_history ORDER BY 1, 2"
        ),
        [
            ["1", "call", "0001-01-01", "50", "null"],
            ["1", "pipeline", "0001-01-01", "2000000", "null"],
            ["2", "carrier_pigeon", "0001-01-01", "9", "null"],
            ["2", "meeting", "0001-01-01", "3", "null"],
        ],
        "every target, since always; a kind this build does not know is kept for the build that does"
    );
    assert_eq!(count(&conn, "SELECT count(*) FROM targets"), 4, "targets is left as it was");
    // The old week reads as it did before the migration, and a change today leaves it so.
    let ada = RepId(1);
    assert_eq!(calls(&dashboard::load(&store, ada, week_ago(4), today()).unwrap()), (40, Some(50.0), Some(0.8)));
    store.set_target(ada, CALL, Some(100), today()).unwrap();
    assert_eq!(calls(&dashboard::load(&store, ada, week_ago(4), today()).unwrap()), (40, Some(50.0), Some(0.8)));
    assert_eq!(
        store.target_history(RepId(2)).unwrap().on(today()),
        [Target { kind: TargetKind::Activity(ActivityKind::Meeting), per_week: 3 }]
    );
    // A row can only start on a Monday.
    let err = conn.execute(
        "INSERT INTO target_history (rep_id, kind, from_week, per_week) VALUES (1, 'email', '2026-11-24', 1)",
        [],
    );
    assert!(err.is_err(), "a Tuesday is refused");
}
