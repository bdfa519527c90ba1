//! Wide text on every screen: CJK names, accents, flags and emoji sequences in accounts and
//! deals. Whatever a pane or an overlay covers, every cell is drawn as wide as the layout
//! counted it: no wide character with its second half covered (a terminal erases it, and the
//! border drawn over it), and no emoji whose width terminals disagree on.

use chrono::NaiveDate;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::buffer::Buffer;
use ratatui::crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};
use sparring::clock::Clock;
use sparring::demo::{DemoParams, generate};
use sparring::script::Script;
use sparring::store::Store;
use sparring::tui::theme::Theme;
use sparring::tui::{handle_event, prepare, render};
use unicode_width::UnicodeWidthStr;

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 27).unwrap()
}

/// Why a cell of the frame would not draw as the layout counted it, if it would not.
fn unsettled(buffer: &Buffer) -> Option<String> {
    let area = buffer.area;
    for y in area.top()..area.bottom() {
        for x in area.left()..area.right() {
            let symbol = buffer[(x, y)].symbol();
            let joined = symbol.chars().any(|ch| {
                matches!(ch, '\u{200D}' | '\u{FE0E}' | '\u{FE0F}' | '\u{1F1E6}'..='\u{1F1FF}' | '\u{1F3FB}'..='\u{1F3FF}')
            });
            if joined {
                return Some(format!("({x}, {y}): {symbol:?} drawn as is"));
            }
            for dx in 1..symbol.width() as u16 {
                let next = x + dx;
                if next >= area.right() || !buffer[(next, y)].symbol().trim().is_empty() {
                    return Some(format!("({x}, {y}): {symbol:?} has its second half covered"));
                }
            }
        }
    }
    None
}

#[test]
fn every_screen_draws_wide_text_whole_at_every_size() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("wide.db");
    let mut store = Store::open(&path).unwrap();
    let script = Script::embedded();
    generate(&mut store, &script, &DemoParams::default_for(today())).unwrap();
    rusqlite::Connection::open(&path)
        .unwrap()
        .execute_batch(
            "UPDATE deals SET account = 'Maison 🇫🇷 北京 ' || account, name = '👩‍💻 ' || name || ' 東京 ❤️';
             UPDATE reps SET name = '山田 ' || name || ' 👍🏽';",
        )
        .unwrap();
    let (mut app, mut runner) = prepare(store, script, Clock::fixed(today()), None, Theme::monochrome()).unwrap();
    let press = |app: &mut _, runner: &mut _, code| {
        handle_event(app, runner, Event::Key(KeyEvent::new(code, KeyModifiers::NONE)), false);
    };
    // Each screen: the keys that lead there from the one before.
    let screens: [(&str, &[KeyCode]); 7] = [
        ("prospecting", &[]),
        ("help over prospecting", &[KeyCode::Char('?')]),
        ("deal list", &[KeyCode::Char('?'), KeyCode::Char('2')]),
        ("help over the deal list", &[KeyCode::Char('?')]),
        ("rep picker", &[KeyCode::Char('?'), KeyCode::Char('r')]),
        ("deal card", &[KeyCode::Esc, KeyCode::Char('c')]),
        ("question", &[KeyCode::Char('c'), KeyCode::Enter]),
    ];
    let mut drawn = 0;
    for (name, keys) in screens {
        for key in keys {
            press(&mut app, &mut runner, *key);
        }
        for width in (80..=140).step_by(3) {
            for height in [24, 31, 40] {
                let mut terminal = Terminal::new(TestBackend::new(width, height)).unwrap();
                terminal.draw(|frame| render::render(&app, frame)).unwrap();
                if let Some(why) = unsettled(terminal.backend().buffer()) {
                    panic!("{name} at {width}x{height}: {why}\n{}", terminal.backend());
                }
                drawn += 1;
            }
        }
    }
    assert_eq!(drawn, 7 * 21 * 3);
}
