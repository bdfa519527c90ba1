//! `sparring report dashboard`: the real binary on small databases. The JSON parses and holds
//! the figures known by hand; text and CSV read well; errors are clear; the report changes
//! nothing in the file; and the report prints what the pane shows, figure for figure.

mod common;
mod fixtures;

use std::path::Path;
use std::process::Output;

use chrono::{NaiveDate, NaiveTime};
use common::{RUN_LIMIT, Sandbox, TODAY, run_bounded};
use fixtures::{d, new_deal};
use ratatui::crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};
use serde_json::Value;
use sparring::clock::Clock;
use sparring::dashboard::{self, Block, Dashboard, Span};
use sparring::demo::{DemoParams, generate};
use sparring::domain::activity::{ActivityKind, Outcome};
use sparring::domain::metrics::TargetKind;
use sparring::domain::period::Period;
use sparring::script::Script;
use sparring::store::Store;
use sparring::store::bulk::{self, NewDeal, NewRep};
use sparring::store::prospecting::ActivityInput;
use sparring::tui::theme::Theme;
use sparring::tui::{handle_event, prepare, strings};

fn today() -> NaiveDate {
    NaiveDate::parse_from_str(TODAY, "%Y-%m-%d").unwrap()
}

/// One rep, Zoé Martin, this week (Monday 23 to Friday 27 November 2026): a call at 9:15 on
/// Tuesday that booked a meeting and three unanswered calls at 10:00 (phone, retail, m1),
/// the meeting on Wednesday at 14:00 (real chance; it created the opportunity), an email
/// answered on Thursday at 16:00 (email, finance, m2), and the deal, €12,000.50, on
/// Wednesday. A call target of 10 a week; a Tuesday 9–11 block.
fn small(sandbox: &Sandbox) -> std::path::PathBuf {
    let path = sandbox.path("small.db");
    let mut store = Store::open(&path).unwrap();
    let rep = store
        .write(|tx| {
            let rep = bulk::insert_rep(tx, &NewRep { name: "Zoé Martin", email: None, manager: None, team: None })?;
            bulk::insert_deal(
                tx,
                &NewDeal { amount_minor: 1_200_050, stage: "qualify", ..new_deal(rep, "Acme", d(2026, 11, 25)) },
            )?;
            Ok(rep)
        })
        .unwrap();
    store.set_target(rep, TargetKind::Activity(ActivityKind::Call), Some(10), today()).unwrap();
    store.set_blocks(rep, &[Block { weekday: 1, start: 9, end: 11 }]).unwrap();
    let log =
        |day: NaiveDate, h: u32, m: u32, kind, outcome, channel: &str, segment: &str, message: &str| ActivityInput {
            occurred_at: day.and_time(NaiveTime::from_hms_opt(h, m, 0).unwrap()),
            kind,
            channel: Some(channel.into()),
            segment: Some(segment.into()),
            message: Some(message.into()),
            outcome,
            qualified: None,
            count: 1,
        };
    let tuesday = d(2026, 11, 24);
    let mut inputs = vec![log(tuesday, 9, 15, ActivityKind::Call, Outcome::Meeting, "phone", "retail", "m1")];
    for _ in 0..3 {
        inputs.push(log(tuesday, 10, 0, ActivityKind::Call, Outcome::None, "phone", "retail", "m1"));
    }
    inputs.push(ActivityInput {
        qualified: Some(true),
        ..log(d(2026, 11, 25), 14, 0, ActivityKind::Meeting, Outcome::Opportunity, "phone", "retail", "m1")
    });
    inputs.push(log(d(2026, 11, 26), 16, 0, ActivityKind::Email, Outcome::Conversation, "email", "finance", "m2"));
    for input in &inputs {
        store.log_activity(rep, input).unwrap();
    }
    store.checkpoint().unwrap();
    path
}

fn report(sandbox: &Sandbox, db: &Path, args: &[&str]) -> Output {
    run_bounded(sandbox.command().arg("--db").arg(db).args(["report", "dashboard"]).args(args), RUN_LIMIT)
}

fn stdout(out: &Output) -> String {
    assert!(out.status.success(), "exit {:?}: {}", out.status.code(), String::from_utf8_lossy(&out.stderr));
    String::from_utf8(out.stdout.clone()).unwrap()
}

fn json(out: &Output) -> Value {
    serde_json::from_str(&stdout(out)).expect("the report is JSON")
}

