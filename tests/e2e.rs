//! End to end: the real binary in a pseudo-terminal on a temporary demo database —
//! switch panes, answer a question, quit — then the answer is read back from SQLite.

mod common;

use common::{ENTER, ESC, PAGE_UP, Sandbox, TAB};
use rusqlite::Connection;

#[test]
fn answer_a_question_and_find_it_in_the_database() {
    let sandbox = Sandbox::new();
    let (mut app, db) = sandbox.app_on_demo(100, 30);

    let first = app.wait_for("Volume against target");
    assert!(first.contains("1 Prospecting") && first.contains("2 Deal challenge"), "{first}");
    assert!(app.alternate_screen(), "the app draws on the alternate screen");

    app.send(TAB);
    app.wait_for("Open deals");
    app.send("1");
    app.wait_for("Funnel");
    app.open_first_deal();
    to_text_question(&mut app);
    // While typing, letters that are shortcuts elsewhere go into the answer.
    app.send("Budget confirmed by the CFO; q and 1 are text here");
    app.send(ENTER);
    app.wait_for("Question 4/");
    app.wait_for("saved");
    // Esc goes up one level: out of the question to the deal list, the answer kept.
    app.send(ESC);
    app.wait_for("Open deals");
    app.send("q");
    assert_eq!(app.wait_exit(), 0, "clean exit");
    assert!(!app.alternate_screen(), "the terminal is back on the main screen");

    let conn = Connection::open(&db).unwrap();
    let (answer, held_on, status, kind): (String, String, String, String) = conn
        .query_row(
            "SELECT a.answer, r.held_on, r.status, r.kind FROM answers a JOIN reviews r ON r.id = a.review_id
             WHERE r.status = 'open' AND a.question_id = 'real_progress'",
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

/// From the first question of the demo's first deal (its exit criteria) to the first
/// free-text question (the prospect's real progress), past the commitments one.
fn to_text_question(app: &mut common::Session) {
    // Both are required: the first PgDn warns, the second skips.
    app.page_down_until("Question 3/", 6);
    app.wait_for("Answer — typing");
}

/// The app on a fresh demo team, typing a free-text answer on the first deal.
fn typing_a_text_answer(sandbox: &Sandbox) -> (common::Session, std::path::PathBuf) {
    let (mut app, db) = sandbox.app_on_demo(100, 30);
    app.open_first_deal();
    to_text_question(&mut app);
    (app, db)
}

/// The answers of the open review, in the order they were first written.
fn answers(db: &std::path::Path) -> Vec<(String, String)> {
    let conn = Connection::open(db).unwrap();
    let mut stmt = conn
        .prepare("SELECT a.question_id, a.answer FROM answers a JOIN reviews r ON r.id = a.review_id WHERE r.status = 'open' ORDER BY a.id")
        .unwrap();
    stmt.query_map([], |row| Ok((row.get(0)?, row.get(1)?))).unwrap().map(Result::unwrap).collect()
}

#[test]
fn a_polite_kill_while_typing_saves_the_answer_and_restores_the_terminal() {
    // SIGQUIT's default is to dump core without restoring anything: the shell was left raw.
    for signal in ["TERM", "QUIT"] {
        let sandbox = Sandbox::new();
        let (mut app, db) = typing_a_text_answer(&sandbox);
        let typed = format!("Half a sentence when SIG{signal} came");
        app.send(&typed);
        app.wait_for(&typed);
        app.signal(signal);
        assert_eq!(app.wait_exit(), 0, "SIG{signal}");
        assert!(!app.alternate_screen(), "SIG{signal}: the terminal is back on the main screen");
        assert_eq!(answers(&db), vec![("real_progress".to_string(), typed)]);
    }
}

#[test]
fn killed_hard_then_restarted_resumes_the_same_deal_and_question() {
    let sandbox = Sandbox::new();
    let (mut app, db) = sandbox.app_on_demo(100, 30);
    let db_arg = db.to_str().unwrap();
    app.send("2");
    app.wait_for("Open deals");
    app.send(common::DOWN);
    app.send(ENTER);
    let screen = app.wait_for("Question 1/");
    let deal_title = screen.lines().find(|l| l.contains("Question 1/")).unwrap().to_string();
    to_text_question(&mut app);
    app.send("First answer");
    app.send(ENTER);
    app.wait_for("Question 4/");
    app.send("1");
    app.send(ENTER);
    app.wait_for("Question 5/");
    app.wait_for("2 of ");
    app.kill_hard();
    assert_eq!(answers(&db).len(), 2, "both answers were written before the kill");

    let mut again = sandbox.spawn(&["--db", db_arg], 100, 30);
    again.wait_for("Question 5/");
    // The first frame may still be arriving: wait for each thing read before reading it.
    let screen = again.wait_for("Resumed");
    let account = deal_title.split('—').next().unwrap().trim_start_matches(['┌', ' ']).trim();
    assert!(screen.contains(account), "same deal ({account}):\n{screen}");
    again.send(PAGE_UP);
    again.wait_for("Question 4/");
    again.wait_for("(•) Yes");
    again.send(PAGE_UP);
    again.wait_for("Question 3/");
    again.wait_for("First answer");
    // After a restart the question has the keyboard: `q` and `r` are text, not quit or rep.
    again.send(", quiet since Monday; Jan Berg signs");
    again.wait_for("Jan Berg signs");
    again.send("\x03");
    assert_eq!(again.wait_exit(), 0);
    let saved = answers(&db);
    assert!(
        saved.iter().any(|(id, a)| id == "real_progress" && a == "First answer, quiet since Monday; Jan Berg signs"),
        "{saved:?}"
    );
}

#[test]
fn no_color_means_no_colour() {
    let sandbox = Sandbox::new();
    let (mut coloured, db) = sandbox.app_on_demo(100, 30);
    assert!(coloured.has_colour(), "colour by default");
    coloured.send("q");
    coloured.wait_exit();

    let mut plain = sandbox.spawn_with_env(&["--db", db.to_str().unwrap()], 100, 30, &[("NO_COLOR", "1")]);
    plain.wait_for("Volume against target");
    plain.send("2");
    plain.wait_for("Open deals");
    assert!(!plain.has_colour(), "NO_COLOR=1 draws without colour:\n{}", plain.screen());
    plain.send("q");
    assert_eq!(plain.wait_exit(), 0);
}

#[test]
fn demo_flag_creates_the_demo_database_on_first_use() {
    let sandbox = Sandbox::new();
    let mut app = sandbox.spawn(&["--demo"], 100, 30);
    app.wait_for("Volume against target");
    app.send("q");
    assert_eq!(app.wait_exit(), 0);
    let demo = sandbox.path("data").join("sparring").join("demo.db");
    assert!(demo.is_file(), "demo.db in the data directory");
    let conn = Connection::open(&demo).unwrap();
    let reps: i64 = conn.query_row("SELECT count(*) FROM reps", [], |r| r.get(0)).unwrap();
    assert_eq!(reps, 6);
}

#[test]
fn unknown_rep_is_refused_with_the_known_names() {
    let sandbox = Sandbox::new();
    let db = sandbox.demo("demo.db");
    let out = sandbox.run(&["--db", db.to_str().unwrap(), "--rep", "Nobody"]);
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("no rep named \"Nobody\"") && stderr.contains("Mateo Romano"), "{stderr}");
}

#[test]
fn a_pause_in_typing_saves_the_answer_even_before_a_hard_kill() {
    let sandbox = Sandbox::new();
    let (mut app, db) = typing_a_text_answer(&sandbox);
    app.send("Typed, then the laptop died");
    // A second of silence saves the answer while the field keeps the keyboard.
    app.wait_for("1 of ");
    assert!(app.screen().contains("Answer — typing"));
    app.kill_hard();
    assert_eq!(answers(&db), vec![("real_progress".to_string(), "Typed, then the laptop died".to_string())]);
}

#[test]
fn a_closed_window_saves_the_answer_being_typed() {
    let sandbox = Sandbox::new();
    let (mut app, db) = typing_a_text_answer(&sandbox);
    app.send("Typed just before the window closed");
    app.wait_for("before the window closed");
    app.signal("HUP");
    app.wait_exit();
    assert_eq!(answers(&db), vec![("real_progress".to_string(), "Typed just before the window closed".to_string())]);
}

#[test]
fn steady_typing_is_saved_within_two_seconds_without_a_pause() {
    let sandbox = Sandbox::new();
    let (mut app, db) = typing_a_text_answer(&sandbox);
    // Eight seconds of typing at ten characters a second, no pause, then the power goes.
    let text: String = "Steady typing while the rep talks, no pause at all, ".repeat(2).chars().take(80).collect();
    let started = std::time::Instant::now();
    app.type_steadily(&text, std::time::Duration::from_millis(100));
    let typed_for = started.elapsed();
    app.kill_hard();
    let saved = answers(&db).into_iter().find(|(id, _)| id == "real_progress").map(|(_, a)| a).unwrap_or_default();
    assert!(text.starts_with(saved.trim_end()), "what was saved is what was typed: {saved:?}");
    let lost = text.chars().count() - saved.trim_end().chars().count();
    eprintln!("steady typing: {} characters in {typed_for:?}, {lost} lost on a kill", text.chars().count());
    // At most the last two seconds of typing: twenty characters.
    assert!(lost <= 20, "lost {lost} characters of {} typed in {typed_for:?}: {saved:?}", text.chars().count());
}

#[test]
fn a_kill_while_typing_the_verdict_loses_at_most_two_seconds_and_the_restart_shows_it() {
    let sandbox = Sandbox::new();
    let (mut app, db) = sandbox.app_on_demo(100, 30);
    app.open_first_deal();
    app.page_down_until("Verdict", 30);
    app.send(TAB);
    // Four seconds of the verdict's reason typed at ten characters a second, then the power goes.
    let text: String = "Sponsor named, budget held, legal next".chars().take(40).collect();
    app.type_steadily(&text, std::time::Duration::from_millis(100));
    app.kill_hard();
    let conn = Connection::open(&db).unwrap();
    let kept: String = conn
        .query_row("SELECT value FROM drafts WHERE form = 'verdict' AND field = 'comment'", [], |r| r.get(0))
        .unwrap_or_default();
    assert!(text.starts_with(&kept), "what was kept is what was typed: {kept:?}");
    let lost = text.chars().count() - kept.chars().count();
    eprintln!("verdict typing: {} characters, {lost} lost on a kill", text.chars().count());
    assert!(lost <= 20, "lost {lost} characters: {kept:?}");
    let verdicts: i64 =
        conn.query_row("SELECT count(*) FROM verdicts WHERE decided_at >= '2026-11-27'", [], |r| r.get(0)).unwrap();
    assert_eq!(verdicts, 0, "a verdict is written on Enter only");
    drop(conn);

    let mut again = sandbox.spawn(&["--db", db.to_str().unwrap()], 100, 30);
    again.wait_for("Verdict");
    again.wait_for(&kept);
    again.send(" steps");
    again.wait_for(&format!("{kept} steps"));
    again.send("\x03");
    assert_eq!(again.wait_exit(), 0);
}

#[test]
fn a_window_made_too_small_while_typing_keeps_every_key() {
    let sandbox = Sandbox::new();
    let (mut app, db) = typing_a_text_answer(&sandbox);
    app.send("Before the resize, ");
    app.resize(60, 20);
    app.wait_for("at least 80×24");
    app.send("quite small now, ");
    app.resize(100, 30);
    app.wait_for("Answer — typing");
    app.send("and after");
    app.wait_for("and after");
    app.send(ENTER);
    app.wait_for("Question 4/");
    app.send(ESC);
    app.wait_for("Open deals");
    app.send("q");
    assert_eq!(app.wait_exit(), 0, "the q typed while small did not quit");
    assert_eq!(
        answers(&db),
        vec![("real_progress".to_string(), "Before the resize, quite small now, and after".to_string())]
    );
}

#[test]
fn a_second_app_on_the_same_file_reads_only_and_says_so() {
    let sandbox = Sandbox::new();
    let (mut first, db) = typing_a_text_answer(&sandbox);
    let mut second = sandbox.spawn(&["--db", db.to_str().unwrap()], 100, 30);
    // It reads where the first stands (today's review resumed at the same question), and says
    // it may not write.
    let screen = second.wait_for("read-only");
    assert!(screen.contains("Question 3/") && screen.contains("Answer — typing"), "{screen}");
    second.send("From the second window");
    let screen = second.wait_for("Not saved: open in sparring process");
    assert!(screen.contains("read-only"), "{screen}");
    second.send("\x03");
    // Its text was not saved: quitting again leaves without it, as the notice says.
    second.wait_for("Quit again to leave");
    second.send("\x03");
    assert_eq!(second.wait_exit(), 0);

    first.send("From the first window");
    first.wait_for("saved");
    first.send(ESC);
    first.send(ESC);
    first.send("q");
    assert_eq!(first.wait_exit(), 0);
    assert_eq!(answers(&db), vec![("real_progress".to_string(), "From the first window".to_string())]);
}

#[test]
fn commands_that_write_wait_for_the_app_then_say_who_has_the_file() {
    let sandbox = Sandbox::new();
    let (mut app, db) = sandbox.app_on_demo(100, 30);
    let file = sandbox.write(
        "calls.csv",
        "external_id,date,time,rep,kind,channel,segment,message,outcome,qualified,count,deal\n\
         x1,2026-11-20,10:00:00,Emma Fischer,call,phone,Retail,,none,,1,\n",
    );
    let count = |db: &std::path::Path| -> i64 {
        Connection::open(db).unwrap().query_row("SELECT count(*) FROM activities", [], |r| r.get(0)).unwrap()
    };
    let before = (count(&db), std::fs::read(&db).unwrap().len());
    let started = std::time::Instant::now();
    let out = sandbox.run(&["import", "activities", file.to_str().unwrap(), "--db", db.to_str().unwrap()]);
    assert!(!out.status.success());
    let said = String::from_utf8_lossy(&out.stderr);
    assert!(said.contains("open in sparring process") && said.contains("Nothing was changed"), "{said}");
    assert!(started.elapsed() >= std::time::Duration::from_secs(2), "it waited for the app first");
    assert_eq!(count(&db), before.0);

    // Replacing the file under the app would leave it writing to deleted files.
    let out = sandbox.run(&["demo", "--force", "--db", db.to_str().unwrap()]);
    assert!(!out.status.success(), "{}", String::from_utf8_lossy(&out.stdout));
    assert!(String::from_utf8_lossy(&out.stderr).contains("open in sparring process"));
    assert!(db.exists() && count(&db) == before.0);

    app.send("q");
    assert_eq!(app.wait_exit(), 0);
    let out = sandbox.run(&["import", "activities", file.to_str().unwrap(), "--db", db.to_str().unwrap()]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert_eq!(count(&db), before.0 + 1);
}

#[test]
fn what_another_program_writes_shows_up_without_a_key() {
    let sandbox = Sandbox::new();
    let (mut app, db) = sandbox.app_on_demo(100, 30);
    app.send("2");
    let screen = app.wait_for("Open deals (");
    let before = screen.split("Open deals (").nth(1).and_then(|s| s.split(')').next()).unwrap().to_string();
    let more: i64 = before.parse::<i64>().unwrap() + 1;
    Connection::open(&db)
        .unwrap()
        .execute(
            "INSERT INTO deals (rep_id, account, name, amount_minor, currency, stage, stage_entered_on, forecast,
                                status, created_on)
             SELECT rep_id, 'Added Elsewhere Ltd', 'Pilot', amount_minor, currency, stage, stage_entered_on,
                    forecast, status, created_on
             FROM deals WHERE status = 'open' AND rep_id = (SELECT id FROM reps WHERE name = 'Emma Fischer') LIMIT 1",
            [],
        )
        .unwrap();
    let screen = app.wait_for(&format!("Open deals ({more})"));
    assert!(screen.contains("Added Elsewhere"), "{screen}");
    app.send("q");
    assert_eq!(app.wait_exit(), 0);
}

#[test]
fn a_save_refused_by_a_busy_file_is_tried_again_until_it_lands() {
    let sandbox = Sandbox::new();
    let (mut app, db) = typing_a_text_answer(&sandbox);
    // Another program holds the write lock longer than the app waits for it (5 s).
    let other = Connection::open(&db).unwrap();
    other.execute_batch("BEGIN IMMEDIATE").unwrap();
    app.send("Said while the file was busy");
    app.wait_for_within("Not saved", std::time::Duration::from_secs(12));
    other.execute_batch("ROLLBACK").unwrap();
    // No key: it is tried again by itself, and says so.
    app.wait_for_within("✓ saved", std::time::Duration::from_secs(8));
    assert_eq!(answers(&db), vec![("real_progress".to_string(), "Said while the file was busy".to_string())]);
    app.send(ESC);
    app.send(ESC);
    app.send("q");
    assert_eq!(app.wait_exit(), 0);
}
