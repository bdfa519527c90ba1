//! `sparring import activities` on CRM activity reports and sparring's own CSV (fixtures in
//! tests/fixtures/import/), and the exports that read back: what is created, updated,
//! skipped and refused, with line numbers, and the day totals kept in step.

mod common;
mod fixtures;

use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::process::Output;

use common::Sandbox;
use rusqlite::Connection;

fn fixture(name: &str) -> String {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/import").join(name).display().to_string()
}

fn out(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn err(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

fn run(sandbox: &Sandbox, db: &Path, args: &[&str]) -> Output {
    let mut all = args.to_vec();
    all.extend(["--db", db.to_str().unwrap()]);
    sandbox.run(&all)
}

fn import(sandbox: &Sandbox, db: &Path, file: &str, extra: &[&str]) -> Output {
    let mut args = vec!["import", "activities", file];
    args.extend_from_slice(extra);
    run(sandbox, db, &args)
}

fn rows(db: &Path, sql: &str) -> Vec<Vec<String>> {
    fixtures::texts(&Connection::open(db).unwrap(), sql)
}

fn count(db: &Path, sql: &str) -> i64 {
    rows(db, sql)[0][0].parse().unwrap()
}

fn db(sandbox: &Sandbox) -> PathBuf {
    sandbox.path("team.db")
}

/// The sums the dashboard reads (per day, per rep and week, the week tallies) must equal the
/// sums of the rows, whatever the import did.
fn assert_days_in_step(db: &Path) {
    let store = sparring::store::Store::open(db).unwrap();
    assert_eq!(store.sums_out_of_step().unwrap(), Vec::<&str>::new(), "the sums must match the activities");
}

#[test]
fn a_salesforce_activity_report_maps_types_results_and_skips_what_was_not_done() {
    let sandbox = Sandbox::new();
    let db = db(&sandbox);
    let o = import(&sandbox, &db, &fixture("salesforce_tasks.csv"), &[]);
    assert!(o.status.success(), "{}", err(&o));
    let said = out(&o);
    assert!(said.contains("salesforce format") && said.contains("7 created") && said.contains("2 skipped"), "{said}");
    assert!(said.contains("1 of type \"To Do\"") && said.contains("1 with status \"Not Started\""), "{said}");
    assert!(said.contains("New reps (2): Ada Lovelace, Grace Hopper"), "owners matched in any case: {said}");
    assert!(said.contains("\"Gone fishing\" (1)"), "an unknown call result is said: {said}");
    assert!(said.contains("2 activities name a deal that is not in the database"), "{said}");
    let got = rows(
        &db,
        "SELECT a.external_id, r.name, a.occurred_at, a.week, a.kind, ifnull(a.channel, ''), a.outcome, a.count
         FROM activities a JOIN reps r ON r.id = a.rep_id ORDER BY a.external_id",
    );
    let expected = [
        [
            "salesforce:00T5g00001AAA1",
            "Ada Lovelace",
            "2026-11-16T09:30:00",
            "2026-11-16",
            "call",
            "phone",
            "conversation",
            "1",
        ],
        [
            "salesforce:00T5g00001AAA2",
            "Ada Lovelace",
            "2026-11-16T00:00:00",
            "2026-11-16",
            "call",
            "phone",
            "none",
            "1",
        ],
        [
            "salesforce:00T5g00001AAA3",
            "Grace Hopper",
            "2026-11-17T00:00:00",
            "2026-11-16",
            "email",
            "email",
            "none",
            "1",
        ],
        ["salesforce:00T5g00001AAA6", "Ada Lovelace", "2026-11-18T14:00:00", "2026-11-16", "meeting", "", "none", "1"],
        [
            "salesforce:00T5g00001AAA7",
            "Ada Lovelace",
            "2026-11-25T00:00:00",
            "2026-11-23",
            "call",
            "phone",
            "meeting",
            "1",
        ],
        [
            "salesforce:00T5g00001AAA8",
            "Ada Lovelace",
            "2026-11-25T00:00:00",
            "2026-11-23",
            "social",
            "linkedin",
            "conversation",
            "1",
        ],
        [
            "salesforce:00T5g00001AAA9",
            "Ada Lovelace",
            "2026-11-26T00:00:00",
            "2026-11-23",
            "call",
            "phone",
            "none",
            "1",
        ],
    ];
    assert_eq!(got, expected.map(|r| r.map(String::from).to_vec()).to_vec());
    assert_days_in_step(&db);

    // The same report next week: nothing new; then one call's result corrected in the CRM.
    let again = import(&sandbox, &db, &fixture("salesforce_tasks.csv"), &[]);
    assert!(out(&again).contains("0 created, 0 updated, 7 unchanged"), "{}", out(&again));
    let text = std::fs::read_to_string(fixture("salesforce_tasks.csv")).unwrap();
    let edited = sandbox.write("tasks-week2.csv", &text.replace("\"Left Voicemail\"", "\"Meeting Booked\""));
    let week2 = import(&sandbox, &db, edited.to_str().unwrap(), &[]);
    assert!(out(&week2).contains("0 created, 1 updated, 6 unchanged"), "{}", out(&week2));
    assert_eq!(count(&db, "SELECT count(*) FROM activities"), 7, "updated, never duplicated");
    assert_eq!(
        count(
            &db,
            "SELECT count(*) FROM activities WHERE external_id = 'salesforce:00T5g00001AAA2' AND outcome = 'meeting'"
        ),
        1
    );
    assert_days_in_step(&db);
}

#[test]
fn hubspot_calls_and_meetings_read_their_outcome_columns() {
    let sandbox = Sandbox::new();
    let db = db(&sandbox);
    let o = import(&sandbox, &db, &fixture("hubspot_activities.csv"), &[]);
    assert!(o.status.success(), "{}", err(&o));
    let said = out(&o);
    assert!(said.contains("hubspot format") && said.contains("4 created") && said.contains("2 skipped"), "{said}");
    assert!(said.contains("1 meeting \"No show\", not held"), "{said}");
    let got = rows(&db, "SELECT external_id, kind, outcome, occurred_at FROM activities ORDER BY external_id");
    let kinds: Vec<(&str, &str)> = got.iter().map(|r| (r[1].as_str(), r[2].as_str())).collect();
    assert_eq!(kinds, [("call", "conversation"), ("call", "none"), ("meeting", "none"), ("email", "none")]);
    assert_eq!(got[2][3], "2026-11-17T15:30:00");
}

#[test]
fn a_french_excel_file_without_ids_is_read_and_imported_again_without_duplicates() {
    let sandbox = Sandbox::new();
    let db = db(&sandbox);
    let file = fixture("activities_french.csv");
    let o = import(&sandbox, &db, &file, &[]);
    assert!(o.status.success(), "{}", err(&o));
    assert!(out(&o).contains("sparring format, Windows-1252, 4 rows): 4 created"), "{}", out(&o));
    let got = rows(
        &db,
        "SELECT r.name, a.occurred_at, a.kind, a.segment, a.message, a.outcome, ifnull(a.qualified, ''), a.count
         FROM activities a JOIN reps r ON r.id = a.rep_id ORDER BY a.id",
    );
    assert_eq!(got[0], ["Hélène Petit", "2026-11-16T09:00:00", "call", "PME", "Douleur DAF", "conversation", "", "1"]);
    assert_eq!(got[1][7], "45", "a weekly summary row keeps its count");
    assert_eq!(got[2][6], "1", "'oui' is a real chance");
    assert_eq!(got[2], got[3], "two identical rows stay two rows");
    let again = import(&sandbox, &db, &file, &[]);
    assert!(out(&again).contains("0 created, 0 updated, 4 unchanged"), "{}", out(&again));
    assert_eq!(count(&db, "SELECT count(*) FROM activities"), 4);
    assert_days_in_step(&db);
}

#[test]
fn bad_rows_stop_the_import_with_their_line_or_go_to_a_rejects_file() {
    let sandbox = Sandbox::new();
    let db = db(&sandbox);
    let file = fixture("bad_activities.csv");
    let o = import(&sandbox, &db, &file, &[]);
    assert_eq!(o.status.code(), Some(2), "{}", out(&o));
    let said = err(&o);
    for expected in [
        "bad_activities.csv:3: column 'kind': 'fax' is not a kind (call, email, social, event, meeting)",
        "bad_activities.csv:4: column 'date': 'someday' is not a date",
        "bad_activities.csv:4: column 'outcome': 'maybe' is not an outcome",
        "bad_activities.csv:4: column 'count': '0' is not a count of actions",
        "bad_activities.csv:5: column 'external_id': 'sparring:x:1' is also on line 2",
        "bad_activities.csv:6: column 'rep': '' is empty",
    ] {
        assert!(said.contains(expected), "missing {expected:?} in:\n{said}");
    }
    assert!(!db.exists() || count(&db, "SELECT count(*) FROM activities") == 0, "nothing imported");

    let rejects = sandbox.path("rejects.csv");
    let o = import(&sandbox, &db, &file, &["--skip-invalid", rejects.to_str().unwrap()]);
    assert!(o.status.success(), "{}", err(&o));
    assert!(out(&o).contains("1 created") && out(&o).contains("4 refused"), "{}", out(&o));
    let written = std::fs::read_to_string(&rejects).unwrap();
    let lines: Vec<&str> = written.lines().map(|l| l.split(',').next().unwrap()).collect();
    assert_eq!(lines, ["line", "3", "4", "5", "6"], "{written}");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        assert_eq!(std::fs::metadata(&rejects).unwrap().permissions().mode() & 0o777, 0o600);
    }
}

#[test]
fn a_dry_run_says_what_would_happen_and_writes_nothing() {
    let sandbox = Sandbox::new();
    let db = db(&sandbox);
    assert!(run(&sandbox, &db, &["add", "rep", "Ada Lovelace"]).status.success());
    let o = import(&sandbox, &db, &fixture("salesforce_tasks.csv"), &["--dry-run"]);
    assert!(o.status.success(), "{}", err(&o));
    assert!(out(&o).contains("Would import") && out(&o).contains("7 created"), "{}", out(&o));
    assert_eq!(count(&db, "SELECT count(*) FROM activities"), 0);
    assert_eq!(count(&db, "SELECT count(*) FROM reps"), 1, "the new rep was not kept either");
}

#[test]
fn ambiguous_dates_ask_for_the_order() {
    let sandbox = Sandbox::new();
    let db = db(&sandbox);
    let file = sandbox.write("a.csv", "date,rep,kind\n02/03/2026,Ada,call\n04/05/2026,Ada,call\n");
    let o = import(&sandbox, &db, file.to_str().unwrap(), &[]);
    assert_eq!(o.status.code(), Some(2));
    assert!(err(&o).contains("--date-order"), "{}", err(&o));
    let o = import(&sandbox, &db, file.to_str().unwrap(), &["--date-order", "dmy"]);
    assert!(o.status.success(), "{}", err(&o));
    assert_eq!(rows(&db, "SELECT min(occurred_at) FROM activities")[0][0], "2026-03-02T00:00:00");
}

#[test]
fn exported_reps_deals_and_activities_import_into_an_empty_database_as_they_were() {
    let sandbox = Sandbox::new();
    let source = sandbox.path("source.db");
    let o = sandbox.run(&[
        "demo",
        "--db",
        source.to_str().unwrap(),
        "--reps",
        "6",
        "--deals",
        "60",
        "--activities",
        "4000",
        "--today",
        "2026-11-27",
    ]);
    assert!(o.status.success(), "{}", err(&o));
    let export = |db: &Path, what: &str| -> String {
        let file = sandbox.path(&format!("{what}-{}.csv", db.file_stem().unwrap().to_string_lossy()));
        let o = run(&sandbox, db, &["export", what, "--format", "csv", "-o", file.to_str().unwrap()]);
        assert!(o.status.success(), "{}", err(&o));
        file.to_str().unwrap().to_string()
    };
    let copy = sandbox.path("copy.db");
    for what in ["reps", "deals", "activities"] {
        let file = export(&source, what);
        let o = run(&sandbox, &copy, &["import", what, &file]);
        assert!(o.status.success(), "{what}: {}", err(&o));
    }
    for what in ["reps", "deals", "activities"] {
        let (a, b) = (export(&source, what), export(&copy, what));
        assert_eq!(std::fs::read(&a).unwrap(), std::fs::read(&b).unwrap(), "{what}: the copy exports the same file");
    }
    let fields = "r.name, a.occurred_at, a.week, a.kind, a.channel, a.segment, a.message, a.outcome, a.count, a.qualified, \
                  d.account || '/' || d.name";
    let sql = format!(
        "SELECT {fields} FROM activities a JOIN reps r ON r.id = a.rep_id LEFT JOIN deals d ON d.id = a.deal_id ORDER BY a.id"
    );
    let (a, b) = (rows(&source, &sql), rows(&copy, &sql));
    assert_eq!(a.len(), b.len());
    assert!(a == b, "every activity comes back with its rep and deal");
    assert_eq!(
        rows(&source, "SELECT day, kind, outcome, count FROM activity_days ORDER BY 1, 2, 3"),
        rows(&copy, "SELECT day, kind, outcome, count FROM activity_days ORDER BY 1, 2, 3")
    );
    let reps = "SELECT r.name, ifnull(r.email, ''), ifnull(r.manager, ''), ifnull(r.team, ''), r.active,
                       (SELECT group_concat(kind || '=' || per_week, ' ') FROM (SELECT * FROM targets t WHERE t.rep_id = r.id ORDER BY kind))
                FROM reps r ORDER BY r.name";
    assert_eq!(rows(&source, reps), rows(&copy, reps), "reps with their manager, team and targets");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let file = export(&copy, "activities");
        assert_eq!(std::fs::metadata(file).unwrap().permissions().mode() & 0o777, 0o600);
    }
}

