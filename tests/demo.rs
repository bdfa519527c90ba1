//! The demo generator on temporary files: deterministic, exact sizes, consistent dates,
//! and the six personas visible in the figures the app will show.

mod fixtures;

use std::path::Path;

use chrono::{Datelike, Duration, NaiveDate};
use fixtures::{count, demo_file, dump};
use rusqlite::{Connection, params};
use sparring::demo::{self, DemoParams};
use sparring::domain::period::Period;
use sparring::script::Script;
use sparring::store::Store;
use tempfile::TempDir;

fn friday() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 27).unwrap()
}

fn open(path: &Path) -> Connection {
    Connection::open(path).unwrap()
}

/// Every table the demo writes, and the order that makes a dump stable.
const TABLES: [(&str, &str); 10] = [
    ("reps", "id"),
    ("targets", "rep_id, kind"),
    ("deals", "id"),
    ("stage_history", "id"),
    ("criteria_checks", "deal_id, stage, criterion"),
    ("activities", "id"),
    ("reviews", "id"),
    ("answers", "id"),
    ("commitments", "id"),
    ("skill_ratings", "review_id, skill_id"),
];

#[test]
fn same_parameters_write_the_same_data_and_another_seed_does_not() {
    let dir = TempDir::new().unwrap();
    let params = DemoParams::default_for(friday());
    let (a, summary_a) = demo_file(&dir, "a.db", &params);
    let (b, summary_b) = demo_file(&dir, "b.db", &params);
    assert_eq!(summary_a, summary_b);
    let (dump_a, dump_b) = (dump(&a, &TABLES), dump(&b, &TABLES));
    assert!(dump_a.len() > 1_000_000, "the dump covers the data ({} bytes)", dump_a.len());
    assert!(dump_a == dump_b, "two generations with the same parameters differ");

    let (c, _) = demo_file(&dir, "c.db", &DemoParams { seed: 7, ..params });
    assert!(dump(&c, &TABLES) != dump_a, "another seed writes other data");
}

