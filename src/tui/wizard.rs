//! A deal's script as a state machine: the questions that apply to its stage, then the
//! verdict, then a summary. It knows which step is shown, whether the answer has the
//! keyboard and what was typed; it performs no I/O. Leaving a field returns what to write
//! (`Out`), and the app turns that into effects.

use std::collections::HashMap;

use chrono::NaiveDate;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui_textarea::TextArea;

use super::action::DealView;
use super::editors::{Ctx, ListEditor, ListKind, OptionsEditor, OptionsFocus, Quick, Row, Write, options_of};
use super::form::{Form, Kind, Outcome, choices, text_area};
use super::strings;
use crate::domain::deal::Forecast;
use crate::domain::ids::DealId;
use crate::domain::review::PastAnswer;
use crate::domain::text::pasted;
use crate::domain::verdict::{VERDICT_FORECASTS, VerdictInput};
use crate::script::{AnswerKind, Question, Script};

/// The reserved position ids of the steps after the questions (never a script id: those
/// are lowercase words).
pub const VERDICT_STEP: &str = ":verdict";
pub const SUMMARY_STEP: &str = ":summary";

/// What the wizard is asked to do.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Msg {
    /// Give the answer the keyboard.
    Edit,
    /// Save and go to the next step (keeps the keyboard).
    SaveAndNext,
    /// Leave the field, saving what was typed.
    Leave,
    /// Save what was typed so far, staying in the field (a pause in typing).
    Autosave,
    PrevQuestion,
    NextQuestion,
    NewLine,
    /// A key for the answer.
    Key(KeyEvent),
    /// Pasted text for the answer.
    Paste(String),
    /// Move in a structured list.
    RowUp,
    RowDown,
    /// Open the row under the cursor.
    OpenRow,
    /// A quick key on a row (add, settle, validate…).
    Quick(Quick),
    /// Save and close the open row form.
    CloseForm,
    /// The id of a row added from this script came back.
    Inserted {
        token: u64,
        row: Row,
    },
}

/// What a script is about: a deal (the transformation review) or the rep's prospecting.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Subject {
    Deal(DealId),
    Prospecting,
}

impl Subject {
    pub fn deal(self) -> Option<DealId> {
        match self {
            Subject::Deal(deal) => Some(deal),
            Subject::Prospecting => None,
        }
    }
}

/// An answer to write to the `answers` table.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Save {
    pub subject: Subject,
    pub question_id: String,
    pub question_text: String,
    pub answer: String,
}

/// What to write, or to say, after a message.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Out {
    Answer(Save),
    Write(Write),
    Verdict(VerdictInput),
    /// Where the script stands, for resuming it.
    Position(String),
    /// Something the manager must know (a required answer, a date that is not one).
    Warn(String),
}

/// The step shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Step {
    Question(usize),
    Verdict,
    Summary,
}

/// The editor of the current question.
#[derive(Debug, Clone)]
pub enum Answer {
    Text(TextArea<'static>),
    Options(OptionsEditor),
    List(ListEditor),
}

/// The verdict step's form and what it started from.
#[derive(Debug, Clone)]
pub struct VerdictForm {
    pub form: Form,
    /// The rep's call: the deal's forecast before today's verdict.
    pub rep_forecast: Forecast,
    pub error: Option<String>,
}

/// Where the wizard starts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Start {
    /// At the first question, typing.
    Fresh,
    /// At a saved position, not typing: the manager first sees where they stopped.
    Resume(String),
}

/// One deal's script (or the prospecting review) in progress.
#[derive(Debug)]
pub struct Wizard {
    pub subject: Subject,
    pub questions: Vec<Question>,
    step: Step,
    editing: bool,
    answer: Answer,
    /// Answers confirmed written in today's review, by question id.
    saved: HashMap<String, String>,
    /// Text answers typed but not yet confirmed written.
    drafts: HashMap<String, String>,
    /// What was answered at this deal's previous review, by question id.
    previous: HashMap<String, PastAnswer>,
    /// The required question the manager was warned about: moving on again skips it.
    warned: Option<usize>,
    /// The verdict of a deal; the prospecting review has none.
    pub verdict: Option<VerdictForm>,
}

