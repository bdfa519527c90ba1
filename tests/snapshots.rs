//! Every screen rendered into a `TestBackend` at 100×30 and 80×24, on the demo team with a
//! fixed today, compared with the reviewed snapshots in `tests/snapshots/`.

use chrono::NaiveDate;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};
use sparring::clock::Clock;
use sparring::demo::{DemoParams, generate};
use sparring::script::Script;
use sparring::store::Store;
use sparring::tui::app::App;
use sparring::tui::effects::Runner;
use sparring::tui::theme::Theme;
use sparring::tui::{handle_event, prepare, render};

const SIZES: [(u16, u16); 2] = [(100, 30), (80, 24)];

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 27).unwrap()
}

struct Fixture {
    app: App,
    runner: Runner,
    _dir: tempfile::TempDir,
}

fn fixture(demo: bool) -> Fixture {
    fixture_on(demo, None)
}

/// The demo team (or an empty database), opened on `rep` or on the first rep by name.
fn fixture_on(demo: bool, rep: Option<&str>) -> Fixture {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(&dir.path().join("demo.db")).unwrap();
    let script = Script::embedded();
    if demo {
        generate(&mut store, &script, &DemoParams::default_for(today())).unwrap();
    }
    let (mut app, runner) = prepare(store, script, Clock::fixed(today()), rep, Theme::monochrome()).unwrap();
    app.db_label = "~/.local/share/sparring/sparring.db".to_string();
    Fixture { app, runner, _dir: dir }
}

impl Fixture {
    fn key(&mut self, code: KeyCode) -> &mut Self {
        self.key_with(code, KeyModifiers::NONE)
    }

    fn key_with(&mut self, code: KeyCode, mods: KeyModifiers) -> &mut Self {
        handle_event(&mut self.app, &mut self.runner, Event::Key(KeyEvent::new(code, mods)), false);
        self
    }

    fn text(&mut self, text: &str) -> &mut Self {
        for c in text.chars() {
            self.key(KeyCode::Char(c));
        }
        self
    }

    /// Snapshots the screen at both sizes. Notices carry the time of day: cleared first.
    fn snap(&mut self, name: &str) {
        self.snap_at(name, &SIZES);
    }

    fn snap_at(&mut self, name: &str, sizes: &[(u16, u16)]) {
        self.app.notice = None;
        for &(w, h) in sizes {
            let mut terminal = Terminal::new(TestBackend::new(w, h)).unwrap();
            terminal.draw(|frame| render::render(&self.app, frame)).unwrap();
            insta::assert_snapshot!(format!("{name}_{w}x{h}"), terminal.backend());
        }
    }
}

#[test]
fn prospecting_pane() {
    let mut f = fixture(true);
    f.snap("prospecting");
    // `[`: the 4 weeks before these, whole, compared with the 4 weeks before them.
    f.key(KeyCode::Char('['));
    f.snap("prospecting_4_weeks_before");
    // The length key comes back to the present: this quarter, then the last 12 weeks.
    f.key(KeyCode::Char('L')).key(KeyCode::Char('L'));
    f.snap("prospecting_last_12_weeks");
    // This week, Monday to Friday so far, against Monday to Friday of last week.
    f.key(KeyCode::Char('L'));
    f.snap("prospecting_this_week");
    f.key(KeyCode::Char('t')).key(KeyCode::Char('['));
    f.snap("prospecting_team_last_week");
}

#[test]
fn prospecting_views() {
    // The commitment misser: calls bunched on Friday afternoon, planned blocks.
    let mut f = fixture_on(true, Some("Kenji Dupont"));
    f.key(KeyCode::Char('b'));
    f.snap("prospecting_by_channel");
    // With room, the three tables stand together, the chosen one on top.
    f.snap_at("prospecting_breakdowns_together", &[(120, 40)]);
    f.key(KeyCode::Char('b'));
    f.snap("prospecting_by_message");
    f.key(KeyCode::Char('b'));
    f.snap("prospecting_by_segment");
    f.key(KeyCode::Char('w'));
    f.snap("prospecting_week_and_trends");
    f.key(KeyCode::Char('t'));
    f.snap("prospecting_team");
    f.key(KeyCode::Down).key(KeyCode::Enter);
    f.snap("prospecting_team_opens_a_rep");
}

#[test]
fn prospecting_forms() {
    let mut f = fixture(true);
    f.key(KeyCode::Char('e'));
    f.snap("prospecting_targets_form");
    f.key(KeyCode::Esc).key(KeyCode::Char('l')).key(KeyCode::Tab).text("45");
    f.snap("prospecting_log_form");
}

#[test]
fn prospecting_review() {
    let mut f = fixture(true);
    f.key(KeyCode::Char('p'));
    f.snap("prospecting_review_first_question");
    f.text("Healthcare CIOs").key(KeyCode::Enter);
    f.snap("prospecting_review_real_chance");
    for _ in 0..3 {
        f.key(KeyCode::PageDown);
    }
    f.text("Two call blocks Tue/Thu").key(KeyCode::Tab).text("next week");
    f.snap("prospecting_review_commitment");
    f.key(KeyCode::Enter).key(KeyCode::PageDown);
    f.snap("prospecting_review_summary");
}

#[test]
fn prospecting_pane_of_the_meeting_machine() {
    // The demo's second persona: many meetings, almost no opportunities.
    let mut f = fixture_on(true, Some("Mateo Romano"));
    f.snap("prospecting_meeting_machine");
}

#[test]
fn rep_picker_switches_rep() {
    let mut f = fixture(true);
    let first = f.app.current_rep().unwrap().name.clone();
    f.key(KeyCode::Char('r')).key(KeyCode::Down).key(KeyCode::Enter);
    let second = f.app.current_rep().unwrap().name.clone();
    assert_ne!(first, second);
    f.snap("prospecting_second_rep");
}

