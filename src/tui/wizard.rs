//! A deal's script as a state machine: the questions that apply to its stage, then the
//! verdict, then a summary. A question on screen always has the keyboard, however it was
//! reached (Enter, PgUp/PgDn, the next deal, a resume); the wizard knows which step is
//! shown, what was typed and which keyboard mode that makes. It performs no I/O: leaving a
//! field returns what to write (`Out`), and the app turns that into effects.

use std::collections::HashMap;

use chrono::NaiveDate;
use ratatui::crossterm::event::KeyEvent;
use ratatui_textarea::TextArea;

use super::editors::{
    Ctx, EditorKind, ListEditor, OptionsEditor, OptionsFocus, Quick, Row, Write, editor_of, is_text, list_of,
};
use super::form::{Form, Kind, Outcome, text_area};
use super::keys::Mode;
use super::strings;
use super::view::DealView;
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
    /// Save and go to the next step.
    SaveAndNext,
    /// Esc: one level up. Out of an open form (cancelling it), else out of the script
    /// (what was typed is saved).
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
    /// Cancel what is open, as Esc does in a form; `Out::Undo` says what to undo.
    Cancel,
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
    /// The undo group: one per visit of the question, so Ctrl-Z takes back the whole answer.
    /// `None` for the words of a structured answer: they follow its rows, undone or not.
    pub group: Option<u64>,
}

/// What to write, or to say, after a message.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Out {
    Answer(Save),
    /// A row write, in the undo group of the form that made it.
    Write(Write, u64),
    Verdict(VerdictInput, u64),
    /// The verdict form as typed so far (field, value), kept until the verdict is saved.
    Draft(Vec<(String, String)>),
    /// Undo what this group wrote (a form cancelled with Esc).
    Undo(u64),
    /// The script is left (Esc on a question): back to the list.
    Close,
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

/// The fields of the verdict form.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum VerdictField {
    RepForecast,
    /// The deal's next step when it is overdue: shown, not agreed again.
    DealNextStep,
    Forecast,
    Comment,
    Confidence,
    NextStep,
    NextStepOn,
    StageTo,
}

/// The draft's entry naming the field that had the keyboard.
const DRAFT_FOCUS: &str = "focus";

impl VerdictField {
    const EDITABLE: [VerdictField; 6] = [
        VerdictField::Forecast,
        VerdictField::Comment,
        VerdictField::Confidence,
        VerdictField::NextStep,
        VerdictField::NextStepOn,
        VerdictField::StageTo,
    ];

    /// The field's name in a saved draft.
    pub fn word(self) -> &'static str {
        match self {
            VerdictField::RepForecast => "rep_forecast",
            VerdictField::DealNextStep => "deal_next_step",
            VerdictField::Forecast => "forecast",
            VerdictField::Comment => "comment",
            VerdictField::Confidence => "confidence",
            VerdictField::NextStep => "next_step",
            VerdictField::NextStepOn => "next_step_on",
            VerdictField::StageTo => "stage_to",
        }
    }
}

/// The verdict step's form and what it started from.
#[derive(Debug, Clone)]
pub struct VerdictForm {
    pub form: Form<VerdictField>,
    /// The rep's call: the deal's forecast before today's verdict.
    pub rep_forecast: Forecast,
    pub error: Option<String>,
    /// The deal's stage, and the stages before it, with their criteria not validated: a move
    /// past them asks once.
    pub stage_from: String,
    /// The question asked before a move that skips stages or leaves exit criteria behind;
    /// Enter again saves, Esc goes back to the form.
    pub confirm: Option<String>,
    /// What a stage move leaves behind, by target stage, computed when the form opens.
    pub skips: Vec<(String, String)>,
    /// Typed into since its draft was last kept.
    pub edited: bool,
    /// Saved with Enter, the write on its way: the summary says so rather than "no verdict".
    pub sent: bool,
}

impl VerdictForm {
    /// The form as it was typed before (a draft kept in the review), over its defaults.
    #[must_use]
    pub fn with_draft(mut self, draft: &HashMap<String, String>) -> VerdictForm {
        for field in VerdictField::EDITABLE {
            if let Some(value) = draft.get(field.word()) {
                self.form.restore(field, value);
            }
        }
        // The keyboard is back where it was: the next key goes on with the same sentence.
        if let Some(field) =
            draft.get(DRAFT_FOCUS).and_then(|w| VerdictField::EDITABLE.into_iter().find(|f| f.word() == w))
        {
            self.form = std::mem::take(&mut self.form).focus_on(field);
        }
        self
    }

