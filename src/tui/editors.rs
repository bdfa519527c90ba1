//! The answer editors of the deal script, one per answer kind that is more than free text:
//! options (yes/no, choice, scale) and the structured lists (commitments, exit criteria,
//! hypotheses). They hold only what the manager is doing (cursor, open form); the rows
//! come from the deal's data each time, so a reload after a write never loses the thread.
//! They perform no I/O: leaving a form returns the writes to make.

use chrono::NaiveDate;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui_textarea::TextArea;

use super::form::{Form, Kind, Outcome, choices, text_area};
use super::pending::Pending;
use super::strings;
use super::view::{DealView, NoteView};
use crate::domain::commitment::{Commitment, CommitmentStatus, Owner};
use crate::domain::hypothesis::{Hypothesis, HypothesisStatus, Topic};
use crate::domain::ids::{CommitmentId, HypothesisId};
use crate::domain::text::multi_line;
use crate::script::{AnswerKind, Criterion, Question, Stage};
use crate::store::deals::CriterionCheck;

/// The fields of the row forms (a commitment, a hypothesis, an exit criterion).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RowField {
    Owner,
    What,
    Due,
    Status,
    /// Why a commitment was settled so, or why a criterion is not validated yet.
    Note,
    Topic,
    Statement,
    TestPlan,
    TestBy,
    Result,
    /// A criterion's evidence, or the reason it is not validated yet.
    Text,
}

/// A write an editor asks for; the app adds the rep and the deal.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Write {
    AddCommitment {
        token: u64,
        owner: Owner,
        what: String,
        due_on: Option<NaiveDate>,
    },
    UpdateCommitment {
        id: CommitmentId,
        owner: Owner,
        what: String,
        due_on: Option<NaiveDate>,
    },
    DeleteCommitment {
        id: CommitmentId,
    },
    SettleCommitment {
        id: CommitmentId,
        status: CommitmentStatus,
        note: String,
    },
    ValidateCriterion {
        stage: String,
        criterion: String,
        text: String,
        evidence: String,
    },
    UnvalidateCriterion {
        stage: String,
        criterion: String,
    },
    NoteCriterion {
        stage: String,
        criterion: String,
        note: String,
    },
    AddHypothesis {
        token: u64,
        topic: Topic,
        statement: String,
        test_plan: String,
        test_by: Option<NaiveDate>,
    },
    UpdateHypothesis {
        id: HypothesisId,
        topic: Topic,
        statement: String,
        test_plan: String,
        test_by: Option<NaiveDate>,
    },
    SettleHypothesis {
        id: HypothesisId,
        status: HypothesisStatus,
        result: String,
    },
}

// ----- options: yes/no, choice, scale ---------------------------------------------------

/// Which part of an options answer has the keyboard.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OptionsFocus {
    Options,
    Note,
}

/// An answer picked among a few options, with an optional note. Stored as the option on
/// the first line and the note below it.
#[derive(Debug, Clone)]
pub struct OptionsEditor {
    pub options: Vec<String>,
    pub selected: Option<usize>,
    pub note: TextArea<'static>,
    pub focus: OptionsFocus,
}

/// The editor an answer is typed in.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum EditorKind {
    Text,
    /// Picked among these options, with a note.
    Options(Vec<String>),
    /// Rows of their own, summarised in words in `answers`.
    List(ListKind),
}

/// The one mapping from a question's answer kind to its editor: one arm per kind and no
/// wildcard, so a new kind is a compile error here and nowhere else.
pub fn editor_of(question: &Question) -> EditorKind {
    match question.kind {
        AnswerKind::Text => EditorKind::Text,
        AnswerKind::YesNo => EditorKind::Options(vec![strings::YES.to_string(), strings::NO.to_string()]),
        AnswerKind::Choice => EditorKind::Options(question.choices.clone()),
        AnswerKind::Scale => {
            let (min, max) = question.scale.as_ref().map_or((1, 5), |s| (s.min, s.max));
            EditorKind::Options((min..=max).map(|n| n.to_string()).collect())
        }
        AnswerKind::Commitments => EditorKind::List(ListKind::Commitments),
        AnswerKind::Criteria => EditorKind::List(ListKind::Criteria),
        AnswerKind::Hypotheses => EditorKind::List(ListKind::Hypotheses),
    }
}

/// The list a structured question is answered with; `None` for a typed or picked answer.
pub fn list_of(question: &Question) -> Option<ListKind> {
    match editor_of(question) {
        EditorKind::List(kind) => Some(kind),
        EditorKind::Text | EditorKind::Options(_) => None,
    }
}

