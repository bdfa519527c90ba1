//! End to end: a whole deal challenged in the real binary — an exit criterion validated,
//! one commitment of each owner, answers of every simple kind, a hypothesis, a verdict that
//! overrules the rep — then every row checked in SQLite.

mod common;

use common::{ENTER, ESC, LEFT, PAGE_DOWN, RIGHT, Sandbox, TAB};
use rusqlite::Connection;

const SHIFT_TAB: &str = "\x1b[Z";

#[test]
fn a_whole_deal_is_challenged_and_every_row_is_written() {
    let sandbox = Sandbox::new();
    let (mut app, db) = sandbox.app_on_demo(100, 30);
    app.open_first_deal();

    // 1. Exit criteria: the first one not validated is of a stage the deal skipped; validate it
    // with its evidence.
    app.wait_for("(Qualification, skipped)");
    app.send("v");
    app.wait_for("Evidence");
    app.send("Needs document signed off by the COO");
    app.send(ENTER);
    app.wait_for("[x] Pain confirmed by the prospect in their own words (Qualification, skipped)");

    // 2. Commitments: one each for the prospect, the rep and the manager.
    app.send(PAGE_DOWN);
    app.wait_for("Question 2/");
    for (owner, what, due) in [
        (0, "Send the list of sites to equip", "fri"),
        (1, "Draft the mutual close plan", "+3d"),
        (2, "Call their COO with the rep", "next week"),
    ] {
        // Typing on the list starts the new commitment, its first key included.
        app.send(what);
        app.wait_for("By when");
        // Who, picked with arrows (prospect, rep, manager): a letter there would be text.
        app.send(SHIFT_TAB);
        app.send(LEFT);
        app.send(LEFT);
        for _ in 0..owner {
            app.send(RIGHT);
        }
        app.send(TAB);
        app.send(TAB);
        app.send(due);
        app.wait_for("→ ");
        app.send(ENTER);
        app.wait_for(what);
    }

    // 3. Free text, then yes/no.
    app.send(PAGE_DOWN);
    app.wait_for("Question 3/");
    app.send("They introduced us to procurement; nothing else moved.");
    app.send(ENTER);
    app.wait_for("Question 4/");
    app.send("1");
    app.send("Amélie, the COO, owns the budget");
    app.send(ENTER);

    // 5. A hypothesis with its test.
    app.wait_for("Question 5/");
    app.send("The budget sits in next year's plan");
    app.wait_for("We assume");
    app.send(TAB);
    app.send("Ask the COO in Thursday's call");
    app.send(TAB);
    app.send("+10d");
    app.send(ENTER);
    app.wait_for("The budget sits in next year's plan");

    // 6–9. A free-text worry, a choice, yes/no; then past the last commitments question.
    app.send(PAGE_DOWN);
    app.wait_for("Question 6/");
    app.send("Meetings moved twice by their side.");
    app.send(ENTER);
    app.wait_for("Question 7/");
    app.send("2");
    app.send(ENTER);
    app.wait_for("Question 8/");
    app.send("2");
    app.send(ENTER);
    app.wait_for("Question 9/");
    app.page_down_until("Your verdict", 3);

    // The verdict: commit against the rep's best case, so it needs a reason. The forecast is
    // picked with arrows (none, pipeline, best case, commit): a letter would be the reason.
    app.send(RIGHT);
    app.send(RIGHT);
    app.send(RIGHT);
    app.send(TAB);
    app.send("Signatory named, legal steps known");
    app.send(TAB);
    app.send("4");
    app.send(TAB);
    app.send("Close plan review with the COO");
    app.send(TAB);
    app.send("+7d");
    app.send(ENTER);
    app.wait_for("Summary —");
    // The verdict is written on Enter; the summary shows it once the write is confirmed.
    app.wait_for("overruling");
    // The end of a sentence typed as Enter was pressed lands on the summary: no command there.
    app.send("quite right");
    app.wait_for("overruling");
    assert!(!app.screen().contains("Choose a rep"), "an `r` typed on the summary is no command");
    app.send(ESC);
    app.wait_for("Open deals");
    app.send("q");
    assert_eq!(app.wait_exit(), 0);

    let conn = Connection::open(&db).unwrap();
    let review: i64 = conn
        .query_row("SELECT id FROM reviews WHERE status = 'open' AND kind = 'transformation'", [], |r| r.get(0))
        .unwrap();
    let deal: i64 =
        conn.query_row("SELECT current_deal_id FROM reviews WHERE id = ?1", [review], |r| r.get(0)).unwrap();
    let position: String =
        conn.query_row("SELECT current_question FROM reviews WHERE id = ?1", [review], |r| r.get(0)).unwrap();
    assert_eq!(position, ":summary");

    let validated: String = conn
        .query_row(
            "SELECT evidence FROM criteria_checks WHERE deal_id = ?1 AND validated_on = ?2",
            rusqlite::params![deal, common::TODAY],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(validated, "Needs document signed off by the COO");

    let mut stmt = conn
        .prepare("SELECT owner, what, due_on FROM commitments WHERE made_in_review = ?1 AND deal_id = ?2 ORDER BY id")
        .unwrap();
    let made: Vec<(String, String, String)> = stmt
        .query_map([review, deal], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
        .unwrap()
        .map(Result::unwrap)
        .collect();
    assert_eq!(
        made,
        vec![
            ("prospect".into(), "Send the list of sites to equip".into(), "2026-12-04".into()),
            ("rep".into(), "Draft the mutual close plan".into(), "2026-11-30".into()),
            ("manager".into(), "Call their COO with the rep".into(), "2026-11-30".into()),
        ]
    );

    let (statement, plan, by): (String, String, String) = conn
        .query_row("SELECT statement, test_plan, test_by FROM hypotheses WHERE made_in_review = ?1", [review], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?))
        })
        .unwrap();
    assert_eq!(
        (statement.as_str(), plan.as_str(), by.as_str()),
        ("The budget sits in next year's plan", "Ask the COO in Thursday's call", "2026-12-07")
    );

    let answer = |id: &str| -> String {
        conn.query_row(
            "SELECT answer FROM answers WHERE review_id = ?1 AND deal_id = ?2 AND question_id = ?3",
            rusqlite::params![review, deal, id],
            |r| r.get(0),
        )
        .unwrap_or_default()
    };
    assert_eq!(answer("real_progress"), "They introduced us to procurement; nothing else moved.");
    assert_eq!(answer("sponsor"), "Yes\nAmélie, the COO, owns the budget");
    assert_eq!(answer("competition"), "Status quo / do nothing");
    assert_eq!(answer("process_respected"), "No");
    assert!(answer("prospect_commitments").contains("Send the list of sites to equip"), "structured answers in words");
    assert!(
        answer("step_not_validated").starts_with("Validated: Pain confirmed by the prospect"),
        "{}",
        answer("step_not_validated")
    );
    assert!(answer("untested_hypotheses").contains("next year's plan"));

    let (forecast, rep_forecast, comment, confidence, next_step): (String, String, String, i64, String) = conn
        .query_row(
            "SELECT forecast, rep_forecast, comment, confidence, next_step FROM verdicts WHERE review_id = ?1 AND deal_id = ?2",
            [review, deal],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?)),
        )
        .unwrap();
    assert_eq!(forecast, "commit");
    assert_eq!(rep_forecast, "best_case");
    assert_eq!(comment, "Signatory named, legal steps known");
    assert_eq!(confidence, 4);
    assert_eq!(next_step, "Close plan review with the COO");
    let (deal_forecast, deal_next): (String, String) = conn
        .query_row("SELECT forecast, next_step_on FROM deals WHERE id = ?1", [deal], |r| Ok((r.get(0)?, r.get(1)?)))
        .unwrap();
    assert_eq!(
        (deal_forecast.as_str(), deal_next.as_str()),
        ("commit", "2026-12-04"),
        "the verdict applies to the deal"
    );
}