#[test]
fn the_json_holds_the_figures_known_by_hand() {
    let sandbox = Sandbox::new();
    let db = small(&sandbox);
    let doc = json(&report(&sandbox, &db, &["--rep", "zoé martin", "--period", "this-week", "--format", "json"]));
    assert_eq!(doc["report"], "dashboard");
    assert_eq!(doc["format_version"], 1);
    assert_eq!(doc["today"], TODAY);
    assert_eq!(doc["scope"]["kind"], "rep");
    assert_eq!(doc["scope"]["rep"], "Zoé Martin");
    assert_eq!(doc["period"]["preset"], "this_week");
    assert_eq!(doc["period"]["name"], "This week");
    assert_eq!((doc["period"]["from"].as_str(), doc["period"]["to"].as_str()), (Some("2026-11-23"), Some(TODAY)));
    assert_eq!(doc["period"]["days"], 5);
    assert_eq!(doc["currency"], "EUR");

    let f = &doc["funnel"];
    assert_eq!(
        [&f["touches"], &f["conversations"], &f["meetings"], &f["opportunities"], &f["pipeline_minor"]],
        [5, 2, 1, 1, 1_200_050]
    );
    assert_eq!([&f["conversation_rate"], &f["meeting_rate"], &f["opportunity_rate"]], [0.4, 0.5, 1.0]);
    assert_eq!(doc["team_funnel"]["touches"], 5, "a team of one");

    let calls = &doc["volumes"][0];
    assert_eq!(calls["kind"], "call");
    assert_eq!(calls["done"], 4);
    assert_eq!(calls["target_per_week"], 10);
    // Five days of 10 a week is 7.14…, printed and used as 7.1: the progress is 4 / 7.1.
    assert_eq!(calls["target"], 7.1);
    assert!((calls["progress"].as_f64().unwrap() - 4.0 / 7.1).abs() < 1e-9);
    let email = doc["volumes"].as_array().unwrap().iter().find(|v| v["kind"] == "email").unwrap();
    assert_eq!((&email["done"], &email["target"], &email["progress"]), (&Value::from(1), &Value::Null, &Value::Null));

    assert_eq!(doc["qualified"]["real_chance"], 1);
    assert_eq!(doc["qualified"]["real_chance_rate"], 1.0);
    let phone = &doc["by_channel"][0];
    assert_eq!(phone["key"], "phone");
    assert_eq!(
        [&phone["touches"], &phone["conversations"], &phone["booked"], &phone["meetings"], &phone["opportunities"]],
        [4, 1, 1, 1, 1]
    );
    assert_eq!(
        (&phone["meetings_per_touch"], &phone["opportunities_per_meeting"]),
        (&Value::from(0.25), &Value::from(1.0))
    );
    assert_eq!(doc["by_channel"][1]["key"], "email");
    assert_eq!(doc["by_channel"][1]["opportunities_per_meeting"], Value::Null, "no meeting to divide by");
    assert_eq!(doc["by_segment"][1]["key"], "finance");

    assert_eq!(doc["heatmap"]["touches"][1][9], 1);
    assert_eq!(doc["heatmap"]["touches"][1][10], 3);
    assert_eq!(doc["heatmap"]["touches"][3][16], 1);
    assert_eq!(doc["heatmap"]["weekday_totals"], serde_json::json!([0, 4, 0, 1, 0, 0, 0]));
    assert_eq!(doc["blocks"], serde_json::json!([{ "weekday": 1, "start_hour": 9, "end_hour": 11 }]));
    assert_eq!(doc["blocks_text"], "tue 9-11");
    assert_eq!(doc["in_blocks"], 0.8);

    let trends = doc["trends"].as_array().unwrap();
    assert_eq!(trends.len(), 12);
    assert_eq!(trends[0]["week"], "2026-09-07");
    let last = &trends[11];
    assert_eq!(
        [&last["week"], &last["touches"], &last["meetings"], &last["opportunities"], &last["pipeline_minor"]],
        [&Value::from("2026-11-23"), &Value::from(5), &Value::from(1), &Value::from(1), &Value::from(1_200_050)]
    );

    let alerts = doc["alerts"].as_array().unwrap();
    assert_eq!(alerts.len(), 1, "{alerts:?}");
    assert_eq!(alerts[0]["code"], "under_target");
    assert_eq!(alerts[0]["kind"], "call");
    assert_eq!(alerts[0]["done"], 4);
    assert_eq!(alerts[0]["text"], "Calls at 56% of target (4 of 7.1).");
    assert_eq!(doc["reps"], Value::Null);
}