impl OptionsEditor {
    /// Reads a saved answer back: an option on the first line (any case), a note below.
    pub fn new(options: Vec<String>, saved: &str) -> OptionsEditor {
        let saved = multi_line(saved);
        let (first, rest) = saved.split_once('\n').unwrap_or((&saved, ""));
        let selected = options.iter().position(|o| o.eq_ignore_ascii_case(first.trim()));
        let note = text_area(if selected.is_some() { rest } else { &saved });
        OptionsEditor { options, selected, note, focus: OptionsFocus::Options }
    }

    /// The answer as stored: the option, then the note.
    pub fn answer(&self) -> String {
        let note = self.note.lines().join("\n").trim().to_string();
        match (self.selected.and_then(|i| self.options.get(i)), note.is_empty()) {
            (Some(option), true) => option.clone(),
            (Some(option), false) => format!("{option}\n{note}"),
            (None, _) => note,
        }
    }

    /// Handles a key; true when the answer changed. Arrows and digits pick an option; any
    /// other printable key starts the note with that character (a letter never picks an
    /// option by its initial: "Dr Quist signs" is a note, not "Status quo"). Tab goes from
    /// the options to the note and back.
    pub fn handle(&mut self, key: KeyEvent) -> bool {
        if key.code == KeyCode::Tab || key.code == KeyCode::BackTab {
            self.focus = match self.focus {
                OptionsFocus::Options => OptionsFocus::Note,
                OptionsFocus::Note => OptionsFocus::Options,
            };
            return false;
        }
        if self.focus == OptionsFocus::Note {
            return self.note.input(key);
        }
        let n = self.options.len();
        let before = self.selected;
        match key.code {
            KeyCode::Left | KeyCode::Up if n > 0 => {
                self.selected = Some(self.selected.map_or(0, |i| i.saturating_sub(1)));
            }
            KeyCode::Right | KeyCode::Down if n > 0 => {
                self.selected = Some(self.selected.map_or(0, |i| (i + 1).min(n - 1)));
            }
            KeyCode::Backspace | KeyCode::Delete => self.selected = None,
            KeyCode::Char(c) if is_text(key) => {
                // A digit picks by the option's own label (a scale's value), else by number.
                let by_label = self.options.iter().position(|o| o == &c.to_string());
                let by_number = c.to_digit(10).and_then(|d| (d as usize).checked_sub(1)).filter(|i| *i < n);
                if let Some(i) = by_label.or(by_number) {
                    self.selected = Some(i);
                } else {
                    self.focus = OptionsFocus::Note;
                    self.note.move_cursor(ratatui_textarea::CursorMove::Bottom);
                    self.note.move_cursor(ratatui_textarea::CursorMove::End);
                    return self.note.input(key);
                }
            }
            _ => return false,
        }
        before != self.selected
    }
}

/// Whether a key is text to type: a character with no Ctrl or Alt.
pub fn is_text(key: KeyEvent) -> bool {
    matches!(key.code, KeyCode::Char(_)) && (key.modifiers - KeyModifiers::SHIFT).is_empty()
}

// ----- structured lists -----------------------------------------------------------------

/// A row of a structured list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Row {
    Commitment(CommitmentId),
    Hypothesis(HypothesisId),
    /// An exit criterion: its stage's key and its id.
    Criterion(String, String),
    /// "Add a commitment / hypothesis".
    Add,
}

/// Whether a row being added already exists in the database.
/// A form opened on a row.
#[derive(Debug, Clone)]
pub struct RowForm {
    pub row: Row,
    pub form: Form<RowField>,
    /// The row the form adds, once written; a form on an existing row is `Written`.
    pub binding: Pending<()>,
    /// Why the form cannot be saved as it is (a date that is not a date).
    pub error: Option<String>,
    /// Typed into since last saved: a pause in typing saves only then.
    pub edited: bool,
    /// The undo group of the form's writes: Esc undoes them all.
    pub group: u64,
    /// The one-line "why" after a one-key settle, drawn on the row itself.
    pub inline: bool,
    /// Whether the form wrote anything yet: only then has Esc something to undo.
    pub wrote: bool,
}

/// What an editor reads: the rows of the deal (or of the rep's prospecting) as loaded,
/// the deal's stage in the script, and today.
#[derive(Clone, Copy)]
pub struct Ctx<'a> {
    pub commitments: &'a [Commitment],
    pub hypotheses: &'a [Hypothesis],
    pub checks: &'a [CriterionCheck],
    pub notes: &'a [NoteView],
    pub stage: Option<&'a Stage>,
    /// The stages of the process before the deal's, in order: their criteria left
    /// unvalidated were skipped, and are asked about too.
    pub earlier: &'a [Stage],
    pub today: NaiveDate,
}