#[test]
fn default_team_has_the_exact_sizes_and_consistent_dates() {
    let dir = TempDir::new().unwrap();
    let today = friday();
    let params = DemoParams::default_for(today);
    let (path, summary) = demo_file(&dir, "demo.db", &params);
    let conn = open(&path);

    assert_eq!(count(&conn, "SELECT count(*) FROM reps"), 6);
    assert_eq!(count(&conn, "SELECT count(*) FROM deals"), 150);
    assert_eq!(count(&conn, "SELECT count(*) FROM activities"), 12_000);
    assert_eq!(summary.reps, 6);
    assert_eq!(summary.deals, 150);
    assert_eq!(summary.activities, 12_000);
    assert_eq!(summary.reviews, count(&conn, "SELECT count(*) FROM reviews") as u64);
    assert_eq!(summary.answers, count(&conn, "SELECT count(*) FROM answers") as u64);
    assert_eq!(summary.commitments, count(&conn, "SELECT count(*) FROM commitments") as u64);
    assert!(summary.reviews >= 30 && summary.answers > 300 && summary.commitments > 100, "{summary}");
    assert!(
        count(&conn, "SELECT count(*) FROM reps WHERE length(CAST(name AS BLOB)) > length(name)") > 0,
        "some rep names carry accents"
    );
    assert_eq!(count(&conn, "SELECT count(DISTINCT rep_id) FROM targets"), 6);
    assert_eq!(count(&conn, "SELECT count(*) FROM targets"), 36, "six targets per rep");

    // About six months of activity ending today, every week stored as its Monday.
    let first: String = conn.query_row("SELECT min(occurred_at) FROM activities", [], |r| r.get(0)).unwrap();
    let last: String = conn.query_row("SELECT max(occurred_at) FROM activities", [], |r| r.get(0)).unwrap();
    let start = today - Duration::weeks(25) - Duration::days(4);
    assert!(first.starts_with(&start.to_string()[..7]), "activity starts about 26 weeks back: {first}");
    assert!(last.starts_with(&today.to_string()), "activity ends today: {last}");
    assert_eq!(
        count(&conn, "SELECT count(*) FROM activities WHERE week <> date(occurred_at, '-6 days', 'weekday 1')"),
        0,
        "week is the Monday of occurred_at"
    );
    assert_eq!(count(&conn, "SELECT count(*) FROM activities WHERE count < 1"), 0);
    assert!(count(&conn, "SELECT count(*) FROM activities WHERE count > 1") > 0, "some weekly totals");

    // Nothing in the future but close dates, due dates and next steps.
    let t = today.to_string();
    for sql in [
        "SELECT count(*) FROM activities WHERE occurred_at >= date(?1, '+1 day')",
        "SELECT count(*) FROM deals WHERE created_on > ?1 OR stage_entered_on > ?1 OR closed_on > ?1",
        "SELECT count(*) FROM stage_history WHERE entered_on > ?1",
        "SELECT count(*) FROM criteria_checks WHERE validated_on > ?1",
        "SELECT count(*) FROM reviews WHERE held_on >= ?1",
        "SELECT count(*) FROM answers WHERE answered_at >= ?1",
        "SELECT count(*) FROM commitments WHERE settled_on > ?1",
    ] {
        let n: i64 = conn.query_row(sql, params![t], |r| r.get(0)).unwrap();
        assert_eq!(n, 0, "{sql}");
    }

    // Stage history: one row per stage passed, in script order, dates increasing, ending
    // at the deal's current stage on the day it entered it.
    let script = Script::embedded();
    let mut stmt = conn.prepare("SELECT id, stage, stage_entered_on, created_on FROM deals").unwrap();
    let deals: Vec<(i64, String, String, String)> =
        stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?))).unwrap().map(Result::unwrap).collect();
    let mut history =
        conn.prepare("SELECT stage, entered_on FROM stage_history WHERE deal_id = ?1 ORDER BY id").unwrap();
    for (id, stage, entered, created) in &deals {
        let rows: Vec<(String, String)> =
            history.query_map([id], |r| Ok((r.get(0)?, r.get(1)?))).unwrap().map(Result::unwrap).collect();
        let position = script.stages.iter().position(|s| &s.key == stage).expect("a stage of the script");
        let keys: Vec<&str> = rows.iter().map(|(k, _)| k.as_str()).collect();
        let expected: Vec<&str> = script.stages[..=position].iter().map(|s| s.key.as_str()).collect();
        assert_eq!(keys, expected, "deal {id}");
        assert_eq!(&rows[rows.len() - 1].1, entered, "deal {id} history ends on stage_entered_on");
        assert_eq!(&rows[0].1, created, "deal {id} history starts on created_on");
        assert!(rows.windows(2).all(|w| w[0].1 < w[1].1), "deal {id} dates increase: {rows:?}");
    }

    // Criteria: only of stages the deal reached, worded as in the script.
    assert_eq!(
        count(
            &conn,
            "SELECT count(*) FROM criteria_checks c WHERE NOT EXISTS
               (SELECT 1 FROM stage_history h WHERE h.deal_id = c.deal_id AND h.stage = c.stage)"
        ),
        0
    );
    for stage in &script.stages {
        for criterion in &stage.criteria {
            let wrong: i64 = conn
                .query_row(
                    "SELECT count(*) FROM criteria_checks WHERE stage = ?1 AND criterion = ?2 AND criterion_text <> ?3",
                    params![stage.key, criterion.id, criterion.text],
                    |r| r.get(0),
                )
                .unwrap();
            assert_eq!(wrong, 0);
        }
    }

    // Each deal created inside the activity span has its opportunity meeting that day.
    let missing = count(
        &conn,
        "SELECT count(*) FROM deals d WHERE d.created_on >= (SELECT min(week) FROM activities)
           AND NOT EXISTS (SELECT 1 FROM activities a WHERE a.deal_id = d.id AND a.rep_id = d.rep_id
             AND a.kind = 'meeting' AND a.outcome = 'opportunity' AND substr(a.occurred_at, 1, 10) = d.created_on)",
    );
    assert_eq!(missing, 0, "deals created in the span without their opportunity activity");
    assert_eq!(
        count(&conn, "SELECT count(*) FROM activities WHERE outcome = 'opportunity'"),
        count(&conn, "SELECT count(*) FROM deals WHERE created_on >= (SELECT min(week) FROM activities)")
    );

    // Answers keep the script's wording; reviews are all closed, the latest 7–14 days ago.
    let mut stmt = conn.prepare("SELECT DISTINCT question_id, question_text FROM answers").unwrap();
    let asked: Vec<(String, String)> =
        stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?))).unwrap().map(Result::unwrap).collect();
    assert!(asked.len() >= 10);
    for (id, text) in &asked {
        let question = script.questions.iter().chain(&script.prospecting).find(|q| &q.id == id).expect("known id");
        assert_eq!(&question.text, text);
    }
    assert_eq!(count(&conn, "SELECT count(*) FROM reviews WHERE status <> 'closed' OR closed_at IS NULL"), 0);
    assert_eq!(count(&conn, "SELECT count(DISTINCT rep_id) FROM reviews WHERE kind = 'transformation'"), 6);
    assert_eq!(count(&conn, "SELECT count(DISTINCT rep_id) FROM reviews WHERE kind = 'prospecting'"), 6);
    let latest: String =
        conn.query_row("SELECT max(held_on) FROM reviews WHERE kind = 'transformation'", [], |r| r.get(0)).unwrap();
    let days_ago = (today - NaiveDate::parse_from_str(&latest, "%Y-%m-%d").unwrap()).num_days();
    assert!((7..=14).contains(&days_ago), "latest transformation review {days_ago} days ago");
    assert!(count(&conn, "SELECT count(*) FROM commitments WHERE deal_id IS NULL") > 0, "prospecting commitments");
    assert_eq!(
        count(
            &conn,
            "SELECT count(*) FROM commitments WHERE (status IN ('done', 'missed', 'dropped'))
               <> (settled_in_review IS NOT NULL AND settled_on IS NOT NULL)"
        ),
        0,
        "settled commitments, and only they, name the review that settled them"
    );
    let overdue: i64 = conn
        .query_row("SELECT count(*) FROM commitments WHERE status = 'open' AND due_on < ?1", [&t], |r| r.get(0))
        .unwrap();
    assert!(overdue > 0, "some open commitments are overdue");
    assert_eq!(count(&conn, "SELECT count(*) FROM skill_ratings WHERE score NOT BETWEEN 1 AND 5"), 0);
    assert_eq!(count(&conn, "SELECT count(DISTINCT skill_id) FROM skill_ratings"), script.skills.len() as i64);
}

