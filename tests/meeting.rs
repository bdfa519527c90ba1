//! A live meeting, headless: the real app on the demo team, keys pushed through the keymap
//! and `App::update`, effects run against a real SQLite file, then the file is read. Each
//! test is a thing a manager hit while typing in front of a rep (issue 7).

mod fixtures;

use chrono::NaiveDate;
use ratatui::crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};
use rusqlite::Connection;
use sparring::clock::Clock;
use sparring::demo::{DemoParams, generate};
use sparring::script::Script;
use sparring::store::Store;
use sparring::tui::app::App;
use sparring::tui::effects::Runner;
use sparring::tui::keys::Mode;
use sparring::tui::theme::Theme;
use sparring::tui::wizard::Step;
use sparring::tui::{handle_event, prepare};

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 27).unwrap()
}

struct Meeting {
    app: App,
    runner: Runner,
    db: std::path::PathBuf,
    _dir: tempfile::TempDir,
}

impl Meeting {
    /// The demo team's first rep, on the deal list.
    fn on_demo() -> Meeting {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("demo.db");
        let mut store = Store::open(&db).unwrap();
        let script = Script::embedded();
        generate(&mut store, &script, &DemoParams::default_for(today())).unwrap();
        let (app, runner) = prepare(store, script, Clock::fixed(today()), None, Theme::monochrome()).unwrap();
        let mut meeting = Meeting { app, runner, db, _dir: dir };
        meeting.key(KeyCode::Char('2'));
        meeting
    }

    /// The app started again on the same file, as after a kill: it resumes the open review.
    fn restart(self) -> Meeting {
        let Meeting { db, _dir: dir, .. } = self;
        let store = Store::open(&db).unwrap();
        let (app, runner) =
            prepare(store, Script::embedded(), Clock::fixed(today()), None, Theme::monochrome()).unwrap();
        Meeting { app, runner, db, _dir: dir }
    }

    /// Picks a forecast on the verdict with → (none, pipeline, best case, commit): a letter
    /// there would be the start of the reason.
    fn pick_forecast(&mut self, forecast: &str) -> &mut Self {
        let steps = match forecast {
            "pipeline" => 1,
            "best_case" => 2,
            _ => 3,
        };
        for _ in 0..steps {
            self.key(KeyCode::Right);
        }
        self
    }

    /// The demo's first deal, at its first question.
    fn on_first_deal() -> Meeting {
        let mut m = Meeting::on_demo();
        m.key(KeyCode::Enter);
        assert_eq!(m.step(), Some(Step::Question(0)));
        m
    }

    fn event(&mut self, event: Event, too_small: bool) -> &mut Self {
        handle_event(&mut self.app, &mut self.runner, event, too_small);
        self
    }

    fn key(&mut self, code: KeyCode) -> &mut Self {
        self.event(Event::Key(KeyEvent::new(code, KeyModifiers::NONE)), false)
    }

    fn ctrl(&mut self, c: char) -> &mut Self {
        self.event(Event::Key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::CONTROL)), false)
    }

    /// Types text the way a terminal sends it: capitals with Shift.
    fn text(&mut self, text: &str) -> &mut Self {
        for c in text.chars() {
            let mods = if c.is_uppercase() { KeyModifiers::SHIFT } else { KeyModifiers::NONE };
            self.event(Event::Key(KeyEvent::new(KeyCode::Char(c), mods)), false);
        }
        self
    }

    /// A pause in typing: what was typed is saved.
    fn pause(&mut self) -> &mut Self {
        let effects = self.app.update(sparring::tui::action::Action::Idle);
        sparring::tui::run_effects(&mut self.app, &mut self.runner, effects);
        self
    }

    fn step(&self) -> Option<Step> {
        self.app.deal_list.wizard.as_ref().map(sparring::tui::wizard::Wizard::step)
    }

    fn question(&self) -> Option<String> {
        self.app.deal_list.wizard.as_ref().and_then(|w| w.current()).map(|q| q.id.clone())
    }

    /// PgDn until the verdict shows.
    fn page_to_verdict(&mut self) -> &mut Self {
        for _ in 0..30 {
            if self.step() == Some(Step::Verdict) {
                return self;
            }
            self.key(KeyCode::PageDown);
        }
        panic!("no verdict");
    }

    /// PgDn until the question `id` shows (a required one warns once, then is skipped).
    fn page_to_question(&mut self, id: &str) -> &mut Self {
        for _ in 0..30 {
            if self.question().as_deref() == Some(id) {
                return self;
            }
            self.key(KeyCode::PageDown);
        }
        panic!("no question {id}");
    }

    fn conn(&self) -> Connection {
        Connection::open(&self.db).unwrap()
    }

    fn answer(&self, id: &str) -> Option<String> {
        self.conn()
            .query_row(
                "SELECT a.answer FROM answers a JOIN reviews r ON r.id = a.review_id
                 WHERE r.status = 'open' AND a.question_id = ?1",
                [id],
                |r| r.get(0),
            )
            .ok()
    }

    fn count(&self, sql: &str) -> i64 {
        fixtures::count(&self.conn(), sql)
    }

    /// The forecast of the deal the open review is on.
    fn forecast(&self) -> String {
        self.conn()
            .query_row(
                "SELECT forecast FROM deals WHERE id = (SELECT current_deal_id FROM reviews WHERE status = 'open')",
                [],
                |r| r.get(0),
            )
            .unwrap()
    }

    fn commitment(&self, what: &str) -> Option<(String, String)> {
        self.conn()
            .query_row("SELECT status, note FROM commitments WHERE what = ?1", [what], |r| Ok((r.get(0)?, r.get(1)?)))
            .ok()
    }
}