#[test]
fn text_and_csv_formats() {
    let sandbox = Sandbox::new();
    let db = small(&sandbox);
    let text = stdout(&report(&sandbox, &db, &["--rep", "Zoé Martin", "--period", "this-week"]));
    assert!(
        text.starts_with(
            "Prospecting dashboard — Zoé Martin\nThis week · Mon 23 Nov – Fri 27 Nov 2026 (as of 27 Nov 2026)\n\
             change vs Mon 16 Nov – Fri 20 Nov 2026\n"
        ),
        "{text}"
    );
    for expected in [
        "Volume against target",
        "  Calls             4        7.1       56%",
        "  Emails            1  no target",
        "                 done     target  progress  change",
        "  Calls             4        7.1       56%      ▲4",
        "                        Zoé Martin  change     Team",
        "  Touches                        5      ▲5        5",
        "    ↓ of touches               40%              40%",
        "  Pipeline created         €12,001   ▲€12k  €12,001",
        "By channel (best first: meetings per 100 touches; fewer than 10 touches last)",
        "  phone          4      1       1         1     1                  25.0     new          100%",
        "  email          1      1       0         0     0                   0.0     new             –",
        "  Tue   1    3    .    .    .    .    .    .        .      4",
        "Planned blocks: tue 9-11 — 80% of the touches with a time of day made in them",
        "  23 Nov 2026        5         1              1      €12k",
        "  ! Calls at 56% of target (4 of 7.1).",
    ] {
        assert!(text.contains(expected), "missing {expected:?} in\n{text}");
    }
    // Columns line up: the "done" figures end where their heading does.
    let lines: Vec<&str> = text.lines().skip_while(|l| *l != "Volume against target").skip(1).take(6).collect();
    let edge = lines[0].find("done").unwrap() + "done".len();
    for row in &lines[1..] {
        let cells: Vec<char> = row.chars().collect();
        assert!(cells.len() > edge && cells[edge - 1] != ' ' && cells[edge] == ' ', "{row:?}");
    }

    let csv = stdout(&report(&sandbox, &db, &["--rep", "Zoé Martin", "--period", "this-week", "--format", "csv"]));
    let lines: Vec<&str> = csv.split("\r\n").filter(|l| !l.is_empty()).collect();
    assert_eq!(lines[0], "section,key,metric,value");
    for expected in [
        "report,,rep,Zoé Martin",
        "report,,period,this_week",
        "report,,length,week",
        "report,,back,0",
        "report,,label,This week · Mon 23 Nov – Fri 27 Nov 2026",
        "report,,from,2026-11-23",
        "report,,previous_from,2026-11-16",
        "report,,previous_to,2026-11-20",
        "previous_funnel,,touches,0",
        "volume,call,previous_done,0",
        "volume,call,change,4",
        "funnel,,touches,5",
        "funnel,,conversation_rate,0.4",
        "team_funnel,,pipeline_minor,1200050",
        "volume,call,done,4",
        "volume,call,target_per_week,10",
        "volume,email,target,",
        "channel,phone,meetings_per_touch,0.25",
        "segment,finance,touches,1",
        "heatmap,tue,09,1",
        "heatmap,tue,untimed,0",
        "blocks,,text,tue 9-11",
        "blocks,,in_blocks,0.8",
        "trend,2026-11-23,pipeline_minor,1200050",
        "volume,call,target,7.1",
        "alert,,under_target,Calls at 56% of target (4 of 7.1).",
    ] {
        assert!(lines.contains(&expected), "missing {expected:?} in\n{csv}");
    }
    assert!(lines.iter().all(|l| l.split(',').count() >= 4), "four fields a row");
}

