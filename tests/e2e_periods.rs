//! End to end: periods that move in time and targets that keep their history, in the real
//! binary at 80×24 — `[` and `]` step by the period's length and never past the one under
//! way, the length key comes back to the present, a target edited today leaves the weeks
//! before as they read, and Ctrl-Z puts it back.

mod common;

use common::{ENTER, Sandbox};
use rusqlite::Connection;

const BACKSPACE: &str = "\x7f";
const CTRL_Z: &str = "\x1a";

#[test]
fn periods_step_through_time_and_a_target_edited_today_leaves_the_past_alone() {
    let sandbox = Sandbox::new();
    let (mut app, db) = sandbox.app_on_demo(80, 24);
    // Emma Fischer, the last 4 weeks to Friday 27 November 2026, against 5 Oct – 30 Oct.
    app.wait_for("Last 4 weeks · 2 Nov – 27 Nov 2026");
    app.wait_for("change vs 5 Oct – 30 Oct 2026");
    app.wait_for("135 / 118.9");

    app.send("[");
    let before = app.wait_for("4 weeks · 5 Oct – 1 Nov 2026");
    app.wait_for("change vs 7 Sep – 4 Oct 2026");
    assert!(before.contains("106 / 128"), "{before}");
    app.send("]");
    app.wait_for("Last 4 weeks · 2 Nov – 27 Nov 2026");
    app.send("]");
    app.wait_for("Period under way");
    app.send("L");
    app.wait_for("This quarter · 1 Oct – 27 Nov 2026");
    app.send("L");
    app.send("L");
    app.wait_for("This week · Mon 23 Nov – Fri 27 Nov 2026");
    app.wait_for("change vs Mon 16 Nov – Fri 20 Nov 2026");
    app.send("L");
    app.send("L");
    app.wait_for("Last 4 weeks · 2 Nov – 27 Nov 2026");

    // Calls from 32 to 100 a week, today: this week's five days count at 100.
    app.send("e");
    app.wait_for("Targets per week from this Monday on");
    app.send(&BACKSPACE.repeat(2));
    app.send("100");
    app.send(ENTER);
    app.wait_for("135 / 167.4");
    app.send("[");
    let after = app.wait_for("4 weeks · 5 Oct – 1 Nov 2026");
    assert!(after.contains("106 / 128"), "the weeks before read as they did:\n{after}");

    app.send(CTRL_Z);
    app.wait_for("undid");
    app.send("]");
    app.wait_for("135 / 118.9");
    app.send("q");
    assert_eq!(app.wait_exit(), 0);

    let conn = Connection::open(&db).unwrap();
    let emma: i64 = conn.query_row("SELECT id FROM reps WHERE name = 'Emma Fischer'", [], |r| r.get(0)).unwrap();
    let calls = |table: &str, column: &str| -> Vec<String> {
        let sql = format!("SELECT {column} FROM {table} WHERE rep_id = ?1 AND kind = 'call'");
        let mut stmt = conn.prepare(&sql).unwrap();
        stmt.query_map([emma], |r| r.get(0)).unwrap().map(Result::unwrap).collect()
    };
    assert_eq!(calls("targets", "CAST(per_week AS TEXT)"), ["32"]);
    assert_eq!(calls("target_history", "from_week || ' ' || per_week"), ["0001-01-01 32"], "undone, history too");
}
