//! The store on real temporary files: how a database is created, opened, refused and
//! written (migrations, pragmas, permissions, transactions), then a round trip through
//! every query of the public API with data inserted by `sparring::store::bulk`.
//!
//! A second, plain `rusqlite::Connection` on the same file looks at what a user running
//! `sqlite3` would see.

mod fixtures;

use std::collections::{BTreeSet, HashMap};
use std::path::{Path, PathBuf};

use chrono::{NaiveDate, NaiveDateTime};
use fixtures::{count, d, new_deal};
use rusqlite::{Connection, ErrorCode};
use sparring::domain::activity::{ActivityCount, ActivityKind, Outcome};
use sparring::domain::commitment::{Commitment, CommitmentStatus, Owner};
use sparring::domain::deal::{Deal, DealStatus, Forecast};
use sparring::domain::ids::{DealId, RepId};
use sparring::domain::metrics::{Funnel, Target, TargetKind};
use sparring::domain::period::DateRange;
use sparring::domain::review::{LedBy, PastAnswer, ReviewKind, ReviewStatus};
use sparring::store::activities::Created;
use sparring::store::bulk::{self, NewActivity, NewCommitment, NewCriterionCheck, NewDeal, NewRep, NewReview};
use sparring::store::deals::CriterionCheck;
use sparring::store::reviews::{AnswerToSave, ResumePoint};
use sparring::store::{SCHEMA_VERSION, Store, StoreError};
use tempfile::TempDir;

const SPRG: i64 = 0x5350_5247;

// ---------------------------------------------------------------------------------------
// Helpers
// ---------------------------------------------------------------------------------------

fn at(day: NaiveDate, h: u32, min: u32, s: u32) -> NaiveDateTime {
    day.and_hms_opt(h, min, s).unwrap()
}

/// A temporary folder and the path of a database inside it (not created yet).
fn temp_db() -> (TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("sparring.db");
    (dir, path)
}

fn open_new() -> (TempDir, PathBuf, Store) {
    let (dir, path) = temp_db();
    let store = Store::open(&path).unwrap();
    (dir, path, store)
}

fn with_suffix(path: &Path, suffix: &str) -> PathBuf {
    let mut name = path.as_os_str().to_owned();
    name.push(suffix);
    PathBuf::from(name)
}

/// The SQLite side files that exist next to `path`.
fn side_files(path: &Path) -> Vec<PathBuf> {
    ["-wal", "-shm", "-journal"].iter().map(|s| with_suffix(path, s)).filter(|p| p.exists()).collect()
}

/// A plain connection, as a user with `sqlite3` would have.
fn plain(path: &Path) -> Connection {
    Connection::open(path).unwrap()
}

fn pragma_i64(conn: &Connection, name: &str) -> i64 {
    conn.pragma_query_value(None, name, |row| row.get(0)).unwrap()
}

/// Table and index names created by the numbered migration files, and how many files.
fn migration_objects() -> (BTreeSet<String>, BTreeSet<String>, usize) {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("migrations");
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|entry| entry.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "sql"))
        .collect();
    files.sort();
    let (mut tables, mut indexes) = (BTreeSet::new(), BTreeSet::new());
    for (i, file) in files.iter().enumerate() {
        let name = file.file_name().unwrap().to_string_lossy().to_string();
        assert!(name.starts_with(&format!("{:04}_", i + 1)), "migration files are numbered 0001_, 0002_…: {name}");
        let sql = std::fs::read_to_string(file).unwrap();
        for line in sql.lines() {
            let words: Vec<&str> = line.split_whitespace().collect();
            match words.as_slice() {
                ["CREATE", "TABLE", name, ..] => tables.insert(name.trim_end_matches('(').to_string()),
                ["CREATE", "INDEX", name, ..] | ["CREATE", "UNIQUE", "INDEX", name, ..] => {
                    indexes.insert((*name).to_string())
                }
                _ => false,
            };
        }
    }
    (tables, indexes, files.len())
}

fn schema_objects(conn: &Connection, kind: &str) -> BTreeSet<String> {
    let mut stmt = conn
        .prepare("SELECT name FROM sqlite_master WHERE type = ?1 AND name NOT LIKE 'sqlite_%' ORDER BY name")
        .unwrap();
    stmt.query_map([kind], |row| row.get(0)).unwrap().collect::<Result<_, _>>().unwrap()
}

fn add_rep(store: &mut Store, name: &str) -> RepId {
    store
        .write(|tx| bulk::insert_rep(tx, &NewRep { name, email: None, manager: Some("Claire"), team: Some("North") }))
        .unwrap()
}

fn add_deal(store: &mut Store, deal: &NewDeal<'_>) -> DealId {
    store.write(|tx| bulk::insert_deal(tx, deal)).unwrap()
}

fn activity(
    rep: RepId,
    occurred_at: NaiveDateTime,
    kind: ActivityKind,
    outcome: Outcome,
    count: i64,
) -> NewActivity<'static> {
    NewActivity {
        rep,
        occurred_at,
        kind,
        channel: None,
        segment: None,
        message: None,
        outcome,
        count,
        deal: None,
        qualified: None,
    }
}

fn review(rep: RepId, held_on: NaiveDate, led_by: LedBy, status: ReviewStatus) -> NewReview {
    NewReview {
        kind: ReviewKind::Transformation,
        rep,
        held_on,
        led_by,
        status,
        opened_at: at(held_on, 9, 0, 0),
        closed_at: (status == ReviewStatus::Closed).then(|| at(held_on, 10, 0, 0)),
    }
}

fn answer<'a>(
    rep: RepId,
    deal: Option<DealId>,
    question_id: &'a str,
    text: &'a str,
    today: NaiveDate,
) -> AnswerToSave<'a> {
    AnswerToSave {
        rep,
        kind: ReviewKind::Transformation,
        led_by: LedBy::Manager,
        deal,
        question_id,
        question_text: "Which concrete commitments did the prospect give?",
        answer: text,
        today,
        now: at(today, 14, 30, 0),
    }
}

fn sorted(mut counts: Vec<ActivityCount>) -> Vec<ActivityCount> {
    counts.sort_by_key(|c| (c.kind, c.outcome));
    counts
}

fn sqlite_code(err: &StoreError) -> Option<ErrorCode> {
    match err {
        StoreError::Sqlite(err) => err.sqlite_error_code(),
        _ => None,
    }
}

/// Bytes that are not an SQLite file (a fixed pseudo-random sequence).
fn noise(len: usize) -> Vec<u8> {
    let mut state: u64 = 0x2545_F491_4F6C_DD1D;
    (0..len)
        .map(|_| {
            state = state.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1_442_695_040_888_963_407);
            (state >> 56) as u8
        })
        .collect()
}

// ---------------------------------------------------------------------------------------
// Creating and opening
// ---------------------------------------------------------------------------------------

#[test]
fn a_new_database_has_every_table_the_version_and_the_application_id() {
    let (_dir, path, store) = open_new();
    let (tables, indexes, files) = migration_objects();
    assert_eq!(files as i64, SCHEMA_VERSION, "every migration file is applied");
    assert!(tables.contains("reps") && tables.contains("answers"), "the migration parser found {tables:?}");

    let conn = plain(&path);
    assert_eq!(schema_objects(&conn, "table"), tables);
    assert_eq!(schema_objects(&conn, "index"), indexes);
    assert_eq!(pragma_i64(&conn, "user_version"), SCHEMA_VERSION);
    assert_eq!(pragma_i64(&conn, "application_id"), SPRG);
    assert_eq!(store.schema_version().unwrap(), SCHEMA_VERSION);
    assert_eq!(store.path(), path);
}

#[test]
fn a_new_database_is_in_wal_mode_with_full_sync_and_foreign_keys() {
    let (_dir, path, mut store) = open_new();
    let journal: String = plain(&path).pragma_query_value(None, "journal_mode", |row| row.get(0)).unwrap();
    assert_eq!(journal, "wal", "WAL is recorded in the file: another connection sees it");

    // synchronous and foreign_keys belong to the connection: look from inside the store's.
    let (synchronous, foreign_keys) = store
        .write(|tx| {
            let sync: i64 = tx.pragma_query_value(None, "synchronous", |row| row.get(0))?;
            let fk: i64 = tx.pragma_query_value(None, "foreign_keys", |row| row.get(0))?;
            Ok((sync, fk))
        })
        .unwrap();
    assert_eq!(synchronous, 2, "synchronous = FULL");
    assert_eq!(foreign_keys, 1, "foreign_keys = ON");

    let err = store.write(|tx| bulk::insert_deal(tx, &new_deal(RepId(999), "Ghost", d(2026, 11, 2)))).unwrap_err();
    assert_eq!(sqlite_code(&err), Some(ErrorCode::ConstraintViolation), "{err}");
    assert!(err.to_string().contains("FOREIGN KEY"), "{err}");
    assert_eq!(count(&plain(&path), "SELECT count(*) FROM deals"), 0);
}

#[cfg(unix)]
#[test]
fn a_new_database_is_readable_by_its_owner_only() {
    use std::os::unix::fs::PermissionsExt;
    let (_dir, path, mut store) = open_new();
    add_rep(&mut store, "Ada"); // the write-ahead log now exists too
    for file in std::iter::once(path.clone()).chain(side_files(&path)) {
        let mode = std::fs::metadata(&file).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o600, "{} has mode {mode:o}", file.display());
    }
}

