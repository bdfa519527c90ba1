//! Headless tests of the app's update: actions in, state and effects out.

use super::*;
use crate::store::reps::Rep;

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
    assert!(app.notice.as_ref().is_some_and(|n| n.is_error && n.text.contains("quit again")));
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
fn period_keys_reload_the_figures() {
    let mut app = app_with_a_rep();
    app.start(None, None);
    let effects = app.update(Action::Command(Command::PeriodNext));
    assert_eq!(app.period, Period::ThisQuarter);
    assert_eq!(effects, vec![Effect::LoadDashboard { rep: RepId(1), period: Period::ThisQuarter }]);
    app.update(Action::Command(Command::PeriodPrev));
    assert_eq!(app.period, Period::Last4Weeks);
}

fn deal_view(deal: crate::domain::deal::Deal) -> DealView {
    DealView {
        deal,
        assessment: crate::domain::challenge::Assessment::default(),
        checks: Vec::new(),
        notes: Vec::new(),
        commitments: Vec::new(),
        hypotheses: Vec::new(),
        changes: Vec::new(),
        history: Vec::new(),
        last_review: None,
        last_verdict: None,
        today_verdict: None,
        close_pushes: 0,
    }
}

#[test]
fn editing_a_deal_in_a_stage_the_script_does_not_know_keeps_its_stage() {
    let app = app_with_a_rep();
    let mut deal = crate::domain::deal::tests::sample_deal();
    deal.stage = "legacy_stage".into();
    assert!(app.script.stage(&deal.stage).is_none());
    let view = deal_view(deal);
    let mut form = deal_form(&app.script, Some(&view));
    assert_eq!(form.text("stage"), "legacy_stage");
    // Moving through the form saves it: the stage written is the deal's own.
    let tab = ratatui::crossterm::event::KeyEvent::from(ratatui::crossterm::event::KeyCode::Tab);
    while form.handle(tab) == Outcome::Moved {
        assert_eq!(read_deal_form(&form, app.today).map(|edit| edit.stage), Ok("legacy_stage".to_string()));
    }
    assert_eq!(form.get("stage").and_then(|f| f.choice_label()), Some("legacy_stage"));
}

#[test]
fn a_new_deal_starts_in_the_first_stage() {
    let app = app_with_a_rep();
    let form = deal_form(&app.script, None);
    assert_eq!(form.text("stage"), app.script.stages[0].key);
}

#[test]
fn the_deal_form_shows_the_amount_as_typed() {
    let app = app_with_a_rep();
    for (minor, shown) in [(1_200_000, "12000"), (1_200_050, "12000.50"), (1_200_005, "12000.05"), (0, "0")] {
        let mut deal = crate::domain::deal::tests::sample_deal();
        deal.amount_minor = minor;
        let form = deal_form(&app.script, Some(&deal_view(deal)));
        assert_eq!(form.text("amount"), shown);
        assert_eq!(form.amount("amount"), Ok(minor));
    }
}
