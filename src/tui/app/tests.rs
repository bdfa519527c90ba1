//! Headless tests of the app's update: actions in, state and effects out.

use super::*;
use crate::store::reps::Rep;
use crate::tui::keys::Command;

fn app_with_a_rep() -> App {
    let rep =
        Rep { id: RepId(1), name: "Ada".into(), email: None, active: true, manager: None, team: None, open_deals: 0 };
    let today = NaiveDate::from_ymd_opt(2026, 11, 27).unwrap();
    App::new(Script::embedded(), today, Theme::monochrome(), vec![rep], String::new())
}

#[test]
fn a_failed_save_on_quit_keeps_the_app_open_once() {
    let mut app = app_with_a_rep();
    app.start(None, None);
    app.update(Action::Command(Command::Quit));
    assert!(app.quit);
    app.update(Action::SaveFailed("disk I/O error".into()));
    assert!(!app.quit, "the user is told before the answer is lost");
    assert!(app.notice.as_ref().is_some_and(|n| n.is_error && n.text.contains("Quit again")));
    app.update(Action::Command(Command::Quit));
    assert!(app.quit, "the second quit leaves");
}

#[test]
fn modes_follow_the_screen() {
    let mut app = app_with_a_rep();
    app.start(None, None);
    assert_eq!(app.modes(), vec![Mode::Prospecting, Mode::Global, Mode::Always]);
    app.update(Action::Command(Command::ShowChallenge));
    assert_eq!(app.modes()[0], Mode::DealList);
    app.update(Action::Command(Command::Filter));
    assert_eq!(app.modes(), vec![Mode::Filter, Mode::Always], "typing a filter takes every key");
    app.update(Action::Command(Command::ClearFilter));
    app.update(Action::Command(Command::ToggleHelp));
    assert_eq!(app.modes(), vec![Mode::Help, Mode::Always]);
    assert_eq!(app.base_modes()[0], Mode::DealList);
    app.update(Action::Command(Command::Back));
    app.update(Action::Command(Command::PickRep));
    assert_eq!(app.modes()[0], Mode::RepPicker);
    let empty = App::new(Script::embedded(), app.today, Theme::monochrome(), Vec::new(), String::new());
    assert_eq!(empty.modes(), vec![Mode::Welcome, Mode::Always]);
}

#[test]
fn period_keys_move_in_time_and_reload_the_figures() {
    let mut app = app_with_a_rep();
    app.start(None, None);
    // `[`: the 4 weeks before these.
    let effects = app.update(Action::Command(Command::PeriodPrev));
    let before = Period::LAST_4_WEEKS.earlier();
    assert_eq!(app.period, before);
    assert_eq!(effects, vec![Effect::LoadDashboard { rep: RepId(1), period: before }]);
    // `]` comes back to the 4 weeks under way, and no further: nothing to load then.
    app.update(Action::Command(Command::PeriodNext));
    assert_eq!(app.period, Period::LAST_4_WEEKS);
    assert_eq!(app.update(Action::Command(Command::PeriodNext)), Vec::new());
    assert_eq!(app.period, Period::LAST_4_WEEKS);
    assert!(app.notice.as_ref().is_some_and(|n| !n.is_error && n.text.contains("under way")));
    // The length key, with the team view shown: both reload.
    app.update(Action::Command(Command::ToggleTeam));
    let effects = app.update(Action::Command(Command::PeriodLength));
    assert_eq!(app.period, Period::THIS_QUARTER);
    assert_eq!(
        effects,
        vec![
            Effect::LoadDashboard { rep: RepId(1), period: Period::THIS_QUARTER },
            Effect::LoadTeam { period: Period::THIS_QUARTER }
        ]
    );
}