#[cfg(unix)]
#[test]
fn the_side_files_of_a_database_others_can_read_are_private_all_the_same() {
    use std::os::unix::fs::PermissionsExt;
    for mode in [0o644, 0o400] {
        let (_dir, path, store) = open_new();
        drop(store);
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(mode)).unwrap();
        // SQLite gives -wal and -shm the database's own mode (0400 ones even to root, who
        // opens the file anyway).
        let Ok(mut store) = Store::open(&path) else { continue };
        add_rep(&mut store, "Ada");
        assert_eq!(side_files(&path).len(), 2, "mode {mode:o}: the side files exist");
        for file in side_files(&path) {
            let got = std::fs::metadata(&file).unwrap().permissions().mode() & 0o777;
            assert_eq!(got, 0o600, "{} beside a {mode:o} database has mode {got:o}", file.display());
        }
    }
}

#[cfg(unix)]
#[test]
fn folders_made_for_a_database_are_private_whatever_the_umask() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("a").join("b").join("sparring.db");
    // The umask is the whole process's: the folders are made by a child process.
    let status = std::process::Command::new("sh")
        .arg("-c")
        .arg(format!("umask 000 && exec \"$0\" demo --db '{}' --reps 1 --deals 1 --activities 0", path.display()))
        .arg(env!("CARGO_BIN_EXE_sparring"))
        .env("HOME", dir.path())
        .env("XDG_CONFIG_HOME", dir.path().join("config"))
        .env("XDG_DATA_HOME", dir.path().join("data"))
        .status()
        .unwrap();
    assert!(status.success());
    for folder in [dir.path().join("a"), dir.path().join("a").join("b")] {
        let mode = std::fs::metadata(&folder).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o700, "{} has mode {mode:o}", folder.display());
    }
    let mode = std::fs::metadata(&path).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode, 0o600);
}

#[test]
fn missing_parent_folders_are_created() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("a").join("b").join("sparring.db");
    let store = Store::open(&path).unwrap();
    assert!(path.is_file());
    assert_eq!(store.schema_version().unwrap(), SCHEMA_VERSION);
}

#[test]
fn an_existing_empty_file_becomes_a_sparring_database() {
    let (_dir, path) = temp_db();
    std::fs::write(&path, b"").unwrap();
    let store = Store::open(&path).unwrap();
    assert_eq!(store.schema_version().unwrap(), SCHEMA_VERSION);
    assert_eq!(pragma_i64(&plain(&path), "application_id"), SPRG);
}

#[test]
fn reopening_keeps_the_data_and_runs_no_migration() {
    let (_dir, path, mut store) = open_new();
    let rep = add_rep(&mut store, "Ada");
    store.checkpoint().unwrap();
    drop(store);
    assert!(side_files(&path).is_empty(), "closing the last connection removes -wal and -shm");
    let before = std::fs::read(&path).unwrap();

    let store = Store::open(&path).unwrap();
    assert_eq!(store.reps().unwrap().iter().map(|r| r.id).collect::<Vec<_>>(), vec![rep]);
    assert_eq!(store.schema_version().unwrap(), SCHEMA_VERSION);
    drop(store);
    // A migration run again would fail on CREATE TABLE, or at least rewrite pages.
    assert_eq!(std::fs::read(&path).unwrap(), before, "opening an up-to-date file writes nothing");
}

#[test]
fn a_database_from_before_the_week_tallies_gets_them_counted_and_kept_from_its_rows() {
    let (_dir, path, mut store) = open_new();
    let (ada, grace) = (add_rep(&mut store, "Ada"), add_rep(&mut store, "Grace"));
    store
        .write(|tx| {
            for (rep, day, hour, kind, outcome, count) in [
                (ada, d(2026, 11, 2), 9, ActivityKind::Call, Outcome::Meeting, 1),
                (ada, d(2026, 11, 2), 14, ActivityKind::Call, Outcome::None, 1),
                (ada, d(2026, 11, 13), 0, ActivityKind::Email, Outcome::Conversation, 30),
                (grace, d(2026, 11, 4), 16, ActivityKind::Meeting, Outcome::Opportunity, 1),
            ] {
                let mut a = activity(rep, at(day, hour, 0, 0), kind, outcome, count);
                a.channel = Some("Phone");
                bulk::insert_activity(tx, &a)?;
            }
            Ok(())
        })
        .unwrap();
    drop(store);
    // The file as version 7 left it: no tallies, no view, no triggers for them; and rows another
    // tool wrote, in every form a timestamp takes (summed in Rust, they must match the view).
    let conn = plain(&path);
    for (at, kind, count, qualified) in [
        ("2026-11-17", "call", 1, None),
        ("2026-11-17T00:00:00", "email", 1, None),
        ("2026-11-18T00:00:30", "call", 1, None),
        ("2026-11-18 12:00", "social", 1, None),
        ("2026-11-19T11:59:59", "event", 1, None),
        ("2026-11-19T15:00:00", "call", 4, None),
        ("2026-11-20T16:00:00", "meeting", 1, Some(1)),
        ("2026-11-20T09:00:00", "meeting", 2, Some(0)),
        ("2026-11-20T09:00:00", "fax", 1, None),
    ] {
        conn.execute(
            "INSERT INTO activities (rep_id, occurred_at, week, kind, segment, message, outcome, count, qualified)
             VALUES (?1, ?2, date(?2, 'weekday 0', '-6 days'), ?3, 'Énergie', ' Peers ', 'meeting', ?4, ?5)",
            rusqlite::params![grace.0, at, kind, count, qualified],
        )
        .unwrap();
    }
    conn.execute_batch(
        "DROP TRIGGER activity_days_tallies_insert; DROP TRIGGER activity_days_tallies_delete;
         DROP TRIGGER activity_days_tallies_update_old; DROP TRIGGER activity_days_tallies_update_new;
         DROP VIEW activity_tallies; DROP TABLE activity_rep_week_kinds; DROP TABLE activity_rep_week_breakdowns;
         DROP TABLE activity_day_breakdowns; DROP TABLE activity_day_hours; PRAGMA user_version = 7;",
    )
    .unwrap();
    drop(conn);

    let store = Store::open(&path).unwrap();
    assert_eq!(store.schema_version().unwrap(), SCHEMA_VERSION);
    assert_eq!(store.sums_out_of_step().unwrap(), Vec::<&str>::new());
    let conn = plain(&path);
    let texts = |sql: &str| fixtures::texts(&conn, sql);
    let (a, g) = (ada.0.to_string(), grace.0.to_string());
    let (a, g) = (a.as_str(), g.as_str());
    assert_eq!(
        texts(
            "SELECT rep_id, week, key, touches, conversations, booked, meetings, opportunities
             FROM activity_rep_week_breakdowns WHERE dimension = 'channel' AND week < '2026-11-16' ORDER BY 1, 2"
        ),
        [
            [a, "2026-11-02", "Phone", "2", "1", "1", "0", "0"],
            [a, "2026-11-09", "Phone", "30", "30", "0", "0", "0"],
            [g, "2026-11-02", "Phone", "0", "0", "0", "1", "1"],
        ]
    );
    assert_eq!(
        texts(
            "SELECT rep_id, week, kind, outcome_none, outcome_conversation, outcome_meeting, outcome_opportunity,
                    mon_am, mon_pm, wed_pm
             FROM activity_rep_week_kinds WHERE week < '2026-11-16' ORDER BY 1, 2, 3"
        ),
        [
            [a, "2026-11-02", "call", "1", "0", "1", "0", "1", "1", "0"],
            [a, "2026-11-09", "email", "0", "30", "0", "0", "0", "0", "0"],
            [g, "2026-11-02", "meeting", "0", "0", "0", "1", "0", "0", "1"],
        ]
    );
    // And the triggers keep them from now on, for writes by any tool.
    conn.execute(
        "INSERT INTO activities (rep_id, occurred_at, week, kind, channel, outcome)
         VALUES (?1, '2026-11-03T10:00:00', '2026-11-02', 'call', 'phone', 'none')",
        [grace.0],
    )
    .unwrap();
    conn.execute("UPDATE activities SET channel = 'LinkedIn', kind = 'social' WHERE rep_id = ?1", [ada.0]).unwrap();
    conn.execute("DELETE FROM activities WHERE kind = 'meeting'", []).unwrap();
    assert_eq!(store.sums_out_of_step().unwrap(), Vec::<&str>::new());
    assert_eq!(
        texts("SELECT day, hour, touches FROM activity_day_hours WHERE day < '2026-11-16' ORDER BY 1, 2"),
        [["2026-11-02", "9", "1"], ["2026-11-02", "14", "1"], ["2026-11-03", "10", "1"], ["2026-11-13", "-1", "30"],]
    );
}