#[test]
fn a_custom_range_is_the_period_in_words() {
    let sandbox = Sandbox::new();
    let db = small(&sandbox);
    let out = report(&sandbox, &db, &["--rep", "Zoé Martin", "--period", "2026-11-23..2026-11-24", "--format", "json"]);
    let doc = json(&out);
    assert_eq!(doc["period"]["preset"], Value::Null);
    assert_eq!(doc["period"]["days"], 2);
    assert_eq!(doc["funnel"]["touches"], 4);
    let text = stdout(&report(&sandbox, &db, &["--rep", "Zoé Martin", "--period", "2026-11-23..2026-11-24"]));
    // Two days: with their weekdays, compared with the two days before.
    assert!(text.contains("\nMon 23 Nov – Tue 24 Nov 2026 (as of 27 Nov 2026)\n"), "{text}");
    assert!(text.contains("\nchange vs Sat 21 Nov – Sun 22 Nov 2026\n"), "{text}");
    assert_eq!(
        (doc["previous"]["from"].as_str(), doc["previous"]["to"].as_str()),
        (Some("2026-11-21"), Some("2026-11-22"))
    );
}

#[test]
fn the_team_report_lists_every_active_rep() {
    let sandbox = Sandbox::new();
    let db = sandbox.demo("demo.db");
    let doc = json(&report(&sandbox, &db, &["--team", "--period", "4w", "--format", "json"]));
    assert_eq!(doc["scope"]["kind"], "team");
    assert_eq!(doc["scope"]["reps"], 6);
    assert_eq!(doc["team_funnel"], Value::Null);
    let reps = doc["reps"].as_array().unwrap();
    assert_eq!(reps.len(), 6);
    let touches: i64 = reps.iter().map(|r| r["funnel"]["touches"].as_i64().unwrap()).sum();
    assert_eq!(doc["funnel"]["touches"].as_i64(), Some(touches));
    // Without --rep, the report is the team's.
    let default = json(&report(&sandbox, &db, &["--format", "json"]));
    assert_eq!(default["scope"], doc["scope"]);
    assert_eq!(default["funnel"], doc["funnel"]);
    let text = stdout(&report(&sandbox, &db, &["--team"]));
    assert!(text.starts_with("Prospecting dashboard — Team (6 active reps)\n"), "{text}");
    assert!(text.contains("\nWhat stands out, rep by rep\n"));
    let csv = stdout(&report(&sandbox, &db, &["--team", "--format", "csv"]));
    assert!(csv.contains("\r\nrep_funnel,Mateo Romano,meetings,"));
    assert!(csv.contains("\r\nrep_alert,Mateo Romano,meetings_without_opportunities,"));
}

/// Every byte that could drive a terminal: ESC (CSI, OSC title and clipboard), BEL, NUL, BS,
/// C1 CSI, bidi override, zero-width space; and a name too long for any message.
const HOSTILE: &str = "Eve\u{1b}[2J\u{1b}]0;pwned\u{7}\u{1b}]52;c;ZXZpbA==\u{7}\u{0}\u{8}\u{9b}31m\u{202E}dne\u{200B}X";

/// No output of a report may hold a character the sanitiser drops (raw, not as an escape).
fn assert_inert(what: &str, bytes: &[u8]) {
    let text = String::from_utf8_lossy(bytes);
    let bad: Vec<char> =
        text.chars().filter(|&c| c != '\n' && c != '\r' && sparring::domain::text::is_unsafe(c)).collect();
    assert!(bad.is_empty(), "{what} holds {bad:?}");
}

#[test]
fn hostile_names_reach_no_output_raw_and_long_ones_are_cut() {
    let sandbox = Sandbox::new();
    let db = small(&sandbox);
    let long = "L".repeat(100_000);
    {
        let mut store = Store::open(&db).unwrap();
        store
            .write(|tx| {
                bulk::insert_rep(tx, &NewRep { name: HOSTILE, email: None, manager: None, team: None })?;
                bulk::insert_rep(tx, &NewRep { name: &long, email: None, manager: None, team: None })
            })
            .unwrap();
        store.checkpoint().unwrap();
    }
    for format in ["text", "csv", "json"] {
        let out = report(&sandbox, &db, &["--team", "--format", format]);
        assert_inert(format, stdout(&out).as_bytes());
    }
    let doc = json(&report(&sandbox, &db, &["--team", "--format", "json"]));
    let names: Vec<&str> = doc["reps"].as_array().unwrap().iter().map(|r| r["name"].as_str().unwrap()).collect();
    assert!(names.contains(&HOSTILE), "the JSON keeps the name, its controls escaped: {names:?}");
    let out = report(&sandbox, &db, &["--rep", "Nobody\u{1b}]0;x\u{7}"]);
    assert_eq!(out.status.code(), Some(2));
    assert_inert("the error", &out.stderr);
    assert!(out.stderr.len() < 2_000, "a 100,000-character name is cut in messages: {} bytes", out.stderr.len());
    assert!(String::from_utf8_lossy(&out.stderr).contains("LLL…"), "{}", String::from_utf8_lossy(&out.stderr));
    // A path is quoted as given in a message: inert too.
    let out = report(&sandbox, &sandbox.path("evil\u{1b}]0;x\u{7}\u{9b}.db"), &[]);
    assert_eq!(out.status.code(), Some(2));
    assert_inert("the path in an error", &out.stderr);
    assert!(String::from_utf8_lossy(&out.stderr).contains("evil]0;x.db"), "{}", String::from_utf8_lossy(&out.stderr));
}