// 1. Typing becomes commands.

#[test]
fn hostile_characters_typed_are_dropped_as_when_pasted() {
    // A C1 escape (U+009B), a right-to-left override and zero-width characters: typed one
    // key at a time, they must not be stored, exactly as a paste of the same text.
    let hostile = "Budget\u{9b}31m ok\u{202E}dis\u{200B}\u{200C}\u{2060}\u{FEFF}cussed";
    let mut m = Meeting::on_first_deal();
    m.page_to_question("real_progress");
    m.text(hostile).key(KeyCode::Enter);
    assert_eq!(m.answer("real_progress").as_deref(), Some("Budget31m okdiscussed"));
    let mut pasted = Meeting::on_first_deal();
    pasted.page_to_question("real_progress");
    pasted.event(Event::Paste(hostile.to_string()), false).key(KeyCode::Enter);
    assert_eq!(pasted.answer("real_progress").as_deref(), Some("Budget31m okdiscussed"));
}

#[test]
fn text_typed_on_a_question_reached_by_page_down_is_text() {
    let mut m = Meeting::on_first_deal();
    m.page_to_question("real_progress");
    m.text("quiet since Monday, Jan Berg signs");
    assert!(!m.app.quit, "the q of quiet did not quit");
    assert!(m.app.overlay.is_none(), "the r of Berg did not open the rep picker");
    m.key(KeyCode::Enter);
    assert_eq!(m.answer("real_progress").as_deref(), Some("quiet since Monday, Jan Berg signs"));
}

#[test]
fn letters_on_a_choice_or_yes_no_question_are_a_note_not_a_pick() {
    let mut m = Meeting::on_first_deal();
    m.page_to_question("competition");
    m.text("Dr Quist signs");
    m.key(KeyCode::Enter);
    assert_eq!(m.answer("competition").as_deref(), Some("Dr Quist signs"), "not \"Status quo\" by its initial");
    m.page_to_question("process_respected");
    m.text("no demo before discovery");
    m.key(KeyCode::Enter);
    assert_eq!(m.answer("process_respected").as_deref(), Some("no demo before discovery"), "the n did not answer No");
    m.key(KeyCode::PageUp);
    m.key(KeyCode::Char('2'));
    m.key(KeyCode::Enter);
    assert_eq!(m.answer("process_respected").as_deref(), Some("No\nno demo before discovery"), "a digit picks");
}

#[test]
fn typing_on_a_list_starts_a_row_with_every_key() {
    let mut m = Meeting::on_first_deal();
    // Exit criteria: typing on an unvalidated criterion says why it is not validated.
    m.text("Org chart still not shared").key(KeyCode::Enter);
    let note: String = m
        .conn()
        .query_row("SELECT note FROM criterion_notes WHERE noted_at >= '2026-11-27'", [], |r| r.get(0))
        .expect("the reason is written");
    assert_eq!(note, "Org chart still not shared", "no letter was swallowed or ran `n`");
    // Commitments: typing starts a new one, `a` and `n` included.
    m.page_to_question("prospect_commitments");
    m.text("an intro to the CFO, by their side").key(KeyCode::Enter);
    assert!(m.commitment("an intro to the CFO, by their side").is_some());
}

// 2. Esc saves.

#[test]
fn esc_in_a_form_puts_the_rows_back_as_they_were() {
    let mut m = Meeting::on_first_deal();
    // A reason typed earlier, then more typed and cancelled: the earlier reason stays.
    m.text("Waiting for legal").key(KeyCode::Enter);
    m.text(", and more").pause();
    m.key(KeyCode::Esc);
    let note: String = m
        .conn()
        .query_row("SELECT note FROM criterion_notes WHERE noted_at >= '2026-11-27'", [], |r| r.get(0))
        .unwrap();
    assert_eq!(note, "Waiting for legal");
    // `v` then Esc validates nothing.
    let checks = m.count("SELECT count(*) FROM criteria_checks");
    m.key(KeyCode::Char('v')).text("half the evidence").pause();
    assert_eq!(m.count("SELECT count(*) FROM criteria_checks"), checks + 1, "autosaved while typed");
    m.key(KeyCode::Esc);
    assert_eq!(m.count("SELECT count(*) FROM criteria_checks"), checks, "Esc takes the validation back");
    // A new commitment written as it was typed, then Esc: gone.
    m.page_to_question("prospect_commitments");
    m.text("Send the figures").key(KeyCode::Tab).text("fri").pause();
    assert!(m.commitment("Send the figures").is_some(), "autosave protects against a crash");
    m.key(KeyCode::Esc);
    assert!(m.commitment("Send the figures").is_none(), "Esc removes the row the form created");
    assert_eq!(m.question().as_deref(), Some("prospect_commitments"), "one level up: still on the question");
}