#[test]
fn a_database_from_a_newer_version_is_refused_untouched() {
    let (_dir, path, store) = open_new();
    drop(store);
    let newer = SCHEMA_VERSION + 1;
    plain(&path).pragma_update(None, "user_version", newer).unwrap();
    assert!(side_files(&path).is_empty());
    let before = std::fs::read(&path).unwrap();

    let err = Store::open(&path).unwrap_err();
    assert!(
        matches!(err, StoreError::TooNew { found, supported, .. } if found == newer && supported == SCHEMA_VERSION),
        "{err:?}"
    );
    let message = err.to_string();
    assert!(message.contains(&path.display().to_string()), "{message}");
    assert!(message.contains(&format!("schema version {newer}")), "{message}");
    assert!(message.contains(&format!("up to {SCHEMA_VERSION}")), "{message}");
    assert!(message.contains("Upgrade sparring"), "{message}");
    assert!(message.contains("not changed"), "{message}");

    assert_eq!(std::fs::read(&path).unwrap(), before, "the file is byte-for-byte as it was");
    assert!(side_files(&path).is_empty(), "no side file left: {:?}", side_files(&path));
    assert_eq!(pragma_i64(&plain(&path), "user_version"), newer);
}

/// Writes `build` into a fresh file, then checks `Store::open` refuses it and leaves it as it was.
fn assert_refused_untouched(what: &str, build: impl FnOnce(&Path)) {
    let (_dir, path) = temp_db();
    build(&path);
    assert!(side_files(&path).is_empty(), "{what}: side files before opening");
    let before = std::fs::read(&path).unwrap();

    let err = Store::open(&path).unwrap_err();
    assert!(matches!(err, StoreError::NotSparring { .. }), "{what}: {err:?}");
    let message = err.to_string();
    assert!(message.contains(&path.display().to_string()), "{what}: {message}");
    assert!(message.contains("not a sparring database"), "{what}: {message}");
    assert!(message.contains("The file was not changed"), "{what}: {message}");

    assert_eq!(std::fs::read(&path).unwrap(), before, "{what}: the file is byte-for-byte as it was");
    assert!(side_files(&path).is_empty(), "{what}: side files after opening: {:?}", side_files(&path));
}

fn other_app(path: &Path, setup: &str) {
    let conn = Connection::open(path).unwrap();
    conn.execute_batch(setup).unwrap();
}

#[test]
fn files_that_are_not_sparring_databases_are_refused_untouched() {
    assert_refused_untouched("random bytes", |p| std::fs::write(p, noise(8192)).unwrap());
    assert_refused_untouched("a short text file", |p| std::fs::write(p, "rep,deal,amount\nAda,Acme,100\n").unwrap());
    assert_refused_untouched("another app's tables", |p| {
        other_app(p, "CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT); INSERT INTO notes (body) VALUES ('hi');");
    });
    assert_refused_untouched("another app's tables, in WAL mode", |p| {
        other_app(p, "PRAGMA journal_mode = WAL; CREATE TABLE notes (body TEXT); INSERT INTO notes VALUES ('hi');");
    });
    assert_refused_untouched("another app's schema version, without an application id", |p| {
        other_app(p, "CREATE TABLE reps (id INTEGER PRIMARY KEY); PRAGMA user_version = 1;");
    });
    assert_refused_untouched("another app's newer-looking version", |p| {
        other_app(p, "CREATE TABLE t (x); PRAGMA user_version = 99;");
    });
    assert_refused_untouched("another application_id, empty", |p| other_app(p, "PRAGMA application_id = 1234;"));
    assert_refused_untouched("another application_id and version", |p| {
        other_app(p, "PRAGMA application_id = 1234; PRAGMA user_version = 5; CREATE TABLE t (x);");
    });
}

/// A file in WAL mode whose last writes are still in its -wal, as a crash or a copy leaves
/// it: `setup` runs on a connection that never checkpoints, and the files are copied while
/// it is open.
fn with_pending_wal(path: &Path, setup: &str) {
    let dir = tempfile::tempdir().unwrap();
    let source = dir.path().join("source.db");
    let conn = Connection::open(&source).unwrap();
    conn.execute_batch("PRAGMA journal_mode = WAL; PRAGMA wal_autocheckpoint = 0;").unwrap();
    conn.execute_batch(setup).unwrap();
    std::fs::copy(&source, path).unwrap();
    std::fs::copy(with_suffix(&source, "-wal"), with_suffix(path, "-wal")).unwrap();
    drop(conn);
}

#[test]
fn a_refused_file_and_its_wal_stay_byte_identical() {
    let newer = format!(
        "CREATE TABLE t (x); PRAGMA application_id = {SPRG}; PRAGMA user_version = {}; INSERT INTO t VALUES (1);",
        SCHEMA_VERSION + 1
    );
    for (what, setup) in [
        ("another application's file", "PRAGMA application_id = 1234; CREATE TABLE t (x); INSERT INTO t VALUES (1);"),
        ("a newer sparring's file", newer.as_str()),
        ("a negative version", "CREATE TABLE t (x); PRAGMA user_version = -3; INSERT INTO t VALUES (1);"),
    ] {
        let (_dir, path) = temp_db();
        with_pending_wal(&path, setup);
        let wal = with_suffix(&path, "-wal");
        let (main_before, wal_before) = (std::fs::read(&path).unwrap(), std::fs::read(&wal).unwrap());
        assert!(!wal_before.is_empty(), "{what}: the writes are in the -wal");

        let err = Store::open(&path).unwrap_err();
        assert!(err.to_string().to_lowercase().contains("the file was not changed"), "{what}: {err}");
        assert!(std::fs::read(&path).unwrap() == main_before, "{what}: the file is as it was");
        assert!(std::fs::read(&wal).unwrap() == wal_before, "{what}: its -wal is as it was");
    }
}

#[test]
fn a_negative_or_unknown_version_is_refused_untouched() {
    let (_dir, path, store) = open_new();
    drop(store);
    plain(&path).pragma_update(None, "user_version", -3).unwrap();
    let before = std::fs::read(&path).unwrap();
    let err = Store::open(&path).unwrap_err();
    let message = err.to_string();
    assert!(message.contains("schema version -3") && message.contains("not changed"), "{message}");
    assert_eq!(std::fs::read(&path).unwrap(), before);
    assert_eq!(pragma_i64(&plain(&path), "user_version"), -3, "not rewritten");
}

#[test]
fn a_half_migrated_database_is_refused_with_a_one_line_reason() {
    let (_dir, path) = temp_db();
    let conn = plain(&path);
    conn.execute_batch(include_str!("../migrations/0001_init.sql")).unwrap();
    // A table of migration 0002 made by hand, the version left at 1.
    conn.execute_batch(&format!(
        "CREATE TABLE hypotheses (id INTEGER PRIMARY KEY); PRAGMA application_id = {SPRG}; PRAGMA user_version = 1;"
    ))
    .unwrap();
    drop(conn);
    let before = std::fs::read(&path).unwrap();
    let message = Store::open(&path).unwrap_err().to_string();
    assert_eq!(message.lines().count(), 1, "{message}");
    assert!(!message.contains("--") && !message.contains("CREATE"), "no migration SQL: {message}");
    assert!(message.contains("schema version 1") && message.contains("hypotheses"), "{message}");
    assert!(message.contains("The file was not changed"), "{message}");
    assert_eq!(std::fs::read(&path).unwrap(), before);

    // A table its version should have, missing.
    let (_dir, path, store) = open_new();
    drop(store);
    plain(&path).execute_batch("DROP TABLE hypotheses").unwrap();
    let message = Store::open(&path).unwrap_err().to_string();
    assert!(message.contains("hypotheses") && message.contains("not changed"), "{message}");
}

#[test]
fn the_refusal_names_the_other_application() {
    let (_dir, path) = temp_db();
    other_app(&path, "PRAGMA application_id = 4660;");
    let message = Store::open(&path).unwrap_err().to_string();
    assert!(message.contains("0x1234"), "{message}");
}

// ---------------------------------------------------------------------------------------
// Transactions
// ---------------------------------------------------------------------------------------

#[test]
fn writes_take_the_write_lock_when_they_begin() {
    let (_dir, path, mut store) = open_new();
    let other = plain(&path);
    other.busy_timeout(std::time::Duration::ZERO).unwrap();
    let (in_transaction, other_write, other_read) = store
        .write(|tx| {
            // Nothing written yet: only BEGIN IMMEDIATE holds the lock at this point.
            let other_write = other.execute_batch("BEGIN IMMEDIATE").err().and_then(|e| e.sqlite_error_code());
            let other_read: i64 = other.query_row("SELECT count(*) FROM reps", [], |row| row.get(0))?;
            Ok((!tx.is_autocommit(), other_write, other_read))
        })
        .unwrap();
    assert!(in_transaction);
    assert_eq!(other_write, Some(ErrorCode::DatabaseBusy), "a second writer waits");
    assert_eq!(other_read, 0, "readers are not blocked (WAL)");
    other.execute_batch("BEGIN IMMEDIATE; ROLLBACK;").unwrap();
}

