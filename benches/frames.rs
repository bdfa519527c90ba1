//! Frame and keystroke costs: drawing each pane into a `TestBackend`, and a key going
//! through the keymap, `App::update` and the effects it triggers.
//!
//! Runs on the default demo team; set `SPARRING_BENCH_DB=/path/big.db` to measure a copy of
//! a database made with `sparring demo --reps 50 --deals 10000 --activities 1000000`, and
//! `SPARRING_BENCH_TODAY` if it was not made for 2026-11-27 (see `common`).

mod common;

use std::hint::black_box;

use criterion::{Criterion, criterion_group, criterion_main};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};
use sparring::clock::Clock;
use sparring::script::Script;
use sparring::tui::theme::Theme;
use sparring::tui::{handle_event, prepare, render};

fn key(code: KeyCode) -> Event {
    Event::Key(KeyEvent::new(code, KeyModifiers::NONE))
}

fn frames(c: &mut Criterion) {
    let (store, _dir, today) = common::open();
    let (mut app, mut runner) =
        prepare(store, Script::embedded(), Clock::fixed(today), None, Theme::colored()).expect("prepare the app");
    let mut terminal = Terminal::new(TestBackend::new(120, 40)).unwrap();

    c.bench_function("draw prospecting 120x40", |b| {
        b.iter(|| {
            terminal.draw(|f| render::render(black_box(&app), f)).unwrap();
        });
    });
    handle_event(&mut app, &mut runner, key(KeyCode::Char('2')), false);
    c.bench_function("draw deal challenge 120x40", |b| {
        b.iter(|| {
            terminal.draw(|f| render::render(black_box(&app), f)).unwrap();
        });
    });
    c.bench_function("key: move in the deal list + draw", |b| {
        let mut down = true;
        b.iter(|| {
            let code = if down { KeyCode::Down } else { KeyCode::Up };
            down = !down;
            handle_event(&mut app, &mut runner, key(code), false);
            terminal.draw(|f| render::render(&app, f)).unwrap();
        });
    });
    c.bench_function("key: next period (reloads figures) + draw", |b| {
        b.iter(|| {
            handle_event(&mut app, &mut runner, key(KeyCode::Char(']')), false);
            terminal.draw(|f| render::render(&app, f)).unwrap();
        });
    });
    c.bench_function("key: switch rep (reloads rep) + draw", |b| {
        let mut down = true;
        b.iter(|| {
            handle_event(&mut app, &mut runner, key(KeyCode::Char('r')), false);
            handle_event(&mut app, &mut runner, key(if down { KeyCode::Down } else { KeyCode::Up }), false);
            handle_event(&mut app, &mut runner, key(KeyCode::Enter), false);
            down = !down;
            terminal.draw(|f| render::render(&app, f)).unwrap();
        });
    });
}

criterion_group!(benches, frames);
criterion_main!(benches);