impl<'a> Ctx<'a> {
    /// A deal's rows.
    pub fn of(view: &'a DealView, stage: Option<&'a Stage>, today: NaiveDate) -> Ctx<'a> {
        Ctx {
            commitments: &view.commitments,
            hypotheses: &view.hypotheses,
            checks: &view.checks,
            notes: &view.notes,
            stage,
            earlier: &[],
            today,
        }
    }

    /// The same, with the stages before the deal's.
    pub fn with_earlier(self, earlier: &'a [Stage]) -> Ctx<'a> {
        Ctx { earlier, ..self }
    }

    /// The exit criteria asked about, in the process's order: those of earlier stages not
    /// validated (skipped on the way), then every one of the deal's stage. Each with its
    /// stage and whether it was skipped.
    pub fn criteria(&self) -> Vec<(&'a Stage, &'a Criterion, bool)> {
        let mut rows = Vec::new();
        for stage in self.earlier {
            for c in &stage.criteria {
                // One validated today stays in view: it does not vanish under the cursor.
                if self.criterion(&stage.key, &c.id).0.is_none_or(|check| check.validated_on == self.today) {
                    rows.push((stage, c, true));
                }
            }
        }
        if let Some(stage) = self.stage {
            rows.extend(stage.criteria.iter().map(|c| (stage, c, false)));
        }
        rows
    }

    /// A criterion asked about, by its stage and id.
    pub fn find_criterion(&self, stage: &str, id: &str) -> Option<(&'a Stage, &'a Criterion)> {
        self.earlier
            .iter()
            .chain(self.stage)
            .find(|s| s.key == stage)
            .and_then(|s| s.criteria.iter().find(|c| c.id == id).map(|c| (s, c)))
    }

    /// The rep's prospecting commitments (no deal, no criteria, no hypotheses).
    pub fn prospecting(commitments: &'a [Commitment], today: NaiveDate) -> Ctx<'a> {
        Ctx { commitments, hypotheses: &[], checks: &[], notes: &[], stage: None, earlier: &[], today }
    }

    /// An exit criterion's check, if it is validated, and its note of why not yet, if any.
    pub fn criterion(&self, stage: &str, id: &str) -> (Option<&'a CriterionCheck>, Option<&'a NoteView>) {
        let check = self.checks.iter().find(|c| c.stage == stage && c.criterion == id);
        let note = self.notes.iter().find(|n| n.stage == stage && n.criterion == id);
        (check, note)
    }
}

/// Which list it is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ListKind {
    Commitments,
    Criteria,
    Hypotheses,
}

/// A structured answer: a cursor on rows, and maybe a form open on one of them.
#[derive(Debug, Clone)]
pub struct ListEditor {
    pub kind: ListKind,
    pub cursor: Row,
    pub form: Option<RowForm>,
    /// Closed forms of new rows whose id has not come back yet, with edits to apply then.
    waiting: Vec<RowForm>,
}

/// Quick keys on a list row.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Quick {
    Add,
    Settle(CommitmentStatus),
    Validate,
    Conclude(HypothesisStatus),
    Delete,
}

/// Commitments shown for a deal today: open ones, and those made or settled today.
pub fn commitment_rows(commitments: &[Commitment], today: NaiveDate) -> Vec<&Commitment> {
    let mut rows: Vec<&Commitment> = commitments
        .iter()
        .filter(|c| c.status == CommitmentStatus::Open || c.settled_on == Some(today) || c.created_on == Some(today))
        .collect();
    // Earlier promises first (soonest due), then what was made today, in the order made.
    rows.sort_by_key(|c| {
        (c.created_on == Some(today), c.created_on != Some(today) && c.due_on.is_none(), c.due_on, c.id)
    });
    rows
}

/// Hypotheses shown for a deal today: open ones, and those concluded or made today.
pub fn hypothesis_rows(hypotheses: &[Hypothesis], today: NaiveDate) -> Vec<&Hypothesis> {
    let mut rows: Vec<&Hypothesis> = hypotheses
        .iter()
        .filter(|h| h.status == HypothesisStatus::Open || h.settled_on == Some(today) || h.created_on == today)
        .collect();
    rows.sort_by_key(|h| (h.created_on == today, h.test_by.is_none(), h.test_by, h.id));
    rows
}

