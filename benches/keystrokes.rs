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
//! makes the large database.) The team view is timed apart, from `t` and from `[` inside
//! it to the frame that shows the loaded figures. It prints p50, p99 and max; it asserts
//! nothing.

mod common;

use std::sync::mpsc;
use std::time::{Duration, Instant};

use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use sparring::clock::Clock;
use sparring::script::AnswerKind;
use sparring::script::Script;
use sparring::tui::app::{App, Pane};
use sparring::tui::event::{Inbox, Worker};
use sparring::tui::theme::Theme;
use sparring::tui::wizard::Step;
use sparring::tui::{key_action, prepare, render};

fn key(code: KeyCode) -> KeyEvent {
    KeyEvent::new(code, KeyModifiers::NONE)
}

fn chars(text: &str) -> Vec<KeyEvent> {
    text.chars().map(|c| key(KeyCode::Char(c))).collect()
}

/// The keys a manager types at this point of a one-on-one: they depend on what the screen
/// shows (the question's kind), so the session stays on its rails whatever the deal.
fn next_keys(app: &App, round: usize) -> Vec<KeyEvent> {
    let Some(wizard) = app.deal_list.wizard.as_ref() else {
        // The deal list: move, sort, filter, then challenge the deal under the cursor.
        let mut keys = vec![key(KeyCode::Down); 3];
        keys.push(key(KeyCode::Char('s')));
        keys.push(key(KeyCode::Char('/')));
        keys.extend(chars("ar"));
        keys.push(key(KeyCode::Esc));
        keys.push(key(KeyCode::Enter));
        return keys;
    };
    match wizard.step() {
        Step::Summary => vec![key(KeyCode::Esc)],
        Step::Verdict => {
            // The forecast starts unset: pick one, then say why (it may overrule the rep).
            let mut keys = vec![key(KeyCode::Right), key(KeyCode::Tab)];
            keys.extend(chars("No signatory named yet"));
            keys.push(key(KeyCode::Enter));
            keys
        }
        Step::Question(_) => {
            let kind = wizard.current().map(|q| q.kind);
            let mut keys = Vec::new();
            match kind {
                Some(AnswerKind::Text) | None => {
                    keys.extend(chars("They introduced us to procurement, nothing else moved."));
                    keys.push(key(KeyCode::Enter));
                }
                Some(AnswerKind::YesNo) => {
                    keys.push(key(KeyCode::Char('1')));
                    keys.extend(chars("Ines, CFO"));
                    keys.push(key(KeyCode::Enter));
                }
                Some(AnswerKind::Choice | AnswerKind::Scale) => {
                    keys.extend([key(KeyCode::Char('2')), key(KeyCode::Enter)]);
                }
                Some(AnswerKind::Criteria) => {
                    keys.push(key(KeyCode::Char('v')));
                    keys.extend(chars("CFO confirmed it in writing"));
                    keys.extend([key(KeyCode::Enter), key(KeyCode::PageDown)]);
                }
                Some(AnswerKind::Commitments) => {
                    // Typing on the list starts a new commitment.
                    keys.extend(chars("Send the security questionnaire"));
                    keys.push(key(KeyCode::Tab));
                    keys.extend(chars(if round.is_multiple_of(2) { "fri" } else { "+10d" }));
                    keys.extend([key(KeyCode::Enter), key(KeyCode::PageDown)]);
                }
                Some(AnswerKind::Hypotheses) => {
                    keys.extend(chars("Budget sits in next year's plan"));
                    keys.push(key(KeyCode::Tab));
                    keys.extend(chars("Ask the CFO"));
                    keys.extend([key(KeyCode::Enter), key(KeyCode::PageDown)]);
                }
            }
            keys
        }
    }
}