#[test]
fn a_failed_write_leaves_nothing() {
    let (_dir, path, mut store) = open_new();
    let err = store
        .write(|tx| {
            bulk::insert_rep(tx, &NewRep { name: "Ada", email: None, manager: None, team: None })?;
            Err::<(), _>(rusqlite::Error::InvalidParameterName("the closure gave up".into()))
        })
        .unwrap_err();
    assert!(err.to_string().contains("the closure gave up"), "{err}");
    assert!(store.reps().unwrap().is_empty());

    // A constraint failing half-way rolls back the rows written before it.
    let err = store
        .write(|tx| {
            let rep = bulk::insert_rep(tx, &NewRep { name: "Bea", email: None, manager: None, team: None })?;
            bulk::insert_deal(tx, &new_deal(rep, "Acme", d(2026, 11, 2)))?;
            bulk::insert_deal(tx, &new_deal(RepId(999), "Ghost", d(2026, 11, 2)))
        })
        .unwrap_err();
    assert_eq!(sqlite_code(&err), Some(ErrorCode::ConstraintViolation));
    let conn = plain(&path);
    assert_eq!(count(&conn, "SELECT count(*) FROM reps"), 0);
    assert_eq!(count(&conn, "SELECT count(*) FROM deals"), 0);

    // The store is still usable afterwards.
    add_rep(&mut store, "Cy");
    assert_eq!(store.reps().unwrap().len(), 1);
}

#[test]
fn check_constraints_reject_unknown_words() {
    let (_dir, _path, mut store) = open_new();
    let rep = add_rep(&mut store, "Ada");
    let deal = add_deal(&mut store, &new_deal(rep, "Acme", d(2026, 11, 2)));
    let review = store
        .write(|tx| bulk::insert_review(tx, &review(rep, d(2026, 11, 2), LedBy::Manager, ReviewStatus::Open)))
        .unwrap();
    let (r, dl, rv) = (rep.0, deal.0, review.0);
    let bad = [
        format!("INSERT INTO commitments (rep_id, owner, what, status) VALUES ({r}, 'rep', 'x', 'pending')"),
        format!("INSERT INTO commitments (rep_id, owner, what) VALUES ({r}, 'customer', 'x')"),
        format!("UPDATE deals SET status = 'closed' WHERE id = {dl}"),
        format!("UPDATE deals SET forecast = 'Commit' WHERE id = {dl}"),
        format!(
            "INSERT INTO activities (rep_id, occurred_at, week, kind, outcome) \
             VALUES ({r}, '2026-11-02T09:00:00', '2026-11-02', 'call', 'booked')"
        ),
        format!(
            "INSERT INTO activities (rep_id, occurred_at, week, kind, count) \
             VALUES ({r}, '2026-11-02T09:00:00', '2026-11-02', 'call', 0)"
        ),
        format!(
            "INSERT INTO activities (rep_id, occurred_at, week, kind, qualified) \
             VALUES ({r}, '2026-11-02T09:00:00', '2026-11-02', 'meeting', 2)"
        ),
        format!("INSERT INTO reviews (kind, rep_id, held_on, opened_at) VALUES ('weekly', {r}, '2026-11-02', 'x')"),
        format!("UPDATE reviews SET led_by = 'coach' WHERE id = {rv}"),
        format!("UPDATE reviews SET status = 'done' WHERE id = {rv}"),
        format!("INSERT INTO skill_ratings (review_id, skill_id, score) VALUES ({rv}, 'posture', 6)"),
        format!("UPDATE reps SET active = 2 WHERE id = {r}"),
        format!("INSERT INTO targets (rep_id, kind, per_week) VALUES ({r}, 'call', -1)"),
    ];
    for sql in bad {
        let err = store.write(|tx| tx.execute(&sql, [])).unwrap_err();
        assert!(err.to_string().contains("CHECK constraint failed"), "{sql}: {err}");
    }
    assert_eq!(store.open_commitments(deal).unwrap(), vec![]);
}

// ---------------------------------------------------------------------------------------
// Reps and targets
// ---------------------------------------------------------------------------------------

#[test]
fn reps_are_listed_active_first_by_name_with_their_open_deals() {
    let (_dir, _path, mut store) = open_new();
    let zoe = add_rep(&mut store, "Zoé Martin");
    let ada = add_rep(&mut store, "ada Lovelace");
    let bob = add_rep(&mut store, "Bob Stone");
    let old = add_rep(&mut store, "Aaron Left");
    store.write(|tx| tx.execute("UPDATE reps SET active = 0 WHERE id = ?1", [old.0])).unwrap();
    for (account, status) in
        [("A", DealStatus::Open), ("B", DealStatus::Open), ("C", DealStatus::Won), ("D", DealStatus::Lost)]
    {
        add_deal(&mut store, &NewDeal { status, ..new_deal(bob, account, d(2026, 10, 1)) });
    }
    add_deal(&mut store, &new_deal(zoe, "E", d(2026, 10, 1)));

    let reps = store.reps().unwrap();
    let listed: Vec<(RepId, bool, i64)> = reps.iter().map(|r| (r.id, r.active, r.open_deals)).collect();
    assert_eq!(listed, vec![(ada, true, 0), (bob, true, 2), (zoe, true, 1), (old, false, 0)]);
    assert_eq!(reps[0].name, "ada Lovelace");
    assert_eq!(reps[0].manager.as_deref(), Some("Claire"));
    assert_eq!(reps[0].team.as_deref(), Some("North"));
    assert_eq!(reps[0].email, None);
}

#[test]
fn reps_are_found_by_name_in_any_case() {
    let (_dir, _path, mut store) = open_new();
    let ada = add_rep(&mut store, "Ada Lovelace");
    assert_eq!(store.rep_by_name("Ada Lovelace").unwrap(), Some(ada));
    assert_eq!(store.rep_by_name("  ADA lovelace ").unwrap(), Some(ada));
    assert_eq!(store.rep_by_name("Ada").unwrap(), None);
    assert_eq!(store.rep_by_name("").unwrap(), None);

    let zoe = add_rep(&mut store, "Zoé Écrivain");
    assert_eq!(store.rep_by_name("ZOÉ ÉCRIVAIN").unwrap(), Some(zoe), "accented capitals fold too");
    assert_eq!(store.rep_by_name("zoe ecrivain").unwrap(), None, "accents are not dropped");

    // The schema lets two names differ in case only: the exact one wins.
    let lower = add_rep(&mut store, "ada lovelace");
    assert_eq!(store.rep_by_name("ada lovelace").unwrap(), Some(lower));
    assert_eq!(store.rep_by_name("Ada Lovelace").unwrap(), Some(ada));
    assert_eq!(store.rep_by_name("ADA LOVELACE").unwrap(), Some(ada), "otherwise the first one added");
}

#[test]
fn targets_round_trip_and_unknown_kinds_are_skipped() {
    let (_dir, _path, mut store) = open_new();
    let ada = add_rep(&mut store, "Ada");
    let bob = add_rep(&mut store, "Bob");
    store
        .write(|tx| {
            bulk::set_target(tx, ada, TargetKind::Activity(ActivityKind::Call), Some(40), d(2026, 11, 27))?;
            bulk::set_target(tx, ada, TargetKind::Activity(ActivityKind::Call), Some(50), d(2026, 11, 27))?; // replaces 40
            bulk::set_target(tx, ada, TargetKind::Opportunity, Some(2), d(2026, 11, 27))?;
            bulk::set_target(tx, ada, TargetKind::Pipeline, Some(5_000_000), d(2026, 11, 27))?;
            bulk::set_target(tx, bob, TargetKind::Activity(ActivityKind::Email), Some(100), d(2026, 11, 27))?;
            tx.execute("INSERT INTO targets (rep_id, kind, per_week) VALUES (?1, 'carrier_pigeon', 3)", [ada.0])
        })
        .unwrap();
    let mut targets = store.targets(ada).unwrap();
    targets.sort_by_key(|t| t.kind);
    assert_eq!(
        targets,
        vec![
            Target { kind: TargetKind::Activity(ActivityKind::Call), per_week: 50 },
            Target { kind: TargetKind::Opportunity, per_week: 2 },
            Target { kind: TargetKind::Pipeline, per_week: 5_000_000 },
        ]
    );
    assert!(store.targets(RepId(999)).unwrap().is_empty());
}

// ---------------------------------------------------------------------------------------
// Deals, criteria, commitments
// ---------------------------------------------------------------------------------------

