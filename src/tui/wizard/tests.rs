//! The script's state machine, with no I/O: messages in, writes and steps out.

use chrono::NaiveDate;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use super::*;
use crate::domain::challenge::Assessment;
use crate::domain::commitment::{Commitment, CommitmentStatus, Owner};
use crate::domain::deal::tests::sample_deal;
use crate::domain::ids::CommitmentId;
use crate::tui::action::DealView;
use crate::tui::editors::{Quick, Row, Write};

const SCRIPT: &str = r#"
name = "test"
[[stages]]
key = "proposal"
name = "Proposal"
expected_days = 21
criteria = [{ id = "budget", text = "Budget confirmed" }, { id = "legal", text = "Legal steps known" }]

[[questions]]
id = "why"
text = "Why not validated?"
kind = "criteria"

[[questions]]
id = "promises"
text = "Which commitments?"
kind = "commitments"
required = true

[[questions]]
id = "sponsor"
text = "A sponsor?"
kind = "yes_no"

[[questions]]
id = "worry"
text = "What worries you?"

[[questions]]
id = "bets"
text = "Which hypotheses?"
kind = "hypotheses"
"#;

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 27).unwrap()
}

fn script() -> Script {
    Script::parse(SCRIPT, "test.toml").unwrap()
}

fn view() -> DealView {
    let earlier = Commitment {
        id: CommitmentId(10),
        deal_id: Some(DealId(1)),
        rep_id: crate::domain::ids::RepId(1),
        owner: Owner::Prospect,
        what: "Send the data".into(),
        due_on: Some(NaiveDate::from_ymd_opt(2026, 11, 20).unwrap()),
        status: CommitmentStatus::Open,
        made_in_review: None,
        created_on: Some(NaiveDate::from_ymd_opt(2026, 11, 13).unwrap()),
        settled_on: None,
        note: String::new(),
    };
    DealView {
        deal: sample_deal(),
        assessment: Assessment::default(),
        checks: Vec::new(),
        notes: Vec::new(),
        commitments: vec![earlier],
        hypotheses: Vec::new(),
        changes: Vec::new(),
        history: Vec::new(),
        last_review: None,
        last_verdict: None,
        today_verdict: None,
        close_pushes: 0,
    }
}

struct Fixture {
    script: Script,
    view: DealView,
    wizard: Wizard,
    tokens: u64,
}

impl Fixture {
    fn new(start: &Start) -> Fixture {
        let script = script();
        let view = view();
        let ctx = Ctx::of(&view, script.stage("proposal"), today());
        let verdict = verdict_form(&script, &view);
        let questions = script.questions_for("proposal").into_iter().cloned().collect();
        let wizard = Wizard::new(
            Subject::Deal(DealId(1)),
            questions,
            HashMap::new(),
            HashMap::new(),
            Some(verdict),
            start,
            Some(ctx),
        );
        Fixture { script, view, wizard, tokens: 0 }
    }

    fn send(&mut self, msg: Msg) -> Vec<Out> {
        let ctx = Ctx::of(&self.view, self.script.stage("proposal"), today());
        self.wizard.handle(msg, Some(ctx), &mut self.tokens)
    }

    fn key(&mut self, code: KeyCode) -> Vec<Out> {
        self.send(Msg::Key(KeyEvent::new(code, KeyModifiers::NONE)))
    }

    fn text(&mut self, text: &str) -> Vec<Out> {
        text.chars().flat_map(|c| self.key(KeyCode::Char(c))).collect()
    }

    fn writes(outs: &[Out]) -> Vec<Write> {
        outs.iter().filter_map(|o| if let Out::Write(w) = o { Some(w.clone()) } else { None }).collect()
    }

    /// Moves to a question by id, answering nothing on the way (skipping required ones).
    fn go_to(&mut self, id: &str) {
        for _ in 0..20 {
            if self.wizard.current().is_some_and(|q| q.id == id) {
                return;
            }
            self.send(Msg::NextQuestion);
        }
        panic!("no question {id}");
    }
}

#[test]
fn starts_on_the_first_question_with_the_keyboard() {
    let f = Fixture::new(&Start::Fresh);
    assert_eq!(f.wizard.step(), Step::Question(0));
    assert!(f.wizard.is_editing());
    assert!(matches!(f.wizard.answer(), Answer::List(_)));
    assert_eq!(f.wizard.position_id(), "why");
}

#[test]
fn a_resumed_script_shows_where_it_stopped_without_the_keyboard() {
    let f = Fixture::new(&Start::Resume("worry".into()));
    assert_eq!(f.wizard.step(), Step::Question(3));
    assert!(!f.wizard.is_editing(), "no key meant to navigate lands in the answer");
    let f = Fixture::new(&Start::Resume(VERDICT_STEP.into()));
    assert_eq!(f.wizard.step(), Step::Verdict);
    let f = Fixture::new(&Start::Resume("removed_from_the_script".into()));
    assert_eq!(f.wizard.step(), Step::Question(0));
}