#[test]
fn the_config_file_names_columns_and_says_what_types_and_results_mean() {
    let sandbox = Sandbox::new();
    let db = db(&sandbox);
    // A German CRM export with its own words.
    let file = sandbox.write(
        "aktivitaeten.csv",
        "ID,Datum,Besitzer,Typ,Ergebnis\nA1,2026-11-16,Ada,Anruf,Erreicht\nA2,2026-11-16,Ada,Anruf,Nicht erreicht\n\
         A3,2026-11-17,Ada,Termin,Abgesagt\nA4,2026-11-17,Ada,Aufgabe,\n",
    );
    std::fs::create_dir_all(sandbox.path("config/sparring")).unwrap();
    sandbox.write(
        "config/sparring/config.toml",
        r#"
[import.map]
"ID" = "external_id"
"Datum" = "date"
"Besitzer" = "rep"
"Typ" = "kind"
"Ergebnis" = "outcome"

[import.activities.kinds]
"Anruf" = "call:phone"
"Termin" = "meeting"
"Aufgabe" = "skip"

[import.activities.outcomes]
"Erreicht" = "conversation"
"Nicht erreicht" = "none"
"Abgesagt" = "not held"
"#,
    );
    let o = import(&sandbox, &db, file.to_str().unwrap(), &["--format", "salesforce"]);
    assert!(o.status.success(), "{}", err(&o));
    assert!(out(&o).contains("2 created") && out(&o).contains("2 skipped"), "{}", out(&o));
    let got = rows(&db, "SELECT external_id, kind, channel, outcome FROM activities ORDER BY external_id");
    assert_eq!(got, [["salesforce:A1", "call", "phone", "conversation"], ["salesforce:A2", "call", "phone", "none"]]);

    // A word the config cannot mean is refused with where it is, before anything is read.
    sandbox.write("config/sparring/config.toml", "[import.activities.kinds]\n\"Anruf\" = \"fax\"\n");
    let o = import(&sandbox, &db, file.to_str().unwrap(), &[]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        err(&o).contains("config.toml:2:11: [import.activities.kinds] \"Anruf\": \"fax\" is not a kind"),
        "{}",
        err(&o)
    );
}