// 3. Reopening a field selects its whole text.

#[test]
fn reopening_a_field_puts_the_cursor_at_the_end() {
    let mut m = Meeting::on_first_deal();
    m.page_to_question("prospect_commitments");
    let what = "Send the signed mutual close plan with dates on both sides, today";
    m.text(what).key(KeyCode::Enter);
    m.key(KeyCode::Up).key(KeyCode::Enter).text(" or Monday").key(KeyCode::Enter);
    assert!(m.commitment(&format!("{what} or Monday")).is_some(), "the text was kept and added to");
}

// 4. Settle keys capture the next keys.

#[test]
fn one_key_settles_and_the_next_key_is_for_the_next_row() {
    let mut m = Meeting::on_first_deal();
    m.page_to_question("prospect_commitments");
    m.text("First promise").key(KeyCode::Enter);
    m.text("Second promise").key(KeyCode::Enter);
    m.key(KeyCode::Up).key(KeyCode::Up);
    m.key(KeyCode::Char('d'));
    assert_eq!(m.commitment("First promise"), Some(("done".into(), String::new())), "settled at once");
    m.key(KeyCode::Down).key(KeyCode::Char('m'));
    assert_eq!(m.commitment("First promise"), Some(("done".into(), String::new())), "the m did not land in its why");
    assert_eq!(m.commitment("Second promise").map(|c| c.0).as_deref(), Some("missed"));
    m.text("They cancelled").key(KeyCode::Enter);
    assert_eq!(m.commitment("Second promise"), Some(("missed".into(), "They cancelled".into())));
    // Esc on the why takes the settle back.
    m.key(KeyCode::Up).key(KeyCode::Char('x')).key(KeyCode::Esc);
    assert_eq!(m.commitment("First promise"), Some(("done".into(), String::new())));
}

// 5. Things are recorded that nobody decided.

#[test]
fn paging_through_a_deal_records_no_verdict() {
    let mut m = Meeting::on_first_deal();
    let forecast_before = m.forecast();
    for _ in 0..20 {
        if m.step() == Some(Step::Summary) {
            break;
        }
        m.key(KeyCode::PageDown);
    }
    assert_eq!(m.step(), Some(Step::Summary));
    assert_eq!(
        m.count("SELECT count(*) FROM verdicts"),
        m.count("SELECT count(*) FROM verdicts WHERE decided_at < '2026-11-27'")
    );
    let forecast_after = m.forecast();
    assert_eq!(forecast_before, forecast_after);
}

#[test]
fn an_overruled_forecast_is_written_with_its_reason_or_not_at_all() {
    let mut m = Meeting::on_first_deal();
    m.page_to_verdict();
    let rep_forecast = m.forecast();
    // Pick a forecast that is not the rep's.
    let pick = if rep_forecast == "pipeline" { "commit" } else { "pipeline" };
    m.pick_forecast(pick).key(KeyCode::Enter);
    assert_eq!(m.step(), Some(Step::Verdict), "the reason is asked for");
    assert_eq!(m.forecast(), rep_forecast, "the deal's forecast is not changed before the reason");
    m.text("Signatory named, legal steps known").key(KeyCode::Enter);
    assert_eq!(m.step(), Some(Step::Summary));
    let (forecast, comment, confidence): (String, String, Option<i64>) = m
        .conn()
        .query_row("SELECT forecast, comment, confidence FROM verdicts WHERE decided_at >= '2026-11-27'", [], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?))
        })
        .unwrap();
    assert_ne!(forecast, rep_forecast);
    assert_eq!(comment, "Signatory named, legal steps known");
    assert_eq!(confidence, None, "no default confidence");
}

#[test]
fn a_stage_move_past_unvalidated_criteria_asks_once_naming_them() {
    let mut m = Meeting::on_first_deal();
    m.page_to_verdict();
    m.pick_forecast("pipeline").key(KeyCode::Tab).text("Moving fast on purpose");
    // Down to the stage field (the last), then as far right as it goes: the last stage.
    for _ in 0..10 {
        m.key(KeyCode::Down);
    }
    for _ in 0..10 {
        m.key(KeyCode::Right);
    }
    m.key(KeyCode::Enter);
    let verdict = m.app.deal_list.wizard.as_ref().and_then(|w| w.verdict.as_ref()).unwrap();
    assert_eq!(
        verdict.form.text(sparring::tui::wizard::VerdictField::StageTo),
        "negotiate",
        "the field stops at the last stage"
    );
    let question = verdict.confirm.clone().expect("the move asks first");
    assert!(question.contains("skips") && question.contains("not validated"), "{question}");
    m.key(KeyCode::Esc);
    assert_eq!(m.step(), Some(Step::Verdict), "Esc goes back to the form");
    assert_eq!(m.count("SELECT count(*) FROM verdicts WHERE decided_at >= '2026-11-27'"), 0);
    m.key(KeyCode::Enter).key(KeyCode::Enter);
    assert_eq!(m.count("SELECT count(*) FROM verdicts WHERE decided_at >= '2026-11-27' AND stage_to = 'negotiate'"), 1);
}

