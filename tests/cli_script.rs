//! `sparring script check` and `--script` through the real binary: exit codes, the summary
//! line, `file:line:column: message` errors, and a broken script refused before anything else.
//!
//! Every run gets its own HOME and XDG directories, so the user's real configuration and
//! database are never read or written.

mod common;

use std::path::Path;
use std::process::Output;

use common::Sandbox;

/// A broken script with two problems, at lines 5 and 9.
const BROKEN: &str = "name = \"Mini\"
[[stages]]
key = \"qualify\"
name = \"Qualification\"
expected_days = 0
[[questions]]
id = \"sponsor\"
text = \"Is there a sponsor?\"
kind = \"yesno\"
";

const VALID: &str = "name = \"Mini\"
[[stages]]
key = \"qualify\"
name = \"Qualification\"
expected_days = 14
[[questions]]
id = \"sponsor\"
text = \"Is there a sponsor?\"
";

fn stdout(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

fn code(output: &Output) -> Option<i32> {
    output.status.code()
}

fn repo_file(name: &str) -> String {
    Path::new(env!("CARGO_MANIFEST_DIR")).join(name).display().to_string()
}

/// The two `file:line:column: message` lines BROKEN gives under `path`.
fn broken_lines(path: &str) -> [String; 2] {
    [
        format!(
            "{path}:5:17: expected_days must be between 1 and 730, not 0: \
             the number of days a healthy deal stays in this stage"
        ),
        format!(
            "{path}:9:8: unknown kind \"yesno\": did you mean \"yes_no\"? \
             (kind is one of: text, yes_no, choice, scale, commitments, criteria, hypotheses)"
        ),
    ]
}

#[test]
fn a_valid_file_prints_one_summary_line() {
    let home = Sandbox::new();
    let path = home.write("mine.toml", VALID);
    let out = home.run(&["script", "check", &path.display().to_string()]);
    assert_eq!(code(&out), Some(0), "stderr: {}", stderr(&out));
    assert_eq!(
        stdout(&out),
        format!(
            "{}: valid — 1 stages (0 exit criteria), 1 deal questions, 0 prospecting questions, 0 skills\n",
            path.display()
        )
    );
    assert_eq!(stderr(&out), "");
}

#[test]
fn the_shipped_scripts_check_clean() {
    let home = Sandbox::new();
    for file in ["questions.toml", "assets/questions.fr.toml"] {
        let path = repo_file(file);
        let out = home.run(&["script", "check", &path]);
        assert_eq!(code(&out), Some(0), "{file}: {}", stderr(&out));
        let text = stdout(&out);
        assert_eq!(text.lines().count(), 1, "{text}");
        assert!(text.starts_with(&format!("{path}: valid — ")), "{text}");
        for count in ["5 stages", "15 exit criteria", "11 deal questions", "5 prospecting questions", "5 skills"] {
            assert!(text.contains(count), "{count} in {text}");
        }
    }
}

#[test]
fn a_broken_file_exits_2_with_file_line_column_errors() {
    let home = Sandbox::new();
    let path = home.write("broken.toml", BROKEN).display().to_string();
    let out = home.run(&["script", "check", &path]);
    assert_eq!(code(&out), Some(2));
    assert_eq!(stdout(&out), "", "nothing on stdout when the script is refused");
    let err = stderr(&out);
    let lines: Vec<&str> = err.lines().collect();
    assert_eq!(lines, broken_lines(&path), "one line per problem, in file order");
}

#[test]
fn a_relative_path_is_reported_as_given() {
    let home = Sandbox::new();
    home.write("team/broken.toml", BROKEN);
    let out = home.run(&["script", "check", "team/broken.toml"]);
    assert_eq!(code(&out), Some(2));
    assert!(stderr(&out).starts_with("team/broken.toml:5:17: "), "{}", stderr(&out));
}

#[test]
fn a_toml_syntax_error_is_located() {
    let home = Sandbox::new();
    let path = home.write("syntax.toml", "name = \"Mini\n[[stages]]\n").display().to_string();
    let out = home.run(&["script", "check", &path]);
    assert_eq!(code(&out), Some(2));
    let err = stderr(&out);
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(err.starts_with(&format!("{path}:1:13: this text is not closed")), "{err}");
}

#[test]
fn a_missing_file_is_a_clear_error_naming_it() {
    let home = Sandbox::new();
    let path = home.path("no-such-script.toml").display().to_string();
    let out = home.run(&["script", "check", &path]);
    assert_eq!(code(&out), Some(2));
    let err = stderr(&out);
    assert!(err.starts_with(&format!("{path}: cannot read the script: ")), "{err}");
    assert!(err.contains("No such file"), "{err}");
    assert_eq!(err.lines().count(), 1);
}

#[test]
fn check_without_a_path_checks_the_built_in_script() {
    let home = Sandbox::new();
    let out = home.run(&["script", "check"]);
    assert_eq!(code(&out), Some(0), "stderr: {}", stderr(&out));
    assert_eq!(
        stdout(&out),
        "questions.toml (built in): valid — 5 stages (15 exit criteria), 11 deal questions, \
         5 prospecting questions, 5 skills\n"
    );
}

#[test]
fn check_without_a_path_checks_the_users_own_script() {
    let home = Sandbox::new();
    let mine = home.write("config/sparring/questions.toml", VALID).display().to_string();
    let out = home.run(&["script", "check"]);
    assert_eq!(code(&out), Some(0), "stderr: {}", stderr(&out));
    assert!(stdout(&out).starts_with(&format!("{mine}: valid — 1 stages")), "{}", stdout(&out));

    home.write("config/sparring/questions.toml", BROKEN);
    let out = home.run(&["script", "check"]);
    assert_eq!(code(&out), Some(2));
    assert_eq!(stderr(&out).lines().collect::<Vec<_>>(), broken_lines(&mine));
}

#[test]
fn check_without_a_path_checks_the_script_option() {
    let home = Sandbox::new();
    let path = home.write("mine.toml", VALID).display().to_string();
    let out = home.run(&["--script", &path, "script", "check"]);
    assert_eq!(code(&out), Some(0), "stderr: {}", stderr(&out));
    assert!(stdout(&out).starts_with(&format!("{path}: valid — ")), "{}", stdout(&out));
}

#[test]
fn a_broken_script_option_is_refused_before_anything_else() {
    let home = Sandbox::new();
    let broken = home.write("broken.toml", BROKEN).display().to_string();
    let db = home.path("team.db").display().to_string();
    let runs: [&[&str]; 6] = [
        &["--script", &broken, "script", "check"],
        &["--script", &broken, "report", "dashboard", "--db", &db],
        &["--script", &broken],
        &["--script", &broken, "--db", &db],
        &["--script", &broken, "demo", "--db", &db, "--reps", "1", "--deals", "1", "--activities", "0"],
        &["--script", &broken, "add", "rep", "Ada Lovelace", "--db", &db],
    ];
    for args in runs {
        let out = home.run(args);
        assert_eq!(code(&out), Some(2), "sparring {}: {}", args.join(" "), stderr(&out));
        assert_eq!(stderr(&out).lines().collect::<Vec<_>>(), broken_lines(&broken), "sparring {}", args.join(" "));
        assert_eq!(stdout(&out), "", "sparring {}", args.join(" "));
        assert!(!Path::new(&db).exists(), "sparring {} wrote a database", args.join(" "));
        assert!(!home.path("data").exists(), "sparring {} touched the data directory", args.join(" "));
    }
}

#[test]
fn a_report_refuses_a_missing_empty_or_broken_script_even_with_a_database_there() {
    let home = Sandbox::new();
    let db = home.path("team.db").display().to_string();
    let made = home.run(&["demo", "--db", &db, "--reps", "1", "--deals", "1", "--activities", "10"]);
    assert_eq!(code(&made), Some(0), "{}", stderr(&made));
    let missing = home.path("nowhere.toml").display().to_string();
    let empty = home.write("empty.toml", "").display().to_string();
    let broken = home.write("broken.toml", BROKEN).display().to_string();
    for script in [&missing, &empty, &broken] {
        let out = home.run(&["--script", script, "report", "dashboard", "--db", &db]);
        assert_eq!(code(&out), Some(2), "--script {script}: {}", stderr(&out));
        assert!(stderr(&out).contains(script.as_str()), "the file is named: {}", stderr(&out));
        assert_eq!(stdout(&out), "", "no report printed with --script {script}");
    }
    let valid = home.write("valid.toml", VALID).display().to_string();
    let out = home.run(&["--script", &valid, "report", "dashboard", "--db", &db]);
    assert_eq!(code(&out), Some(0), "{}", stderr(&out));
}

#[test]
fn a_broken_user_script_stops_the_app_too() {
    let home = Sandbox::new();
    let mine = home.write("config/sparring/questions.toml", BROKEN).display().to_string();
    let out = home.run(&["--demo"]);
    assert_eq!(code(&out), Some(2));
    assert_eq!(stderr(&out).lines().collect::<Vec<_>>(), broken_lines(&mine));
    assert!(!home.path("data").exists(), "no demo database was written");
}

#[test]
fn help_pages_show_examples() {
    let home = Sandbox::new();
    for args in [
        &["--help"][..],
        &["demo", "--help"],
        &["script", "--help"],
        &["script", "check", "--help"],
        &["add", "deal", "--help"],
        &["help", "script", "check"],
    ] {
        let out = home.run(args);
        assert_eq!(code(&out), Some(0), "sparring {}: {}", args.join(" "), stderr(&out));
        assert!(stdout(&out).contains("Examples"), "sparring {} has no examples:\n{}", args.join(" "), stdout(&out));
    }
    let out = home.run(&["script", "check", "--help"]);
    assert!(stdout(&out).contains("file:line:column"), "{}", stdout(&out));
}

#[test]
fn add_deal_takes_the_same_date_words_as_the_app() {
    let sandbox = Sandbox::new();
    let db = sandbox.path("team.db");
    let db = db.to_str().unwrap();
    assert_eq!(code(&sandbox.run(&["add", "rep", "Ada Lovelace", "--db", db])), Some(0));
    let add = |name: &str, dates: &[&str]| {
        let mut args = vec!["add", "deal", "--db", db, "--rep", "Ada Lovelace", "--account", "Acme", "--name", name];
        args.extend_from_slice(dates);
        sandbox.run(&args)
    };
    let out = add("Rollout", &["--close", "31/1", "--next-step-on", "fri"]);
    assert_eq!(code(&out), Some(0), "{}", stderr(&out));
    let conn = rusqlite::Connection::open(db).unwrap();
    let (close, next): (String, String) =
        conn.query_row("SELECT close_on, next_step_on FROM deals", [], |r| Ok((r.get(0)?, r.get(1)?))).unwrap();
    // Today is Friday 27 November 2026 in tests: dates ahead of it.
    assert_eq!((close.as_str(), next.as_str()), ("2027-01-31", "2026-12-04"));
    let out = add("Other", &["--close", "-3d"]);
    assert_eq!(code(&out), Some(2));
    assert!(stderr(&out).contains("--close: \"-3d\" has passed"), "{}", stderr(&out));
}

#[test]
fn add_deal_reads_amounts_as_people_write_them_and_says_what_it_stored() {
    let sandbox = Sandbox::new();
    let db = sandbox.path("team.db");
    let db = db.to_str().unwrap();
    assert_eq!(code(&sandbox.run(&["add", "rep", "Ada Lovelace", "--db", db])), Some(0));
    let add = |name: &str, amount: &str| {
        sandbox.run(&[
            "add",
            "deal",
            "--db",
            db,
            "--rep",
            "Ada Lovelace",
            "--account",
            "Acme",
            "--name",
            name,
            "--amount",
            amount,
        ])
    };
    // A French spreadsheet's amount: 36,500.00, not 3,650,000.00.
    let out = add("French", "36 500,00");
    assert_eq!(code(&out), Some(0), "{}", stderr(&out));
    assert!(stdout(&out).contains("36,500"), "the stored amount is shown: {}", stdout(&out));
    let out = add("German", "36.500,00");
    assert_eq!(code(&out), Some(0), "{}", stderr(&out));
    let out = add("Short", "80k");
    assert_eq!(code(&out), Some(0), "{}", stderr(&out));
    let conn = rusqlite::Connection::open(db).unwrap();
    let amounts: Vec<i64> = conn
        .prepare("SELECT amount_minor FROM deals ORDER BY id")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .map(Result::unwrap)
        .collect();
    assert_eq!(amounts, vec![3_650_000, 3_650_000, 8_000_000]);
    // An overflowing amount is refused, not stored to break the rep's figures later.
    let out = add("Huge", "92233720368547758");
    assert_eq!(code(&out), Some(2));
    assert!(stderr(&out).contains("too large"), "{}", stderr(&out));
    let out = sandbox.run(&[
        "add",
        "deal",
        "--db",
        db,
        "--rep",
        "Ada",
        "--account",
        "A",
        "--name",
        "B",
        "--currency",
        "EURO",
    ]);
    assert_eq!(code(&out), Some(2));
    assert!(stderr(&out).contains("ISO 4217"), "{}", stderr(&out));
    let out = add("Ambiguous", "36.500");
    assert_eq!(code(&out), Some(2));
    assert!(stderr(&out).contains("ambiguous"), "{}", stderr(&out));
    let count: i64 = conn.query_row("SELECT count(*) FROM deals", [], |r| r.get(0)).unwrap();
    assert_eq!(count, 3, "refused amounts wrote nothing");
    // An existing deal loaded by hand is created when it was, in the words of the app's dates.
    let out = sandbox.run(&[
        "add",
        "deal",
        "--db",
        db,
        "--rep",
        "Ada",
        "--account",
        "Old",
        "--name",
        "Deal",
        "--created",
        "last week",
    ]);
    assert_eq!(code(&out), Some(0), "{}", stderr(&out));
    let created: String =
        conn.query_row("SELECT created_on FROM deals WHERE account = 'Old'", [], |r| r.get(0)).unwrap();
    assert!(created.as_str() < "2026-11-27", "{created}");
}

#[test]
fn a_rep_is_named_by_first_name_or_prefix_in_every_option() {
    let sandbox = Sandbox::new();
    let db = sandbox.path("team.db");
    let db = db.to_str().unwrap();
    for name in ["Emma Fischer", "Emil Berg"] {
        assert_eq!(code(&sandbox.run(&["add", "rep", name, "--db", db])), Some(0));
    }
    let report = |rep: &str| sandbox.run(&["report", "dashboard", "--db", db, "--rep", rep]);
    let out = report("emma");
    assert_eq!(code(&out), Some(0), "{}", stderr(&out));
    assert!(stdout(&out).contains("Emma Fischer"), "{}", stdout(&out));
    let out = report("em");
    assert_eq!(code(&out), Some(2));
    assert!(stderr(&out).contains("could be Emil Berg or Emma Fischer"), "{}", stderr(&out));
    let out = sandbox.run(&["add", "deal", "--db", db, "--rep", "berg", "--account", "Acme", "--name", "Pilot"]);
    assert_eq!(code(&out), Some(0), "{}", stderr(&out));
    assert!(stdout(&out).contains("for Emil Berg"), "{}", stdout(&out));
}

#[test]
fn commitments_export_to_a_calendar_a_spreadsheet_and_a_note() {
    let sandbox = Sandbox::new();
    let db = sandbox.demo("demo.db");
    let db = db.to_str().unwrap();
    let ics = sandbox.path("emma.ics");
    let run = |format: &str, extra: &[&str]| {
        let mut args = vec!["export", "commitments", "--db", db, "--rep", "emma", "--format", format];
        args.extend_from_slice(extra);
        sandbox.run(&args)
    };
    let out = run("ics", &["--open", "-o", ics.to_str().unwrap()]);
    assert_eq!(code(&out), Some(0), "{}", stderr(&out));
    let first = std::fs::read_to_string(&ics).unwrap();
    assert!(
        first.starts_with("BEGIN:VCALENDAR\r\n") && first.contains("BEGIN:VTODO") && first.contains("DUE;VALUE=DATE:")
    );
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        assert_eq!(std::fs::metadata(&ics).unwrap().permissions().mode() & 0o777, 0o600, "the user's file only");
    }
    // Exported again: the same to-dos, by the same UIDs, so a calendar updates them.
    run("ics", &["--open", "-o", ics.to_str().unwrap()]);
    let uids = |text: &str| text.lines().filter(|l| l.starts_with("UID:")).map(str::to_string).collect::<Vec<_>>();
    assert_eq!(uids(&first), uids(&std::fs::read_to_string(&ics).unwrap()));
    let csv = run("csv", &[]);
    assert!(stdout(&csv).starts_with("id,rep,about,owner,what,due_on,status,made_on,note"), "{}", stdout(&csv));
    let md = run("md", &["--open"]);
    assert!(stdout(&md).contains("## Emma Fischer") && stdout(&md).contains("- [ ] "), "{}", stdout(&md));
}