    /// The form's values, to keep as a draft, and the field that has the keyboard.
    pub fn draft(&self) -> Vec<(String, String)> {
        let mut draft: Vec<(String, String)> =
            self.form.values().into_iter().map(|(field, value)| (field.word().to_string(), value)).collect();
        if let Some(focus) = self.form.focused_key() {
            draft.push((DRAFT_FOCUS.to_string(), focus.word().to_string()));
        }
        draft
    }
}

/// Where the wizard starts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Start {
    /// At the first question.
    Fresh,
    /// At a saved position: the question shown there has the keyboard, as any question does.
    Resume(String),
}

/// One deal's script (or the prospecting review) in progress.
#[derive(Debug)]
pub struct Wizard {
    pub subject: Subject,
    pub questions: Vec<Question>,
    step: Step,
    answer: Answer,
    /// The undo group of the answer on screen (a new one at each visit of a question).
    group: u64,
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
    /// A text answer the data already gives (how many meetings had a real chance), shown
    /// in the field until the manager answers: written on Enter or once edited, never by
    /// moving past it.
    prefill: HashMap<String, String>,
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

/// The verdict form, filled from today's verdict if one was saved, else empty where the
/// manager must decide: no forecast picked, no confidence. The next step is the deal's
/// when it is still ahead (an overdue one is not agreed again by a keypress).
pub fn verdict_form(script: &Script, view: &DealView, today: NaiveDate) -> VerdictForm {
    let deal = &view.deal;
    let today_verdict = view.today_verdict.as_ref();
    let rep_forecast = today_verdict.map_or(deal.forecast, |v| v.rep_forecast);
    let forecast = today_verdict.map_or("", |v| v.forecast.as_str());
    let mut forecasts = vec![(String::new(), strings::CHOOSE.to_string())];
    forecasts.extend(
        VERDICT_FORECASTS.iter().map(|f| (f.as_str().to_string(), strings::forecast_name(f.as_str()).to_string())),
    );
    let mut confidence = vec![(String::new(), strings::NOT_SET_CHOICE.to_string())];
    confidence.extend((1..=5u8).map(|n| (n.to_string(), strings::confidence_label(n))));
    let deal_step_ahead = deal.next_step_on.is_none_or(|on| on >= today);
    let (next_step, next_step_on) = match today_verdict {
        Some(v) => (v.next_step.clone().unwrap_or_default(), v.next_step_on),
        None if deal_step_ahead => (deal.next_step.clone().unwrap_or_default(), deal.next_step_on),
        None => (String::new(), None),
    };
    let stage_to = today_verdict.map_or(deal.stage.as_str(), |v| v.stage_to.as_str());
    let mut form = Form::new().read_only(
        VerdictField::RepForecast,
        strings::FIELD_REP_FORECAST,
        strings::forecast_name(rep_forecast.as_str()),
    );
    // An overdue next step is shown, not agreed again by a keypress: the manager types the new one.
    if let (None, false, Some(step)) = (today_verdict, deal_step_ahead, deal.next_step.as_deref()) {
        let late = deal.next_step_on.map(|on| crate::domain::dates::days_between(on, today));
        let text = strings::next_step_line(&crate::domain::text::one_line(step), deal.next_step_on, late);
        form = form.read_only(VerdictField::DealNextStep, strings::FIELD_OVERDUE_STEP, &text);
    }
    let form = form
        .field(VerdictField::Forecast, strings::FIELD_FORECAST, Kind::Choice(forecasts), forecast)
        .field(
            VerdictField::Comment,
            strings::FIELD_COMMENT,
            Kind::Line,
            today_verdict.map_or("", |v| v.comment.as_str()),
        )
        .field(
            VerdictField::Confidence,
            strings::FIELD_CONFIDENCE,
            Kind::Choice(confidence),
            &today_verdict.and_then(|v| v.confidence).map(|c| c.to_string()).unwrap_or_default(),
        )
        .field(VerdictField::NextStep, strings::FIELD_NEXT_STEP, Kind::Line, &next_step)
        .field(
            VerdictField::NextStepOn,
            strings::FIELD_NEXT_STEP_ON,
            Kind::Date,
            &next_step_on.map(crate::domain::dates::iso).unwrap_or_default(),
        )
        .field(VerdictField::StageTo, strings::FIELD_STAGE, stage_choices(script, &deal.stage), stage_to)
        .focus_on(VerdictField::Forecast);
    let skips = stage_skips(script, view);
    VerdictForm {
        form,
        rep_forecast,
        error: None,
        stage_from: deal.stage.clone(),
        confirm: None,
        skips,
        edited: false,
        sent: false,
    }
}

/// For each later stage a deal could be moved to, what the move leaves behind in words:
/// the stages it skips and the exit criteria not validated up to there. A move to the
/// next stage with every criterion validated leaves nothing and is not listed.
fn stage_skips(script: &Script, view: &DealView) -> Vec<(String, String)> {
    let Some(from) = script.stages.iter().position(|s| s.key == view.deal.stage) else { return Vec::new() };
    let mut out = Vec::new();
    for to in from + 1..script.stages.len() {
        let skipped: Vec<&str> = script.stages[from + 1..to].iter().map(|s| s.name.as_str()).collect();
        let missing: Vec<&str> = script.stages[..to]
            .iter()
            .flat_map(|stage| {
                stage
                    .criteria
                    .iter()
                    .filter(|c| !view.checks.iter().any(|check| check.stage == stage.key && check.criterion == c.id))
                    .map(|c| c.text.as_str())
            })
            .collect();
        if skipped.is_empty() && missing.is_empty() {
            continue;
        }
        let text = strings::stage_move_warning(&script.stages[from].name, &script.stages[to].name, &skipped, &missing);
        out.push((script.stages[to].key.clone(), text));
    }
    out
}

impl Wizard {
    /// Starts a script with the answers already given today and last time. The question it
    /// starts on has the keyboard; `group` is the undo group of its answer.
    #[allow(clippy::too_many_arguments)]
    pub fn new(
        subject: Subject,
        questions: Vec<Question>,
        saved: HashMap<String, String>,
        previous: HashMap<String, PastAnswer>,
        verdict: Option<VerdictForm>,
        start: &Start,
        ctx: Option<Ctx<'_>>,
        group: u64,
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
            answer: Answer::Text(TextArea::default()),
            group,
            saved,
            drafts: HashMap::new(),
            previous,
            warned: None,
            verdict,
            prefill: HashMap::new(),
        };
        wizard.load_answer(ctx);
        wizard
    }