#[test]
fn deals_cover_every_stage_and_the_problems_the_challenge_looks_for() {
    let dir = TempDir::new().unwrap();
    let today = friday();
    let (path, _) = demo_file(&dir, "demo.db", &DemoParams::default_for(today));
    let conn = open(&path);
    let t = format!("'{today}'");

    for stage in &Script::embedded().stages {
        let open: i64 = conn
            .query_row("SELECT count(*) FROM deals WHERE stage = ?1 AND status = 'open'", [&stage.key], |r| r.get(0))
            .unwrap();
        assert!(open > 0, "no open deal in stage {}", stage.key);
    }
    for status in ["open", "won", "lost"] {
        let n: i64 = conn.query_row("SELECT count(*) FROM deals WHERE status = ?1", [status], |r| r.get(0)).unwrap();
        assert!(n > 0, "no {status} deal");
    }
    assert_eq!(
        count(
            &conn,
            "SELECT count(*) FROM deals WHERE (status = 'open') <> (forecast IN ('pipeline', 'best_case', 'commit'))
               OR (status = 'won') <> (forecast = 'won') OR (status = 'open') <> (closed_on IS NULL)"
        ),
        0,
        "forecast and closing day agree with the status"
    );
    assert!(count(&conn, "SELECT count(*) FROM deals WHERE status = 'open' AND forecast = 'commit'") > 0);
    assert!(count(&conn, "SELECT count(*) FROM deals WHERE status = 'open' AND sponsor_name IS NULL") > 0);
    assert_eq!(
        count(
            &conn,
            "SELECT count(*) FROM deals d JOIN criteria_checks c ON c.deal_id = d.id
             WHERE d.status = 'open' AND d.sponsor_name IS NULL AND c.criterion = 'sponsor'"
        ),
        0,
        "no validated sponsor criterion on a deal without a sponsor"
    );
    assert!(count(&conn, &format!("SELECT count(*) FROM deals WHERE status = 'open' AND close_on < {t}")) > 0);
    assert!(count(&conn, "SELECT count(*) FROM deals WHERE status = 'open' AND next_step IS NULL") > 0);
    assert!(count(&conn, &format!("SELECT count(*) FROM deals WHERE status = 'open' AND next_step_on < {t}")) > 0);
    assert_eq!(
        count(
            &conn,
            "SELECT count(*) FROM deals WHERE amount_minor NOT BETWEEN 800000 AND 25000000 OR currency <> 'EUR'"
        ),
        0
    );
    let open_per_rep: Vec<i64> = conn
        .prepare("SELECT count(*) FROM deals WHERE status = 'open' GROUP BY rep_id ORDER BY rep_id")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .map(Result::unwrap)
        .collect();
    assert!(open_per_rep[..5].iter().all(|&n| (12..=25).contains(&n)), "{open_per_rep:?}");
    assert!(open_per_rep[5] < 10, "the newcomer has few deals: {open_per_rep:?}");
    // Deal sources use the activity vocabularies, so the dashboard can join them.
    assert_eq!(
        count(
            &conn,
            "SELECT count(*) FROM deals WHERE source_channel NOT IN (SELECT channel FROM activities)
               OR segment NOT IN (SELECT segment FROM activities WHERE segment IS NOT NULL)"
        ),
        0
    );
}