impl ListEditor {
    /// The list of a question as it is reached: on commitments and hypotheses the cursor is
    /// on the new row (typing starts one), on criteria on the first one not validated.
    pub fn new(kind: ListKind, ctx: Ctx<'_>) -> ListEditor {
        let mut editor = ListEditor { kind, cursor: Row::Add, form: None, waiting: Vec::new() };
        let rows = editor.rows(ctx);
        editor.cursor = match kind {
            ListKind::Commitments | ListKind::Hypotheses => Row::Add,
            ListKind::Criteria => {
                let open = rows
                    .iter()
                    .find(|r| matches!(r, Row::Criterion(stage, id) if ctx.criterion(stage, id).0.is_none()));
                open.or(rows.first()).cloned().unwrap_or(Row::Add)
            }
        };
        editor
    }

    /// The rows, in display order.
    pub fn rows(&self, ctx: Ctx<'_>) -> Vec<Row> {
        match self.kind {
            ListKind::Commitments => {
                let mut rows: Vec<Row> =
                    commitment_rows(ctx.commitments, ctx.today).into_iter().map(|c| Row::Commitment(c.id)).collect();
                rows.push(Row::Add);
                rows
            }
            ListKind::Hypotheses => {
                let mut rows: Vec<Row> =
                    hypothesis_rows(ctx.hypotheses, ctx.today).into_iter().map(|h| Row::Hypothesis(h.id)).collect();
                rows.push(Row::Add);
                rows
            }
            ListKind::Criteria => ctx
                .criteria()
                .into_iter()
                .map(|(stage, c, _)| Row::Criterion(stage.key.clone(), c.id.clone()))
                .collect(),
        }
    }

    /// Moves the cursor over the rows as they are now. An inline "why" is closed first
    /// (what was typed in it is saved).
    pub fn move_cursor(&mut self, down: bool, ctx: Ctx<'_>, next_token: &mut u64) -> Vec<Write> {
        let writes =
            if self.form.as_ref().is_some_and(|f| f.inline) { self.close(ctx, next_token) } else { Vec::new() };
        let rows = self.rows(ctx);
        let at = rows.iter().position(|r| *r == self.cursor).unwrap_or(0);
        let next = if down { (at + 1).min(rows.len().saturating_sub(1)) } else { at.saturating_sub(1) };
        if let Some(row) = rows.get(next) {
            self.cursor = row.clone();
        }
        writes
    }

    /// Keeps the cursor on a row that exists after the data changed.
    pub fn settle_cursor(&mut self, ctx: Ctx<'_>) {
        let rows = self.rows(ctx);
        if !rows.contains(&self.cursor) {
            self.cursor = rows.last().cloned().unwrap_or(Row::Add);
        }
    }

    /// A printable key on the list: typing starts on the selected row, with that key
    /// already typed — a new commitment or hypothesis, a criterion's evidence or the reason
    /// it is not validated yet.
    pub fn type_on(&mut self, key: KeyEvent, ctx: Ctx<'_>, next_token: &mut u64) -> Vec<Write> {
        let validated = |row: &Row| matches!(row, Row::Criterion(stage, id) if ctx.criterion(stage, id).0.is_some());
        match self.kind {
            ListKind::Commitments | ListKind::Hypotheses => self.cursor = Row::Add,
            // What is typed on the criteria is most likely why one is not validated: an
            // earlier validation's evidence is not rewritten while another one is missing.
            ListKind::Criteria if validated(&self.cursor) => {
                if let Some(open) = self.rows(ctx).into_iter().find(|r| !validated(r)) {
                    self.cursor = open;
                }
            }
            ListKind::Criteria => {}
        }
        let mut writes = self.open(None, ctx, next_token);
        if let Some(open) = self.form.as_mut()
            && let Row::Criterion(..) = open.row
        {
            open.form = std::mem::take(&mut open.form).focus_on(RowField::Text);
            // Added to evidence already there, not glued to it.
            if !open.form.text(RowField::Text).is_empty() {
                open.form.paste("; ");
            }
        }
        writes.extend(self.handle_form_key(key, ctx, next_token));
        writes
    }

