//! The script's state machine, with no I/O: messages in, writes and steps out.

use chrono::NaiveDate;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use super::*;
use crate::domain::commitment::{Commitment, CommitmentStatus, Owner};
use crate::domain::deal::tests::sample_deal;
use crate::domain::ids::CommitmentId;
use crate::tui::editors::{Quick, Row, RowField, Write};
use crate::tui::keys::Mode;
use crate::tui::view::DealView;

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
    DealView { commitments: vec![earlier], ..DealView::bare(sample_deal()) }
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
        let verdict = verdict_form(&script, &view, today());
        let questions = script.questions_for("proposal").into_iter().cloned().collect();
        let wizard = Wizard::new(
            Subject::Deal(DealId(1)),
            questions,
            HashMap::new(),
            HashMap::new(),
            Some(verdict),
            start,
            Some(ctx),
            100,
        );
        Fixture { script, view, wizard, tokens: 100 }
    }

    fn send(&mut self, msg: Msg) -> Vec<Out> {
        let ctx = Ctx::of(&self.view, self.script.stage("proposal"), today());
        self.wizard.handle(msg, Some(ctx), &mut self.tokens)
    }

    fn mode(&self) -> Mode {
        self.wizard.mode()
    }

    fn key(&mut self, code: KeyCode) -> Vec<Out> {
        self.send(Msg::Key(KeyEvent::new(code, KeyModifiers::NONE)))
    }

    fn shift(&mut self, c: char) -> Vec<Out> {
        self.send(Msg::Key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::SHIFT)))
    }

    fn text(&mut self, text: &str) -> Vec<Out> {
        text.chars().flat_map(|c| self.key(KeyCode::Char(c))).collect()
    }

    fn writes(outs: &[Out]) -> Vec<Write> {
        outs.iter().filter_map(|o| if let Out::Write(w, _) = o { Some(w.clone()) } else { None }).collect()
    }

    fn answers(outs: &[Out]) -> Vec<String> {
        outs.iter().filter_map(|o| if let Out::Answer(s) = o { Some(s.answer.clone()) } else { None }).collect()
    }

    fn form_text(&self, key: RowField) -> Option<String> {
        match self.wizard.answer() {
            Answer::List(list) => list.form.as_ref().map(|f| f.form.text(key)),
            _ => None,
        }
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
    assert!(f.mode().takes_text());
}

#[test]
fn a_resumed_script_gives_the_question_the_keyboard() {
    let mut f = Fixture::new(&Start::Resume("worry".into()));
    assert_eq!(f.wizard.step(), Step::Question(3));
    assert_eq!(f.mode(), Mode::Typing, "typed text is text, however the question was reached");
    f.text("quiet since Monday");
    assert_eq!(Fixture::answers(&f.send(Msg::Autosave)), ["quiet since Monday"]);
    let f = Fixture::new(&Start::Resume(VERDICT_STEP.into()));
    assert_eq!(f.wizard.step(), Step::Verdict);
    let f = Fixture::new(&Start::Resume("removed_from_the_script".into()));
    assert_eq!(f.wizard.step(), Step::Question(0));
}

#[test]
fn a_question_reached_by_page_down_has_the_keyboard() {
    let mut f = Fixture::new(&Start::Fresh);
    f.go_to("worry");
    assert_eq!(f.mode(), Mode::Typing);
    f.text("Jan Berg signs");
    assert_eq!(Fixture::answers(&f.send(Msg::NextQuestion)), ["Jan Berg signs"]);
}

#[test]
fn text_answers_save_on_enter_and_the_position_follows() {
    let mut f = Fixture::new(&Start::Fresh);
    f.go_to("worry");
    f.text("Silence since the demo");
    let outs = f.send(Msg::SaveAndNext);
    assert!(
        outs.iter()
            .any(|o| matches!(o, Out::Answer(s) if s.question_id == "worry" && s.answer == "Silence since the demo"))
    );
    assert!(outs.contains(&Out::Position("bets".into())));
    assert!(f.wizard.has_draft("worry"));
    f.wizard.confirm_saved("worry", "Silence since the demo");
    assert!(f.wizard.is_answered("worry"));
    let outs = f.send(Msg::PrevQuestion);
    assert!(outs.iter().all(|o| !matches!(o, Out::Answer(_))), "nothing changed, nothing written");
    assert_eq!(f.wizard.current().map(|q| q.id.as_str()), Some("worry"));
}