/// Rep ids follow the persona order: strong, meeting machine, staller, misser, average, newcomer.
#[test]
fn personas_show_in_the_figures() {
    let dir = TempDir::new().unwrap();
    let today = friday();
    let (path, _) = demo_file(&dir, "demo.db", &DemoParams::default_for(today));
    let conn = open(&path);
    let from = Period::LAST_4_WEEKS.range(today).from.to_string();
    let meetings = |rep: i64| -> i64 {
        conn.query_row(
            "SELECT coalesce(sum(count), 0) FROM activities WHERE rep_id = ?1 AND kind = 'meeting' AND occurred_at >= ?2",
            params![rep, from],
            |r| r.get(0),
        )
        .unwrap()
    };
    let opportunities = |rep: i64| -> i64 {
        conn.query_row("SELECT count(*) FROM deals WHERE rep_id = ?1 AND created_on >= ?2", params![rep, from], |r| {
            r.get(0)
        })
        .unwrap()
    };

    // The meeting machine: many meetings, almost no opportunities.
    let (m, o) = (meetings(2), opportunities(2));
    assert!(m >= 12 && (o as f64) < 0.1 * m as f64, "meeting machine: {m} meetings, {o} opportunities");
    // The strong performer converts.
    let (m, o) = (meetings(1), opportunities(1));
    assert!(m >= 12 && (o as f64) >= 0.15 * m as f64, "strong performer: {m} meetings, {o} opportunities");

    // The staller: several open deals at two to four times their stage's expected days.
    let script = Script::embedded();
    let stalled = |rep: i64| -> usize {
        let mut stmt =
            conn.prepare("SELECT stage, stage_entered_on FROM deals WHERE rep_id = ?1 AND status = 'open'").unwrap();
        stmt.query_map([rep], |r| Ok((r.get::<_, String>(0)?, r.get::<_, NaiveDate>(1)?)))
            .unwrap()
            .map(Result::unwrap)
            .filter(|(stage, entered)| {
                let expected = i64::from(script.stage(stage).unwrap().expected_days);
                (today - *entered).num_days() >= 2 * expected
            })
            .count()
    };
    assert!(stalled(3) >= 5, "staller has {} stalled deals", stalled(3));
    assert_eq!(stalled(1), 0, "the strong performer's deals progress on time");

    // The misser: missed commitments, far more than the strong performer.
    let missed = |rep: i64| -> i64 {
        conn.query_row("SELECT count(*) FROM commitments WHERE rep_id = ?1 AND status = 'missed'", [rep], |r| r.get(0))
            .unwrap()
    };
    assert!(missed(4) >= 8 && missed(4) > 3 * missed(1).max(1), "misser {} vs strong {}", missed(4), missed(1));
    let missed_by = |owner: &str| -> i64 {
        conn.query_row(
            "SELECT count(*) FROM commitments WHERE rep_id = 4 AND status = 'missed' AND owner = ?1",
            [owner],
            |r| r.get(0),
        )
        .unwrap()
    };
    assert!(missed_by("prospect") > 0 && missed_by("rep") > 0);

    // The misser calls on Friday afternoon.
    let friday_share: f64 = conn
        .query_row(
            "SELECT 1.0 * sum(strftime('%w', occurred_at) = '5' AND substr(occurred_at, 12, 2) >= '13') / count(*)
             FROM activities WHERE rep_id = 4 AND kind = 'call'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert!(friday_share > 0.6, "misser's calls on Friday afternoon: {friday_share}");

    // Volume against target: the strong performer near or above, the newcomer far below.
    let calls = |rep: i64| -> f64 {
        let done: i64 = conn
            .query_row(
                "SELECT sum(count) FROM activities WHERE rep_id = ?1 AND kind = 'call' AND occurred_at >= ?2",
                params![rep, from],
                |r| r.get(0),
            )
            .unwrap();
        let target: i64 = conn
            .query_row("SELECT per_week FROM targets WHERE rep_id = ?1 AND kind = 'call'", [rep], |r| r.get(0))
            .unwrap();
        done as f64 / (target as f64 * 4.0)
    };
    assert!(calls(1) >= 0.95, "strong performer at {:.0}% of the call target", calls(1) * 100.0);
    assert!(calls(6) < 0.6, "newcomer at {:.0}% of the call target", calls(6) * 100.0);

    // The average rep has deals without a sponsor past the first stage.
    let no_sponsor: i64 = count(
        &conn,
        "SELECT count(*) FROM deals WHERE rep_id = 5 AND status = 'open' AND sponsor_name IS NULL AND stage <> 'qualify'",
    );
    assert!(no_sponsor >= 2, "average rep: {no_sponsor} later-stage deals without a sponsor");
    assert_eq!(
        count(&conn, "SELECT count(*) FROM deals WHERE rep_id = 1 AND status = 'open' AND sponsor_name IS NULL"),
        0
    );
}

#[test]
fn odd_sizes_and_days_still_give_exact_counts() {
    let dir = TempDir::new().unwrap();
    let sunday = NaiveDate::from_ymd_opt(2027, 1, 3).unwrap();
    let monday = NaiveDate::from_ymd_opt(2026, 8, 3).unwrap();
    assert_eq!((sunday.weekday().num_days_from_monday(), monday.weekday().num_days_from_monday()), (6, 0));
    for (i, params) in [
        DemoParams { reps: 60, deals: 400, activities: 3_000, seed: 1, today: sunday },
        DemoParams { reps: 1, deals: 1, activities: 0, seed: 2, today: monday },
        DemoParams { reps: 3, deals: 0, activities: 500, seed: 3, today: monday },
    ]
    .iter()
    .enumerate()
    {
        let (path, summary) = demo_file(&dir, &format!("odd{i}.db"), params);
        let conn = open(&path);
        assert_eq!(count(&conn, "SELECT count(*) FROM reps"), i64::from(params.reps));
        assert_eq!(count(&conn, "SELECT count(DISTINCT name) FROM reps"), i64::from(params.reps));
        assert_eq!(count(&conn, "SELECT count(*) FROM deals"), i64::from(params.deals));
        assert_eq!(count(&conn, "SELECT count(*) FROM activities"), params.activities as i64);
        assert_eq!(summary.activities, params.activities);
        let after: i64 = conn
            .query_row(
                "SELECT count(*) FROM activities WHERE occurred_at >= date(?1, '+1 day')",
                [params.today.to_string()],
                |r| r.get(0),
            )
            .unwrap();
        assert_eq!(after, 0);
        assert_eq!(count(&conn, "SELECT count(*) FROM reviews WHERE status = 'open'"), 0);
    }
}

/// The generator follows the script it is given: its stage keys, criteria and questions.
#[test]
fn a_custom_script_shapes_the_data() {
    let source = r#"
name = "Seven steps"
[[stages]]
key = "lead"
name = "Lead"
expected_days = 5
criteria = [{ id = "contact", text = "Named contact" }]
[[stages]]
key = "call_one"
name = "First call"
expected_days = 7
[[stages]]
key = "demo"
name = "Demo"
expected_days = 10
criteria = [{ id = "demo_done", text = "Demo given to the team" }, { id = "champion", text = "Champion found" }]
[[stages]]
key = "trial"
name = "Trial"
expected_days = 30
[[stages]]
key = "quote"
name = "Quote"
expected_days = 9
[[stages]]
key = "legal"
name = "Legal"
expected_days = 20
[[stages]]
key = "sign"
name = "Signature"
expected_days = 3
[[questions]]
id = "why_now"
text = "Why would they buy now?"
[[questions]]
id = "blocker"
text = "Who could block it?"
kind = "choice"
choices = ["Nobody", "IT", "Finance"]
stages = ["trial", "quote", "legal", "sign"]
"#;
    let script = Script::parse(source, "seven.toml").unwrap();
    let dir = TempDir::new().unwrap();
    let path = dir.path().join("seven.db");
    let mut store = Store::open(&path).unwrap();
    let params = DemoParams { reps: 12, deals: 400, activities: 20_000, seed: 5, today: friday() };
    let summary = demo::generate(&mut store, &script, &params).unwrap();
    drop(store);
    let conn = open(&path);
    assert_eq!(summary.deals, 400);
    for stage in &script.stages {
        let n: i64 = conn.query_row("SELECT count(*) FROM deals WHERE stage = ?1", [&stage.key], |r| r.get(0)).unwrap();
        assert!(n > 0, "no deal in {}", stage.key);
    }
    assert_eq!(
        count(
            &conn,
            "SELECT count(*) FROM deals WHERE stage NOT IN ('lead', 'call_one', 'demo', 'trial', 'quote', 'legal', 'sign')"
        ),
        0
    );
    assert_eq!(
        count(
            &conn,
            "SELECT count(*) FROM criteria_checks WHERE criterion NOT IN ('contact', 'demo_done', 'champion')"
        ),
        0
    );
    assert_eq!(count(&conn, "SELECT count(*) FROM answers WHERE question_id NOT IN ('why_now', 'blocker')"), 0);
    assert_eq!(
        count(
            &conn,
            "SELECT count(*) FROM answers WHERE question_id = 'blocker' AND answer NOT IN ('Nobody', 'IT', 'Finance')"
        ),
        0
    );
    assert!(count(&conn, "SELECT count(*) FROM answers WHERE question_id = 'why_now'") > 0);
    assert_eq!(count(&conn, "SELECT count(*) FROM skill_ratings"), 0, "the script rates no skills");
    assert_eq!(
        count(
            &conn,
            "SELECT count(*) FROM answers a JOIN deals d ON d.id = a.deal_id
             WHERE a.question_id = 'blocker' AND d.stage IN ('lead', 'call_one', 'demo') AND d.status = 'open'
               AND NOT EXISTS (SELECT 1 FROM stage_history h JOIN reviews r ON r.id = a.review_id
                               WHERE h.deal_id = d.id AND h.stage = 'trial' AND h.entered_on <= r.held_on)"
        ),
        0,
        "a question is asked only in the stages it applies to, on the review day"
    );
}