/// Whether an answer kind is written as rows of its own (with a summary in `answers`).
pub fn is_structured(kind: AnswerKind) -> bool {
    matches!(kind, AnswerKind::Commitments | AnswerKind::Criteria | AnswerKind::Hypotheses)
}

/// The script's stages to pick from, with the deal's `current` stage first when the script
/// does not know it: a form never moves a deal out of it unasked.
pub fn stage_choices(script: &Script, current: &str) -> Kind {
    let mut stages: Vec<(String, String)> = script.stages.iter().map(|s| (s.key.clone(), s.name.clone())).collect();
    if script.stage(current).is_none() {
        stages.insert(0, (current.to_string(), current.to_string()));
    }
    Kind::Choice(stages)
}

/// A list's writes, then what is wrong in its open form (a date that is not one), if anything.
fn list_outs(list: &ListEditor, writes: Vec<Write>) -> Vec<Out> {
    let mut out: Vec<Out> = writes.into_iter().map(Out::Write).collect();
    out.extend(list.form.as_ref().and_then(|f| f.error.clone()).map(Out::Warn));
    out
}

/// The verdict form, filled from today's verdict or from the deal as it stands.
pub fn verdict_form(script: &Script, view: &DealView) -> VerdictForm {
    let deal = &view.deal;
    let today_verdict = view.today_verdict.as_ref();
    let rep_forecast = today_verdict.map_or(deal.forecast, |v| v.rep_forecast);
    let forecast = today_verdict.map_or(deal.forecast, |v| v.forecast);
    let forecast = if VERDICT_FORECASTS.contains(&forecast) { forecast } else { Forecast::Pipeline };
    let forecasts = choices(&VERDICT_FORECASTS, Forecast::as_str, |f| strings::forecast_name(f.as_str()));
    let confidence = (1..=5u8).map(|n| (n.to_string(), strings::confidence_label(n))).collect();
    let next_step =
        today_verdict.and_then(|v| v.next_step.clone()).or_else(|| deal.next_step.clone()).unwrap_or_default();
    let next_step_on = today_verdict.and_then(|v| v.next_step_on).or(deal.next_step_on);
    let stage_to = today_verdict.map_or(deal.stage.as_str(), |v| v.stage_to.as_str());
    let form = Form::new()
        .read_only("rep_forecast", strings::FIELD_REP_FORECAST, strings::forecast_name(rep_forecast.as_str()))
        .field("forecast", strings::FIELD_FORECAST, forecasts, forecast.as_str())
        .field("comment", strings::FIELD_COMMENT, Kind::Line, today_verdict.map_or("", |v| v.comment.as_str()))
        .field(
            "confidence",
            strings::FIELD_CONFIDENCE,
            Kind::Choice(confidence),
            &today_verdict.and_then(|v| v.confidence).unwrap_or(3).to_string(),
        )
        .field("next_step", strings::FIELD_NEXT_STEP, Kind::Line, &next_step)
        .field(
            "next_step_on",
            strings::FIELD_NEXT_STEP_ON,
            Kind::Date,
            &next_step_on.map(crate::domain::dates::iso).unwrap_or_default(),
        )
        .field("stage_to", strings::FIELD_STAGE, stage_choices(script, &deal.stage), stage_to)
        .focus_on("forecast");
    VerdictForm { form, rep_forecast, error: None }
}