    /// Opens the form of the row under the cursor, or runs a quick key on it. A settle key
    /// writes at once and opens a one-line "why" on the row.
    pub fn open(&mut self, quick: Option<Quick>, ctx: Ctx<'_>, next_token: &mut u64) -> Vec<Write> {
        if self.form.is_some() {
            return Vec::new();
        }
        let today = ctx.today;
        if quick == Some(Quick::Add) {
            if self.kind == ListKind::Criteria {
                return Vec::new();
            }
            self.cursor = Row::Add;
        }
        if quick == Some(Quick::Delete) {
            if let Row::Commitment(id) = self.cursor
                && ctx.commitments.iter().any(|c| c.id == id && c.created_on == Some(today))
            {
                self.move_cursor(false, ctx, next_token);
                return vec![Write::DeleteCommitment { id }];
            }
            return Vec::new();
        }
        let form = match (&self.cursor, self.kind) {
            (Row::Add, ListKind::Commitments) => {
                Some(commitment_form(None, today, owner_default(ctx.commitments, ctx.stage.is_none())))
            }
            (Row::Add, ListKind::Hypotheses) => Some(hypothesis_form(None, today)),
            (Row::Commitment(id), _) => {
                ctx.commitments.iter().find(|c| c.id == *id).map(|c| commitment_form(Some(c), today, c.owner))
            }
            (Row::Hypothesis(id), _) => {
                ctx.hypotheses.iter().find(|h| h.id == *id).map(|h| hypothesis_form(Some(h), today))
            }
            (Row::Criterion(stage, id), _) => Some(criterion_form(ctx, stage, id)),
            (Row::Add, ListKind::Criteria) => None,
        };
        let Some(mut form) = form else { return Vec::new() };
        let mut inline = false;
        let mut writes = Vec::new();
        match quick {
            Some(Quick::Settle(status)) => {
                let Row::Commitment(id) = self.cursor else { return Vec::new() };
                let Some(current) = ctx.commitments.iter().find(|c| c.id == id) else { return Vec::new() };
                // Settled at once; the "why" is optional, typed on the row, and Enter skips it.
                writes.push(Write::SettleCommitment { id, status, note: current.note.clone() });
                form = Form::new()
                    .read_only(RowField::Status, strings::FIELD_STATUS, status.as_str())
                    .field(RowField::Note, strings::FIELD_WHY, Kind::Line, &current.note)
                    .focus_on(RowField::Note);
                inline = true;
            }
            Some(Quick::Validate) => {
                let evidence =
                    if form.text(RowField::Status) == "validated" { form.text(RowField::Text) } else { String::new() };
                form = criterion_form_with("validated", &evidence).focus_on(RowField::Text);
            }
            Some(Quick::Conclude(status)) if form.get(RowField::Status).is_some() => {
                form.set_choice(RowField::Status, status.as_str());
                form = form.focus_on(RowField::Result);
            }
            Some(Quick::Conclude(_)) => return Vec::new(),
            _ => {}
        }
        let binding = if self.cursor == Row::Add { Pending::New } else { Pending::Written(()) };
        relabel(self.kind, &mut form);
        *next_token += 1;
        let group = *next_token;
        let wrote = !writes.is_empty();
        self.form =
            Some(RowForm { row: self.cursor.clone(), form, binding, error: None, edited: false, group, inline, wrote });
        writes
    }

    /// A key for the open form. Moving between fields saves, as leaving a field does.
    pub fn handle_form_key(&mut self, key: KeyEvent, ctx: Ctx<'_>, next_token: &mut u64) -> Vec<Write> {
        let Some(open) = self.form.as_mut() else { return Vec::new() };
        match open.form.handle(key) {
            Outcome::Moved => self.save(ctx, next_token),
            Outcome::Edited => {
                open.edited = true;
                relabel(self.kind, &mut open.form);
                Vec::new()
            }
            Outcome::Ignored => Vec::new(),
        }
    }

    /// A pause in typing: saves the open form if it was typed into since last saved.
    pub fn autosave(&mut self, ctx: Ctx<'_>, next_token: &mut u64) -> Vec<Write> {
        if self.form.as_ref().is_some_and(|f| f.edited) { self.save(ctx, next_token) } else { Vec::new() }
    }

    /// Pasted text for the open form.
    pub fn paste(&mut self, text: &str) {
        if let Some(open) = self.form.as_mut() {
            open.form.paste(text);
            open.edited = true;
        }
    }

