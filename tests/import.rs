//! `sparring import deals` on CRM exports as people save them (fixtures written for each
//! format and spreadsheet quirk in tests/fixtures/import/) and on the public Maven sample
//! read from its shared path: what is created, updated and refused, with line numbers.

mod common;
mod fixtures;

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

fn import(sandbox: &Sandbox, db: &Path, file: &str, extra: &[&str]) -> Output {
    let mut args = vec!["import", "deals", file, "--db", db.to_str().unwrap()];
    args.extend_from_slice(extra);
    sandbox.run(&args)
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

#[test]
fn a_salesforce_report_is_recognised_and_read_as_it_is_saved() {
    let sandbox = Sandbox::new();
    let db = db(&sandbox);
    let o = import(&sandbox, &db, &fixture("salesforce_report.csv"), &[]);
    assert!(o.status.success(), "{}", err(&o));
    let said = out(&o);
    assert!(said.contains("salesforce format") && said.contains("4 created"), "{said}");
    assert!(said.contains("New reps (2): Ada Lovelace, grace hopper"), "owners created, matched in any case: {said}");
    assert!(said.contains("Unknown stage \"Value Proposition Review\" (1 deal, kept as is)"), "{said}");
    let deals = rows(
        &db,
        "SELECT external_id, account, name, amount_minor, currency, stage, status, close_on, created_on, forecast
         FROM deals ORDER BY external_id",
    );
    assert_eq!(
        deals[0],
        [
            "salesforce:0065g00000AbCdE",
            "Acme Corp",
            "Platform rollout",
            "4800000",
            "USD",
            "discover",
            "open",
            "2026-12-18",
            "2026-10-02",
            "pipeline"
        ]
    );
    assert_eq!(
        deals[1][3..8],
        ["12050050", "USD", "proposal", "open", "2027-01-31"],
        "a comma in a quoted account: {:?}",
        deals[1]
    );
    assert_eq!(deals[1][9], "best_case");
    assert_eq!((deals[2][2].as_str(), deals[2][6].as_str(), deals[2][9].as_str()), ("Pilot \"phase 2\"", "won", "won"));
    assert_eq!(
        (deals[3][5].as_str(), deals[3][3].as_str()),
        ("Value Proposition Review", "0"),
        "unknown stage kept visible"
    );
    assert_eq!(count(&db, "SELECT count(*) FROM reps"), 2);
    // Loading a pipeline is not pipeline created today: the CRM's created dates are kept.
    assert_eq!(count(&db, "SELECT count(*) FROM deals WHERE created_on = '2026-11-27'"), 0);
}

#[test]
fn hubspot_and_pipedrive_exports_are_recognised() {
    let sandbox = Sandbox::new();
    let db = db(&sandbox);
    let o = import(&sandbox, &db, &fixture("hubspot_deals.csv"), &[]);
    assert!(o.status.success() && out(&o).contains("hubspot format"), "{}{}", out(&o), err(&o));
    let o = import(&sandbox, &db, &fixture("pipedrive_deals.csv"), &[]);
    assert!(o.status.success() && out(&o).contains("pipedrive format"), "{}{}", out(&o), err(&o));
    let deals = rows(&db, "SELECT external_id, account, stage, status, amount_minor, close_on FROM deals ORDER BY id");
    assert_eq!(deals[0], ["hubspot:9001", "Hooli", "discover", "open", "1500000", "2026-12-20"]);
    assert_eq!(deals[1][3], "lost");
    assert_eq!(
        deals[2],
        ["pipedrive:77", "Vandelay", "proposal", "open", "2400000", "2027-02-01"],
        "24 000,00 is 24,000"
    );
    assert_eq!(deals[3][3], "won", "the status column says so");
}

#[test]
fn a_french_excel_file_is_read_in_its_encoding_separator_and_date_order() {
    let sandbox = Sandbox::new();
    let db = db(&sandbox);
    let fr = Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/questions.fr.toml");
    let o = import(&sandbox, &db, &fixture("french_excel.csv"), &["--script", fr.to_str().unwrap()]);
    assert!(o.status.success(), "{}", err(&o));
    assert!(out(&o).contains("Windows-1252"), "{}", out(&o));
    let deals =
        rows(&db, "SELECT account, name, rep_id, stage, amount_minor, close_on, created_on FROM deals ORDER BY id");
    assert_eq!(
        deals[0],
        ["Café Dupré", "Déploiement national", "1", "discover", "3650000", "2026-12-18", "2026-10-02"]
    );
    assert_eq!(deals[1][4..], ["125050", "2027-01-05", "2026-09-15"], "1.250,50 is 1,250.50; 05/01 is 5 January");
    assert_eq!(rows(&db, "SELECT name FROM reps")[0][0], "Hélène Petit");
}

#[test]
fn bad_rows_stop_the_import_each_said_with_its_line_and_column() {
    let sandbox = Sandbox::new();
    let db = db(&sandbox);
    let file = fixture("bad_rows.csv");
    let o = import(&sandbox, &db, &file, &[]);
    assert_eq!(o.status.code(), Some(2));
    let said = err(&o);
    assert!(said.contains(&format!("{file}:2: column 'amount': 'twelve thousand' is not an amount")), "{said}");
    assert!(said.contains(&format!("{file}:3: column 'close_on': 'soon' is not a date")), "{said}");
    assert!(said.contains(&format!("{file}:4: column 'rep': '' is empty")), "{said}");
    assert_eq!(count(&db, "SELECT count(*) FROM deals"), 0, "nothing is written when a row is bad");

    let rejects = sandbox.path("rejects.csv");
    let o = import(&sandbox, &db, &file, &["--skip-invalid", rejects.to_str().unwrap()]);
    assert!(o.status.success(), "{}", err(&o));
    assert!(out(&o).contains("1 created") && out(&o).contains("3 refused"), "{}", out(&o));
    let written = std::fs::read_to_string(&rejects).unwrap();
    assert!(written.starts_with("line,reason,external_id"), "{written}");
    assert!(written.contains("2,") && written.contains("twelve thousand"), "{written}");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        assert_eq!(std::fs::metadata(&rejects).unwrap().permissions().mode() & 0o777, 0o600);
    }
}