    /// Sets the answers the data suggests (question id → text); the field on screen shows
    /// its suggestion at once.
    #[must_use]
    pub fn with_prefill(mut self, prefill: HashMap<String, String>, ctx: Option<Ctx<'_>>) -> Wizard {
        self.prefill = prefill;
        self.load_answer(ctx);
        self
    }

    /// The suggestion the field of this question shows, while nothing is saved or typed.
    pub fn prefilled(&self, question_id: &str) -> Option<&str> {
        if self.saved.contains_key(question_id) || self.drafts.contains_key(question_id) {
            return None;
        }
        self.prefill.get(question_id).map(String::as_str)
    }

    pub fn step(&self) -> Step {
        self.step
    }

    /// Whether the step shown takes keys (every step but the summary).
    pub fn is_editing(&self) -> bool {
        self.step != Step::Summary
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

    /// The keyboard mode of the step shown: the one exhaustive mapping from what is on
    /// screen to the keys that work there.
    pub fn mode(&self) -> Mode {
        match self.step {
            Step::Summary if self.subject == Subject::Prospecting => Mode::ReviewDone,
            Step::Summary => Mode::DealDone,
            Step::Verdict => Mode::Verdict,
            Step::Question(_) => match &self.answer {
                Answer::Text(_) => Mode::Typing,
                Answer::Options(editor) => match editor.focus {
                    OptionsFocus::Note => Mode::Typing,
                    OptionsFocus::Options => Mode::Choosing,
                },
                // The selected row decides which quick keys act; the others are typed.
                Answer::List(list) => match (&list.form, &list.cursor) {
                    (Some(form), _) if form.inline => Mode::Why,
                    (Some(_), _) => Mode::Form,
                    (None, Row::Commitment(_)) => Mode::CommitmentList,
                    (None, Row::Hypothesis(_)) => Mode::HypothesisList,
                    (None, Row::Criterion(..)) => Mode::CriteriaList,
                    (None, Row::Add) => Mode::NewRow,
                },
            },
        }
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

    /// Whether anything typed is not confirmed written yet.
    pub fn has_drafts(&self) -> bool {
        !self.drafts.is_empty()
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

    /// The answers as they are in the database after an undo: what is on screen follows.
    pub fn answers_reloaded(&mut self, saved: HashMap<String, String>, ctx: Option<Ctx<'_>>) {
        self.saved = saved;
        self.drafts.clear();
        if matches!(self.answer, Answer::Text(_) | Answer::Options(_)) {
            self.load_answer(ctx);
        }
    }

    /// The verdict's fields, if there is a verdict and the form holds valid values.
    pub fn verdict_fields(&self, today: NaiveDate) -> Result<VerdictInput, String> {
        let Some(verdict) = &self.verdict else { return Err(String::new()) };
        let f = &verdict.form;
        let Some(forecast) = Forecast::from_word(&f.text(VerdictField::Forecast)) else {
            return Err(strings::choose_forecast(strings::forecast_name(verdict.rep_forecast.as_str())));
        };
        let next_step_on = f.date(VerdictField::NextStepOn, today)?;
        let next_step = Some(f.text(VerdictField::NextStep)).filter(|s| !s.is_empty());
        Ok(VerdictInput {
            forecast,
            comment: f.text(VerdictField::Comment),
            confidence: f.text(VerdictField::Confidence).parse().ok(),
            next_step,
            next_step_on,
            stage_to: f.text(VerdictField::StageTo),
        })
    }

    /// Whether the verdict overrules the rep without saying why.
    pub fn verdict_needs_comment(&self) -> bool {
        self.verdict.as_ref().is_some_and(|v| {
            let forecast = v.form.text(VerdictField::Forecast);
            !forecast.is_empty() && forecast != v.rep_forecast.as_str() && v.form.text(VerdictField::Comment).is_empty()
        })
    }

    /// Handles one message. `ctx` is the deal as loaded (None while it loads).
    pub fn handle(&mut self, msg: Msg, ctx: Option<Ctx<'_>>, tokens: &mut u64) -> Vec<Out> {
        match msg {
            Msg::Leave => self.leave(ctx, tokens),
            Msg::Cancel => self.cancel(),
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
                out.extend(self.go_to(back, ctx, tokens));
                out
            }
            Msg::NewLine => {
                match &mut self.answer {
                    Answer::Text(input) if self.step != Step::Verdict => input.insert_newline(),
                    Answer::Options(editor) if editor.focus == OptionsFocus::Note => editor.note.insert_newline(),
                    _ => {}
                }
                Vec::new()
            }
            Msg::Key(key) => self.key(key, ctx, tokens),
            Msg::Paste(text) => {
                self.paste(&text);
                Vec::new()
            }
            Msg::RowUp | Msg::RowDown => {
                let (Answer::List(list), Some(ctx)) = (&mut self.answer, ctx) else { return Vec::new() };
                // Moving closes an inline "why": its note belongs to its settle's group.
                let group = list.group().unwrap_or(self.group);
                let writes = list.move_cursor(msg == Msg::RowDown, ctx, tokens);
                writes.into_iter().map(|w| Out::Write(w, group)).collect()
            }
            Msg::OpenRow => self.list_open(None, ctx, tokens),
            Msg::Quick(quick) => self.list_open(Some(quick), ctx, tokens),
            Msg::CloseForm => {
                let (Answer::List(list), Some(ctx)) = (&mut self.answer, ctx) else { return Vec::new() };
                let group = list.group().unwrap_or(self.group);
                let writes = list.close(ctx, tokens);
                let mut out: Vec<Out> = writes.into_iter().map(|w| Out::Write(w, group)).collect();
                out.extend(list.form.as_ref().and_then(|f| f.error.clone()).map(Out::Warn));
                out
            }
            Msg::Inserted { token, row } => {
                let (Answer::List(list), Some(ctx)) = (&mut self.answer, ctx) else { return Vec::new() };
                let group = list.waiting_group(token).unwrap_or(self.group);
                list.inserted(token, &row, ctx, tokens).into_iter().map(|w| Out::Write(w, group)).collect()
            }
        }
    }

    /// Esc: out of an open form (cancelling it), out of a pending stage confirmation,
    /// else out of the script, the answer saved.
    fn leave(&mut self, ctx: Option<Ctx<'_>>, tokens: &mut u64) -> Vec<Out> {
        if let Answer::List(list) = &self.answer
            && list.form.is_some()
            && self.current().is_some()
        {
            return self.cancel();
        }
        if self.step == Step::Verdict
            && let Some(verdict) = self.verdict.as_mut()
            && verdict.confirm.is_some()
        {
            verdict.confirm = None;
            return Vec::new();
        }
        // The verdict is a form: Esc cancels it, its draft too. A question's answer is kept.
        let mut out =
            if self.step == Step::Verdict { vec![Out::Draft(Vec::new())] } else { self.commit(ctx, tokens, true) };
        out.push(Out::Close);
        out
    }

    /// Closes the open row form, undoing what it wrote.
    fn cancel(&mut self) -> Vec<Out> {
        let Answer::List(list) = &mut self.answer else { return Vec::new() };
        list.cancel().map(Out::Undo).into_iter().collect()
    }

    fn key(&mut self, key: KeyEvent, ctx: Option<Ctx<'_>>, tokens: &mut u64) -> Vec<Out> {
        if self.step == Step::Summary {
            return Vec::new();
        }
        if self.step == Step::Verdict {
            if let Some(verdict) = &mut self.verdict {
                verdict.confirm = None;
                verdict.error = None;
                if verdict.form.handle(key) != Outcome::Ignored {
                    verdict.edited = true;
                }
            }
            return Vec::new();
        }
        let group = self.group;
        match &mut self.answer {
            Answer::Text(input) => {
                input.input(key);
                self.mark_draft();
                Vec::new()
            }
            Answer::Options(editor) => {
                editor.handle(key);
                self.mark_draft();
                Vec::new()
            }
            Answer::List(list) => match ctx {
                Some(ctx) if list.form.is_some() => {
                    let group = list.group().unwrap_or(group);
                    let writes = list.handle_form_key(key, ctx, tokens);
                    let mut out: Vec<Out> = writes.into_iter().map(|w| Out::Write(w, group)).collect();
                    out.extend(list.form.as_ref().and_then(|f| f.error.clone()).map(Out::Warn));
                    out
                }
                // Typing on a row starts its form with that key already typed.
                Some(ctx) if is_text(key) => {
                    let writes = list.type_on(key, ctx, tokens);
                    let group = list.group().unwrap_or(group);
                    writes.into_iter().map(|w| Out::Write(w, group)).collect()
                }
                _ => Vec::new(),
            },
        }
    }

    /// What is typed in a text or options answer is a draft until it is written.
    fn mark_draft(&mut self) {
        if let Some(question) = self.current() {
            let id = question.id.clone();
            let text = self.answer_text();
            if self.saved.get(&id).map_or("", String::as_str) == text {
                self.drafts.remove(&id);
            } else {
                self.drafts.insert(id, text);
            }
        }
    }

    /// The text of a text or options answer as it stands in its editor.
    fn answer_text(&self) -> String {
        match &self.answer {
            Answer::Text(input) => input.lines().join("\n").trim_end().to_string(),
            Answer::Options(editor) => editor.answer(),
            Answer::List(_) => String::new(),
        }
    }

    fn paste(&mut self, text: &str) {
        let clean = pasted(text);
        match (&mut self.answer, self.step) {
            (_, Step::Summary) => return,
            (_, Step::Verdict) => {
                if let Some(verdict) = &mut self.verdict {
                    verdict.form.paste(&clean);
                    verdict.edited = true;
                }
                return;
            }
            (Answer::Text(input), _) => {
                input.insert_str(clean);
            }
            (Answer::Options(editor), _) => {
                editor.focus = OptionsFocus::Note;
                editor.note.insert_str(clean);
            }
            (Answer::List(list), _) => {
                list.paste(&clean);
                return;
            }
        }
        self.mark_draft();
    }

    fn list_open(&mut self, quick: Option<Quick>, ctx: Option<Ctx<'_>>, tokens: &mut u64) -> Vec<Out> {
        let (Answer::List(list), Some(ctx)) = (&mut self.answer, ctx) else { return Vec::new() };
        let writes = list.open(quick, ctx, tokens);
        let group = list.group().unwrap_or(self.group);
        writes.into_iter().map(|w| Out::Write(w, group)).collect()
    }

    /// Moves on: from a question to the next (warning once about a required one left
    /// empty), from the last question to the verdict, from the verdict to the summary. Only
    /// Enter saves the verdict; PgDn passes it by, writing nothing.
    fn forward(&mut self, ctx: Option<Ctx<'_>>, tokens: &mut u64, enter: bool) -> Vec<Out> {
        // Enter in an open row form saves the row, it does not leave the question.
        if enter
            && let Answer::List(list) = &self.answer
            && list.form.is_some()
        {
            return self.handle(Msg::CloseForm, ctx, tokens);
        }
        if self.step == Step::Verdict {
            if !enter {
                return self.go_to(Step::Summary, ctx, tokens);
            }
            return self.save_verdict(ctx, tokens);
        }
        // Enter on a suggested answer is the manager's decision: it is written now.
        if enter && self.current().is_some_and(|q| self.prefilled(&q.id).is_some()) {
            self.mark_draft();
        }
        let mut out = self.commit(ctx, tokens, true);
        if let Step::Question(i) = self.step {
            let question = &self.questions[i];
            let answered = self.is_answered(&question.id) || self.has_draft(&question.id);
            let required = question.required && !nothing_missing(question, ctx);
            if required && !answered && self.warned != Some(i) {
                self.warned = Some(i);
                out.push(Out::Warn(strings::required_answer()));
                return out;
            }
            let next = match (i + 1 < self.questions.len(), self.verdict.is_some()) {
                (true, _) => Step::Question(i + 1),
                (false, true) => Step::Verdict,
                (false, false) => Step::Summary,
            };
            out.extend(self.go_to(next, ctx, tokens));
        }
        out
    }

    /// Enter on the verdict: checks it, asks once before a move that skips stages or
    /// leaves criteria behind, then writes it and shows the summary.
    fn save_verdict(&mut self, ctx: Option<Ctx<'_>>, tokens: &mut u64) -> Vec<Out> {
        let Some(today) = ctx.map(|c| c.today) else { return Vec::new() };
        if self.verdict_needs_comment()
            && let Some(verdict) = &mut self.verdict
        {
            verdict.form = std::mem::take(&mut verdict.form).focus_on(VerdictField::Comment);
            return vec![Out::Warn(strings::VERDICT_NEEDS_COMMENT.to_string())];
        }
        let result = self.verdict_fields(today);
        let Some(verdict) = &mut self.verdict else { return Vec::new() };
        let fields = match result {
            Ok(fields) => fields,
            Err(err) => {
                verdict.error = Some(err.clone());
                return vec![Out::Warn(err)];
            }
        };
        verdict.error = None;
        if verdict.confirm.is_none()
            && let Some((_, warning)) = verdict.skips.iter().find(|(to, _)| *to == fields.stage_to)
        {
            verdict.confirm = Some(warning.clone());
            return Vec::new();
        }
        verdict.confirm = None;
        // Saving the verdict deletes its draft.
        verdict.edited = false;
        verdict.sent = true;
        let mut out = vec![Out::Verdict(fields, self.group)];
        out.extend(self.go_to(Step::Summary, ctx, tokens));
        out
    }

    fn go_to(&mut self, step: Step, ctx: Option<Ctx<'_>>, tokens: &mut u64) -> Vec<Out> {
        // Leaving the verdict unsaved keeps what was typed in it.
        let mut out = if step == self.step { Vec::new() } else { self.verdict_draft() };
        if step != self.step {
            self.warned = None;
            *tokens += 1;
            self.group = *tokens;
        }
        self.step = step;
        self.load_answer(ctx);
        out.push(Out::Position(self.position_id()));
        out
    }

    /// The verdict form as typed, if typed into since last kept.
    fn verdict_draft(&mut self) -> Vec<Out> {
        match &mut self.verdict {
            Some(verdict) if verdict.edited && self.step == Step::Verdict => {
                verdict.edited = false;
                vec![Out::Draft(verdict.draft())]
            }
            _ => Vec::new(),
        }
    }

    /// Writes what the current step holds that is not written yet. The verdict is never
    /// written here: only Enter on it does.
    fn commit(&mut self, ctx: Option<Ctx<'_>>, tokens: &mut u64, leaving: bool) -> Vec<Out> {
        let Step::Question(i) = self.step else { return self.verdict_draft() };
        let Some(question) = self.questions.get(i).cloned() else { return Vec::new() };
        let group = self.group;
        match &mut self.answer {
            Answer::List(list) => {
                let Some(ctx) = ctx else { return Vec::new() };
                let form_group = list.group().unwrap_or(group);
                let writes = if leaving { list.close(ctx, tokens) } else { list.autosave(ctx, tokens) };
                // A form that cannot be saved as it is (no evidence, a date that is not one)
                // is closed when the question is left: what it wrote is taken back.
                let undo = if leaving && list.form.is_some() { list.cancel() } else { None };
                let mut out: Vec<Out> = writes.into_iter().map(|w| Out::Write(w, form_group)).collect();
                out.extend(undo.map(Out::Undo));
                out
            }
            Answer::Text(_) | Answer::Options(_) => {
                if !self.drafts.contains_key(&question.id) {
                    return Vec::new();
                }
                let text = self.answer_text();
                let group = Some(self.group);
                self.save_text(&question, text, group)
            }
        }
    }

    fn save_text(&mut self, question: &Question, text: String, group: Option<u64>) -> Vec<Out> {
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
            group,
        })]
    }

    /// The summary answer of a structured question, written when its rows change so
    /// the review keeps what was said in words. It is not an undo step of its own: it is
    /// written again from the rows after they are undone.
    pub fn summarise(&mut self, question_id: &str, summary: String) -> Vec<Out> {
        let Some(question) = self.questions.iter().find(|q| q.id == question_id).cloned() else { return Vec::new() };
        if self.saved.get(question_id).map_or("", String::as_str) == summary {
            return Vec::new();
        }
        self.save_text(&question, summary, None)
    }

    /// Prepares the editor of the current step from the draft or the saved answer.
    fn load_answer(&mut self, ctx: Option<Ctx<'_>>) {
        let Some(question) = self.current().cloned() else { return };
        let text = self
            .drafts
            .get(&question.id)
            .or_else(|| self.saved.get(&question.id))
            .or_else(|| self.prefill.get(&question.id))
            .cloned()
            .unwrap_or_default();
        self.answer = match (editor_of(&question), ctx) {
            (EditorKind::Options(options), _) => Answer::Options(OptionsEditor::new(options, &text)),
            (EditorKind::List(kind), Some(ctx)) => Answer::List(ListEditor::new(kind, ctx)),
            // Without the deal's rows a list's answer is typed as text.
            (EditorKind::Text | EditorKind::List(_), _) => Answer::Text(text_area(&text)),
        };
    }

    /// The data changed under the list (a reload): keep its cursor on a real row.
    pub fn reloaded(&mut self, ctx: Ctx<'_>) {
        let structured = self.current().and_then(list_of).is_some();
        match &mut self.answer {
            Answer::List(list) => list.settle_cursor(ctx),
            // The list could not be built without the deal's rows: build it now.
            Answer::Text(_) if structured => self.load_answer(Some(ctx)),
            _ => {}
        }
    }

    /// The undo group of the answer on screen or of its open form.
    pub fn group(&self) -> u64 {
        match &self.answer {
            Answer::List(list) => list.group().unwrap_or(self.group),
            _ => self.group,
        }
    }
}

/// A criteria question with every criterion validated has nothing to ask about.
fn nothing_missing(question: &Question, ctx: Option<Ctx<'_>>) -> bool {
    let (AnswerKind::Criteria, Some(ctx)) = (question.kind, ctx) else { return false };
    ctx.criteria().iter().all(|(stage, c, _)| ctx.criterion(&stage.key, &c.id).0.is_some())
}

#[cfg(test)]
mod tests;