#[test]
fn deal_challenge_list_and_card() {
    let mut f = fixture(true);
    f.key(KeyCode::Char('2'));
    f.snap("challenge_list");
    f.key(KeyCode::Down).key(KeyCode::Down);
    f.snap("challenge_list_third_deal");
    f.key(KeyCode::Char('c'));
    f.snap("challenge_card_whole");
    // At 80×24 the card does not fit: it scrolls.
    f.key(KeyCode::PageDown);
    f.snap_at("challenge_card_scrolled", &[(80, 24)]);
    f.key(KeyCode::Char('c')).key(KeyCode::Char('s'));
    f.snap("challenge_list_by_amount");
    f.key(KeyCode::Char('/')).text("gir");
    f.snap("challenge_list_filtered");
}

#[test]
fn deal_forms() {
    let mut f = fixture(true);
    f.key(KeyCode::Char('2')).key(KeyCode::Char('e'));
    f.snap("deal_edit_form");
    f.key(KeyCode::Esc).key(KeyCode::Char('a')).text("Umbra Logistics");
    f.snap("deal_add_form");
}

/// Presses PgDn until the question with this text is shown.
fn to_question(f: &mut Fixture, text: &str) {
    for _ in 0..30 {
        if f.app.deal_list.wizard.as_ref().and_then(|w| w.current()).is_some_and(|q| q.text.contains(text)) {
            return;
        }
        f.key(KeyCode::PageDown);
    }
    panic!("no question containing {text:?}");
}

#[test]
fn deal_script_every_answer_kind() {
    let mut f = fixture(true);
    f.key(KeyCode::Char('2')).key(KeyCode::Enter);
    f.snap("script_criteria");
    f.key(KeyCode::Char('v')).text("Needs signed off by the COO");
    f.snap("script_criteria_form");
    f.key(KeyCode::Enter);
    to_question(&mut f, "concrete commitments");
    f.snap("script_commitments");
    // Typing on the list starts a new commitment, the first key included.
    f.text("Send the list of sites").key(KeyCode::Tab).text("fri");
    f.snap("script_commitment_form");
    f.key(KeyCode::Enter);
    to_question(&mut f, "What has the prospect done");
    f.text("Pain confirmed by the COO").key_with(KeyCode::Enter, KeyModifiers::ALT).text("Budget not yet: q is text");
    f.snap("script_text");
    f.key(KeyCode::Enter);
    f.key(KeyCode::Char('1')).text("Amélie, the COO");
    f.snap("script_yes_no");
    f.key(KeyCode::Enter);
    f.text("Budget sits in next year's plan").key(KeyCode::Tab).text("Ask the COO");
    f.snap("script_hypothesis_form");
    f.key(KeyCode::Enter);
    to_question(&mut f, "up against");
    f.key(KeyCode::Char('2'));
    f.snap("script_choice");
    to_question(&mut f, "secure the next step");
    // One key settles an earlier commitment; its why is typed on the row.
    f.key(KeyCode::Up).key(KeyCode::Char('d')).text("Sent on Monday");
    f.snap("script_settle_why");
    f.key(KeyCode::Enter);
    // Past the last question: the verdict. Commit is picked with → (a letter would be text).
    f.key(KeyCode::PageDown);
    f.key(KeyCode::Right).key(KeyCode::Right).key(KeyCode::Right).key(KeyCode::Tab);
    f.snap("script_verdict_needs_a_reason");
    f.text("Signatory named").key(KeyCode::Tab).key(KeyCode::Char('4')).key(KeyCode::Enter);
    f.snap("script_summary");
}

#[test]
fn deal_script_scale_on_a_proposal() {
    let mut f = fixture(true);
    f.key(KeyCode::Char('2'));
    let at = f.app.listed_deals().iter().position(|d| d.deal.stage == "proposal").expect("a deal in proposal");
    for _ in 0..at {
        f.key(KeyCode::Down);
    }
    f.key(KeyCode::Enter);
    to_question(&mut f, "How solid is the close date");
    f.key(KeyCode::Char('4'));
    f.snap("script_scale");
}

#[test]
fn overlays() {
    let mut f = fixture(true);
    f.key(KeyCode::Char('2')).key(KeyCode::Char('?'));
    f.snap("help_deal_list");
    f.key(KeyCode::Esc).key(KeyCode::Char('r'));
    f.snap("rep_picker");
}

#[test]
fn empty_database_welcome() {
    let mut f = fixture(false);
    f.snap("welcome");
}

#[test]
fn terminal_too_small() {
    let f = fixture(true);
    let mut terminal = Terminal::new(TestBackend::new(60, 20)).unwrap();
    terminal.draw(|frame| render::render(&f.app, frame)).unwrap();
    insta::assert_snapshot!("too_small_60x20", terminal.backend());
}

#[test]
fn a_long_notice_never_covers_the_tabs() {
    let mut f = fixture(true);
    let text = "Resumed today's review of Emma Fischer at Arvella Mutual S.p.A. — Data platform migration";
    for (w, h) in [(80, 24), (120, 40)] {
        f.app.notice = Some(sparring::tui::app::Notice::info(text));
        let mut terminal = Terminal::new(TestBackend::new(w, h)).unwrap();
        terminal.draw(|frame| render::render(&f.app, frame)).unwrap();
        let first: String =
            (0..w).map(|x| terminal.backend().buffer()[(x, 0)].symbol().to_string()).collect::<String>();
        assert!(first.contains(" 1 Prospecting   2 Deal challenge  Resumed"), "{w}x{h}: {first:?}");
        assert!(first.trim_end().ends_with('…'), "{w}x{h}: {first:?}");
    }
}