#[test]
fn ambiguous_dates_ask_for_the_order_and_a_dry_run_writes_nothing() {
    let sandbox = Sandbox::new();
    let db = db(&sandbox);
    let file = sandbox.write(
        "ambiguous.csv",
        "external_id,account,name,rep,stage,close_on\nX1,Acme,Rollout,Ada,discovery,02/03/2027\n",
    );
    let o = import(&sandbox, &db, file.to_str().unwrap(), &[]);
    assert_eq!(o.status.code(), Some(2));
    assert!(err(&o).contains("--date-order dmy"), "{}", err(&o));
    let o = import(&sandbox, &db, file.to_str().unwrap(), &["--date-order", "dmy", "--dry-run"]);
    assert!(o.status.success() && out(&o).contains("Would import") && out(&o).contains("1 created"), "{}", out(&o));
    assert_eq!(count(&db, "SELECT count(*) FROM deals"), 0, "a dry run writes nothing");
    let o = import(&sandbox, &db, file.to_str().unwrap(), &["--date-order", "dmy"]);
    assert!(o.status.success(), "{}", err(&o));
    assert_eq!(rows(&db, "SELECT close_on FROM deals")[0][0], "2027-03-02");
}

#[test]
fn a_weekly_reimport_updates_and_turns_differences_into_history() {
    let sandbox = Sandbox::new();
    let db = db(&sandbox);
    let week1 = "external_id,account,name,rep,stage,amount,close_on,created_on\n\
                 W1,Acme,Rollout,Ada,discovery,48000,2026-12-18,2026-10-01\n\
                 W2,Globex,Pilot,Ada,proposal,12000,2026-12-31,2026-09-01\n";
    let file = sandbox.write("week.csv", week1);
    assert!(import(&sandbox, &db, file.to_str().unwrap(), &[]).status.success());
    // A week later: W1 moved on a stage and its close date was pushed, W2 did not change.
    let week2 = week1
        .replace("W1,Acme,Rollout,Ada,discovery,48000,2026-12-18", "W1,Acme,Rollout,ADA,proposal,52000,2027-01-29");
    std::fs::write(&file, week2).unwrap();
    let o = import(&sandbox, &db, file.to_str().unwrap(), &[]);
    assert!(o.status.success(), "{}", err(&o));
    let said = out(&o);
    assert!(said.contains("0 created, 1 updated (1 stage moves, 1 close dates pushed), 1 unchanged"), "{said}");
    assert_eq!(count(&db, "SELECT count(*) FROM deals"), 2, "a re-import never duplicates");
    assert_eq!(count(&db, "SELECT count(*) FROM reps"), 1, "ADA is Ada");
    let w1 = "(SELECT id FROM deals WHERE external_id = 'sparring:W1')";
    assert_eq!(
        rows(&db, &format!("SELECT stage FROM stage_history WHERE deal_id = {w1} ORDER BY id")),
        [["discover"], ["proposal"]]
    );
    let changes =
        rows(&db, &format!("SELECT field, old_value, new_value FROM deal_changes WHERE deal_id = {w1} ORDER BY field"));
    assert_eq!(changes, [["amount_minor", "4800000", "5200000"], ["close_on", "2026-12-18", "2027-01-29"]]);
    // Imported a third time unchanged: nothing new.
    let o = import(&sandbox, &db, file.to_str().unwrap(), &[]);
    assert!(out(&o).contains("0 updated") && out(&o).contains("2 unchanged"), "{}", out(&o));
    assert_eq!(count(&db, "SELECT count(*) FROM deal_changes"), 2);
}