impl Wizard {
    /// Starts a script with the answers already given today and last time.
    pub fn new(
        subject: Subject,
        questions: Vec<Question>,
        saved: HashMap<String, String>,
        previous: HashMap<String, PastAnswer>,
        verdict: Option<VerdictForm>,
        start: &Start,
        ctx: Option<Ctx<'_>>,
    ) -> Wizard {
        let step = match start {
            Start::Fresh => Step::Question(0),
            Start::Resume(id) if id == VERDICT_STEP => Step::Verdict,
            Start::Resume(id) if id == SUMMARY_STEP => Step::Summary,
            Start::Resume(id) => Step::Question(questions.iter().position(|q| &q.id == id).unwrap_or(0)),
        };
        let step = match step {
            Step::Question(_) if questions.is_empty() && verdict.is_some() => Step::Verdict,
            Step::Question(_) if questions.is_empty() => Step::Summary,
            Step::Verdict if verdict.is_none() => Step::Summary,
            other => other,
        };
        let mut wizard = Wizard {
            subject,
            questions,
            step,
            editing: *start == Start::Fresh,
            answer: Answer::Text(TextArea::default()),
            saved,
            drafts: HashMap::new(),
            previous,
            warned: None,
            verdict,
        };
        wizard.load_answer(ctx);
        if wizard.step == Step::Summary {
            wizard.editing = false;
        }
        wizard
    }

    pub fn step(&self) -> Step {
        self.step
    }

    pub fn is_editing(&self) -> bool {
        self.editing
    }

    /// The current question, when a question is shown.
    pub fn current(&self) -> Option<&Question> {
        match self.step {
            Step::Question(i) => self.questions.get(i),
            _ => None,
        }
    }

    pub fn answer(&self) -> &Answer {
        &self.answer
    }

    /// The position id of the current step, as saved for resuming.
    pub fn position_id(&self) -> String {
        match self.step {
            Step::Question(i) => self.questions.get(i).map(|q| q.id.clone()).unwrap_or_default(),
            Step::Verdict => VERDICT_STEP.to_string(),
            Step::Summary => SUMMARY_STEP.to_string(),
        }
    }

    pub fn previous(&self, question_id: &str) -> Option<&PastAnswer> {
        self.previous.get(question_id)
    }

    pub fn saved_answer(&self, question_id: &str) -> Option<&str> {
        self.saved.get(question_id).map(String::as_str)
    }

    /// Whether a question has an answer written in today's review.
    pub fn is_answered(&self, question_id: &str) -> bool {
        self.saved.get(question_id).is_some_and(|a| !a.trim().is_empty())
    }

    /// Whether a question has typed text that is not written yet.
    pub fn has_draft(&self, question_id: &str) -> bool {
        self.drafts.contains_key(question_id)
    }

    pub fn answered(&self) -> usize {
        self.questions.iter().filter(|q| self.is_answered(&q.id)).count()
    }

    /// Required questions left unanswered.
    pub fn missing_required(&self) -> Vec<&Question> {
        self.questions.iter().filter(|q| q.required && !self.is_answered(&q.id)).collect()
    }

    /// Records that an answer was written. A confirmation of older text leaves the newer
    /// draft in place.
    pub fn confirm_saved(&mut self, question_id: &str, answer: &str) {
        self.saved.insert(question_id.to_string(), answer.to_string());
        if self.drafts.get(question_id).is_some_and(|d| d == answer) {
            self.drafts.remove(question_id);
        }
    }

    /// The verdict's fields, if there is a verdict and the form holds valid values.
    pub fn verdict_fields(&self, today: NaiveDate) -> Result<VerdictInput, String> {
        let Some(verdict) = &self.verdict else { return Err(String::new()) };
        let f = &verdict.form;
        let next_step_on = f.date("next_step_on", today)?;
        let next_step = Some(f.text("next_step")).filter(|s| !s.is_empty());
        Ok(VerdictInput {
            forecast: Forecast::from_word(&f.text("forecast")).unwrap_or(Forecast::Pipeline),
            comment: f.text("comment"),
            confidence: f.text("confidence").parse().ok(),
            next_step,
            next_step_on,
            stage_to: f.text("stage_to"),
        })
    }