#[test]
fn a_deal_round_trips_with_every_fact() {
    let (_dir, _path, mut store) = open_new();
    let ada = add_rep(&mut store, "Ada");
    let new = NewDeal {
        external_id: Some("006Hs00001"),
        rep: ada,
        account: "Acme Corp",
        name: "Platform rollout",
        amount_minor: 4_800_050,
        currency: "USD",
        stage: "proposal",
        stage_entered_on: d(2026, 10, 17),
        close_on: Some(d(2026, 12, 20)),
        forecast: Forecast::BestCase,
        sponsor_name: Some("Ines Roy"),
        sponsor_role: Some("CFO"),
        next_step: Some("Security review"),
        next_step_on: Some(d(2026, 11, 30)),
        source_channel: Some("linkedin"),
        segment: Some("mid-market"),
        status: DealStatus::Open,
        created_on: d(2026, 9, 1),
        closed_on: None,
    };
    let id = add_deal(&mut store, &new);
    let expected = Deal {
        id,
        external_id: Some("006Hs00001".into()),
        rep_id: ada,
        account: "Acme Corp".into(),
        name: "Platform rollout".into(),
        amount_minor: 4_800_050,
        currency: "USD".into(),
        stage: "proposal".into(),
        stage_entered_on: d(2026, 10, 17),
        close_on: Some(d(2026, 12, 20)),
        forecast: Forecast::BestCase,
        sponsor_name: Some("Ines Roy".into()),
        sponsor_role: Some("CFO".into()),
        next_step: Some("Security review".into()),
        next_step_on: Some(d(2026, 11, 30)),
        source_channel: Some("linkedin".into()),
        segment: Some("mid-market".into()),
        status: DealStatus::Open,
        created_on: d(2026, 9, 1),
        closed_on: None,
    };
    assert_eq!(store.deal(id).unwrap(), Some(expected));
    assert_eq!(store.deal(DealId(id.0 + 1)).unwrap(), None);

    let minimal = add_deal(&mut store, &new_deal(ada, "Tiny", d(2026, 11, 2)));
    let got = store.deal(minimal).unwrap().unwrap();
    assert_eq!((got.close_on, got.sponsor_name, got.external_id, got.forecast), (None, None, None, Forecast::Pipeline));
}

#[test]
fn open_deals_are_only_open_ones_oldest_in_stage_first() {
    let (_dir, _path, mut store) = open_new();
    let ada = add_rep(&mut store, "Ada");
    let bob = add_rep(&mut store, "Bob");
    let late = add_deal(&mut store, &new_deal(ada, "Late", d(2026, 11, 10)));
    let early = add_deal(&mut store, &new_deal(ada, "Early", d(2026, 9, 1)));
    let same_day = add_deal(&mut store, &new_deal(ada, "Same day", d(2026, 11, 10)));
    add_deal(&mut store, &NewDeal { status: DealStatus::Won, ..new_deal(ada, "Won", d(2026, 8, 1)) });
    add_deal(&mut store, &NewDeal { status: DealStatus::Lost, ..new_deal(ada, "Lost", d(2026, 8, 1)) });
    add_deal(&mut store, &new_deal(bob, "Bob's", d(2026, 7, 1)));

    let ids: Vec<DealId> = store.open_deals(ada).unwrap().iter().map(|deal| deal.id).collect();
    assert_eq!(ids, vec![early, late, same_day]);
    assert!(store.open_deals(RepId(999)).unwrap().is_empty());
}

#[test]
fn criteria_checks_round_trip() {
    let (_dir, _path, mut store) = open_new();
    let ada = add_rep(&mut store, "Ada");
    let deal = add_deal(&mut store, &new_deal(ada, "Acme", d(2026, 10, 1)));
    let other = add_deal(&mut store, &new_deal(ada, "Other", d(2026, 10, 1)));
    store
        .write(|tx| {
            for (id, stage, criterion, on, evidence) in [
                (deal, "discover", "sponsor", d(2026, 10, 20), "Met Ines, she owns the budget"),
                (deal, "qualify", "pain", d(2026, 10, 5), "\"We lose two days a month on this\""),
                (other, "qualify", "pain", d(2026, 10, 6), "other deal"),
            ] {
                bulk::insert_criterion_check(
                    tx,
                    &NewCriterionCheck {
                        deal: id,
                        stage,
                        criterion,
                        criterion_text: "wording",
                        validated_on: on,
                        evidence,
                    },
                )?;
            }
            Ok(())
        })
        .unwrap();
    assert_eq!(
        store.criteria_checks(deal).unwrap(),
        vec![
            CriterionCheck {
                stage: "qualify".into(),
                criterion: "pain".into(),
                validated_on: d(2026, 10, 5),
                evidence: "\"We lose two days a month on this\"".into(),
            },
            CriterionCheck {
                stage: "discover".into(),
                criterion: "sponsor".into(),
                validated_on: d(2026, 10, 20),
                evidence: "Met Ines, she owns the budget".into(),
            },
        ]
    );
    // One row per (deal, stage, criterion).
    let again = NewCriterionCheck {
        deal,
        stage: "qualify",
        criterion: "pain",
        criterion_text: "",
        validated_on: d(2026, 11, 1),
        evidence: "",
    };
    let err = store.write(|tx| bulk::insert_criterion_check(tx, &again)).unwrap_err();
    assert_eq!(sqlite_code(&err), Some(ErrorCode::ConstraintViolation));
}

#[test]
fn open_commitments_are_soonest_due_first_undated_last() {
    let (_dir, _path, mut store) = open_new();
    let ada = add_rep(&mut store, "Ada");
    let deal = add_deal(&mut store, &new_deal(ada, "Acme", d(2026, 10, 1)));
    let other = add_deal(&mut store, &new_deal(ada, "Other", d(2026, 10, 1)));
    let commitment = |deal: Option<DealId>, owner, what, due_on, status| NewCommitment {
        deal,
        rep: ada,
        owner,
        what,
        due_on,
        status,
        made_in: None,
        settled_in: None,
        settled_on: None,
        note: "",
        created_on: None,
    };
    let ids = store
        .write(|tx| {
            let mut ids = Vec::new();
            for c in [
                commitment(Some(deal), Owner::Rep, "Undated", None, CommitmentStatus::Open),
                commitment(Some(deal), Owner::Prospect, "Later", Some(d(2026, 12, 1)), CommitmentStatus::Open),
                commitment(Some(deal), Owner::Prospect, "Sooner", Some(d(2026, 11, 20)), CommitmentStatus::Open),
                commitment(Some(deal), Owner::Manager, "Done", Some(d(2026, 11, 1)), CommitmentStatus::Done),
                commitment(Some(deal), Owner::Prospect, "Missed", Some(d(2026, 11, 2)), CommitmentStatus::Missed),
                commitment(Some(deal), Owner::Rep, "Dropped", Some(d(2026, 11, 3)), CommitmentStatus::Dropped),
                commitment(Some(other), Owner::Prospect, "Other deal", Some(d(2026, 11, 1)), CommitmentStatus::Open),
                commitment(None, Owner::Rep, "Prospecting", Some(d(2026, 11, 1)), CommitmentStatus::Open),
            ] {
                ids.push(bulk::insert_commitment(tx, &c)?);
            }
            Ok(ids)
        })
        .unwrap();
    let open = store.open_commitments(deal).unwrap();
    let whats: Vec<&str> = open.iter().map(|c| c.what.as_str()).collect();
    assert_eq!(whats, ["Sooner", "Later", "Undated"]);
    assert_eq!(
        open[0],
        Commitment {
            id: ids[2],
            deal_id: Some(deal),
            rep_id: ada,
            owner: Owner::Prospect,
            what: "Sooner".into(),
            due_on: Some(d(2026, 11, 20)),
            status: CommitmentStatus::Open,
            made_in_review: None,
            created_on: None,
            settled_on: None,
            note: String::new(),
        }
    );
}

// ---------------------------------------------------------------------------------------
// Prospecting figures
// ---------------------------------------------------------------------------------------

#[test]
fn activity_counts_cover_the_range_to_the_second() {
    let (_dir, _path, mut store) = open_new();
    let ada = add_rep(&mut store, "Ada");
    let bob = add_rep(&mut store, "Bob");
    // The range: Monday 2 November to Wednesday 18 November 2026.
    let range = DateRange { from: d(2026, 11, 2), to: d(2026, 11, 18) };
    store
        .write(|tx| {
            use ActivityKind::{Call, Email, Meeting};
            use Outcome::{Conversation, Opportunity};
            for a in [
                activity(ada, at(d(2026, 11, 1), 23, 59, 59), Call, Outcome::None, 7), // the Sunday before
                activity(ada, at(d(2026, 11, 2), 0, 0, 0), Call, Outcome::None, 10),   // first second
                activity(ada, at(d(2026, 11, 3), 9, 0, 0), Call, Conversation, 5),
                activity(ada, at(d(2026, 11, 4), 10, 0, 0), Email, Outcome::None, 20),
                activity(ada, at(d(2026, 11, 4), 11, 0, 0), Email, Conversation, 3),
                activity(ada, at(d(2026, 11, 12), 15, 0, 0), Meeting, Opportunity, 2),
                activity(ada, at(d(2026, 11, 13), 15, 0, 0), Meeting, Outcome::None, 1),
                activity(ada, at(d(2026, 11, 18), 23, 59, 59), Call, Outcome::None, 4), // last second
                activity(ada, at(d(2026, 11, 19), 0, 0, 0), Call, Outcome::None, 100),  // the day after
                activity(bob, at(d(2026, 11, 5), 9, 0, 0), Call, Outcome::None, 1000),  // another rep
            ] {
                bulk::insert_activity(tx, &a)?;
            }
            // A kind from a newer import is left out, not fatal.
            tx.execute(
                "INSERT INTO activities (rep_id, occurred_at, week, kind, count)
                 VALUES (?1, '2026-11-05T10:00:00', '2026-11-02', 'webinar', 9)",
                [ada.0],
            )?;
            Ok(())
        })
        .unwrap();

    let count = |kind, outcome, count| ActivityCount { kind, outcome, count };
    let counts = sorted(store.activity_counts(ada, range).unwrap());
    assert_eq!(
        counts,
        vec![
            count(ActivityKind::Call, Outcome::None, 14),
            count(ActivityKind::Call, Outcome::Conversation, 5),
            count(ActivityKind::Email, Outcome::None, 20),
            count(ActivityKind::Email, Outcome::Conversation, 3),
            count(ActivityKind::Meeting, Outcome::None, 1),
            count(ActivityKind::Meeting, Outcome::Opportunity, 2),
        ]
    );
    let funnel = Funnel::new(&counts, 0, 0);
    assert_eq!((funnel.touches, funnel.conversations, funnel.meetings), (42, 8, 3));

    // A range starting mid-week leaves out the days of that week before it.
    let wednesday = DateRange { from: d(2026, 11, 4), to: d(2026, 11, 4) };
    assert_eq!(
        sorted(store.activity_counts(ada, wednesday).unwrap()),
        vec![count(ActivityKind::Email, Outcome::None, 20), count(ActivityKind::Email, Outcome::Conversation, 3)]
    );
    let empty = DateRange { from: d(2026, 12, 1), to: d(2026, 12, 31) };
    assert!(store.activity_counts(ada, empty).unwrap().is_empty());
}