#[test]
fn the_maven_sample_is_imported_whole() {
    let maven = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/data/maven-crm");
    let pipeline = maven.join("sales_pipeline.csv");
    if !pipeline.exists() {
        eprintln!("the shared Maven sample is not here: {}", pipeline.display());
        return;
    }
    let sandbox = Sandbox::new();
    let db = db(&sandbox);
    let map = "opportunity_id=id,sales_agent=rep,deal_stage=stage,close_value=amount,engage_date=created_on,close_date=close_on";
    let accounts = maven.join("accounts.csv");
    let o = import(
        &sandbox,
        &db,
        pipeline.to_str().unwrap(),
        &["--currency", "USD", "--map", map, "--accounts", accounts.to_str().unwrap()],
    );
    assert!(o.status.success(), "{}", err(&o));
    assert!(out(&o).contains("8800 created") && out(&o).contains("New reps (30)"), "{}", out(&o));
    assert_eq!(count(&db, "SELECT count(*) FROM deals WHERE status = 'won'"), 4238);
    assert_eq!(count(&db, "SELECT count(*) FROM deals WHERE status = 'open'"), 2089);
    // No deal name in the file: a deal is its product; the account's sector is its segment.
    assert_eq!(
        rows(&db, "SELECT name, segment FROM deals WHERE external_id = 'sparring:1C1I7A6R'")[0],
        ["GTX Plus Basic", "retail"]
    );
}

#[test]
fn deals_exported_then_imported_into_an_empty_database_are_the_same() {
    let sandbox = Sandbox::new();
    let demo = sandbox.demo("demo.db");
    let file = sandbox.path("deals.csv");
    let o = sandbox.run(&["export", "deals", "--db", demo.to_str().unwrap(), "-o", file.to_str().unwrap()]);
    assert!(o.status.success(), "{}", err(&o));
    let copy = sandbox.path("copy.db");
    let o = import(&sandbox, &copy, file.to_str().unwrap(), &[]);
    assert!(o.status.success(), "{}", err(&o));
    let facts = "SELECT r.name, d.account, d.name, d.amount_minor, d.currency, d.stage, d.stage_entered_on, d.close_on,
                        d.forecast, d.sponsor_name, d.sponsor_role, d.next_step, d.next_step_on, d.source_channel,
                        d.segment, d.status, d.created_on, d.closed_on
                 FROM deals d JOIN reps r ON r.id = d.rep_id ORDER BY d.account, d.name, d.created_on";
    let (original, imported) = (rows(&demo, facts), rows(&copy, facts));
    assert_eq!(original.len(), 150);
    assert_eq!(original, imported, "every fact of every deal comes back");
    // Imported again: nothing changes, nothing is doubled.
    let o = import(&sandbox, &copy, file.to_str().unwrap(), &[]);
    assert!(out(&o).contains("0 created, 0 updated") && out(&o).contains("150 unchanged"), "{}", out(&o));
}

#[test]
fn a_reps_file_sets_managers_teams_and_weekly_targets() {
    let sandbox = Sandbox::new();
    let db = db(&sandbox);
    let file = sandbox.write(
        "reps.csv",
        "name,email,manager,team,target_call,target_meeting,target_pipeline\n\
         Ada Lovelace,ada@example.com,Claire,North,40,4,\"50 000,00\"\n\
         Grace Hopper,,Claire,North,35,,\n",
    );
    let run = || sandbox.run(&["import", "reps", file.to_str().unwrap(), "--db", db.to_str().unwrap()]);
    let o = run();
    assert!(o.status.success() && out(&o).contains("2 reps created"), "{}{}", out(&o), err(&o));
    assert_eq!(
        rows(&db, "SELECT r.name, t.kind, t.per_week FROM targets t JOIN reps r ON r.id = t.rep_id ORDER BY 1, 2"),
        [
            ["Ada Lovelace", "call", "40"],
            ["Ada Lovelace", "meeting", "4"],
            ["Ada Lovelace", "pipeline", "5000000"],
            ["Grace Hopper", "call", "35"]
        ]
    );
    assert!(out(&run()).contains("2 unchanged"), "the same file again changes nothing");
    std::fs::write(&file, "name,target_call\nada lovelace,45\nGrace Hopper,many\n").unwrap();
    let o = run();
    assert_eq!(o.status.code(), Some(2));
    assert!(err(&o).contains(":3: column 'target_call': 'many' is not a count"), "{}", err(&o));
    std::fs::write(&file, "name,target_call\nada lovelace,45\n").unwrap();
    assert!(out(&run()).contains("1 updated"));
    assert_eq!(count(&db, "SELECT per_week FROM targets WHERE kind = 'call' AND rep_id = 1"), 45);
}