#[test]
fn a_pause_saves_and_escape_leaves_the_script_with_the_answer_saved() {
    let mut f = Fixture::new(&Start::Fresh);
    f.go_to("worry");
    f.text("Half");
    let outs = f.send(Msg::Autosave);
    assert!(matches!(&outs[..], [Out::Answer(s)] if s.answer == "Half" && s.group.is_some()));
    f.text(" done");
    let outs = f.send(Msg::Leave);
    assert!(matches!(&outs[..], [Out::Answer(s), Out::Close] if s.answer == "Half done"), "{outs:?}");
}

#[test]
fn yes_no_picks_by_digit_and_a_letter_starts_the_note() {
    let mut f = Fixture::new(&Start::Fresh);
    f.go_to("sponsor");
    assert_eq!(f.mode(), Mode::Choosing);
    f.text("no sponsor yet");
    let outs = f.send(Msg::SaveAndNext);
    assert_eq!(Fixture::answers(&outs), ["no sponsor yet"], "the n of a word never answers No");
    f.send(Msg::PrevQuestion);
    f.wizard.confirm_saved("sponsor", "no sponsor yet");
    let mut f = Fixture::new(&Start::Fresh);
    f.go_to("sponsor");
    f.key(KeyCode::Char('2'));
    f.shift('O');
    f.text("nly a coach so far");
    let outs = f.send(Msg::SaveAndNext);
    assert_eq!(Fixture::answers(&outs), ["No\nOnly a coach so far"]);
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
fn typing_on_a_commitments_list_starts_a_new_commitment_with_every_key() {
    let mut f = Fixture::new(&Start::Fresh);
    f.go_to("promises");
    assert_eq!(f.mode(), Mode::NewRow, "the cursor waits on the new row");
    f.shift('J');
    f.text("an Berg signs");
    assert_eq!(f.form_text(RowField::What).as_deref(), Some("Jan Berg signs"), "no key lost, none ran a command");
    let outs = f.key(KeyCode::Tab);
    let writes = Fixture::writes(&outs);
    let token = match &writes[..] {
        [Write::AddCommitment { token, what, owner: Owner::Rep, .. }] if what == "Jan Berg signs" => *token,
        other => panic!("the prospect has an open one, so the next defaults to the rep: {other:?}"),
    };
    f.text("+7d");
    // The id comes back while the form is still open: the next save updates that row.
    f.send(Msg::Inserted { token, row: Row::Commitment(CommitmentId(11)) });
    f.view.commitments.push(Commitment {
        id: CommitmentId(11),
        what: "Jan Berg signs".into(),
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
            what: "Jan Berg signs".into(),
            due_on: NaiveDate::from_ymd_opt(2026, 12, 4),
        }]
    );
}

#[test]
fn edits_made_before_the_new_row_has_its_id_are_not_lost() {
    let mut f = Fixture::new(&Start::Fresh);
    f.go_to("promises");
    f.send(Msg::OpenRow);
    f.text("Pilot scope signed");
    let token = match &Fixture::writes(&f.key(KeyCode::Tab))[..] {
        [Write::AddCommitment { token, .. }] => *token,
        other => panic!("{other:?}"),
    };
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
    let writes = Fixture::writes(&f.send(Msg::Inserted { token, row: Row::Commitment(CommitmentId(12)) }));
    assert!(
        matches!(&writes[..], [Write::UpdateCommitment { id: CommitmentId(12), due_on: Some(_), .. }]),
        "{writes:?}"
    );
}

#[test]
fn esc_on_a_new_commitment_undoes_what_its_form_wrote() {
    let mut f = Fixture::new(&Start::Fresh);
    f.go_to("promises");
    f.text("Send the figures");
    let writes = Fixture::writes(&f.key(KeyCode::Tab));
    assert_eq!(writes.len(), 1, "written as its field is left");
    let group = f.wizard.group();
    let outs = f.send(Msg::Leave);
    assert_eq!(outs, vec![Out::Undo(group)], "Esc cancels the form: the row it added goes");
    assert_eq!(f.mode(), Mode::NewRow);
    // A form that wrote nothing has nothing to undo.
    f.text("Half a thought");
    assert!(f.send(Msg::Leave).is_empty());
}