    /// Saves the open form and closes it (Enter). A form that cannot be saved as it is (a
    /// date that is not one, a criterion validated without evidence) stays open with its
    /// error.
    pub fn close(&mut self, ctx: Ctx<'_>, next_token: &mut u64) -> Vec<Write> {
        let writes = self.save(ctx, next_token);
        if self.form.as_ref().is_some_and(|f| f.error.is_some()) {
            return writes;
        }
        if self.kind == ListKind::Criteria && self.form.is_some() {
            // One criterion said, the next one not validated is asked about: what is typed
            // next is about it, not more of the same row.
            let rows = self.rows(ctx);
            let validated =
                |row: &Row| matches!(row, Row::Criterion(stage, id) if ctx.criterion(stage, id).0.is_some());
            let at = rows.iter().position(|r| *r == self.cursor).unwrap_or(0);
            if let Some(next) = rows.iter().skip(at + 1).find(|r| !validated(r)) {
                self.cursor = next.clone();
            }
        }
        if let Some(open) = self.form.take()
            && matches!(open.binding, Pending::Inserting { dirty: true, .. })
        {
            self.waiting.push(open);
        }
        writes
    }

    /// Closes the open form without keeping anything it wrote (Esc): the undo group whose
    /// steps put the row back as it was when the form opened, if it wrote any.
    pub fn cancel(&mut self) -> Option<u64> {
        let open = self.form.take()?;
        open.wrote.then_some(open.group)
    }

    /// The writes the open form's values need now.
    pub fn save(&mut self, ctx: Ctx<'_>, next_token: &mut u64) -> Vec<Write> {
        match self.form.as_mut() {
            Some(open) => save_form(self.kind, open, ctx, next_token),
            None => Vec::new(),
        }
    }

    /// The undo group of the open form, if one is open.
    pub fn group(&self) -> Option<u64> {
        self.form.as_ref().map(|f| f.group)
    }

    /// The undo group of a new row's form still waiting for the row's id.
    pub fn waiting_group(&self, token: u64) -> Option<u64> {
        let is_it = |f: &&RowForm| f.binding.waits_for(token);
        self.form.iter().chain(self.waiting.iter()).find(is_it).map(|f| f.group)
    }

    /// The id of a row added from this editor came back: later edits go to that row.
    pub fn inserted(&mut self, token: u64, row: &Row, ctx: Ctx<'_>, next_token: &mut u64) -> Vec<Write> {
        if let Some(open) = self.form.as_mut()
            && let Some(dirty) = open.binding.arrived(token, ())
        {
            open.row = row.clone();
            return if dirty { save_form(self.kind, open, ctx, next_token) } else { Vec::new() };
        }
        if let Some(i) = self.waiting.iter().position(|f| f.binding.waits_for(token)) {
            let mut closed = self.waiting.remove(i);
            closed.binding.arrived(token, ());
            closed.row = row.clone();
            return save_form(self.kind, &mut closed, ctx, next_token);
        }
        Vec::new()
    }
}

fn save_form(kind: ListKind, open: &mut RowForm, ctx: Ctx<'_>, next_token: &mut u64) -> Vec<Write> {
    open.error = None;
    open.edited = false;
    let writes = form_writes(kind, open, ctx, next_token);
    open.wrote |= !writes.is_empty();
    writes
}

fn form_writes(kind: ListKind, open: &mut RowForm, ctx: Ctx<'_>, next_token: &mut u64) -> Vec<Write> {
    match (kind, &open.row) {
        (ListKind::Commitments, _) => save_commitment(open, ctx.commitments, ctx.today, next_token),
        (ListKind::Hypotheses, _) => save_hypothesis(open, ctx.hypotheses, ctx.today, next_token),
        (ListKind::Criteria, Row::Criterion(stage, id)) => {
            let (stage, id) = (stage.clone(), id.clone());
            save_criterion(open, ctx, &stage, &id)
        }
        (ListKind::Criteria, _) => Vec::new(),
    }
}

fn owner_default(commitments: &[Commitment], prospecting: bool) -> Owner {
    // A prospecting commitment is the rep's ("two call blocks Tue/Thu").
    if prospecting {
        return Owner::Rep;
    }
    // Most commitments asked for in a challenge are the prospect's; once the prospect has
    // one open, the next is more often ours.
    if commitments.iter().any(|c| c.owner == Owner::Prospect && c.status == CommitmentStatus::Open) {
        Owner::Rep
    } else {
        Owner::Prospect
    }
}

fn owner_choices() -> Kind {
    choices(Owner::ALL, Owner::as_str, |o| strings::owner_name(o.as_str()))
}

fn iso_or_empty(date: Option<NaiveDate>) -> String {
    date.map(crate::domain::dates::iso).unwrap_or_default()
}