// Undo.

#[test]
fn ctrl_z_undoes_the_meeting_step_by_step_back_to_its_start() {
    let mut m = Meeting::on_first_deal();
    m.page_to_question("prospect_commitments");
    m.text("Send the list of sites").key(KeyCode::Enter);
    m.page_to_question("real_progress");
    m.text("They introduced us to procurement").key(KeyCode::Enter);
    m.key(KeyCode::PageUp);
    m.text(", nothing else").pause();
    m.ctrl('z');
    assert_eq!(
        m.answer("real_progress").as_deref(),
        Some("They introduced us to procurement"),
        "what this visit typed is undone"
    );
    assert!(m.app.notice.as_ref().is_some_and(|n| n.text.contains("undid the answer")), "{:?}", m.app.notice);
    let shown = m.app.deal_list.wizard.as_ref().and_then(|w| w.saved_answer("real_progress")).map(str::to_string);
    assert_eq!(shown.as_deref(), Some("They introduced us to procurement"), "the screen follows");
    m.ctrl('z');
    assert_eq!(m.answer("real_progress").as_deref(), None, "then the first visit's answer");
    m.ctrl('z');
    assert!(m.commitment("Send the list of sites").is_none());
    m.ctrl('z');
    assert!(m.app.notice.as_ref().is_some_and(|n| n.text.contains("Nothing to undo")), "{:?}", m.app.notice);
    assert_eq!(m.count("SELECT count(*) FROM undo_steps WHERE undone_at IS NULL"), 0);
}

// 7. A small terminal eats text and quits.

#[test]
fn a_small_terminal_keeps_the_typing_and_never_quits_from_a_field() {
    let mut m = Meeting::on_first_deal();
    m.page_to_question("real_progress");
    m.text("Before, ");
    for c in "quite small now, ".chars() {
        m.event(Event::Key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE)), true);
    }
    assert!(!m.app.quit, "q is text in a field, even while the terminal is too small");
    m.text("after").key(KeyCode::Enter);
    assert_eq!(m.answer("real_progress").as_deref(), Some("Before, quite small now, after"));
    // With no field, q still quits a terminal too small to show anything.
    let mut list = Meeting::on_demo();
    list.event(Event::Key(KeyEvent::new(KeyCode::Char('q'), KeyModifiers::NONE)), true);
    assert!(list.app.quit);
}

// 12. Logging an activity files it in the future.

#[test]
fn a_logged_activity_happened_in_the_past() {
    for (typed, day) in
        [("25/11", "2026-11-25"), ("yesterday", "2026-11-26"), ("mon", "2026-11-23"), ("-3d", "2026-11-24")]
    {
        let mut m = Meeting::on_demo();
        m.key(KeyCode::Char('1')).key(KeyCode::Char('l'));
        assert_eq!(m.app.modes()[0], Mode::LogForm);
        m.key(KeyCode::Tab).key(KeyCode::Tab).text(typed).key(KeyCode::Enter);
        assert!(m.app.popup.is_none(), "{typed}: {:?}", m.app.popup);
        let logged = m.count(&format!("SELECT count(*) FROM activities WHERE occurred_at LIKE '{day}%' AND external_id IS NULL AND count = 1 AND id = (SELECT max(id) FROM activities)"));
        assert_eq!(logged, 1, "{typed} is {day}");
    }
}

// 8. "Next deal" skips the deals that most need a challenge.

/// The deal of the script on screen.
fn deal_on_screen(m: &Meeting) -> Option<sparring::domain::ids::DealId> {
    m.app.deal_list.wizard.as_ref().and_then(|w| w.subject.deal())
}

/// Gives the deal on screen a verdict that agrees with the rep, and shows its summary.
fn give_verdict(m: &mut Meeting) {
    m.page_to_verdict();
    let rep = m.app.wizard_deal().map(|d| d.deal.forecast.as_str().to_string()).unwrap();
    m.pick_forecast(&rep).key(KeyCode::Enter);
    if m.step() == Some(Step::Verdict) {
        // A stage move asks once; this one does not move the stage, but accept if asked.
        m.key(KeyCode::Enter);
    }
    assert_eq!(m.step(), Some(Step::Summary));
}

