//! Kill at any moment: the real binary in a pseudo-terminal, a manager typing answers at a
//! person's pace, killed with SIGKILL at random points (no handler runs, as when a laptop
//! dies). After each kill the file passes SQLite's integrity check, every answer saved
//! before the kill is there whole, what was typed more than two seconds before the kill is
//! saved, and the next start resumes the open review at the same deal and question.
//!
//! 20 kills in the default run; the long run (`cargo test --release --test kills -- --ignored`,
//! `SPARRING_KILLS=N` and `SPARRING_KILL_SEED=S` to choose) kills 200 times.

mod common;

use std::collections::HashMap;
use std::path::Path;
use std::time::{Duration, Instant};

use common::{PAGE_DOWN, Sandbox};
use rusqlite::Connection;

/// The answers of the open review, by question id.
fn answers(db: &Path) -> HashMap<String, String> {
    let conn = Connection::open(db).unwrap();
    let mut stmt = conn
        .prepare("SELECT a.question_id, a.answer FROM answers a JOIN reviews r ON r.id = a.review_id WHERE r.status = 'open'")
        .unwrap();
    stmt.query_map([], |row| Ok((row.get(0)?, row.get(1)?))).unwrap().map(Result::unwrap).collect()
}

/// Where the open review stands: its deal and question id.
fn position(db: &Path) -> Option<(i64, String)> {
    Connection::open(db)
        .unwrap()
        .query_row(
            "SELECT current_deal_id, current_question FROM reviews WHERE status = 'open' AND current_question IS NOT NULL",
            [],
            |row| Ok((row.get(0)?, row.get(1)?)),
        )
        .ok()
}

fn integrity(db: &Path) -> String {
    Connection::open(db).unwrap().query_row("PRAGMA integrity_check", [], |row| row.get(0)).unwrap()
}

/// The question counter on screen ("Question 3/9"), and the line it is on (the deal's).
fn question_on(screen: &str) -> (String, String) {
    let line = screen.lines().find(|l| l.contains("Question ")).expect("a question on screen").to_string();
    let counter = line.split("Question ").nth(1).unwrap().split('/').next().unwrap().to_string();
    (counter, line.split(" ── ").next().unwrap_or(&line).trim_start_matches(['┌', ' ']).to_string())
}

/// On to the next free-text question, or back to an earlier one past the deal's last (its
/// verdict and summary come after the questions).
fn next_text_question(app: &mut common::Session) {
    let settle = || std::thread::sleep(Duration::from_millis(300));
    for _ in 0..12 {
        app.send(PAGE_DOWN);
        settle();
        let screen = app.screen();
        if screen.contains("Summary —") {
            break;
        }
        if screen.contains("Answer — typing") {
            return;
        }
    }
    for _ in 0..15 {
        app.send(common::PAGE_UP);
        settle();
        if app.screen().contains("Answer — typing") {
            return;
        }
    }
    panic!("no free-text question to type in:\n{}", app.screen());
}

/// A small deterministic generator: the same seed kills at the same moments.
struct Dice(u64);

impl Dice {
    fn below(&mut self, n: u64) -> u64 {
        self.0 = self.0.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1_442_695_040_888_963_407);
        (self.0 >> 33) % n
    }
}

fn kill_again_and_again(kills: usize, seed: u64) {
    let sandbox = Sandbox::new();
    let db = sandbox.demo("demo.db");
    let db_arg = db.to_str().unwrap().to_string();
    let mut dice = Dice(seed);
    // What the manager typed on each question, as far as the file holds it.
    let mut typed: HashMap<String, String> = HashMap::new();
    let mut resume_at: Option<(String, String)> = None;
    for kill in 0..kills {
        let mut app = sandbox.spawn(&["--db", &db_arg], 100, 30);
        match &resume_at {
            None => {
                app.wait_for("Volume against target");
                app.send("2");
                app.wait_for("Open deals");
                app.send(common::ENTER);
                app.page_down_until("Answer — typing", 8);
            }
            Some((counter, deal)) => {
                let screen = app.wait_for(&format!("Question {counter}/"));
                let screen = if screen.contains(deal.as_str()) { screen } else { app.wait_for(deal) };
                assert!(screen.contains("Answer"), "kill {kill}: resumed in the answer:\n{screen}");
            }
        }
        // Now and then, on to the next free-text question first (its position saved).
        if kill > 0 && dice.below(4) == 0 {
            let before = position(&db);
            next_text_question(&mut app);
            let deadline = Instant::now() + Duration::from_secs(3);
            while position(&db) == before && Instant::now() < deadline {
                std::thread::sleep(Duration::from_millis(50));
            }
        }
        let (counter, deal) = question_on(&app.wait_for("Answer — typing"));
        let (_, question) = position(&db).expect("the review knows where it stands");
        let entry = typed.entry(question.clone()).or_insert_with(|| answers(&db).remove(&question).unwrap_or_default());

        // Typing at a person's pace, killed at a random moment.
        let kill_after = Duration::from_millis(100 + dice.below(3900));
        let started = Instant::now();
        let mut sent: Vec<(Instant, usize)> = Vec::new();
        let words = format!("kill {kill} came while saying this sentence at a steady pace. ");
        let mut chars = words.chars().cycle();
        while started.elapsed() < kill_after {
            let ch = chars.next().unwrap();
            app.type_steadily(&ch.to_string(), Duration::from_millis(35));
            entry.push(ch);
            sent.push((Instant::now(), entry.len()));
        }
        let saved_before = answers(&db);
        let killed_at = Instant::now();
        app.kill_hard();

        assert_eq!(integrity(&db), "ok", "kill {kill}");
        let after = answers(&db);
        for (id, before) in &saved_before {
            let now = after.get(id).map_or("", String::as_str);
            assert!(now.starts_with(before.as_str()), "kill {kill}: {id} was {before:?}, is {now:?}");
        }
        let now = after.get(&question).cloned().unwrap_or_default();
        assert!(entry.starts_with(&now), "kill {kill}: {question} holds {now:?}, not what was typed");
        let due =
            sent.iter().filter(|(at, _)| killed_at.duration_since(*at) > Duration::from_secs(2)).map(|(_, n)| *n).max();
        if let Some(due) = due {
            assert!(now.len() >= due, "kill {kill}: typed more than 2 s before the kill but not saved: {now:?}");
        }
        // What the next start shows is what the file holds.
        *entry = now;
        resume_at = Some((counter, deal));
    }
    let mut last = sandbox.spawn(&["--db", &db_arg], 100, 30);
    let (counter, _) = resume_at.unwrap();
    last.wait_for(&format!("Question {counter}/"));
    last.send("\x03");
    assert_eq!(last.wait_exit(), 0);
}

#[test]
fn twenty_kills_lose_nothing_saved_and_resume_where_they_stood() {
    kill_again_and_again(20, 20_261_208);
}

#[test]
#[ignore = "a long run: 200 kills (SPARRING_KILLS, SPARRING_KILL_SEED)"]
fn two_hundred_kills() {
    let kills = std::env::var("SPARRING_KILLS").ok().and_then(|n| n.parse().ok()).unwrap_or(200);
    let seed = std::env::var("SPARRING_KILL_SEED").ok().and_then(|n| n.parse().ok()).unwrap_or(7);
    eprintln!("{kills} kills, seed {seed}");
    kill_again_and_again(kills, seed);
}