    /// Whether the verdict overrules the rep without saying why.
    pub fn verdict_needs_comment(&self) -> bool {
        self.verdict
            .as_ref()
            .is_some_and(|v| v.form.text("forecast") != v.rep_forecast.as_str() && v.form.text("comment").is_empty())
    }

    /// Handles one message. `ctx` is the deal as loaded (None while it loads).
    pub fn handle(&mut self, msg: Msg, ctx: Option<Ctx<'_>>, tokens: &mut u64) -> Vec<Out> {
        match msg {
            Msg::Edit => {
                if self.step != Step::Summary {
                    self.editing = true;
                }
                Vec::new()
            }
            Msg::Leave => {
                let out = self.commit(ctx, tokens, true);
                self.editing = false;
                out
            }
            Msg::Autosave => self.commit(ctx, tokens, false),
            Msg::SaveAndNext | Msg::NextQuestion => self.forward(ctx, tokens, msg == Msg::SaveAndNext),
            Msg::PrevQuestion => {
                let mut out = self.commit(ctx, tokens, true);
                let last_question = self.questions.len().checked_sub(1).map(Step::Question);
                let back = match self.step {
                    Step::Question(i) => Step::Question(i.saturating_sub(1)),
                    Step::Verdict => last_question.unwrap_or(Step::Verdict),
                    Step::Summary if self.verdict.is_some() => Step::Verdict,
                    Step::Summary => last_question.unwrap_or(Step::Summary),
                };
                out.extend(self.go_to(back, ctx));
                out
            }
            Msg::NewLine => {
                if let (true, Answer::Text(input)) = (self.editing, &mut self.answer) {
                    input.insert_newline();
                }
                if let (true, Answer::Options(editor)) = (self.editing, &mut self.answer)
                    && editor.focus == OptionsFocus::Note
                {
                    editor.note.insert_newline();
                }
                Vec::new()
            }
            Msg::Key(key) => self.key(key, ctx, tokens),
            Msg::Paste(text) => {
                if self.editing {
                    self.paste(&text);
                }
                Vec::new()
            }
            Msg::RowUp | Msg::RowDown => {
                if let (Answer::List(list), Some(ctx)) = (&mut self.answer, ctx) {
                    list.move_cursor(msg == Msg::RowDown, ctx);
                }
                Vec::new()
            }
            Msg::OpenRow => self.list_open(None, ctx),
            Msg::Quick(quick) => self.list_open(Some(quick), ctx),
            Msg::CloseForm => {
                let (Answer::List(list), Some(ctx)) = (&mut self.answer, ctx) else { return Vec::new() };
                let writes = list.close(ctx, tokens, false);
                list_outs(list, writes)
            }
            Msg::Inserted { token, row } => {
                let (Answer::List(list), Some(ctx)) = (&mut self.answer, ctx) else { return Vec::new() };
                list.inserted(token, &row, ctx, tokens).into_iter().map(Out::Write).collect()
            }
        }
    }

    fn key(&mut self, key: KeyEvent, ctx: Option<Ctx<'_>>, tokens: &mut u64) -> Vec<Out> {
        if !self.editing {
            return Vec::new();
        }
        if self.step == Step::Verdict {
            if let Some(verdict) = &mut self.verdict
                && verdict.form.handle(key) == Outcome::Moved
            {
                return self.save_verdict(ctx.map(|c| c.today));
            }
            return Vec::new();
        }
        match &mut self.answer {
            Answer::Text(input) => {
                input.input(key);
                Vec::new()
            }
            Answer::Options(editor) => {
                editor.handle(key);
                Vec::new()
            }
            Answer::List(list) => match ctx {
                Some(ctx) if list.form.is_some() => {
                    let writes = list.handle_form_key(key, ctx, tokens);
                    list_outs(list, writes)
                }
                // Typing on a row starts its form with that text.
                Some(ctx)
                    if matches!(key.code, KeyCode::Char(_))
                        && key.modifiers - KeyModifiers::SHIFT == KeyModifiers::NONE =>
                {
                    list.open(None, ctx);
                    list.handle_form_key(key, ctx, tokens).into_iter().map(Out::Write).collect()
                }
                _ => Vec::new(),
            },
        }
    }