#[test]
fn the_meeting_keeps_its_order_and_next_deal_takes_the_next_one_not_challenged() {
    let mut m = Meeting::on_demo();
    let order_at_start: Vec<_> = m.app.listed_deals().iter().map(|d| d.deal.id).collect();
    m.key(KeyCode::Enter);
    assert_eq!(deal_on_screen(&m), Some(order_at_start[0]));
    give_verdict(&mut m);
    m.key(KeyCode::Enter);
    assert_eq!(deal_on_screen(&m), Some(order_at_start[1]), "next is the second of the meeting, not a re-ranked one");
    give_verdict(&mut m);
    // Back on the list: the order has not moved, and the challenged deals say so.
    m.key(KeyCode::Esc);
    let listed: Vec<_> = m.app.listed_deals().iter().map(|d| d.deal.id).collect();
    assert_eq!(listed, order_at_start, "the list keeps the meeting's order");
    assert_eq!(m.app.meeting_progress(), Some((2, order_at_start.len())));
    let mut terminal = ratatui::Terminal::new(ratatui::backend::TestBackend::new(120, 40)).unwrap();
    terminal.draw(|f| sparring::tui::render::render(&m.app, f)).unwrap();
    let screen = format!("{}", terminal.backend());
    assert!(screen.contains(&format!("2 of {} deals challenged", order_at_start.len())), "{screen}");
    assert!(screen.contains("✓ "), "{screen}");
    // The fourth deal opened by hand, then "next": the fifth, the first not challenged after
    // it — the meeting goes on from where the manager is.
    m.key(KeyCode::Home);
    for _ in 0..3 {
        m.key(KeyCode::Down);
    }
    m.key(KeyCode::Enter);
    assert_eq!(deal_on_screen(&m), Some(order_at_start[3]));
    give_verdict(&mut m);
    m.key(KeyCode::Enter);
    assert_eq!(deal_on_screen(&m), Some(order_at_start[4]));
    // The order is the meeting's, kept in the file: a restart finds it.
    let fixed: Vec<i64> = m
        .conn()
        .prepare("SELECT deal_id FROM review_deals ORDER BY position")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .map(Result::unwrap)
        .collect();
    assert_eq!(fixed, order_at_start.iter().map(|d| d.0).collect::<Vec<_>>());
}

#[test]
fn esc_on_the_deal_and_targets_forms_puts_everything_back() {
    let mut m = Meeting::on_demo();
    let deal = m.app.selected_deal().map(|d| d.deal.id.0).unwrap();
    let facts = |m: &Meeting| -> (i64, i64) {
        let amount = m.conn().query_row("SELECT amount_minor FROM deals WHERE id = ?1", [deal], |r| r.get(0)).unwrap();
        (amount, m.count(&format!("SELECT count(*) FROM deal_changes WHERE deal_id = {deal}")))
    };
    let before = facts(&m);
    m.key(KeyCode::Char('e')).text("9").key(KeyCode::Tab);
    assert_ne!(facts(&m), before, "the edit is written as the field is left");
    m.key(KeyCode::Esc);
    assert!(m.app.popup.is_none());
    assert_eq!(facts(&m), before, "Esc puts the amount and its history back");

    let targets = |m: &Meeting| m.count("SELECT ifnull(sum(per_week), 0) FROM targets");
    let before = targets(&m);
    m.key(KeyCode::Char('1')).key(KeyCode::Char('e')).text("5").key(KeyCode::Tab);
    assert_ne!(targets(&m), before);
    m.key(KeyCode::Esc);
    assert_eq!(targets(&m), before, "the targets are as they were");
}

#[test]
fn the_real_chance_question_starts_from_the_figures_and_is_written_only_when_decided() {
    let mut m = Meeting::on_demo();
    m.key(KeyCode::Char('1')).key(KeyCode::Char('p'));
    let review = |m: &Meeting| m.app.prospecting.review.as_ref().and_then(|w| w.current()).map(|q| q.id.clone());
    for _ in 0..5 {
        if review(&m).as_deref() == Some("meeting_quality") {
            break;
        }
        m.key(KeyCode::PageDown);
    }
    assert_eq!(review(&m).as_deref(), Some("meeting_quality"));
    let d = &m.app.view.as_ref().unwrap().dashboard.qualified;
    let figure =
        format!("{} of {} meetings assessed had a real chance.", d.real_chance, d.real_chance + d.no_real_chance);
    assert!(d.real_chance > 0, "the demo logs meetings with a real chance");
    let wizard = m.app.prospecting.review.as_ref().unwrap();
    assert_eq!(wizard.prefilled("meeting_quality"), Some(figure.as_str()), "the field shows what the data says");

    // Moving past it is not an answer; coming back shows the figure again.
    m.key(KeyCode::PageDown).pause();
    assert_eq!(m.answer("meeting_quality"), None, "nothing recorded that was not decided");
    m.key(KeyCode::PageUp);
    assert_eq!(review(&m).as_deref(), Some("meeting_quality"));

    // Typing adds to it (the cursor is at its end); Enter writes figure and words together.
    m.text(" Acme and Globex: both had a sponsor.").key(KeyCode::Enter);
    assert_eq!(m.answer("meeting_quality"), Some(format!("{figure} Acme and Globex: both had a sponsor.")));

    // Enter alone keeps the figure as the answer.
    let mut m2 = Meeting::on_demo();
    m2.key(KeyCode::Char('1')).key(KeyCode::Char('p')).key(KeyCode::PageDown);
    assert_eq!(review(&m2).as_deref(), Some("meeting_quality"));
    m2.key(KeyCode::Enter);
    assert_eq!(m2.answer("meeting_quality"), Some(figure));
}