#[test]
fn an_id_used_twice_is_found_across_batches_and_on_a_re_import() {
    let sandbox = Sandbox::new();
    let db = db(&sandbox);
    let mut text = String::from("external_id,date,rep,kind\n");
    for i in 0..5000 {
        // Line 4502 repeats the id of line 12, thousands of rows (and batches) later.
        let id = if i == 4500 { 10 } else { i };
        writeln!(text, "A{id},2026-11-{:02},Ada,call", 1 + i % 28).unwrap();
    }
    let file = sandbox.write("big.csv", &text);
    let o = import(&sandbox, &db, file.to_str().unwrap(), &[]);
    assert_eq!(o.status.code(), Some(2), "{}", out(&o));
    assert!(err(&o).contains("big.csv:4502: column 'external_id': 'sparring:A10' is also on line 12"), "{}", err(&o));
    assert_eq!(count(&db, "SELECT count(*) FROM activities"), 0, "nothing imported");

    // Imported without the repeat, then again with it: the repeat is refused, not merged.
    let once = sandbox.write("once.csv", &text.replace("A10,2026-11-21,Ada", "A4500,2026-11-21,Ada"));
    assert!(import(&sandbox, &db, once.to_str().unwrap(), &[]).status.success());
    let o = import(&sandbox, &db, file.to_str().unwrap(), &[]);
    assert_eq!(o.status.code(), Some(2), "{}", out(&o));
    assert!(err(&o).contains("big.csv:4502: column 'external_id': 'sparring:A10' is also on line 12"), "{}", err(&o));
    assert_eq!(count(&db, "SELECT count(*) FROM activities"), 5000);
    assert_days_in_step(&db);
}