    fn paste(&mut self, text: &str) {
        let clean = pasted(text);
        match (&mut self.answer, self.step) {
            (_, Step::Verdict) => {
                if let Some(verdict) = &mut self.verdict {
                    verdict.form.paste(&clean);
                }
            }
            (Answer::Text(input), _) => {
                input.insert_str(clean);
            }
            (Answer::Options(editor), _) if editor.focus == OptionsFocus::Note => {
                editor.note.insert_str(clean);
            }
            (Answer::List(list), _) => list.paste(&clean),
            _ => {}
        }
    }

    fn list_open(&mut self, quick: Option<Quick>, ctx: Option<Ctx<'_>>) -> Vec<Out> {
        let (Answer::List(list), Some(ctx)) = (&mut self.answer, ctx) else { return Vec::new() };
        self.editing = true;
        list.open(quick, ctx).into_iter().map(Out::Write).collect()
    }

    /// Moves on: from a question to the next (warning once about a required one left
    /// empty), from the last question to the verdict, from the verdict to the summary.
    fn forward(&mut self, ctx: Option<Ctx<'_>>, tokens: &mut u64, keep_typing: bool) -> Vec<Out> {
        // Enter in an open row form saves the row, it does not leave the question.
        if keep_typing
            && let Answer::List(list) = &self.answer
            && list.form.is_some()
        {
            return self.handle(Msg::CloseForm, ctx, tokens);
        }
        let mut out = self.commit(ctx, tokens, true);
        match self.step {
            Step::Question(i) => {
                let question = &self.questions[i];
                let answered = self.is_answered(&question.id) || self.has_draft(&question.id);
                if question.required && !answered && self.warned != Some(i) {
                    self.warned = Some(i);
                    out.push(Out::Warn(strings::required_answer()));
                    return out;
                }
                let next = match (i + 1 < self.questions.len(), self.verdict.is_some()) {
                    (true, _) => Step::Question(i + 1),
                    (false, true) => Step::Verdict,
                    (false, false) => Step::Summary,
                };
                out.extend(self.go_to(next, ctx));
            }
            Step::Verdict => {
                if self.verdict_needs_comment()
                    && let Some(verdict) = &mut self.verdict
                {
                    verdict.form = std::mem::take(&mut verdict.form).focus_on("comment");
                    self.editing = true;
                    out.push(Out::Warn(strings::VERDICT_NEEDS_COMMENT.to_string()));
                    return out;
                }
                if let Some(err) = self.verdict.as_ref().and_then(|v| v.error.clone()) {
                    out.push(Out::Warn(err));
                    return out;
                }
                out.extend(self.go_to(Step::Summary, ctx));
            }
            Step::Summary => {}
        }
        if keep_typing && self.step != Step::Summary {
            self.editing = true;
        }
        out
    }

    fn go_to(&mut self, step: Step, ctx: Option<Ctx<'_>>) -> Vec<Out> {
        if step != self.step {
            self.warned = None;
        }
        self.step = step;
        if self.step == Step::Summary {
            self.editing = false;
        }
        self.load_answer(ctx);
        vec![Out::Position(self.position_id())]
    }