#[test]
fn letters_on_the_forecast_are_the_reason_not_a_pick() {
    let mut m = Meeting::on_first_deal();
    m.page_to_verdict();
    // Talking while typing: "best case because…" on the forecast field is text.
    m.text("because the sponsor signed");
    let verdict = m.app.deal_list.wizard.as_ref().and_then(|w| w.verdict.as_ref()).unwrap();
    assert_eq!(
        verdict.form.text(sparring::tui::wizard::VerdictField::Forecast),
        "",
        "no forecast picked by an initial"
    );
    assert_eq!(
        verdict.form.text(sparring::tui::wizard::VerdictField::Comment),
        "because the sponsor signed",
        "every key kept"
    );
}

#[test]
fn the_verdict_as_typed_survives_a_kill_and_esc_forgets_it() {
    let mut m = Meeting::on_first_deal();
    m.page_to_verdict();
    let comment_at = |m: &Meeting| {
        m.app
            .deal_list
            .wizard
            .as_ref()
            .and_then(|w| w.verdict.as_ref())
            .map(|v| v.form.text(sparring::tui::wizard::VerdictField::Comment))
    };
    // Tab to the comment, type half a sentence; a pause keeps it (no verdict is written).
    m.key(KeyCode::Tab).text("Sponsor confirmed the budget");
    m.pause();
    let drafts = "SELECT count(*) FROM drafts WHERE field = 'comment' AND value = 'Sponsor confirmed the budget'";
    assert_eq!(m.count(drafts), 1, "what was typed is kept");
    assert_eq!(m.count("SELECT count(*) FROM verdicts WHERE decided_at >= '2026-11-27'"), 0, "a draft is no verdict");

    // Killed, started again: the verdict shows what was typed, and the keyboard is in it.
    let mut m = m.restart();
    assert_eq!(m.step(), Some(Step::Verdict), "the open review resumes on the verdict");
    assert_eq!(comment_at(&m).as_deref(), Some("Sponsor confirmed the budget"));

    // Esc cancels the form: its draft goes too, and reopening shows the form as it was.
    m.key(KeyCode::Esc);
    assert_eq!(m.count("SELECT count(*) FROM drafts"), 0, "Esc forgets what the form held");
    m.key(KeyCode::Enter).page_to_verdict();
    assert_eq!(comment_at(&m).as_deref(), Some(""));

    // Typed again and saved with Enter: the verdict is written and the draft is gone.
    let rep_forecast = m.forecast();
    let pick = if rep_forecast == "pipeline" { "commit" } else { "pipeline" };
    m.pick_forecast(pick).key(KeyCode::Tab).text("Signatory named").pause();
    assert_eq!(m.count("SELECT count(*) FROM drafts WHERE value = 'Signatory named'"), 1);
    m.key(KeyCode::Enter);
    assert_eq!(m.step(), Some(Step::Summary));
    assert_eq!(m.count("SELECT count(*) FROM verdicts WHERE comment = 'Signatory named'"), 1);
    assert_eq!(m.count("SELECT count(*) FROM drafts"), 0, "the saved verdict is no longer a draft");
}

#[test]
fn after_one_criterion_the_next_typing_is_about_the_next_one() {
    let mut m = Meeting::on_first_deal();
    assert_eq!(m.question().as_deref(), Some("step_not_validated"));
    m.text("Org chart still not shared").key(KeyCode::Enter);
    m.text("Budget owner unknown").key(KeyCode::Enter);
    let notes = |m: &Meeting, note: &str| {
        m.count(&format!("SELECT count(*) FROM criterion_notes WHERE note = '{note}' AND review_id IN (SELECT id FROM reviews WHERE status = 'open')"))
    };
    assert_eq!(notes(&m, "Org chart still not shared"), 1);
    assert_eq!(
        notes(&m, "Budget owner unknown"),
        1,
        "the second reason is its own criterion's, not appended to the first"
    );
    let distinct = m.count("SELECT count(DISTINCT criterion) FROM criterion_notes WHERE review_id IN (SELECT id FROM reviews WHERE status = 'open')");
    assert_eq!(distinct, 2);
}

#[test]
fn keys_typed_on_a_deal_summary_are_no_commands() {
    let mut m = Meeting::on_first_deal();
    give_verdict(&mut m);
    // The end of the sentence typed while Enter was pressed: `q` would quit, `r` pick a rep.
    m.text("quite right, 2 weeks");
    assert!(!m.app.quit, "q typed on the summary does not quit");
    assert!(m.app.overlay.is_none(), "r typed on the summary opens nothing");
    assert_eq!(m.step(), Some(Step::Summary));
    assert_eq!(m.app.pane, sparring::tui::app::Pane::Challenge, "2 is no pane switch either");
}