#[test]
fn deals_created_count_by_creation_day() {
    let (_dir, _path, mut store) = open_new();
    let ada = add_rep(&mut store, "Ada");
    let bob = add_rep(&mut store, "Bob");
    let range = DateRange { from: d(2026, 11, 2), to: d(2026, 11, 18) };
    for (rep, created_on, amount_minor, status) in [
        (ada, d(2026, 11, 1), 1, DealStatus::Open),
        (ada, d(2026, 11, 2), 100_000, DealStatus::Open),
        (ada, d(2026, 11, 18), 250_000, DealStatus::Won),
        (ada, d(2026, 11, 19), 1, DealStatus::Open),
        (bob, d(2026, 11, 5), 1, DealStatus::Open),
    ] {
        let deal = NewDeal { amount_minor, status, created_on, ..new_deal(rep, "Acme", d(2026, 11, 20)) };
        add_deal(&mut store, &deal);
    }
    assert_eq!(store.deals_created(ada, range).unwrap(), Created { opportunities: 2, pipeline_minor: 350_000 });
    let nothing = DateRange { from: d(2027, 1, 1), to: d(2027, 1, 31) };
    assert_eq!(store.deals_created(ada, nothing).unwrap(), Created::default());
}

// ---------------------------------------------------------------------------------------
// Reviews and answers
// ---------------------------------------------------------------------------------------

fn answer_rows(path: &Path) -> i64 {
    count(&plain(path), "SELECT count(*) FROM answers")
}

#[test]
fn saving_an_answer_opens_one_review_and_keeps_one_row_per_question() {
    let (_dir, path, mut store) = open_new();
    let ada = add_rep(&mut store, "Ada");
    let deal = add_deal(&mut store, &new_deal(ada, "Acme", d(2026, 10, 1)));
    let today = d(2026, 11, 20);
    assert_eq!(store.open_review_on(ada, ReviewKind::Transformation, LedBy::Manager, today).unwrap(), None);

    let review = store.save_answer(&answer(ada, Some(deal), "sponsor", "Not yet", today)).unwrap();
    assert_eq!(store.open_review_on(ada, ReviewKind::Transformation, LedBy::Manager, today).unwrap(), Some(review));
    let conn = plain(&path);
    let (kind, rep, held_on, led_by, status, current_deal, current_question): (
        String,
        i64,
        NaiveDate,
        String,
        String,
        Option<i64>,
        Option<String>,
    ) = conn
        .query_row(
            "SELECT kind, rep_id, held_on, led_by, status, current_deal_id, current_question FROM reviews WHERE id = ?1",
            [review.0],
            |row| Ok((row.get(0)?, row.get(1)?, row.get(2)?, row.get(3)?, row.get(4)?, row.get(5)?, row.get(6)?)),
        )
        .unwrap();
    assert_eq!(
        (kind.as_str(), rep, held_on, led_by.as_str(), status.as_str()),
        ("transformation", ada.0, today, "manager", "open")
    );
    assert_eq!((current_deal, current_question.as_deref()), (Some(deal.0), Some("sponsor")));

    // Saving again updates the same row.
    let again = AnswerToSave {
        question_text: "Is there a sponsor?",
        now: at(today, 14, 35, 0),
        ..answer(ada, Some(deal), "sponsor", "Ines, CFO", today)
    };
    assert_eq!(store.save_answer(&again).unwrap(), review);
    assert_eq!(answer_rows(&path), 1);
    let (text, asked, answered_at): (String, String, String) = conn
        .query_row("SELECT answer, question_text, answered_at FROM answers", [], |row| {
            Ok((row.get(0)?, row.get(1)?, row.get(2)?))
        })
        .unwrap();
    assert_eq!(
        (text.as_str(), asked.as_str(), answered_at.as_str()),
        ("Ines, CFO", "Is there a sponsor?", "2026-11-20T14:35:00")
    );

    // The same question id about no deal does not collide with the deal's answer.
    assert_eq!(store.save_answer(&answer(ada, None, "sponsor", "general", today)).unwrap(), review);
    assert_eq!(answer_rows(&path), 2);
    assert_eq!(store.answers(review, Some(deal)).unwrap(), HashMap::from([("sponsor".into(), "Ines, CFO".into())]));
    assert_eq!(store.answers(review, None).unwrap(), HashMap::from([("sponsor".into(), "general".into())]));

    // A second question moves the review's position.
    store.save_answer(&answer(ada, Some(deal), "competition", "Incumbent", today)).unwrap();
    let point = store.resume_point().unwrap().unwrap();
    assert_eq!((point.deal, point.question.as_deref()), (Some(deal), Some("competition")));

    // An empty answer removes the row, and only that one.
    store.save_answer(&answer(ada, Some(deal), "sponsor", "  ", today)).unwrap();
    assert_eq!(store.answers(review, Some(deal)).unwrap(), HashMap::from([("competition".into(), "Incumbent".into())]));
    assert_eq!(store.answers(review, None).unwrap().len(), 1);

    // Another day opens another review; so does the rep's own prep the same day.
    let tomorrow = store.save_answer(&answer(ada, Some(deal), "sponsor", "Still Ines", d(2026, 11, 21))).unwrap();
    assert_ne!(tomorrow, review);
    let prep = AnswerToSave { led_by: LedBy::Rep, ..answer(ada, Some(deal), "sponsor", "Ines", today) };
    let prep_review = store.save_answer(&prep).unwrap();
    assert!(prep_review != review && prep_review != tomorrow);
    assert_eq!(count(&conn, "SELECT count(*) FROM reviews"), 3);
}

#[test]
fn a_prospecting_answer_has_no_deal_and_its_own_review() {
    let (_dir, path, mut store) = open_new();
    let ada = add_rep(&mut store, "Ada");
    let deal = add_deal(&mut store, &new_deal(ada, "Acme", d(2026, 10, 1)));
    let today = d(2026, 11, 20);
    let transformation = store.save_answer(&answer(ada, Some(deal), "targeting", "deal answer", today)).unwrap();
    let prospecting = AnswerToSave { kind: ReviewKind::Prospecting, ..answer(ada, None, "targeting", "CFOs", today) };
    let review = store.save_answer(&prospecting).unwrap();
    assert_ne!(review, transformation);
    assert_eq!(count(&plain(&path), "SELECT count(*) FROM answers WHERE deal_id IS NULL"), 1);
    assert_eq!(store.answers(review, None).unwrap(), HashMap::from([("targeting".into(), "CFOs".into())]));
    assert_eq!(store.answers(transformation, Some(deal)).unwrap()["targeting"], "deal answer");
    let point = store.resume_point().unwrap().unwrap();
    assert_eq!((point.review, point.kind, point.deal), (review, ReviewKind::Prospecting, None));
}

#[test]
fn previous_answers_are_the_latest_from_other_manager_reviews() {
    let (_dir, _path, mut store) = open_new();
    let ada = add_rep(&mut store, "Ada");
    let deal = add_deal(&mut store, &new_deal(ada, "Acme", d(2026, 10, 1)));
    let other = add_deal(&mut store, &new_deal(ada, "Other", d(2026, 10, 1)));
    let current = store
        .write(|tx| {
            let at10 = at(d(2026, 11, 6), 10, 0, 0);
            let first = bulk::insert_review(tx, &review(ada, d(2026, 11, 6), LedBy::Manager, ReviewStatus::Closed))?;
            bulk::insert_answer(tx, first, Some(deal), "sponsor", "Sponsor?", "none yet", at10)?;
            bulk::insert_answer(tx, first, Some(deal), "competition", "Competition?", "incumbent", at10)?;
            let second = bulk::insert_review(tx, &review(ada, d(2026, 11, 13), LedBy::Manager, ReviewStatus::Closed))?;
            bulk::insert_answer(tx, second, Some(deal), "sponsor", "Sponsor?", "Ines, CFO", at10)?;
            bulk::insert_answer(tx, second, Some(other), "competition", "Competition?", "other deal", at10)?;
            let prep = bulk::insert_review(tx, &review(ada, d(2026, 11, 19), LedBy::Rep, ReviewStatus::Open))?;
            bulk::insert_answer(tx, prep, Some(deal), "sponsor", "Sponsor?", "the rep's prep", at10)?;
            bulk::insert_answer(tx, prep, Some(deal), "timing", "Timing?", "prep only", at10)?;
            let current = bulk::insert_review(tx, &review(ada, d(2026, 11, 20), LedBy::Manager, ReviewStatus::Open))?;
            bulk::insert_answer(tx, current, Some(deal), "sponsor", "Sponsor?", "today's answer", at10)?;
            Ok(current)
        })
        .unwrap();

    let past = |question_id: &str, answer: &str, held_on| PastAnswer {
        question_id: question_id.into(),
        answer: answer.into(),
        held_on,
    };
    assert_eq!(
        store.previous_answers(deal, Some(current)).unwrap(),
        HashMap::from([
            ("sponsor".into(), past("sponsor", "Ines, CFO", d(2026, 11, 13))),
            ("competition".into(), past("competition", "incumbent", d(2026, 11, 6))),
        ])
    );
    // Without a current review, today's manager review counts as the latest.
    assert_eq!(
        store.previous_answers(deal, None).unwrap()["sponsor"],
        past("sponsor", "today's answer", d(2026, 11, 20))
    );
    assert!(store.previous_answers(DealId(999), None).unwrap().is_empty());
}

