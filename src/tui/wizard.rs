//! The deal script as a state machine: which question is shown, whether the answer field
//! has the keyboard, what was typed. It performs no I/O: leaving a field returns the
//! answer to save, and the app turns that into an effect.

use std::collections::HashMap;

use ratatui::crossterm::event::KeyEvent;
use ratatui_textarea::{CursorMove, TextArea, WrapMode};

use crate::domain::ids::DealId;
use crate::domain::review::PastAnswer;
use crate::domain::text::multi_line;
use crate::script::Question;

/// What the wizard is asked to do.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Msg {
    /// Give the answer field the keyboard.
    Edit,
    /// Save the answer and go to the next question (keeps typing).
    SaveAndNext,
    /// Leave the field, saving what was typed.
    Leave,
    /// Save what was typed so far, staying in the field (a pause in typing).
    Autosave,
    PrevQuestion,
    NextQuestion,
    NewLine,
    /// A key for the text field.
    Key(KeyEvent),
    /// Pasted text for the text field.
    Paste(String),
}

/// An answer to write to the database.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Save {
    pub deal: DealId,
    pub question_id: String,
    pub question_text: String,
    pub answer: String,
}

/// One deal's script in progress.
#[derive(Debug)]
pub struct Wizard {
    pub deal: DealId,
    pub questions: Vec<Question>,
    /// Index of the question shown; `questions.len()` is the end-of-deal screen.
    position: usize,
    editing: bool,
    input: TextArea<'static>,
    /// Answers confirmed written in today's review, by question id.
    saved: HashMap<String, String>,
    /// Answers typed but not yet confirmed written (a failed save keeps them here).
    drafts: HashMap<String, String>,
    /// What was answered at this deal's previous review, by question id.
    previous: HashMap<String, PastAnswer>,
}

impl Wizard {
    /// Starts the script of a deal at the first question with the answer field focused,
    /// or, resuming, at question `resume_at` with the field not focused: the manager first
    /// sees where they stopped, and no key meant for navigation lands in the answer.
    pub fn new(
        deal: DealId,
        questions: Vec<Question>,
        saved: HashMap<String, String>,
        previous: HashMap<String, PastAnswer>,
        resume_at: Option<&str>,
    ) -> Wizard {
        let position = resume_at.and_then(|id| questions.iter().position(|q| q.id == id)).unwrap_or(0);
        let mut wizard = Wizard {
            deal,
            questions,
            position,
            editing: resume_at.is_none(),
            input: TextArea::default(),
            saved,
            drafts: HashMap::new(),
            previous,
        };
        wizard.load_input();
        if wizard.is_done() {
            wizard.editing = false;
        }
        wizard
    }

    pub fn position(&self) -> usize {
        self.position
    }

    pub fn is_editing(&self) -> bool {
        self.editing
    }

    /// The end-of-deal screen is shown.
    pub fn is_done(&self) -> bool {
        self.position >= self.questions.len()
    }

    pub fn current(&self) -> Option<&Question> {
        self.questions.get(self.position)
    }

