//! `sparring doctor` and `sparring backup` through the binary: what they say, that doctor
//! changes nothing without --fix, and that a backup taken while another program writes is
//! whole and private.

mod common;

use std::path::Path;
use std::process::Output;

use common::Sandbox;
use rusqlite::Connection;
use sparring::store::Store;
use sparring::store::bulk::{self, NewRep};
use sparring::store::writer::WriterLock;

fn said(o: &Output) -> (String, String) {
    (String::from_utf8_lossy(&o.stdout).into_owned(), String::from_utf8_lossy(&o.stderr).into_owned())
}

fn doctor(sandbox: &Sandbox, db: &Path, extra: &[&str]) -> Output {
    let mut args = vec!["--db", db.to_str().unwrap(), "doctor"];
    args.extend_from_slice(extra);
    sandbox.run(&args)
}

#[cfg(unix)]
fn mode(path: &Path) -> u32 {
    use std::os::unix::fs::PermissionsExt;
    std::fs::metadata(path).unwrap().permissions().mode() & 0o777
}

#[test]
fn a_healthy_database_is_described_and_left_as_it_was() {
    let sandbox = Sandbox::new();
    let db = sandbox.demo("team.db");
    let lock = sparring::store::writer::lock_path(&db);
    let _ = std::fs::remove_file(&lock);
    let before = std::fs::read(&db).unwrap();
    let out = doctor(&sandbox, &db, &[]);
    let (stdout, stderr) = said(&out);
    assert!(out.status.success(), "{stdout}{stderr}");
    for line in
        ["Integrity  ok", "version 8", "6 reps", "150 deals", "12,000 activities", "in step", "free", "you only"]
    {
        assert!(stdout.contains(line), "{line:?} in:\n{stdout}");
    }
    assert!(std::fs::read(&db).unwrap() == before, "the file is as it was");
    assert!(!lock.exists(), "no lock file made");
}

#[cfg(unix)]
#[test]
fn files_others_can_read_are_reported_and_fixed() {
    use std::os::unix::fs::PermissionsExt;
    let sandbox = Sandbox::new();
    let db = sandbox.demo("team.db");
    std::fs::set_permissions(&db, std::fs::Permissions::from_mode(0o644)).unwrap();
    let out = doctor(&sandbox, &db, &[]);
    let (stdout, stderr) = said(&out);
    assert_eq!(out.status.code(), Some(1), "{stdout}{stderr}");
    assert!(stdout.contains("others can read") && stdout.contains("(644)"), "{stdout}");
    assert!(stderr.contains("sparring doctor --fix"), "{stderr}");
    assert_eq!(mode(&db), 0o644, "nothing changed without --fix");

    let out = doctor(&sandbox, &db, &["--fix"]);
    let (stdout, stderr) = said(&out);
    assert!(out.status.success(), "{stdout}{stderr}");
    assert!(stdout.contains("readable by you only (0600)"), "{stdout}");
    assert_eq!(mode(&db), 0o600);
}

#[test]
fn who_has_the_file_and_sums_written_by_hand_are_said() {
    let sandbox = Sandbox::new();
    let db = sandbox.demo("team.db");
    let held = WriterLock::take(&db).unwrap();
    let out = doctor(&sandbox, &db, &[]);
    let (stdout, _) = said(&out);
    assert!(stdout.contains(&format!("open in sparring process {}", std::process::id())), "{stdout}");
    drop(held);

    Connection::open(&db).unwrap().execute_batch("UPDATE activity_day_hours SET touches = touches + 1").unwrap();
    let out = doctor(&sandbox, &db, &[]);
    let (stdout, stderr) = said(&out);
    assert_eq!(out.status.code(), Some(1));
    assert!(stdout.contains("out of step: activity_day_hours"), "{stdout}");
    assert!(stderr.contains("written by hand"), "{stderr}");
}

#[test]
fn a_backup_taken_while_another_program_writes_is_whole_and_private() {
    let sandbox = Sandbox::new();
    let db = sandbox.demo("team.db");
    // The app's part: the writer lock, and a write still in the -wal.
    let _held = WriterLock::take(&db).unwrap();
    let mut store = Store::open(&db).unwrap();
    store
        .write(|tx| bulk::insert_rep(tx, &NewRep { name: "Grace Hopper", email: None, manager: None, team: None }))
        .unwrap();
    let copy = sandbox.path("copy.db");
    let out = sandbox.run(&["--db", db.to_str().unwrap(), "backup", copy.to_str().unwrap()]);
    let (stdout, stderr) = said(&out);
    assert!(out.status.success(), "{stdout}{stderr}");
    assert!(stdout.contains("integrity ok"), "{stdout}");
    let reps: i64 = Connection::open(&copy).unwrap().query_row("SELECT count(*) FROM reps", [], |r| r.get(0)).unwrap();
    assert_eq!(reps, 7, "the write in the -wal is in the copy");
    #[cfg(unix)]
    assert_eq!(mode(&copy), 0o600);
    assert!(doctor(&sandbox, &copy, &[]).status.success(), "the copy opens like the original");

    let again = sandbox.run(&["--db", db.to_str().unwrap(), "backup", copy.to_str().unwrap()]);
    assert_eq!(again.status.code(), Some(2));
    assert!(said(&again).1.contains("already exists"));
    drop(store);
}

#[test]
fn demo_writes_the_file_its_help_names_never_sparring_db() {
    let sandbox = Sandbox::new();
    let help = sandbox.run(&["demo", "--help"]);
    let text = String::from_utf8_lossy(&help.stdout).split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(
        text.contains("for `demo`, demo.db in the data directory") && text.contains("never replaces $SPARRING_DB"),
        "{text}"
    );
    let team = sandbox.path("team.db");
    let out =
        common::run_bounded(sandbox.command().env("SPARRING_DB", &team).args(["demo", "--force"]), common::RUN_LIMIT);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert!(!team.exists(), "the team's own database is left alone");
    assert!(sandbox.path("data/sparring/demo.db").exists(), "{}", String::from_utf8_lossy(&out.stdout));
}