#[test]
fn resume_point_is_the_latest_open_manager_review() {
    let (_dir, _path, mut store) = open_new();
    assert_eq!(store.resume_point().unwrap(), None);
    let ada = add_rep(&mut store, "Ada");
    let bob = add_rep(&mut store, "Bob");
    let deal = add_deal(&mut store, &new_deal(bob, "Acme", d(2026, 10, 1)));

    let older = store.save_answer(&answer(ada, None, "q1", "a", d(2026, 11, 19))).unwrap();
    let latest = store.save_answer(&answer(bob, Some(deal), "q7", "b", d(2026, 11, 20))).unwrap();
    // A rep's prep opened later is not where the manager resumes.
    let prep = AnswerToSave { led_by: LedBy::Rep, ..answer(ada, None, "q1", "c", d(2026, 11, 21)) };
    store.save_answer(&prep).unwrap();
    assert_eq!(
        store.resume_point().unwrap(),
        Some(ResumePoint {
            review: latest,
            rep: bob,
            kind: ReviewKind::Transformation,
            held_on: d(2026, 11, 20),
            deal: Some(deal),
            question: Some("q7".into()),
        })
    );

    store.write(|tx| tx.execute("UPDATE reviews SET status = 'closed' WHERE id = ?1", [latest.0])).unwrap();
    assert_eq!(store.resume_point().unwrap().map(|p| p.review), Some(older));
    store.write(|tx| tx.execute("UPDATE reviews SET status = 'closed' WHERE led_by = 'manager'", [])).unwrap();
    assert_eq!(store.resume_point().unwrap(), None);
}

// ---------------------------------------------------------------------------------------
// Several connections on one file (the app and `sparring add …`, or two app windows)
// ---------------------------------------------------------------------------------------

#[test]
fn a_second_store_on_an_open_file_sees_and_writes_the_same_data() {
    let (_dir, path, mut first) = open_new();
    add_rep(&mut first, "Ada");
    let mut second = Store::open(&path).unwrap();
    add_rep(&mut second, "Bob");
    let names: Vec<String> = first.reps().unwrap().into_iter().map(|r| r.name).collect();
    assert_eq!(names, ["Ada", "Bob"]);
}

#[test]
fn stores_opening_a_new_file_at_once_migrate_it_once() {
    for _ in 0..10 {
        let (_dir, path) = temp_db();
        let barrier = std::sync::Barrier::new(4);
        std::thread::scope(|scope| {
            let handles: Vec<_> = (0..4)
                .map(|_| {
                    scope.spawn(|| {
                        barrier.wait();
                        Store::open(&path).map(|store| store.schema_version().unwrap())
                    })
                })
                .collect();
            for handle in handles {
                assert_eq!(handle.join().unwrap().unwrap(), SCHEMA_VERSION);
            }
        });
    }
}

// ---------------------------------------------------------------------------------------
// docs/schema.md: every example query runs, and the funnel query counts like the app
// ---------------------------------------------------------------------------------------