#[test]
fn text_answers_save_on_enter_and_the_position_follows() {
    let mut f = Fixture::new(&Start::Fresh);
    f.go_to("worry");
    f.send(Msg::Edit);
    f.text("Silence since the demo");
    let outs = f.send(Msg::SaveAndNext);
    assert!(
        outs.iter()
            .any(|o| matches!(o, Out::Answer(s) if s.question_id == "worry" && s.answer == "Silence since the demo"))
    );
    assert!(outs.contains(&Out::Position("bets".into())));
    assert!(f.wizard.is_editing(), "the next answer can be typed at once");
    assert!(f.wizard.has_draft("worry"));
    f.wizard.confirm_saved("worry", "Silence since the demo");
    assert!(f.wizard.is_answered("worry"));
    let outs = f.send(Msg::PrevQuestion);
    assert!(outs.iter().all(|o| !matches!(o, Out::Answer(_))), "nothing changed, nothing written");
    assert_eq!(f.wizard.current().map(|q| q.id.as_str()), Some("worry"));
}

#[test]
fn a_pause_saves_and_escape_leaves_the_field() {
    let mut f = Fixture::new(&Start::Fresh);
    f.go_to("worry");
    f.send(Msg::Edit);
    f.text("Half");
    let outs = f.send(Msg::Autosave);
    assert!(matches!(&outs[..], [Out::Answer(s)] if s.answer == "Half"));
    assert!(f.wizard.is_editing());
    f.text(" done");
    let outs = f.send(Msg::Leave);
    assert!(matches!(&outs[..], [Out::Answer(s)] if s.answer == "Half done"));
    assert!(!f.wizard.is_editing());
    assert!(f.key(KeyCode::Char('x')).is_empty(), "keys no longer reach the answer");
}

#[test]
fn yes_no_picks_an_option_and_keeps_a_note() {
    let mut f = Fixture::new(&Start::Fresh);
    f.go_to("sponsor");
    f.send(Msg::Edit);
    f.key(KeyCode::Char('n'));
    f.key(KeyCode::Tab);
    f.text("only a coach so far");
    let outs = f.send(Msg::SaveAndNext);
    assert!(matches!(&outs[0], Out::Answer(s) if s.answer == "No\nonly a coach so far"), "{outs:?}");
}

#[test]
fn a_required_question_warns_once_then_lets_the_manager_skip_it() {
    let mut f = Fixture::new(&Start::Fresh);
    f.send(Msg::NextQuestion);
    assert_eq!(f.wizard.current().map(|q| q.id.as_str()), Some("promises"));
    let outs = f.send(Msg::NextQuestion);
    assert!(outs.iter().any(|o| matches!(o, Out::Warn(_))));
    assert_eq!(f.wizard.current().map(|q| q.id.as_str()), Some("promises"), "stays");
    f.send(Msg::NextQuestion);
    assert_eq!(f.wizard.current().map(|q| q.id.as_str()), Some("sponsor"), "second time skips");
    assert_eq!(f.wizard.missing_required().len(), 1);
}

#[test]
fn a_new_commitment_is_written_once_its_text_is_typed_then_updated() {
    let mut f = Fixture::new(&Start::Fresh);
    f.go_to("promises");
    f.send(Msg::Edit);
    f.send(Msg::Quick(Quick::Add));
    f.text("CFO meeting booked");
    let outs = f.key(KeyCode::Tab);
    let writes = Fixture::writes(&outs);
    assert!(
        matches!(&writes[..], [Write::AddCommitment { token: 1, what, owner: Owner::Rep, .. }] if what == "CFO meeting booked"),
        "the prospect has an open one, so the next defaults to the rep: {writes:?}"
    );
    f.text("+7d");
    // The id comes back while the form is still open: the next save updates that row.
    f.send(Msg::Inserted { token: 1, row: Row::Commitment(CommitmentId(11)) });
    f.view.commitments.push(Commitment {
        id: CommitmentId(11),
        what: "CFO meeting booked".into(),
        owner: Owner::Rep,
        due_on: None,
        created_on: Some(today()),
        ..f.view.commitments[0].clone()
    });
    let writes = Fixture::writes(&f.send(Msg::CloseForm));
    assert_eq!(
        writes,
        vec![Write::UpdateCommitment {
            id: CommitmentId(11),
            owner: Owner::Rep,
            what: "CFO meeting booked".into(),
            due_on: NaiveDate::from_ymd_opt(2026, 12, 4),
        }]
    );
}

#[test]
fn edits_made_before_the_new_row_has_its_id_are_not_lost() {
    let mut f = Fixture::new(&Start::Fresh);
    f.go_to("promises");
    f.send(Msg::Edit);
    f.send(Msg::Quick(Quick::Add));
    f.text("Pilot scope signed");
    f.key(KeyCode::Tab);
    f.text("fri");
    let writes = Fixture::writes(&f.send(Msg::CloseForm));
    assert!(writes.is_empty(), "the insert is on its way: no second insert");
    // The reload that brings the id also brings the row.
    f.view.commitments.push(Commitment {
        id: CommitmentId(12),
        what: "Pilot scope signed".into(),
        due_on: None,
        created_on: Some(today()),
        ..f.view.commitments[0].clone()
    });
    let writes = Fixture::writes(&f.send(Msg::Inserted { token: 1, row: Row::Commitment(CommitmentId(12)) }));
    assert!(
        matches!(&writes[..], [Write::UpdateCommitment { id: CommitmentId(12), due_on: Some(_), .. }]),
        "{writes:?}"
    );
}

