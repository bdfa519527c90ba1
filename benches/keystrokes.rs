//! Keystroke to drawn frame, as the app does it: the key goes through the keymap and
//! `App::update`, its effects go to the store worker thread, the frame is drawn. The time
//! from key to frame is recorded for every key of a scripted one-on-one (deal list,
//! scripts with every answer kind, verdicts, rep and period changes), and the frames that
//! show an effect's result (data loaded, row written) are timed apart.
//!
//!     cargo bench --bench keystrokes                        # on the default demo team
//!     SPARRING_BENCH_DB=big.db SPARRING_BENCH_TODAY=2026-11-27 cargo bench --bench keystrokes
//!
//! (`sparring demo --db big.db --reps 50 --deals 10000 --activities 1000000 --today 2026-11-27`
//! makes the large database.) It prints p50, p99 and max; it asserts nothing.

use std::sync::mpsc;
use std::time::{Duration, Instant};

use chrono::NaiveDate;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use sparring::clock::Clock;
use sparring::demo::{DemoParams, generate};
use sparring::script::Script;
use sparring::store::Store;
use sparring::tui::event::{Inbox, Worker};
use sparring::tui::theme::Theme;
use sparring::tui::{key_action, prepare, render};

fn open() -> (Store, Option<tempfile::TempDir>, NaiveDate) {
    let today = std::env::var("SPARRING_BENCH_TODAY")
        .ok()
        .and_then(|d| NaiveDate::parse_from_str(&d, "%Y-%m-%d").ok())
        .unwrap_or_else(|| NaiveDate::from_ymd_opt(2026, 11, 27).expect("a date"));
    if let Some(path) = std::env::var_os("SPARRING_BENCH_DB") {
        // Work on a copy: the session writes answers and verdicts.
        let dir = tempfile::tempdir().expect("temp dir");
        let copy = dir.path().join("bench.db");
        let source = Store::open(std::path::Path::new(&path)).expect("open the bench database");
        source.checkpoint().expect("checkpoint");
        drop(source);
        std::fs::copy(&path, &copy).expect("copy the bench database");
        return (Store::open(&copy).expect("open the copy"), Some(dir), today);
    }
    let dir = tempfile::tempdir().expect("temp dir");
    let mut store = Store::open(&dir.path().join("bench.db")).expect("create");
    generate(&mut store, &Script::embedded(), &DemoParams::default_for(today)).expect("demo");
    (store, Some(dir), today)
}

fn key(code: KeyCode) -> KeyEvent {
    KeyEvent::new(code, KeyModifiers::NONE)
}

fn chars(text: &str) -> Vec<KeyEvent> {
    text.chars().map(|c| key(KeyCode::Char(c))).collect()
}

/// One deal's challenge, touching every answer kind of the default script.
fn challenge_one_deal() -> Vec<KeyEvent> {
    let mut keys = vec![key(KeyCode::Enter)];
    // Exit criteria: validate the first with evidence.
    keys.push(key(KeyCode::Char('v')));
    keys.extend(chars("CFO confirmed the budget in writing"));
    keys.push(key(KeyCode::Enter));
    keys.push(key(KeyCode::PageDown));
    // Commitments: add one.
    keys.push(key(KeyCode::Char('a')));
    keys.extend(chars("Send the security questionnaire"));
    keys.push(key(KeyCode::Tab));
    keys.extend(chars("fri"));
    keys.push(key(KeyCode::Enter));
    keys.push(key(KeyCode::PageDown));
    // Free text.
    keys.extend(chars("They introduced us to procurement, nothing else moved."));
    keys.push(key(KeyCode::Enter));
    // Yes / no with a note.
    keys.push(key(KeyCode::Char('y')));
    keys.push(key(KeyCode::Tab));
    keys.extend(chars("Ines, CFO"));
    keys.push(key(KeyCode::Enter));
    // Hypotheses: add one.
    keys.push(key(KeyCode::Char('a')));
    keys.extend(chars("Budget sits in next year's plan"));
    keys.push(key(KeyCode::Tab));
    keys.extend(chars("Ask the CFO"));
    keys.push(key(KeyCode::Tab));
    keys.extend(chars("+10d"));
    keys.push(key(KeyCode::Enter));
    // The rest: walk to the verdict, answer on the way.
    for _ in 0..8 {
        keys.push(key(KeyCode::PageDown));
    }
    keys.push(key(KeyCode::Left));
    keys.push(key(KeyCode::Tab));
    keys.extend(chars("No signatory named yet"));
    keys.push(key(KeyCode::Enter));
    keys.push(key(KeyCode::Enter)); // next deal
    keys.push(key(KeyCode::Esc));
    keys.push(key(KeyCode::Esc)); // back to the list
    keys
}