    pub fn input(&self) -> &TextArea<'static> {
        &self.input
    }

    /// The text in the field.
    pub fn input_text(&self) -> String {
        self.input.lines().join("\n").trim_end().to_string()
    }

    pub fn previous(&self, question_id: &str) -> Option<&PastAnswer> {
        self.previous.get(question_id)
    }

    /// Whether a question has an answer written in today's review.
    pub fn is_answered(&self, question_id: &str) -> bool {
        self.saved.get(question_id).is_some_and(|a| !a.trim().is_empty())
    }

    /// The answer written in today's review for a question.
    pub fn saved_answer(&self, question_id: &str) -> Option<&str> {
        self.saved.get(question_id).map(String::as_str)
    }

    /// Whether a question has typed text that is not written yet.
    pub fn has_draft(&self, question_id: &str) -> bool {
        self.drafts.contains_key(question_id)
    }

    pub fn answered(&self) -> usize {
        self.questions.iter().filter(|q| self.is_answered(&q.id)).count()
    }

    /// Records that an answer was written. Stale confirmations (the text changed since)
    /// leave the newer draft in place.
    pub fn confirm_saved(&mut self, question_id: &str, answer: &str) {
        self.saved.insert(question_id.to_string(), answer.to_string());
        if self.drafts.get(question_id).is_some_and(|d| d == answer) {
            self.drafts.remove(question_id);
        }
    }

    /// Handles one message; returns the answer to write, if leaving a field changed one.
    pub fn handle(&mut self, msg: Msg) -> Option<Save> {
        match msg {
            Msg::Edit => {
                if !self.is_done() {
                    self.editing = true;
                }
                None
            }
            Msg::Leave => {
                let save = self.commit();
                self.editing = false;
                save
            }
            Msg::Autosave => self.commit(),
            Msg::SaveAndNext | Msg::NextQuestion => {
                let save = self.commit();
                self.go_to(self.position + 1);
                save
            }
            Msg::PrevQuestion => {
                let save = self.commit();
                self.go_to(self.position.saturating_sub(1));
                save
            }
            Msg::NewLine => {
                if self.editing {
                    self.input.insert_newline();
                }
                None
            }
            Msg::Key(key) => {
                if self.editing {
                    self.input.input(key);
                }
                None
            }
            Msg::Paste(text) => {
                if self.editing {
                    let clean = multi_line(&text.replace("\r\n", "\n").replace('\r', "\n")).into_owned();
                    self.input.insert_str(clean);
                }
                None
            }
        }
    }

    /// The answer to write if the field holds something other than what is saved.
    fn commit(&mut self) -> Option<Save> {
        let question = self.current()?.clone();
        if !self.editing && !self.drafts.contains_key(&question.id) {
            return None;
        }
        let text = self.input_text();
        let saved = self.saved.get(&question.id).map_or("", String::as_str);
        if text == saved {
            self.drafts.remove(&question.id);
            return None;
        }
        self.drafts.insert(question.id.clone(), text.clone());
        Some(Save { deal: self.deal, question_id: question.id, question_text: question.text, answer: text })
    }

    fn go_to(&mut self, position: usize) {
        self.position = position.min(self.questions.len());
        if self.is_done() {
            self.editing = false;
        }
        self.load_input();
    }

    /// Fills the field with the draft or the saved answer of the current question.
    fn load_input(&mut self) {
        let text = self
            .current()
            .and_then(|q| self.drafts.get(&q.id).or_else(|| self.saved.get(&q.id)))
            .map(|t| multi_line(t).into_owned())
            .unwrap_or_default();
        let mut input = TextArea::new(text.split('\n').map(str::to_string).collect());
        input.set_wrap_mode(WrapMode::WordOrGlyph);
        input.move_cursor(CursorMove::Bottom);
        input.move_cursor(CursorMove::End);
        self.input = input;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::script::AnswerKind;
    use chrono::NaiveDate;
    use ratatui::crossterm::event::{KeyCode, KeyModifiers};

    fn question(id: &str) -> Question {
        Question {
            id: id.into(),
            text: format!("Question {id}?"),
            hint: String::new(),
            kind: AnswerKind::Text,
            stages: None,
            choices: Vec::new(),
            scale: None,
        }
    }

    fn wizard() -> Wizard {
        Wizard::new(DealId(7), vec![question("a"), question("b"), question("c")], HashMap::new(), HashMap::new(), None)
    }

    fn type_text(w: &mut Wizard, text: &str) {
        for c in text.chars() {
            w.handle(Msg::Key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE)));
        }
    }

    #[test]
    fn starts_on_the_first_question_typing() {
        let w = wizard();
        assert_eq!(w.position(), 0);
        assert!(w.is_editing());
        assert!(!w.is_done());
        assert_eq!(w.input_text(), "");
    }

    #[test]
    fn enter_saves_and_moves_on() {
        let mut w = wizard();
        type_text(&mut w, "Budget confirmed");
        let save = w.handle(Msg::SaveAndNext).expect("a save");
        assert_eq!(save.question_id, "a");
        assert_eq!(save.question_text, "Question a?");
        assert_eq!(save.answer, "Budget confirmed");
        assert_eq!(save.deal, DealId(7));
        assert_eq!(w.position(), 1);
        assert!(w.is_editing(), "the next answer can be typed at once");
        assert!(w.has_draft("a"), "not confirmed yet");
        w.confirm_saved("a", "Budget confirmed");
        assert!(!w.has_draft("a"));
        assert!(w.is_answered("a"));
        assert_eq!(w.answered(), 1);
    }

    #[test]
    fn unchanged_answers_are_not_saved_again() {
        let mut w = wizard();
        assert_eq!(w.handle(Msg::SaveAndNext), None, "empty and nothing saved: nothing to write");
        let mut saved = HashMap::new();
        saved.insert("a".to_string(), "Yes".to_string());
        let mut w = Wizard::new(DealId(1), vec![question("a"), question("b")], saved, HashMap::new(), None);
        assert_eq!(w.input_text(), "Yes", "the saved answer is shown");
        assert_eq!(w.handle(Msg::NextQuestion), None);
    }

    #[test]
    fn clearing_an_answer_saves_the_empty_text() {
        let mut saved = HashMap::new();
        saved.insert("a".to_string(), "Yes".to_string());
        let mut w = Wizard::new(DealId(1), vec![question("a")], saved, HashMap::new(), None);
        for _ in 0..3 {
            w.handle(Msg::Key(KeyEvent::new(KeyCode::Backspace, KeyModifiers::NONE)));
        }
        let save = w.handle(Msg::Leave).expect("the removal is written");
        assert_eq!(save.answer, "");
    }

    #[test]
    fn escape_leaves_the_field_keeping_the_text() {
        let mut w = wizard();
        type_text(&mut w, "Half a thought");
        let save = w.handle(Msg::Leave).expect("leaving saves");
        assert_eq!(save.answer, "Half a thought");
        assert!(!w.is_editing());
        assert_eq!(w.position(), 0);
        assert_eq!(w.input_text(), "Half a thought");
        // Keys no longer reach the field.
        type_text(&mut w, "xyz");
        assert_eq!(w.input_text(), "Half a thought");
        w.handle(Msg::Edit);
        assert!(w.is_editing());
    }

    #[test]
    fn a_pause_saves_without_leaving_the_field() {
        let mut w = wizard();
        assert_eq!(w.handle(Msg::Autosave), None, "nothing typed, nothing to save");
        type_text(&mut w, "Half");
        let save = w.handle(Msg::Autosave).expect("the draft is written");
        assert_eq!(save.answer, "Half");
        assert!(w.is_editing());
        assert_eq!(w.position(), 0);
        w.confirm_saved("a", "Half");
        assert_eq!(w.handle(Msg::Autosave), None, "unchanged since the last save");
        type_text(&mut w, " done");
        assert_eq!(w.handle(Msg::SaveAndNext).map(|s| s.answer), Some("Half done".to_string()));
    }

    #[test]
    fn back_shows_what_was_typed_even_before_confirmation() {
        let mut w = wizard();
        type_text(&mut w, "First");
        w.handle(Msg::SaveAndNext);
        type_text(&mut w, "Second");
        let save = w.handle(Msg::PrevQuestion).expect("saves the second");
        assert_eq!(save.question_id, "b");
        assert_eq!(w.position(), 0);
        assert_eq!(w.input_text(), "First", "the unconfirmed draft is shown");
        w.handle(Msg::NextQuestion);
        assert_eq!(w.input_text(), "Second");
    }

    #[test]
    fn multi_line_answers_and_paste() {
        let mut w = wizard();
        type_text(&mut w, "one");
        w.handle(Msg::NewLine);
        type_text(&mut w, "two");
        w.handle(Msg::Paste("\r\nthree\x1b[31m".into()));
        assert_eq!(w.input_text(), "one\ntwo\nthree[31m");
    }

    #[test]
    fn end_of_deal_and_back() {
        let mut w = wizard();
        w.handle(Msg::NextQuestion);
        w.handle(Msg::NextQuestion);
        w.handle(Msg::NextQuestion);
        assert!(w.is_done());
        assert!(!w.is_editing());
        assert_eq!(w.current(), None);
        w.handle(Msg::NextQuestion);
        assert!(w.is_done(), "stays at the end");
        w.handle(Msg::Edit);
        assert!(!w.is_editing(), "nothing to edit at the end");
        w.handle(Msg::PrevQuestion);
        assert_eq!(w.position(), 2);
        assert_eq!(w.handle(Msg::PrevQuestion), None);
        assert_eq!(w.position(), 1);
        w.handle(Msg::PrevQuestion);
        w.handle(Msg::PrevQuestion);
        assert_eq!(w.position(), 0, "stops at the first question");
    }

    #[test]
    fn resumes_at_a_question_and_keeps_previous_answers() {
        let mut previous = HashMap::new();
        previous.insert(
            "b".to_string(),
            PastAnswer {
                question_id: "b".into(),
                answer: "CFO on board".into(),
                held_on: NaiveDate::from_ymd_opt(2026, 11, 13).unwrap(),
            },
        );
        let w = Wizard::new(DealId(1), vec![question("a"), question("b")], HashMap::new(), previous, Some("b"));
        assert_eq!(w.position(), 1);
        assert!(!w.is_editing(), "a resumed script waits for Enter before typing");
        assert_eq!(w.previous("b").map(|p| p.answer.as_str()), Some("CFO on board"));
        assert!(w.previous("a").is_none());
        let unknown = Wizard::new(DealId(1), vec![question("a")], HashMap::new(), HashMap::new(), Some("gone"));
        assert_eq!(unknown.position(), 0, "a question removed from the script starts at the top");
    }

    #[test]
    fn a_deal_with_no_questions_is_done_at_once() {
        let w = Wizard::new(DealId(1), Vec::new(), HashMap::new(), HashMap::new(), None);
        assert!(w.is_done());
        assert!(!w.is_editing());
    }
}