/// The form of a commitment: everything editable when made today; an earlier promise
/// keeps its words and only gets settled.
fn commitment_form(c: Option<&Commitment>, today: NaiveDate, owner: Owner) -> Form<RowField> {
    match c {
        None => Form::new()
            .field(RowField::Owner, strings::FIELD_OWNER, owner_choices(), owner.as_str())
            .field(RowField::What, strings::FIELD_WHAT, Kind::Line, "")
            .field(RowField::Due, strings::FIELD_DUE, Kind::Date, "")
            .focus_on(RowField::What),
        Some(c) if c.created_on == Some(today) => Form::new()
            .field(RowField::Owner, strings::FIELD_OWNER, owner_choices(), c.owner.as_str())
            .field(RowField::What, strings::FIELD_WHAT, Kind::Line, &c.what)
            .field(RowField::Due, strings::FIELD_DUE, Kind::Date, &iso_or_empty(c.due_on))
            .focus_on(RowField::What),
        // An earlier promise keeps its words (they are on the row above): it only gets settled.
        Some(c) => Form::new()
            .field(
                RowField::Status,
                strings::FIELD_STATUS,
                choices(CommitmentStatus::ALL, CommitmentStatus::as_str, strings::commitment_status),
                c.status.as_str(),
            )
            .field(RowField::Note, strings::FIELD_WHY, Kind::Line, &c.note),
    }
}

fn save_commitment(
    open: &mut RowForm,
    commitments: &[Commitment],
    today: NaiveDate,
    next_token: &mut u64,
) -> Vec<Write> {
    let f = &open.form;
    let due = match f.date(RowField::Due, today) {
        Ok(due) => due,
        Err(err) if f.get(RowField::Due).is_some_and(|d| !d.read_only) => {
            open.error = Some(err);
            return Vec::new();
        }
        Err(_) => None,
    };
    let owner = Owner::from_word(&f.text(RowField::Owner)).unwrap_or(Owner::Prospect);
    let what = f.text(RowField::What);
    let chosen = CommitmentStatus::from_word(&f.text(RowField::Status));
    let note = f.text(RowField::Note);
    let mut writes = Vec::new();
    match (&open.row, open.binding) {
        (Row::Add, Pending::New) => {
            if what.is_empty() {
                return writes;
            }
            *next_token += 1;
            open.binding.begin(*next_token);
            writes.push(Write::AddCommitment { token: *next_token, owner, what, due_on: due });
        }
        (_, Pending::Inserting { .. }) => {
            open.binding.hold_edit();
        }
        (Row::Commitment(id), _) => {
            let Some(current) = commitments.iter().find(|c| c.id == *id) else { return writes };
            let editable = f.get(RowField::What).is_some_and(|w| !w.read_only);
            if editable && !what.is_empty() && (current.owner != owner || current.what != what || current.due_on != due)
            {
                writes.push(Write::UpdateCommitment { id: *id, owner, what, due_on: due });
            }
            // A form without a status field (a one-line "why", today's commitment) keeps it.
            let status = chosen.unwrap_or(current.status);
            let has_note = f.get(RowField::Note).is_some();
            if current.status != status || (has_note && current.note != note) {
                writes.push(Write::SettleCommitment { id: *id, status, note });
            }
        }
        _ => {}
    }
    writes
}

/// A hypothesis made today is edited whole; an earlier one gets its test's result.
fn hypothesis_form(h: Option<&Hypothesis>, today: NaiveDate) -> Form<RowField> {
    match h {
        Some(h) if h.created_on != today => Form::new()
            .field(
                RowField::Status,
                strings::FIELD_STATUS,
                choices(HypothesisStatus::ALL, HypothesisStatus::as_str, strings::hypothesis_status),
                h.status.as_str(),
            )
            .field(RowField::Result, strings::FIELD_RESULT, Kind::Line, &h.result)
            .focus_on(RowField::Result),
        _ => Form::new()
            .field(
                RowField::Topic,
                strings::FIELD_TOPIC,
                choices(Topic::ALL, Topic::as_str, strings::topic_name),
                h.map_or("budget", |h| h.topic.as_str()),
            )
            .field(RowField::Statement, strings::FIELD_ASSUMPTION, Kind::Line, h.map_or("", |h| h.statement.as_str()))
            .field(RowField::TestPlan, strings::FIELD_TEST, Kind::Line, h.map_or("", |h| h.test_plan.as_str()))
            .field(RowField::TestBy, strings::FIELD_BY, Kind::Date, &iso_or_empty(h.and_then(|h| h.test_by)))
            .focus_on(RowField::Statement),
    }
}

