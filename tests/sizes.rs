//! Every screen at every terminal size, from 1×1 to 200×60: drawing never panics (below
//! 80×24 the app says it is too small; above, every pane and overlay lays itself out).

use chrono::NaiveDate;
use proptest::prelude::*;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};
use sparring::clock::Clock;
use sparring::demo::{DemoParams, generate};
use sparring::script::Script;
use sparring::store::Store;
use sparring::tui::app::App;
use sparring::tui::theme::Theme;
use sparring::tui::{handle_event, prepare, render};

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 27).unwrap()
}

/// The screens, each reached by its keys from the first, on the demo team (the store's
/// folder kept alive beside it).
fn screens() -> Vec<(&'static str, App, tempfile::TempDir)> {
    let keys: [(&str, &[KeyCode]); 12] = [
        ("prospecting", &[]),
        ("breakdowns", &[KeyCode::Char('b')]),
        ("week", &[KeyCode::Char('w')]),
        ("team", &[KeyCode::Char('t')]),
        ("prospecting review", &[KeyCode::Char('p')]),
        ("help", &[KeyCode::Char('?')]),
        ("rep picker", &[KeyCode::Char('r')]),
        ("deal list", &[KeyCode::Char('2')]),
        ("deal card", &[KeyCode::Char('2'), KeyCode::Char('c')]),
        ("question", &[KeyCode::Char('2'), KeyCode::Enter]),
        ("add deal form", &[KeyCode::Char('2'), KeyCode::Char('a')]),
        ("import", &[KeyCode::Char('i')]),
    ];
    keys.into_iter()
        .map(|(name, keys)| {
            let dir = tempfile::tempdir().unwrap();
            let mut store = Store::open(&dir.path().join("demo.db")).unwrap();
            let script = Script::embedded();
            generate(&mut store, &script, &DemoParams::default_for(today())).unwrap();
            let (mut app, mut runner) = prepare(store, script, Clock::fixed(today()), None, Theme::colored()).unwrap();
            for key in keys {
                handle_event(&mut app, &mut runner, Event::Key(KeyEvent::new(*key, KeyModifiers::NONE)), false);
            }
            (name, app, dir)
        })
        .collect()
}

#[test]
fn every_screen_draws_at_every_size_without_a_panic() {
    let screens = screens();
    let draw = |app: &App, width: u16, height: u16| {
        let mut terminal = Terminal::new(TestBackend::new(width, height)).unwrap();
        terminal.draw(|frame| render::render(app, frame)).unwrap();
    };
    // The edges and the corners of the range, for every screen.
    for (_, app, _) in &screens {
        for (width, height) in [(1, 1), (1, 60), (200, 1), (79, 23), (80, 24), (81, 25), (200, 60), (2, 2)] {
            draw(app, width, height);
        }
    }
    // And sizes drawn at random in between.
    proptest!(ProptestConfig { cases: 600, ..ProptestConfig::default() }, |(i in 0..12usize, width in 1u16..=200, height in 1u16..=60)| {
        draw(&screens[i].1, width, height);
    });
}

/// Every size, one by one (144,000 frames): `cargo test --release --test sizes -- --ignored`.
#[test]
#[ignore = "a long run: every size of every screen"]
fn every_screen_at_every_single_size() {
    let screens = screens();
    let mut drawn = 0;
    for (_, app, _) in &screens {
        for width in 1..=200 {
            for height in 1..=60 {
                let mut terminal = Terminal::new(TestBackend::new(width, height)).unwrap();
                terminal.draw(|frame| render::render(app, frame)).unwrap();
                drawn += 1;
            }
        }
    }
    assert_eq!(drawn, 12 * 200 * 60);
}