#[test]
fn what_ctrl_z_undid_stays_in_the_header_when_the_answer_is_saved_again() {
    let mut m = Meeting::on_first_deal();
    m.page_to_question("prospect_commitments");
    m.text("Call the COO").key(KeyCode::Enter);
    m.ctrl('z');
    let notice = m.app.notice.as_ref().map(|n| n.text.clone()).unwrap_or_default();
    assert!(notice.contains("undid the commitment"), "the header says what was undone, not just \"saved\": {notice:?}");
    assert_eq!(m.count("SELECT count(*) FROM commitments WHERE what = 'Call the COO'"), 0);
}

#[test]
fn a_deal_added_from_the_list_is_created_when_the_manager_says() {
    let mut m = Meeting::on_demo();
    m.key(KeyCode::Char('a')).text("Umbra Logistics").key(KeyCode::Tab).text("Fleet pilot");
    // Down to the last field, Created: its "today" is a suggestion, replaced by typing.
    for _ in 0..8 {
        m.key(KeyCode::Tab);
    }
    m.text("-30d").key(KeyCode::Enter);
    assert!(m.app.popup.is_none(), "{:?}", m.app.notice);
    let (created, entered): (String, String) = m
        .conn()
        .query_row("SELECT created_on, stage_entered_on FROM deals WHERE account = 'Umbra Logistics'", [], |r| {
            Ok((r.get(0)?, r.get(1)?))
        })
        .unwrap();
    assert_eq!((created.as_str(), entered.as_str()), ("2026-10-28", "2026-10-28"), "not pipeline created today");
}

#[test]
fn a_crm_export_is_imported_from_the_app_and_its_summary_shows() {
    let mut m = Meeting::on_demo();
    let file = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/import/salesforce_report.csv");
    // Half the path, Tab completes the file name.
    let (dir, _) = file.rsplit_once('/').unwrap();
    m.key(KeyCode::Char('i'));
    assert_eq!(m.app.modes()[0], Mode::ImportForm);
    m.text(&format!("{dir}/salesforce_rep")).key(KeyCode::Tab);
    let typed = m.app.popup.as_ref().and_then(sparring::tui::popup::Popup::import_path);
    assert_eq!(typed.as_deref(), Some(file), "Tab completed the path");
    m.key(KeyCode::Enter);
    let summary = m.app.popup.as_ref().map(|p| p.summary().to_vec()).unwrap_or_default();
    assert!(summary.first().is_some_and(|l| l.contains("4 created")), "{summary:?}");
    assert_eq!(m.count("SELECT count(*) FROM deals WHERE external_id LIKE 'salesforce:%'"), 4);
    assert!(m.app.reps.iter().any(|r| r.name == "grace hopper"), "the reps the file brought are listed");
    assert!(summary.iter().any(|l| l.contains("Ctrl-Z undoes this import")), "{summary:?}");
    m.key(KeyCode::Enter);
    assert!(m.app.popup.is_none(), "Enter closes the summary");
    // An import made in the meeting is undone like any other change.
    m.ctrl('z');
    assert_eq!(m.count("SELECT count(*) FROM deals WHERE external_id LIKE 'salesforce:%'"), 0, "{:?}", m.app.notice);
    assert_eq!(
        m.count("SELECT count(*) FROM reps WHERE name IN ('Ada Lovelace', 'grace hopper')"),
        0,
        "its new reps too"
    );
    assert!(!m.app.reps.iter().any(|r| r.name == "grace hopper"), "and the rep list follows");
    // A file that is not there says so in the popup, the path kept to fix it.
    m.key(KeyCode::Char('i')).text("/nowhere/deals.csv").key(KeyCode::Enter);
    let popup = m.app.popup.as_ref().expect("still open");
    assert!(popup.error().is_some_and(|e| e.contains("/nowhere/deals.csv")), "{:?}", popup.error());
    m.key(KeyCode::Esc);
    assert!(m.app.popup.is_none());
}

#[test]
fn an_activity_report_is_imported_from_the_app_too() {
    let mut m = Meeting::on_demo();
    let before = m.count("SELECT count(*) FROM activities");
    let file = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/import/hubspot_activities.csv");
    m.key(KeyCode::Char('i')).text(file).key(KeyCode::Enter);
    let summary = m.app.popup.as_ref().map(|p| p.summary().to_vec()).unwrap_or_default();
    assert!(summary.first().is_some_and(|l| l.contains("hubspot format") && l.contains("4 created")), "{summary:?}");
    assert!(summary.iter().any(|l| l.contains("No show")), "what was skipped is said: {summary:?}");
    assert_eq!(m.count("SELECT count(*) FROM activities"), before + 4);
    m.key(KeyCode::Esc).ctrl('z');
    assert_eq!(m.count("SELECT count(*) FROM activities"), before, "the import is undone, day totals with it");
    let differ = m.count(
        "SELECT count(*) FROM (SELECT substr(occurred_at, 1, 10), kind, outcome, sum(count) FROM activities GROUP BY 1, 2, 3
                              EXCEPT SELECT day, kind, outcome, count FROM activity_days)",
    );
    assert_eq!(differ, 0);
}