    /// Writes what the current step holds that is not written yet.
    fn commit(&mut self, ctx: Option<Ctx<'_>>, tokens: &mut u64, leaving: bool) -> Vec<Out> {
        match self.step {
            Step::Summary => Vec::new(),
            Step::Verdict => {
                if self.editing || leaving {
                    self.save_verdict(ctx.map(|c| c.today))
                } else {
                    Vec::new()
                }
            }
            Step::Question(i) => {
                let Some(question) = self.questions.get(i).cloned() else { return Vec::new() };
                match &mut self.answer {
                    Answer::List(list) => match ctx {
                        Some(ctx) if leaving => list.close(ctx, tokens, true).into_iter().map(Out::Write).collect(),
                        Some(ctx) => list.autosave(ctx, tokens).into_iter().map(Out::Write).collect(),
                        None => Vec::new(),
                    },
                    Answer::Text(_) | Answer::Options(_) => {
                        if !self.editing && !self.drafts.contains_key(&question.id) {
                            return Vec::new();
                        }
                        let text = match &self.answer {
                            Answer::Text(input) => input.lines().join("\n").trim_end().to_string(),
                            Answer::Options(editor) => editor.answer(),
                            Answer::List(_) => String::new(),
                        };
                        self.save_text(&question, text)
                    }
                }
            }
        }
    }

    fn save_text(&mut self, question: &Question, text: String) -> Vec<Out> {
        let saved = self.saved.get(&question.id).map_or("", String::as_str);
        if text == saved {
            self.drafts.remove(&question.id);
            return Vec::new();
        }
        self.drafts.insert(question.id.clone(), text.clone());
        vec![Out::Answer(Save {
            subject: self.subject,
            question_id: question.id.clone(),
            question_text: question.text.clone(),
            answer: text,
        })]
    }

    /// The summary answer of a structured question, written when its rows change so
    /// the review keeps what was said in words.
    pub fn summarise(&mut self, question_id: &str, summary: String) -> Vec<Out> {
        let Some(question) = self.questions.iter().find(|q| q.id == question_id).cloned() else { return Vec::new() };
        if self.saved.get(question_id).map_or("", String::as_str) == summary {
            return Vec::new();
        }
        self.save_text(&question, summary)
    }

    fn save_verdict(&mut self, today: Option<NaiveDate>) -> Vec<Out> {
        let Some(today) = today else { return Vec::new() };
        let result = self.verdict_fields(today);
        let Some(verdict) = &mut self.verdict else { return Vec::new() };
        match result {
            Ok(fields) => {
                verdict.error = None;
                vec![Out::Verdict(fields)]
            }
            Err(err) => {
                verdict.error = Some(err.clone());
                vec![Out::Warn(err)]
            }
        }
    }

    /// Prepares the editor of the current step from the draft or the saved answer.
    fn load_answer(&mut self, ctx: Option<Ctx<'_>>) {
        let Some(question) = self.current().cloned() else { return };
        let text = self.drafts.get(&question.id).or_else(|| self.saved.get(&question.id)).cloned().unwrap_or_default();
        self.answer = match question.kind {
            AnswerKind::Text => Answer::Text(text_area(&text)),
            AnswerKind::YesNo | AnswerKind::Choice | AnswerKind::Scale => {
                Answer::Options(OptionsEditor::new(options_of(&question), &text))
            }
            kind => {
                let list_kind = match kind {
                    AnswerKind::Commitments => ListKind::Commitments,
                    AnswerKind::Criteria => ListKind::Criteria,
                    _ => ListKind::Hypotheses,
                };
                match ctx {
                    Some(ctx) => Answer::List(ListEditor::new(list_kind, ctx)),
                    // Without the deal's rows the answer is typed as text.
                    None => Answer::Text(text_area(&text)),
                }
            }
        };
    }

    /// The data changed under the list (a reload): keep its cursor on a real row.
    pub fn reloaded(&mut self, ctx: Ctx<'_>) {
        let structured = self.current().is_some_and(|q| is_structured(q.kind));
        match &mut self.answer {
            Answer::List(list) => list.settle_cursor(ctx),
            // The list could not be built without the deal's rows: build it now.
            Answer::Text(_) if structured => self.load_answer(Some(ctx)),
            _ => {}
        }
    }
}

#[cfg(test)]
mod tests;
