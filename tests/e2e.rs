//! End to end: the real binary in a pseudo-terminal on a temporary demo database —
//! switch panes, answer a question, quit — then the answer is read back from SQLite.

mod common;

use common::{ENTER, ESC, Sandbox, TAB};
use rusqlite::Connection;

#[test]
fn answer_a_question_and_find_it_in_the_database() {
    let sandbox = Sandbox::new();
    let db = sandbox.demo("demo.db");
    let mut app = sandbox.spawn(&["--db", db.to_str().unwrap()], 100, 30);

    let first = app.wait_for("Volume against target");
    assert!(first.contains("1 Prospecting") && first.contains("2 Deal challenge"), "{first}");
    assert!(app.alternate_screen(), "the app draws on the alternate screen");

    app.send(TAB);
    app.wait_for("Open deals");
    app.send("1");
    app.wait_for("Funnel");
    app.send("2");
    app.wait_for("Open deals");

    app.send(ENTER);
    app.wait_for("Question 1/");
    // While typing, letters that are shortcuts elsewhere go into the answer.
    app.send("Budget confirmed by the CFO; q and 1 are text here");
    app.send(ENTER);
    app.wait_for("Question 2/");
    app.wait_for("saved");
    app.send(ESC);
    app.wait_for("Answer ");
    app.send("q");
    assert_eq!(app.wait_exit(), 0, "clean exit");
    assert!(!app.alternate_screen(), "the terminal is back on the main screen");

    let conn = Connection::open(&db).unwrap();
    let (answer, held_on, status, kind): (String, String, String, String) = conn
        .query_row(
            "SELECT a.answer, r.held_on, r.status, r.kind FROM answers a JOIN reviews r ON r.id = a.review_id
             WHERE r.status = 'open'",
            [],
            |row| Ok((row.get(0)?, row.get(1)?, row.get(2)?, row.get(3)?)),
        )
        .unwrap();
    assert_eq!(answer, "Budget confirmed by the CFO; q and 1 are text here");
    assert_eq!(held_on, common::TODAY);
    assert_eq!(status, "open");
    assert_eq!(kind, "transformation");
}

#[test]
fn too_small_a_terminal_says_so() {
    let sandbox = Sandbox::new();
    let db = sandbox.demo("demo.db");
    let mut app = sandbox.spawn(&["--db", db.to_str().unwrap()], 60, 20);
    let screen = app.wait_for("at least 80×24");
    assert!(screen.contains("60×20"), "{screen}");
    app.send("q");
    assert_eq!(app.wait_exit(), 0);
    assert!(!app.alternate_screen());
}