#[test]
fn an_earlier_promise_is_settled_in_one_key_with_an_optional_why() {
    let mut f = Fixture::new(&Start::Fresh);
    f.go_to("promises");
    f.send(Msg::RowUp);
    assert_eq!(f.mode(), Mode::CommitmentList);
    let outs = f.send(Msg::Quick(Quick::Settle(CommitmentStatus::Missed)));
    assert_eq!(
        Fixture::writes(&outs),
        vec![Write::SettleCommitment { id: CommitmentId(10), status: CommitmentStatus::Missed, note: String::new() }],
        "settled at once"
    );
    assert_eq!(f.mode(), Mode::Why, "the why is typed on the row");
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
    // Esc on the why takes the settle back.
    f.view.commitments[0].status = CommitmentStatus::Missed;
    let outs = f.send(Msg::Quick(Quick::Settle(CommitmentStatus::Done)));
    let group = match &outs[..] {
        [Out::Write(_, group)] => *group,
        other => panic!("{other:?}"),
    };
    assert_eq!(f.send(Msg::Cancel), vec![Out::Undo(group)]);
}

#[test]
fn criteria_are_validated_with_evidence_or_typed_as_not_yet() {
    let mut f = Fixture::new(&Start::Fresh);
    assert_eq!(f.mode(), Mode::CriteriaList);
    // `v` then nothing typed: Enter refuses, Esc writes nothing.
    f.send(Msg::Quick(Quick::Validate));
    let outs = f.send(Msg::CloseForm);
    assert!(Fixture::writes(&outs).is_empty() && outs.iter().any(|o| matches!(o, Out::Warn(_))), "{outs:?}");
    assert!(f.send(Msg::Leave).is_empty(), "nothing was written, nothing to undo");
    f.send(Msg::Quick(Quick::Validate));
    f.text("CFO confirmed €120k in writing");
    let writes = Fixture::writes(&f.send(Msg::CloseForm));
    assert!(
        matches!(&writes[..], [Write::ValidateCriterion { criterion, evidence, .. }] if criterion == "budget" && evidence.starts_with("CFO"))
    );
    f.send(Msg::RowDown);
    f.shift('O');
    f.text("rg chart still not shared");
    let writes = Fixture::writes(&f.send(Msg::CloseForm));
    assert!(
        matches!(&writes[..], [Write::NoteCriterion { criterion, note, .. }] if criterion == "legal" && note == "Org chart still not shared"),
        "{writes:?}"
    );
}