#[test]
fn the_log_form_offers_known_channels_and_writes_them_as_known() {
    let mut m = Meeting::on_demo();
    m.key(KeyCode::Char('1')).key(KeyCode::Char('l'));
    for _ in 0..4 {
        m.key(KeyCode::Tab);
    }
    let hint = m.app.popup.as_ref().map(sparring::tui::popup::Popup::hint).unwrap_or_default();
    assert!(hint.starts_with("Known: ") && hint.contains("linkedin"), "{hint}");
    m.text("LINK");
    let hint = m.app.popup.as_ref().map(sparring::tui::popup::Popup::hint).unwrap_or_default();
    assert_eq!(hint, "Known: linkedin", "only what fits what is typed");
    m.text("EDIN").key(KeyCode::Enter);
    assert!(m.app.popup.is_none(), "{:?}", m.app.notice);
    let spelled: String =
        m.conn().query_row("SELECT channel FROM activities ORDER BY id DESC LIMIT 1", [], |r| r.get(0)).unwrap();
    assert_eq!(spelled, "linkedin", "one channel, whatever the case typed");
}

#[test]
fn the_team_view_follows_writes_made_in_the_app_and_elsewhere() {
    let mut m = Meeting::on_demo();
    let touches = |m: &Meeting| m.app.team.view.as_ref().map_or(-1, |v| v.team.funnel.touches);
    let logged = |m: &Meeting| m.count("SELECT ifnull(sum(count), 0) FROM activities WHERE kind != 'meeting'");
    m.key(KeyCode::Char('1')).key(KeyCode::Char('t'));
    let (first, rows) = (touches(&m), logged(&m));
    assert!(first > 0);
    // Back and forth through periods: the view comes back the same.
    m.key(KeyCode::Char('[')).key(KeyCode::Char(']'));
    assert_eq!(touches(&m), first);
    // A call logged in the app (today, in the period) shows in the team view.
    m.key(KeyCode::Char('t')).key(KeyCode::Char('l'));
    for _ in 0..4 {
        m.key(KeyCode::Tab);
    }
    m.text("phone").key(KeyCode::Enter);
    assert!(m.app.popup.is_none(), "{:?}", m.app.notice);
    let added = logged(&m) - rows;
    assert!(added > 0, "the form wrote an activity");
    m.key(KeyCode::Char('t'));
    assert_eq!(touches(&m), first + added, "the team view was read again after the write");
    // Calls written by another program (a CRM import from the command line) show too.
    m.key(KeyCode::Char('t'));
    m.conn()
        .execute_batch(
            "INSERT INTO activities (rep_id, occurred_at, week, kind, outcome, count)
             SELECT id, strftime('%Y-%m-%dT09:00:00', date('2026-11-27')), date('2026-11-27', 'weekday 0', '-6 days'),
                    'call', 'none', 10 FROM reps WHERE active = 1 LIMIT 1",
        )
        .unwrap();
    m.key(KeyCode::Char('t'));
    assert_eq!(touches(&m), first + added + 10, "another connection's write is seen");
}

#[test]
fn team_views_prepared_while_idle_are_the_ones_asked_for_and_follow_other_writers() {
    use sparring::dashboard::{self, Span};
    use sparring::domain::period::Period;
    use sparring::tui::action::Action;
    use sparring::tui::effects::Effect;

    let mut m = Meeting::on_demo();
    let rep = m.runner.store.reps().unwrap()[0].id;
    let period = Period::LAST_4_WEEKS;
    let Action::RepLoaded(_) = m.runner.run(Effect::LoadRep { rep, period }) else { panic!("the rep loads") };
    // The period shown and the one `[` steps to (nothing after the current one).
    let mut prepared = 0;
    while m.runner.prepare_ahead() {
        prepared += 1;
        assert!(prepared <= 2, "prepares each view once");
    }
    assert_eq!(prepared, 2);
    let served = |m: &mut Meeting, period| match m.runner.run(Effect::LoadTeam { period }) {
        Action::TeamLoaded(team) => *team,
        other => panic!("{other:?}"),
    };
    for p in [period, period.earlier()] {
        assert_eq!(served(&mut m, p), dashboard::load_team(&m.runner.store, Span::Preset(p), today()).unwrap());
    }
    // Another process logs a meeting: what was prepared is stale and made again from the file.
    let before = served(&mut m, period).team.funnel.meetings;
    Connection::open(&m.db)
        .unwrap()
        .execute(
            "INSERT INTO activities (rep_id, occurred_at, week, kind, outcome, count)
             VALUES (?1, '2026-11-26T10:00:00', '2026-11-23', 'meeting', 'none', 5)",
            [rep.0],
        )
        .unwrap();
    assert!(m.runner.prepare_ahead(), "the change is noticed while idle");
    assert_eq!(served(&mut m, period).team.funnel.meetings, before + 5);
}