fn session() -> Vec<KeyEvent> {
    let mut keys = vec![key(KeyCode::Char('2'))];
    for round in 0..6 {
        for _ in 0..5 {
            keys.push(key(KeyCode::Down));
        }
        keys.push(key(KeyCode::Char('s')));
        keys.push(key(KeyCode::Char('/')));
        keys.extend(chars("ar"));
        keys.push(key(KeyCode::Esc));
        keys.extend(challenge_one_deal());
        keys.push(key(KeyCode::Char(']')));
        keys.push(key(KeyCode::Char('1')));
        keys.push(key(KeyCode::Char('2')));
        if round % 2 == 1 {
            keys.extend([key(KeyCode::Char('r')), key(KeyCode::Down), key(KeyCode::Enter)]);
        }
    }
    keys
}

fn percentile(sorted: &[Duration], p: f64) -> Duration {
    if sorted.is_empty() {
        return Duration::ZERO;
    }
    let i = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted[i]
}

fn report(label: &str, mut times: Vec<Duration>) {
    times.sort();
    println!(
        "{label:<34} n={:>5}  p50 {:>8.3} ms  p99 {:>8.3} ms  max {:>8.3} ms",
        times.len(),
        percentile(&times, 0.5).as_secs_f64() * 1000.0,
        percentile(&times, 0.99).as_secs_f64() * 1000.0,
        times.last().copied().unwrap_or_default().as_secs_f64() * 1000.0
    );
}

fn main() {
    // `cargo test` runs benches with --bench absent: only measure when asked to.
    if !std::env::args().any(|a| a == "--bench") {
        return;
    }
    let (store, _dir, today) = open();
    let (mut app, runner) =
        prepare(store, Script::embedded(), Clock::fixed(today), None, Theme::colored()).expect("prepare the app");
    let (inbox, messages) = mpsc::channel();
    let mut worker = Worker::spawn(runner, inbox).expect("worker");
    let mut terminal = Terminal::new(TestBackend::new(120, 40)).expect("terminal");
    let mut keystrokes = Vec::new();
    let mut results = Vec::new();
    let mut effect_latency = Vec::new();
    let mut sent_at: Vec<Instant> = Vec::new();

    for event in session() {
        let start = Instant::now();
        if let Some(action) = key_action(&app, event) {
            let effects = app.update(action);
            sent_at.extend(std::iter::repeat_n(Instant::now(), effects.len()));
            worker.send(effects);
        }
        terminal.draw(|f| render::render(&app, f)).expect("draw");
        keystrokes.push(start.elapsed());
        // Let the worker answer, as it does between keys of a person typing.
        while worker.in_flight() > 0 {
            let Ok(Inbox::Done(action)) = messages.recv_timeout(Duration::from_secs(10)) else { break };
            worker.done();
            if !sent_at.is_empty() {
                effect_latency.push(sent_at.remove(0).elapsed());
            }
            let start = Instant::now();
            let effects = app.update(action);
            sent_at.extend(std::iter::repeat_n(Instant::now(), effects.len()));
            worker.send(effects);
            terminal.draw(|f| render::render(&app, f)).expect("draw");
            results.push(start.elapsed());
        }
    }
    worker.finish();
    if std::env::var_os("SPARRING_BENCH_SHOW").is_some() {
        println!("{}", terminal.backend());
    }
    println!("keystroke → frame, 120×40, {} reps", app.reps.len());
    report("key handled and frame drawn", keystrokes);
    report("effect result applied and drawn", results);
    report("effect run on the worker (io)", effect_latency);
}