#[test]
fn errors_are_clear() {
    let sandbox = Sandbox::new();
    let db = small(&sandbox);
    let out = report(&sandbox, &db, &["--rep", "Nobody"]);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("no rep named \"Nobody\"") && err.contains("known reps: Zoé Martin"), "{err}");
    assert!(out.stdout.is_empty());

    let out = report(&sandbox, &db, &["--period", "month"]);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("this-week, last-week, 4w, quarter, 12w, or FROM..TO"), "{err}");

    let out = report(&sandbox, &db, &["--period", "2026-11-01..2026-11-27", "--back", "1"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("--back steps one of the pane's periods"));

    let out = report(&sandbox, &db, &["--period", "2026-11-27..2026-11-01"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("ends before it starts"));

    let out = report(&sandbox, &db, &["--rep", "Zoé Martin", "--team"]);
    assert_eq!(out.status.code(), Some(2));

    let missing = sandbox.path("missing.db");
    let out = report(&sandbox, &missing, &[]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("no database there"));
    assert!(!missing.exists(), "a report never creates a database");

    let help = sandbox.run(&["report", "dashboard", "--help"]);
    let help = String::from_utf8_lossy(&help.stdout);
    assert!(help.contains("Examples:") && help.contains("--period 12w") && help.contains("--format"), "{help}");
}

#[test]
fn a_report_writes_nothing() {
    let sandbox = Sandbox::new();
    let db = small(&sandbox);
    let before = std::fs::read(&db).unwrap();
    stdout(&report(&sandbox, &db, &["--team", "--format", "json"]));
    stdout(&report(&sandbox, &db, &["--rep", "Zoé Martin"]));
    assert_eq!(std::fs::read(&db).unwrap(), before, "the database file is unchanged");
    let wal = sandbox.path("small.db-wal");
    assert!(!wal.exists() || std::fs::metadata(&wal).unwrap().len() == 0, "nothing in the write-ahead log");
}

// ---------------------------------------------------------------------------------------
// The report and the pane agree
// ---------------------------------------------------------------------------------------

/// Every figure of the JSON report equals the dashboard the pane draws.
fn assert_report_is(doc: &Value, d: &Dashboard) {
    let funnel = |v: &Value, f: &sparring::domain::metrics::Funnel| {
        assert_eq!(v["touches"], f.touches);
        assert_eq!(v["conversations"], f.conversations);
        assert_eq!(v["meetings"], f.meetings);
        assert_eq!(v["opportunities"], f.opportunities);
        assert_eq!(v["pipeline_minor"], f.pipeline_minor);
        assert_eq!(v["conversation_rate"].as_f64(), f.conversation_rate());
        assert_eq!(v["meeting_rate"].as_f64(), f.meeting_rate());
        assert_eq!(v["opportunity_rate"].as_f64(), f.opportunity_rate());
    };
    assert_eq!(doc["period"]["from"], d.range.from.to_string());
    assert_eq!(doc["period"]["to"], d.range.to.to_string());
    assert_eq!(doc["period"]["label"], strings::period_label(d.period(), d.range));
    assert_eq!(doc["period"]["back"], d.period().map_or(Value::Null, |p| Value::from(p.back)));
    assert_eq!(doc["currency"], d.currency);
    funnel(&doc["funnel"], &d.funnel);
    assert_eq!(doc["previous"]["from"], d.previous.range.from.to_string());
    assert_eq!(doc["previous"]["to"], d.previous.range.to.to_string());
    funnel(&doc["previous"]["funnel"], &d.previous.funnel);
    match &d.team_funnel {
        Some(team) => funnel(&doc["team_funnel"], team),
        None => assert_eq!(doc["team_funnel"], Value::Null),
    }
    let volumes = doc["volumes"].as_array().unwrap();
    assert_eq!(volumes.len(), d.volumes.len());
    for (v, pane) in volumes.iter().zip(&d.volumes) {
        assert_eq!(v["kind"], pane.kind.as_str());
        assert_eq!(v["done"], pane.done);
        assert_eq!(v["target"].as_f64(), pane.target);
        assert_eq!(v["progress"].as_f64(), pane.progress());
        assert_eq!(v["previous_done"], d.previous.done(pane.kind));
        assert_eq!(v["change"], pane.done - d.previous.done(pane.kind));
    }
    assert_eq!(doc["qualified"]["real_chance"], d.qualified.real_chance);
    assert_eq!(doc["qualified"]["no_real_chance"], d.qualified.no_real_chance);
    assert_eq!(doc["qualified"]["not_assessed"], d.qualified.not_assessed);
    for (name, rows) in [("by_channel", &d.by_channel), ("by_message", &d.by_message), ("by_segment", &d.by_segment)] {
        let json = doc[name].as_array().unwrap();
        assert_eq!(json.len(), rows.len(), "{name}");
        for (j, row) in json.iter().zip(rows) {
            assert_eq!(j["key"].as_str().unwrap_or(""), row.key, "{name}: same order");
            assert_eq!(
                [&j["touches"], &j["conversations"], &j["booked"], &j["meetings"], &j["opportunities"]],
                [row.touches, row.conversations, row.booked, row.meetings, row.opportunities],
                "{name} {}",
                row.key
            );
            assert_eq!(j["meetings_per_touch"].as_f64(), row.meetings_per_touch());
            assert_eq!(j["opportunities_per_meeting"].as_f64(), row.opportunities_per_meeting());
        }
    }
    for day in 0..7 {
        for hour in 0..24 {
            assert_eq!(doc["heatmap"]["touches"][day][hour], d.heatmap.touches[day][hour]);
        }
        assert_eq!(doc["heatmap"]["untimed"][day], d.heatmap.untimed[day]);
    }
    let blocks: Vec<Block> = doc["blocks"]
        .as_array()
        .unwrap()
        .iter()
        .map(|b| Block {
            weekday: b["weekday"].as_u64().unwrap() as u8,
            start: b["start_hour"].as_u64().unwrap() as u8,
            end: b["end_hour"].as_u64().unwrap() as u8,
        })
        .collect();
    assert_eq!(blocks, d.blocks);
    assert_eq!(doc["in_blocks"].as_f64(), d.in_blocks);
    let trends = doc["trends"].as_array().unwrap();
    assert_eq!(trends.len(), d.trends.weeks.len());
    for (i, week) in trends.iter().enumerate() {
        assert_eq!(week["week"], d.trends.weeks[i].to_string());
        assert_eq!(week["touches"], d.trends.touches[i]);
        assert_eq!(week["meetings"], d.trends.meetings[i]);
        assert_eq!(week["opportunities"], d.trends.opportunities[i]);
        assert_eq!(week["pipeline_minor"], d.trends.pipeline_minor[i]);
    }
    let alerts = doc["alerts"].as_array().unwrap();
    assert_eq!(alerts.len(), d.alerts.len());
    for (json, alert) in alerts.iter().zip(&d.alerts) {
        assert_eq!(json["code"], alert.code());
        let when = strings::period_when(d.period(), d.range);
        assert_eq!(json["text"], strings::alert_text(alert, &when, &d.currency), "the pane's words");
    }
}

/// The demo team: the pane's dashboard, as `tui::prepare` loads it and the keys change it,
/// against the report printed by the binary on the same file.
#[test]
fn the_report_prints_what_the_pane_shows() {
    let sandbox = Sandbox::new();
    let db = sandbox.demo("demo.db");
    let mut compared = 0;
    for rep in ["Kenji Dupont", "Emma Fischer", "Zoë Ortega", "Mateo Romano"] {
        let store = Store::open(&db).unwrap();
        let (mut app, mut runner) =
            prepare(store, Script::embedded(), Clock::fixed(today()), Some(rep), Theme::monochrome()).unwrap();
        // The pane opens on the last 4 weeks; `[` steps back by the period's length, `L` on to
        // the next length, under way again.
        let steps = [
            ('\0', "4w", "0"),
            ('[', "4w", "1"),
            ('[', "4w", "2"),
            ('L', "quarter", "0"),
            ('[', "quarter", "1"),
            ('L', "12w", "0"),
            ('L', "this-week", "0"),
            ('L', "last-week", "0"),
            ('[', "this-week", "2"),
        ];
        for (key, flag, back) in steps {
            if key != '\0' {
                let key = KeyEvent::new(KeyCode::Char(key), KeyModifiers::NONE);
                handle_event(&mut app, &mut runner, Event::Key(key), false);
            }
            let pane = &app.view.as_ref().expect("the pane has loaded").dashboard;
            let args = ["--rep", rep, "--period", flag, "--back", back, "--format", "json"];
            let doc = json(&report(&sandbox, &db, &args));
            assert_eq!(doc["period"]["name"], strings::period_name(pane.period().unwrap(), pane.range));
            assert_report_is(&doc, pane);
            compared += 1;
        }
    }
    assert_eq!(compared, 36);

    // The team view: the same function the pane's team view calls.
    let store = Store::open(&db).unwrap();
    for period in Period::PRESETS {
        let team = dashboard::load_team(&store, Span::Preset(period), today()).unwrap();
        let flag = ["this-week", "last-week", "4w", "quarter", "12w"][period.preset().unwrap()];
        let doc = json(&report(&sandbox, &db, &["--team", "--period", flag, "--format", "json"]));
        assert_report_is(&doc, &team.team);
        let reps = doc["reps"].as_array().unwrap();
        assert_eq!(reps.len(), team.reps.len(), "one line per rep");
        for (json, line) in reps.iter().zip(&team.reps) {
            assert_eq!(json["name"], line.name);
            assert_eq!(json["funnel"]["touches"], line.funnel.touches);
            assert_eq!(json["funnel"]["pipeline_minor"], line.funnel.pipeline_minor);
            assert_eq!(json["previous_funnel"]["touches"], line.previous.funnel.touches);
            let codes: Vec<&str> =
                json["alerts"].as_array().unwrap().iter().map(|a| a["code"].as_str().unwrap()).collect();
            assert_eq!(
                codes,
                line.alerts.iter().map(sparring::domain::alerts::Alert::code).collect::<Vec<_>>(),
                "{}",
                line.name
            );
        }
    }
}

/// The generated demo is the one the tests above read (the sandbox's `demo` writes it).
#[test]
fn the_library_and_the_binary_read_the_same_demo() {
    let sandbox = Sandbox::new();
    let db = sandbox.demo("demo.db");
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(&dir.path().join("lib.db")).unwrap();
    generate(&mut store, &Script::embedded(), &DemoParams::default_for(today())).unwrap();
    let rep = store.rep_by_name("Kenji Dupont").unwrap().unwrap();
    let lib = dashboard::load(&store, rep, Span::Preset(Period::LAST_12_WEEKS), today()).unwrap();
    let doc = json(&report(&sandbox, &db, &["--rep", "Kenji Dupont", "--period", "12w", "--format", "json"]));
    assert_report_is(&doc, &lib);
}

#[test]
fn commitments_exported_with_hostile_text_stay_inert_in_every_format() {
    let sandbox = Sandbox::new();
    let db = sandbox.demo("demo.db");
    rusqlite::Connection::open(&db)
        .unwrap()
        .execute(
            "UPDATE commitments SET what = ?1 WHERE id = (SELECT min(id) FROM commitments)",
            ["Send the DPA \x1b]0;pwned\x07 now \u{9b}2J\u{202e}evil\u{200b}x\x08y\x00z"],
        )
        .unwrap();
    for format in ["ics", "csv", "md"] {
        let out = sandbox.run(&["--db", db.to_str().unwrap(), "export", "commitments", "--format", format]);
        assert!(out.status.success(), "{format}: {}", String::from_utf8_lossy(&out.stderr));
        let text = String::from_utf8(out.stdout).unwrap();
        assert!(text.contains("Send the DPA"), "{format}: the commitment is there");
        let leaked: Vec<char> = text
            .chars()
            .filter(|&c| {
                (c.is_control() && !matches!(c, '\r' | '\n' | '\t'))
                    || matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' | '\u{200b}')
            })
            .collect();
        assert!(leaked.is_empty(), "{format}: {leaked:?}");
    }
}