/// Between deals: the prospecting pane, another period, sometimes another rep.
fn interlude(round: usize) -> Vec<KeyEvent> {
    let mut keys = vec![key(KeyCode::Char('1')), key(KeyCode::Char(']')), key(KeyCode::Char('b'))];
    keys.extend([key(KeyCode::Char('w')), key(KeyCode::Char('o'))]);
    if round % 3 == 2 {
        keys.extend([key(KeyCode::Char('r')), key(KeyCode::Down), key(KeyCode::Enter)]);
    }
    keys.push(key(KeyCode::Char('2')));
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

/// The app with its worker, its screen and what was measured.
struct Session {
    app: App,
    worker: Worker,
    messages: mpsc::Receiver<Inbox>,
    terminal: Terminal<TestBackend>,
    keystrokes: Vec<Duration>,
    results: Vec<Duration>,
    effect_latency: Vec<Duration>,
    sent_at: Vec<Instant>,
}

impl Session {
    fn send(&mut self, effects: Vec<sparring::tui::effects::Effect>) {
        self.sent_at.extend(std::iter::repeat_n(Instant::now(), effects.len()));
        self.worker.send(effects);
    }

    /// One key, timed from the key to the drawn frame; then the worker's answers, each
    /// timed from its arrival to its frame (a person types slower than the worker works).
    fn press(&mut self, event: KeyEvent) {
        let start = Instant::now();
        if let Some(action) = key_action(&self.app, event) {
            let effects = self.app.update(action);
            self.send(effects);
        }
        self.terminal.draw(|f| render::render(&self.app, f)).expect("draw");
        self.keystrokes.push(start.elapsed());
        while self.worker.in_flight() > 0 {
            let Ok(Inbox::Done(action)) = self.messages.recv_timeout(Duration::from_secs(10)) else { break };
            self.worker.done();
            if !self.sent_at.is_empty() {
                self.effect_latency.push(self.sent_at.remove(0).elapsed());
            }
            let start = Instant::now();
            let effects = self.app.update(action);
            self.send(effects);
            self.terminal.draw(|f| render::render(&self.app, f)).expect("draw");
            self.results.push(start.elapsed());
        }
    }
}

impl Session {
    /// One key, timed from the key to the frame that shows what it loaded (the team's
    /// figures, another period's): the wait a manager sees, not only the first frame.
    fn press_until_loaded(&mut self, event: KeyEvent) -> Duration {
        let start = Instant::now();
        if let Some(action) = key_action(&self.app, event) {
            let effects = self.app.update(action);
            self.send(effects);
        }
        self.terminal.draw(|f| render::render(&self.app, f)).expect("draw");
        while self.worker.in_flight() > 0 {
            let Ok(Inbox::Done(action)) = self.messages.recv_timeout(Duration::from_secs(30)) else { break };
            self.worker.done();
            self.sent_at.clear();
            let effects = self.app.update(action);
            self.send(effects);
            self.terminal.draw(|f| render::render(&self.app, f)).expect("draw");
        }
        start.elapsed()
    }
}

fn main() {
    // `cargo test` runs benches with --bench absent: only measure when asked to.
    if !std::env::args().any(|a| a == "--bench") {
        return;
    }
    let (store, _dir, today) = common::open();
    let (app, runner) =
        prepare(store, Script::embedded(), Clock::fixed(today), None, Theme::colored()).expect("prepare the app");
    let (inbox, messages) = mpsc::channel();
    let worker = Worker::spawn(runner, inbox).expect("worker");
    let terminal = Terminal::new(TestBackend::new(120, 40)).expect("terminal");
    let mut s = Session {
        app,
        worker,
        messages,
        terminal,
        keystrokes: Vec::new(),
        results: Vec::new(),
        effect_latency: Vec::new(),
        sent_at: Vec::new(),
    };
    s.press(key(KeyCode::Char('2')));
    let mut deals_done = 0;
    for round in 0..400 {
        if deals_done >= 12 {
            break;
        }
        let was_summary = s.app.deal_list.wizard.as_ref().is_some_and(|w| w.step() == Step::Summary);
        for event in next_keys(&s.app, round) {
            s.press(event);
        }
        if was_summary {
            deals_done += 1;
            for event in interlude(deals_done) {
                s.press(event);
            }
            if s.app.pane == Pane::Prospecting {
                s.press(key(KeyCode::Char('2')));
            }
        }
    }
    // The team view: `t` from the prospecting pane until the team's figures are drawn, then
    // `[` (another period) inside it until that period's are; `t` again leaves it.
    s.press(key(KeyCode::Char('1')));
    // Each round steps further back: every `[` reaches a period not computed yet. Then `]`
    // and `[` over the last few periods seen find them in the runner's cache (nothing is
    // written meanwhile), as does `t` on a period already seen: those are timed apart.
    let (mut team, mut period, mut again) = (Vec::new(), Vec::new(), Vec::new());
    for round in 0..10 {
        let t = s.press_until_loaded(key(KeyCode::Char('t')));
        if round == 0 {
            team.push(t);
        } else {
            again.push(t);
        }
        for _ in 0..3 {
            period.push(s.press_until_loaded(key(KeyCode::Char('['))));
        }
        s.press_until_loaded(key(KeyCode::Char('t')));
    }
    s.press_until_loaded(key(KeyCode::Char('t')));
    for _ in 0..5 {
        for step in [']', ']', ']', '[', '[', '['] {
            again.push(s.press_until_loaded(key(KeyCode::Char(step))));
        }
    }
    s.press_until_loaded(key(KeyCode::Char('t')));
    s.worker.finish();
    if std::env::var_os("SPARRING_BENCH_SHOW").is_some() {
        println!("{}", s.terminal.backend());
    }
    println!("keystroke → frame, 120×40, {} reps, {deals_done} deals challenged", s.app.reps.len());
    report("key handled and frame drawn", s.keystrokes);
    report("effect result applied and drawn", s.results);
    report("effect run on the worker (io)", s.effect_latency);
    report("t → team view loaded and drawn", team);
    report("[ to a new period → loaded, drawn", period);
    report("t, ] to a period seen → drawn", again);
}