#[test]
fn an_earlier_promise_is_settled_with_a_word_of_why() {
    let mut f = Fixture::new(&Start::Fresh);
    f.go_to("promises");
    f.send(Msg::Edit);
    f.send(Msg::Quick(Quick::Settle(CommitmentStatus::Missed)));
    f.text("CFO on holiday");
    let writes = Fixture::writes(&f.send(Msg::CloseForm));
    assert_eq!(
        writes,
        vec![Write::SettleCommitment {
            id: CommitmentId(10),
            status: CommitmentStatus::Missed,
            note: "CFO on holiday".into()
        }]
    );
}

#[test]
fn criteria_are_validated_with_evidence_or_noted_as_not_yet() {
    let mut f = Fixture::new(&Start::Fresh);
    f.send(Msg::Quick(Quick::Validate));
    f.text("CFO confirmed €120k in writing");
    let writes = Fixture::writes(&f.send(Msg::CloseForm));
    assert!(
        matches!(&writes[..], [Write::ValidateCriterion { criterion, evidence, .. }] if criterion == "budget" && evidence.starts_with("CFO"))
    );
    f.send(Msg::RowDown);
    f.send(Msg::Quick(Quick::NotYet));
    f.text("Legal not met yet");
    let writes = Fixture::writes(&f.send(Msg::CloseForm));
    assert!(
        matches!(&writes[..], [Write::NoteCriterion { criterion, note, .. }] if criterion == "legal" && note == "Legal not met yet")
    );
}

#[test]
fn a_hypothesis_is_added_with_its_test() {
    let mut f = Fixture::new(&Start::Fresh);
    f.go_to("bets");
    f.send(Msg::Edit);
    f.send(Msg::Quick(Quick::Add));
    f.text("Budget is in next year's plan");
    let writes = Fixture::writes(&f.key(KeyCode::Tab));
    assert!(
        matches!(&writes[..], [Write::AddHypothesis { statement, token: 1, .. }] if statement == "Budget is in next year's plan"),
        "written as soon as the statement is left: {writes:?}"
    );
    f.text("Ask the CFO");
    f.key(KeyCode::Tab);
    f.text("+10d");
    assert!(Fixture::writes(&f.send(Msg::CloseForm)).is_empty(), "the rest waits for the new row's id");
}

#[test]
fn a_bad_date_keeps_the_form_open_and_says_why() {
    let mut f = Fixture::new(&Start::Fresh);
    f.go_to("promises");
    f.send(Msg::Edit);
    f.send(Msg::Quick(Quick::Add));
    f.text("Demo for the board");
    f.key(KeyCode::Tab);
    f.text("someday");
    let outs = f.send(Msg::CloseForm);
    assert!(outs.iter().any(|o| matches!(o, Out::Warn(_))), "{outs:?}");
    match f.wizard.answer() {
        Answer::List(list) => assert!(list.form.is_some(), "still open to fix the date"),
        other => panic!("{other:?}"),
    }
}

#[test]
fn the_verdict_needs_a_reason_to_overrule_the_rep_then_the_summary_follows() {
    let mut f = Fixture::new(&Start::Resume(VERDICT_STEP.into()));
    f.send(Msg::Edit);
    // The sample deal is a commit; the manager calls it best case.
    f.key(KeyCode::Left);
    let outs = f.key(KeyCode::Tab);
    assert!(matches!(&outs[..], [Out::Verdict(v)] if v.forecast == Forecast::BestCase));
    let outs = f.send(Msg::SaveAndNext);
    assert!(outs.iter().any(|o| matches!(o, Out::Warn(_))));
    assert_eq!(f.wizard.step(), Step::Verdict);
    f.text("No signatory named yet");
    let outs = f.send(Msg::SaveAndNext);
    assert!(outs.iter().any(|o| matches!(o, Out::Verdict(v) if v.comment == "No signatory named yet")));
    assert_eq!(f.wizard.step(), Step::Summary);
    assert!(!f.wizard.is_editing());
    f.send(Msg::PrevQuestion);
    assert_eq!(f.wizard.step(), Step::Verdict);
    f.send(Msg::PrevQuestion);
    assert_eq!(f.wizard.current().map(|q| q.id.as_str()), Some("bets"));
}

#[test]
fn the_last_question_leads_to_the_verdict() {
    let mut f = Fixture::new(&Start::Resume("bets".into()));
    f.send(Msg::NextQuestion);
    assert_eq!(f.wizard.step(), Step::Verdict);
    assert_eq!(f.wizard.position_id(), VERDICT_STEP);
}