/// A small team around `today`: twelve weeks of activity, deals in every state, reviews,
/// answers, commitments, skill ratings, and on open deals a verdict, close-date pushes and an
/// overdue hypothesis. The example queries use `date('now')`, so the data is built around the
/// real day.
fn sample_team(store: &mut Store, today: NaiveDate) -> Vec<RepId> {
    use chrono::{Datelike, Duration, Weekday};
    use sparring::domain::activity::ActivityKind::{Call, Email, Meeting, Social};
    use sparring::domain::activity::Outcome::{Conversation, Opportunity};
    use sparring::domain::change::DealField;
    use sparring::domain::hypothesis::{HypothesisStatus, Topic};
    use sparring::store::bulk::{NewHypothesis, NewVerdict};

    let ago = |days: i64| today - Duration::days(days);
    store
        .write(|tx| {
            let mut reps = Vec::new();
            for (name, team, manager) in [
                ("Ada Lovelace", "North", "Claire Dubois"),
                ("Hugo Bernard", "North", "Claire Dubois"),
                ("Zoé Martin", "South", "Marc Petit"),
            ] {
                let email = format!("{}@example.com", name.split(' ').next().unwrap().to_lowercase());
                let rep = bulk::insert_rep(
                    tx,
                    &NewRep { name, email: Some(&email), manager: Some(manager), team: Some(team) },
                )?;
                for (kind, per_week) in [
                    (TargetKind::Activity(Call), 60),
                    (TargetKind::Activity(Email), 80),
                    (TargetKind::Activity(Meeting), 4),
                    (TargetKind::Opportunity, 2),
                    (TargetKind::Pipeline, 5_000_000),
                ] {
                    bulk::set_target(tx, rep, kind, Some(per_week), today)?;
                }
                reps.push(rep);
            }

            for (r, &rep) in reps.iter().enumerate() {
                let r = r as i64;
                for back in 0..84 {
                    let day = ago(back);
                    let weekday = day.weekday();
                    if matches!(weekday, Weekday::Sat | Weekday::Sun) {
                        continue;
                    }
                    let log = |hour: u32, kind, outcome, count: i64, channel: &str, qualified: Option<bool>| {
                        let message = if kind == Email { Some("cfo-pain-v2") } else { None };
                        bulk::insert_activity(
                            tx,
                            &NewActivity {
                                rep,
                                occurred_at: at(day, hour, 0, 0),
                                kind,
                                channel: Some(channel),
                                segment: Some(if back % 3 == 0 { "enterprise" } else { "mid-market" }),
                                message,
                                outcome,
                                count,
                                deal: None,
                                qualified,
                            },
                        )
                    };
                    log(9, Call, Outcome::None, 8 + r, "phone", None)?;
                    log(10, Call, Conversation, 2, "phone", None)?;
                    log(14, Email, Outcome::None, 12, "email", None)?;
                    log(16, Email, Conversation, 1 + r, "email", None)?;
                    if matches!(weekday, Weekday::Tue | Weekday::Thu) {
                        log(11, Social, Outcome::None, 4, "linkedin", None)?;
                    }
                    if weekday == Weekday::Mon {
                        log(10, Call, Outcome::Meeting, 1, "phone", None)?;
                    }
                    if weekday == Weekday::Wed {
                        log(15, Meeting, Outcome::Meeting, 1, "video", Some(back % 2 == 0))?;
                    }
                    if weekday == Weekday::Fri && back % 14 < 7 {
                        log(11, Meeting, Opportunity, 1, "onsite", Some(true))?;
                    }
                }
            }

            let mut deals = Vec::new();
            for (i, &rep) in reps.iter().enumerate() {
                let i = i as i64;
                for (j, (account, stage, created, in_stage, status)) in [
                    ("Acme Corp", "proposal", 100, 45, DealStatus::Open),
                    ("Globex", "discover", 20, 10, DealStatus::Open),
                    ("Initech", "qualify", 5, 5, DealStatus::Open),
                    ("Umbrella", "negotiate", 60, 30, DealStatus::Won),
                    ("Hooli", "solution", 40, 25, DealStatus::Lost),
                ]
                .into_iter()
                .enumerate()
                {
                    let j = j as i64;
                    let closed = status != DealStatus::Open;
                    let deal = NewDeal {
                        external_id: None,
                        rep,
                        account,
                        name: "Platform rollout",
                        amount_minor: (i + 1) * (j + 2) * 1_200_000,
                        currency: if i == 2 && j == 1 { "USD" } else { "EUR" },
                        stage,
                        stage_entered_on: ago(in_stage),
                        close_on: Some(ago(30 - 15 * j)),
                        forecast: match status {
                            DealStatus::Won => Forecast::Won,
                            DealStatus::Lost => Forecast::Lost,
                            DealStatus::Open if j == 0 => Forecast::Commit,
                            DealStatus::Open => Forecast::Pipeline,
                        },
                        sponsor_name: (j % 2 == 0).then_some("Ines Roy"),
                        sponsor_role: (j % 2 == 0).then_some("CFO"),
                        next_step: (j != 1).then_some("Security review"),
                        next_step_on: (j != 1).then(|| ago(3 - 4 * j)),
                        source_channel: Some("phone"),
                        segment: Some("mid-market"),
                        status,
                        created_on: ago(created),
                        closed_on: closed.then(|| ago(2)),
                    };
                    let id = bulk::insert_deal(tx, &deal)?;
                    bulk::insert_stage_entry(tx, id, "qualify", ago(created))?;
                    if stage != "qualify" {
                        bulk::insert_stage_entry(tx, id, stage, ago(in_stage))?;
                        bulk::insert_criterion_check(
                            tx,
                            &NewCriterionCheck {
                                deal: id,
                                stage: "qualify",
                                criterion: "pain",
                                criterion_text: "Pain confirmed by the prospect in their own words",
                                validated_on: ago(in_stage + 1),
                                evidence: "\"We lose two days a month closing the books\"",
                            },
                        )?;
                    }
                    deals.push((rep, id, status));
                }
            }

            for &rep in &reps {
                let last_week = bulk::insert_review(tx, &review(rep, ago(7), LedBy::Manager, ReviewStatus::Closed))?;
                let prep = bulk::insert_review(tx, &review(rep, ago(1), LedBy::Rep, ReviewStatus::Closed))?;
                let prospecting = bulk::insert_review(
                    tx,
                    &NewReview {
                        kind: ReviewKind::Prospecting,
                        ..review(rep, ago(7), LedBy::Manager, ReviewStatus::Closed)
                    },
                )?;
                let said_at = at(ago(7), 9, 30, 0);
                bulk::insert_answer(
                    tx,
                    prospecting,
                    None,
                    "targeting",
                    "Who did you target?",
                    "Mid-market CFOs",
                    said_at,
                )?;
                for (skill, score) in [("discovery", 3), ("posture", 4)] {
                    tx.execute(
                        "INSERT INTO skill_ratings (review_id, skill_id, score, note) VALUES (?1, ?2, ?3, '')",
                        rusqlite::params![last_week.0, skill, score],
                    )?;
                }
                for &(_, deal, _) in
                    deals.iter().filter(|(owner, _, status)| *owner == rep && *status == DealStatus::Open)
                {
                    for (review, said) in
                        [(last_week, "Waiting for the client"), (prep, "CFO meeting booked for Tuesday")]
                    {
                        bulk::insert_answer(
                            tx,
                            review,
                            Some(deal),
                            "real_progress",
                            "What moved since last time?",
                            said,
                            said_at,
                        )?;
                        bulk::insert_answer(
                            tx,
                            review,
                            Some(deal),
                            "sponsor",
                            "Is there a sponsor?",
                            "Ines Roy, CFO",
                            said_at,
                        )?;
                    }
                    bulk::insert_verdict(
                        tx,
                        &NewVerdict {
                            review: last_week,
                            deal,
                            rep_forecast: Forecast::Commit,
                            forecast: Forecast::BestCase,
                            comment: "No signatory date yet",
                            confidence: Some(3),
                            next_step: Some("Security review"),
                            next_step_on: Some(ago(3)),
                            stage_from: "proposal",
                            stage_to: "proposal",
                            decided_at: at(ago(7), 9, 45, 0),
                        },
                    )?;
                    for (old, new, days) in [(40, 20, 30), (20, 10, 12)] {
                        let changed_at = format!("{}T10:00:00", ago(days));
                        let (old, new) = (ago(old).to_string(), ago(new).to_string());
                        bulk::insert_deal_change(
                            tx,
                            deal,
                            DealField::CloseOn,
                            Some(&old),
                            Some(&new),
                            &changed_at,
                            None,
                        )?;
                    }
                    bulk::insert_hypothesis(
                        tx,
                        &NewHypothesis {
                            deal,
                            rep,
                            topic: Topic::Budget,
                            statement: "Budget sits with operations",
                            test_plan: "Ask the CFO",
                            test_by: Some(ago(2)),
                            status: HypothesisStatus::Open,
                            result: "",
                            made_in: Some(last_week),
                            settled_in: None,
                            created_on: ago(7),
                            settled_on: None,
                        },
                    )?;
                    for (owner, what, due, state) in [
                        (Owner::Prospect, "Send the security questionnaire", Some(ago(2)), CommitmentStatus::Open),
                        (Owner::Prospect, "Introduce us to procurement", Some(ago(-5)), CommitmentStatus::Open),
                        (Owner::Rep, "Draft the mutual close plan", None, CommitmentStatus::Open),
                        (Owner::Manager, "Call their VP Finance", Some(ago(8)), CommitmentStatus::Done),
                    ] {
                        bulk::insert_commitment(
                            tx,
                            &NewCommitment {
                                deal: Some(deal),
                                rep,
                                owner,
                                what,
                                due_on: due,
                                status: state,
                                made_in: Some(last_week),
                                settled_in: (state == CommitmentStatus::Done).then_some(prep),
                                settled_on: (state == CommitmentStatus::Done).then(|| ago(1)),
                                note: "",
                                created_on: None,
                            },
                        )?;
                    }
                }
            }
            Ok(reps)
        })
        .unwrap()
}

fn schema_doc() -> String {
    std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/schema.md")).unwrap()
}

/// The fenced ```sql blocks of the documentation, each one statement.
fn doc_queries(doc: &str) -> Vec<String> {
    doc.split("```sql\n").skip(1).map(|rest| rest.split("```").next().unwrap().to_string()).collect()
}

#[test]
fn every_table_and_column_is_documented() {
    let (_dir, path, _store) = open_new();
    let doc = schema_doc();
    let conn = plain(&path);
    for table in schema_objects(&conn, "table") {
        let heading = format!("### `{table}`");
        let section = doc.split(&heading).nth(1).unwrap_or_else(|| panic!("docs/schema.md has no {heading}"));
        let section = section.split("\n### ").next().unwrap();
        let mut stmt = conn.prepare("SELECT name FROM pragma_table_info(?1)").unwrap();
        let columns: Vec<String> = stmt.query_map([&table], |row| row.get(0)).unwrap().map(Result::unwrap).collect();
        for column in columns {
            assert!(section.contains(&format!("| `{column}` |")), "docs/schema.md: {table}.{column} is not documented");
        }
    }
    for index in schema_objects(&conn, "index") {
        assert!(doc.contains(&format!("| `{index}` |")), "docs/schema.md: index {index} is not documented");
    }
    assert!(
        doc.contains(&format!("describes version **{SCHEMA_VERSION}**")),
        "docs/schema.md names the schema version"
    );
}

#[test]
fn the_documented_queries_run_and_count_like_the_app() {
    use sparring::domain::dates::week_of;
    use sparring::domain::period::Period;

    let (_dir, path, mut store) = open_new();
    let today = chrono::Local::now().date_naive();
    let reps = sample_team(&mut store, today);
    let queries = doc_queries(&schema_doc());
    assert!((5..=12).contains(&queries.len()), "{} example queries", queries.len());

    let conn = plain(&path);
    let mut results = Vec::new();
    for sql in &queries {
        let mut stmt = conn.prepare(sql).unwrap_or_else(|err| panic!("{err}\n{sql}"));
        let width = stmt.column_count();
        let rows: Vec<Vec<rusqlite::types::Value>> = stmt
            .query_map([], |row| (0..width).map(|i| row.get(i)).collect())
            .unwrap()
            .collect::<Result<_, _>>()
            .unwrap_or_else(|err| panic!("{err}\n{sql}"));
        assert!(!rows.is_empty(), "no rows on the sample team:\n{sql}");
        results.push((sql, stmt.column_names().map(ToString::to_string).collect::<Vec<_>>(), rows));
    }

    // The funnel query gives the dashboard's figures.
    let (_, columns, rows) = results.iter().find(|(sql, _, _)| sql.contains("conversation_pct")).unwrap();
    let column = |name: &str| columns.iter().position(|c| c == name).unwrap();
    let range = Period::LAST_4_WEEKS.range(today);
    for (rep, row) in reps.iter().zip(rows) {
        let funnel = Funnel::new(&store.activity_counts(*rep, range).unwrap(), 0, 0);
        let created = store.deals_created(*rep, range).unwrap();
        let int = |name: &str| match &row[column(name)] {
            rusqlite::types::Value::Integer(n) => *n,
            other => panic!("{name}: {other:?}"),
        };
        assert!(funnel.touches > 0 && created.opportunities > 0, "the sample has activity and deals");
        assert_eq!(
            [int("touches"), int("conversations"), int("meetings"), int("opportunities"), int("pipeline")],
            [
                funnel.touches,
                funnel.conversations,
                funnel.meetings,
                created.opportunities,
                created.pipeline_minor / 100
            ],
        );
    }

    // The 12-week query starts on the Monday eleven weeks before this one.
    let (_, _, rows) = results.iter().find(|(sql, _, _)| sql.contains("'-77 days'")).unwrap();
    let first = week_of(today) - chrono::Duration::weeks(11);
    assert_eq!(rows[0][1], rusqlite::types::Value::Text(first.to_string()));
    assert_eq!(rows.len(), 12 * reps.len());
}