#[test]
fn a_hypothesis_is_typed_with_its_test() {
    let mut f = Fixture::new(&Start::Fresh);
    f.go_to("bets");
    f.shift('B');
    f.text("udget is in next year's plan");
    let writes = Fixture::writes(&f.key(KeyCode::Tab));
    assert!(
        matches!(&writes[..], [Write::AddHypothesis { statement, .. }] if statement == "Budget is in next year's plan"),
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
fn nothing_is_recorded_by_paging_through_the_verdict() {
    let mut f = Fixture::new(&Start::Resume("bets".into()));
    let outs = f.send(Msg::NextQuestion);
    assert_eq!(f.wizard.step(), Step::Verdict);
    let outs: Vec<Out> = outs.into_iter().chain(f.send(Msg::NextQuestion)).collect();
    assert_eq!(f.wizard.step(), Step::Summary);
    assert!(!outs.iter().any(|o| matches!(o, Out::Verdict(..))), "PgDn passes the verdict by: {outs:?}");
    let verdict = f.wizard.verdict.as_ref().unwrap();
    assert_eq!(verdict.form.text(VerdictField::Forecast), "", "no forecast is picked for the manager");
    assert_eq!(verdict.form.text(VerdictField::Confidence), "", "confidence has no default");
}

#[test]
fn the_verdict_needs_a_forecast_and_a_reason_to_overrule_the_rep() {
    let mut f = Fixture::new(&Start::Resume(VERDICT_STEP.into()));
    assert_eq!(f.mode(), Mode::Verdict);
    let outs = f.send(Msg::SaveAndNext);
    assert!(outs.iter().any(|o| matches!(o, Out::Warn(w) if w.contains("forecast"))), "{outs:?}");
    // The sample deal is a commit; the manager calls it best case.
    f.key(KeyCode::Right);
    f.key(KeyCode::Right);
    let outs = f.key(KeyCode::Tab);
    assert!(outs.is_empty(), "moving in the verdict writes nothing: {outs:?}");
    let outs = f.send(Msg::SaveAndNext);
    assert!(outs.iter().any(|o| matches!(o, Out::Warn(_))));
    assert!(!outs.iter().any(|o| matches!(o, Out::Verdict(..))), "no forecast without its reason");
    assert_eq!(f.wizard.step(), Step::Verdict);
    f.text("No signatory named yet");
    let outs = f.send(Msg::SaveAndNext);
    assert!(outs.iter().any(
        |o| matches!(o, Out::Verdict(v, _) if v.comment == "No signatory named yet" && v.forecast == Forecast::BestCase && v.confidence.is_none())
    ));
    assert_eq!(f.wizard.step(), Step::Summary);
    assert!(
        f.wizard.verdict.as_ref().is_some_and(|v| v.sent),
        "the summary says it is being saved, not \"no verdict\""
    );
    assert!(!f.wizard.is_editing());
    f.send(Msg::PrevQuestion);
    assert_eq!(f.wizard.step(), Step::Verdict);
    f.send(Msg::PrevQuestion);
    assert_eq!(f.wizard.current().map(|q| q.id.as_str()), Some("bets"));
}

#[test]
fn the_stage_field_does_not_wrap_and_a_move_past_criteria_asks_once() {
    let script = Script::parse(
        &SCRIPT.replace(
            "[[questions]]\nid = \"why\"",
            "[[stages]]\nkey = \"negotiate\"\nname = \"Negotiation\"\nexpected_days = 14\ncriteria = [{ id = \"terms\", text = \"Terms agreed\" }]\n\n[[questions]]\nid = \"why\"",
        ),
        "test.toml",
    )
    .unwrap();
    let view = view();
    let mut verdict = verdict_form(&script, &view, today());
    verdict.form = verdict.form.focus_on(VerdictField::StageTo);
    let left = KeyEvent::new(KeyCode::Left, KeyModifiers::NONE);
    verdict.form.handle(left);
    assert_eq!(verdict.form.text(VerdictField::StageTo), "proposal", "the first stage: ← stops there");
    let ctx = Ctx::of(&view, script.stage("proposal"), today());
    let mut wizard = Wizard::new(
        Subject::Deal(DealId(1)),
        Vec::new(),
        HashMap::new(),
        HashMap::new(),
        Some(verdict),
        &Start::Resume(VERDICT_STEP.into()),
        Some(ctx),
        1,
    );
    let mut tokens = 1;
    for code in [KeyCode::Right, KeyCode::Right] {
        wizard.handle(Msg::Key(KeyEvent::new(code, KeyModifiers::NONE)), Some(ctx), &mut tokens);
    }
    assert_eq!(
        wizard.verdict.as_ref().unwrap().form.text(VerdictField::StageTo),
        "negotiate",
        "the last stage: → stops there"
    );
    let fields = wizard.verdict.as_ref().unwrap().form.clone();
    let mut form = fields.focus_on(VerdictField::Forecast);
    form.handle(KeyEvent::new(KeyCode::Right, KeyModifiers::NONE));
    form.handle(KeyEvent::new(KeyCode::Right, KeyModifiers::NONE));
    form.handle(KeyEvent::new(KeyCode::Right, KeyModifiers::NONE));
    wizard.verdict.as_mut().unwrap().form = form;
    let outs = wizard.handle(Msg::SaveAndNext, Some(ctx), &mut tokens);
    assert!(outs.is_empty(), "{outs:?}");
    let question = wizard.verdict.as_ref().unwrap().confirm.clone().expect("asks before moving");
    assert!(question.contains("Budget confirmed") && question.contains("Legal steps known"), "{question}");
    let outs = wizard.handle(Msg::SaveAndNext, Some(ctx), &mut tokens);
    assert!(outs.iter().any(|o| matches!(o, Out::Verdict(v, _) if v.stage_to == "negotiate")), "{outs:?}");
}

#[test]
fn the_last_question_leads_to_the_verdict() {
    let mut f = Fixture::new(&Start::Resume("bets".into()));
    f.send(Msg::NextQuestion);
    assert_eq!(f.wizard.step(), Step::Verdict);
    assert_eq!(f.wizard.position_id(), VERDICT_STEP);
}
