//! End to end: the prospecting review in the real binary — answers, a commitment for next
//! week, a hard kill, and the review resumed where it stopped.

mod common;

use common::{ENTER, PAGE_DOWN, Sandbox, TAB};
use rusqlite::Connection;

#[test]
fn the_prospecting_review_saves_answers_and_commitments_and_resumes() {
    let sandbox = Sandbox::new();
    let (mut app, db) = sandbox.app_on_demo(100, 30);
    let db_arg = db.to_str().unwrap();
    app.send("p");
    app.wait_for("Prospecting review");
    app.wait_for("Question 1/5");
    app.send("Healthcare CIOs gave the real conversations");
    app.send(ENTER);
    app.wait_for("Question 2/5");
    app.wait_for("meetings assessed had a real chance.");
    app.send(" Acme had a sponsor");
    app.send(ENTER);
    app.wait_for("Question 3/5");
    app.send(PAGE_DOWN);
    app.wait_for("Question 4/5");
    app.send(PAGE_DOWN);
    app.wait_for("Question 5/5");
    app.send("Two 2-hour call blocks Tue/Thu");
    app.wait_for("By when");
    app.send(TAB);
    app.send("next week");
    app.wait_for("→ ");
    app.send(ENTER);
    app.wait_for("Two 2-hour call blocks Tue/Thu — due 30 Nov");
    app.wait_for("3 of 5");
    app.kill_hard();

    let conn = Connection::open(&db).unwrap();
    let (review, kind, position): (i64, String, String) = conn
        .query_row("SELECT id, kind, current_question FROM reviews WHERE status = 'open'", [], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?))
        })
        .unwrap();
    assert_eq!(kind, "prospecting");
    assert_eq!(position, "next_week");
    let answer = |id: &str| -> String {
        conn.query_row(
            "SELECT answer FROM answers WHERE review_id = ?1 AND deal_id IS NULL AND question_id = ?2",
            rusqlite::params![review, id],
            |r| r.get(0),
        )
        .unwrap_or_default()
    };
    assert_eq!(answer("targeting"), "Healthcare CIOs gave the real conversations");
    let quality = answer("meeting_quality");
    assert!(quality.contains("meetings assessed had a real chance. Acme had a sponsor"), "{quality:?}");
    assert!(answer("next_week").contains("Two 2-hour call blocks Tue/Thu"));
    let (owner, due, deal): (String, String, Option<i64>) = conn
        .query_row("SELECT owner, due_on, deal_id FROM commitments WHERE made_in_review = ?1", [review], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?))
        })
        .unwrap();
    assert_eq!((owner.as_str(), due.as_str(), deal), ("rep", "2026-11-30", None));

    let mut again = sandbox.spawn(&["--db", db_arg], 100, 30);
    again.wait_for("Question 5/5");
    // The first frame may still be arriving: wait for its last part before reading it.
    let screen = again.wait_for("Two 2-hour call blocks Tue/Thu");
    assert!(screen.contains("Prospecting review") && screen.contains("Resumed"), "{screen}");
    // The question has the keyboard again: Ctrl-C quits (a `q` would start a commitment).
    again.send("\x03");
    assert_eq!(again.wait_exit(), 0);
}