fn save_hypothesis(
    open: &mut RowForm,
    hypotheses: &[Hypothesis],
    today: NaiveDate,
    next_token: &mut u64,
) -> Vec<Write> {
    let f = &open.form;
    let test_by = match f.date(RowField::TestBy, today) {
        Ok(d) => d,
        Err(err) => {
            open.error = Some(err);
            return Vec::new();
        }
    };
    let topic = Topic::from_word(&f.text(RowField::Topic)).unwrap_or(Topic::Other);
    let statement = f.text(RowField::Statement);
    let test_plan = f.text(RowField::TestPlan);
    let status = HypothesisStatus::from_word(&f.text(RowField::Status)).unwrap_or(HypothesisStatus::Open);
    let result = f.text(RowField::Result);
    let mut writes = Vec::new();
    match (&open.row, open.binding) {
        (Row::Add, Pending::New) => {
            if statement.is_empty() {
                return writes;
            }
            *next_token += 1;
            open.binding.begin(*next_token);
            writes.push(Write::AddHypothesis { token: *next_token, topic, statement, test_plan, test_by });
        }
        (_, Pending::Inserting { .. }) => {
            open.binding.hold_edit();
        }
        (Row::Hypothesis(id), _) => {
            let Some(current) = hypotheses.iter().find(|h| h.id == *id) else { return writes };
            if !statement.is_empty()
                && (current.topic != topic
                    || current.statement != statement
                    || current.test_plan != test_plan
                    || current.test_by != test_by)
            {
                writes.push(Write::UpdateHypothesis { id: *id, topic, statement, test_plan, test_by });
            }
            if current.status != status || current.result != result {
                writes.push(Write::SettleHypothesis { id: *id, status, result });
            }
        }
        _ => {}
    }
    writes
}

/// The criterion's text field says what it holds: evidence, or why it is not there yet.
fn relabel(kind: ListKind, form: &mut Form<RowField>) {
    if kind != ListKind::Criteria {
        return;
    }
    let validated = form.text(RowField::Status) == "validated";
    if let Some(field) = form.field_mut(RowField::Text) {
        field.label = (if validated { strings::FIELD_EVIDENCE } else { strings::FIELD_WHY_NOT_YET }).to_string();
    }
}

fn criterion_form(ctx: Ctx<'_>, stage_key: &str, criterion: &str) -> Form<RowField> {
    match ctx.criterion(stage_key, criterion) {
        (Some(check), _) => criterion_form_with("validated", &check.evidence),
        // Today's reason is edited; one said at an earlier review stays as it was said.
        (None, note) => {
            criterion_form_with("not_yet", note.filter(|n| n.held_on == ctx.today).map_or("", |n| n.note.as_str()))
        }
    }
}

fn criterion_form_with(status: &str, text: &str) -> Form<RowField> {
    Form::new()
        .field(
            RowField::Status,
            strings::FIELD_CRITERION,
            Kind::Choice(vec![
                ("validated".into(), strings::CRITERION_VALIDATED.into()),
                ("not_yet".into(), strings::CRITERION_NOT_YET.into()),
            ]),
            status,
        )
        .field(RowField::Text, strings::FIELD_EVIDENCE, Kind::Line, text)
        .focus_on(RowField::Text)
}

fn save_criterion(open: &mut RowForm, ctx: Ctx<'_>, stage_key: &str, criterion_id: &str) -> Vec<Write> {
    let Some((stage, criterion)) = ctx.find_criterion(stage_key, criterion_id) else { return Vec::new() };
    let f = &open.form;
    let (check, note) = ctx.criterion(&stage.key, &criterion.id);
    let text = f.text(RowField::Text);
    if f.text(RowField::Status) == "validated" {
        if text.is_empty() {
            // Validated is what the prospect said or did: no evidence, no validation.
            open.error = Some(strings::EVIDENCE_NEEDED.to_string());
            return Vec::new();
        }
        if check.is_some_and(|c| c.evidence == text) {
            return Vec::new();
        }
        return vec![Write::ValidateCriterion {
            stage: stage.key.clone(),
            criterion: criterion.id.clone(),
            text: criterion.text.clone(),
            evidence: text,
        }];
    }
    let mut writes = Vec::new();
    if check.is_some() {
        writes.push(Write::UnvalidateCriterion { stage: stage.key.clone(), criterion: criterion.id.clone() });
    }
    if note.filter(|n| n.held_on == ctx.today).map_or("", |n| n.note.as_str()) != text {
        writes.push(Write::NoteCriterion { stage: stage.key.clone(), criterion: criterion.id.clone(), note: text });
    }
    writes
}
