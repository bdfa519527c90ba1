//! A small form: labelled fields, one focused at a time, each with its own keys. Used for
//! commitments, hypotheses, criteria, the verdict and deal facts. It performs no I/O: the
//! owner reads the values when a field is left and turns them into a write.

use chrono::NaiveDate;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui_textarea::{CursorMove, TextArea, WrapMode};

use crate::domain::dates::{Direction, parse_natural};
use crate::domain::money::read_amount;
use crate::domain::text::{multi_line, one_line, pasted};

/// What a field holds and how it is typed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Kind {
    /// One line of text.
    Line,
    /// Several lines (Alt-Enter starts a new one).
    Lines,
    /// A date ahead, typed naturally ("fri", "+10d", "4/12"), resolved against today.
    Date,
    /// A date that has passed ("yesterday", "mon", "-3d", "25/11"): when something happened.
    PastDate,
    /// An amount in currency units.
    Amount,
    /// One of a few values, stepped with ← →: (stored value, label).
    Choice(Vec<(String, String)>),
}

/// A choice among the values of a word-like type: each stored as its word, shown with its label.
pub fn choices<T: Copy>(values: &[T], word: fn(T) -> &'static str, label: fn(T) -> &'static str) -> Kind {
    Kind::Choice(values.iter().map(|v| (word(*v).to_string(), label(*v).to_string())).collect())
}

/// A text editor holding `text` (controls removed), wrapping words, the cursor at its end.
pub fn text_area(text: &str) -> TextArea<'static> {
    let mut input = TextArea::new(multi_line(text).split('\n').map(str::to_string).collect());
    input.set_wrap_mode(WrapMode::WordOrGlyph);
    input.move_cursor(CursorMove::Bottom);
    input.move_cursor(CursorMove::End);
    input
}

/// One field of a form.
#[derive(Debug, Clone)]
pub struct Field {
    pub label: String,
    pub kind: Kind,
    pub input: TextArea<'static>,
    /// Index of the selected value of a `Choice`.
    pub choice: usize,
    /// Shown greyed and skipped by Tab.
    pub read_only: bool,
    /// A suggested value ("1", "today"): selected when the field gets the keyboard, so the
    /// first key typed replaces it. Any edit makes it the field's own value.
    pub placeholder: bool,
}

impl Field {
    fn new(label: &str, kind: Kind, value: &str) -> Field {
        let choice = match &kind {
            Kind::Choice(values) => values.iter().position(|(v, _)| v == value).unwrap_or(0),
            _ => 0,
        };
        let input = text_area(if matches!(kind, Kind::Choice(_)) { "" } else { value });
        Field { label: label.to_string(), kind, input, choice, read_only: false, placeholder: false }
    }

    /// The field's value as text: the typed text, or the stored value of the choice.
    pub fn text(&self) -> String {
        match &self.kind {
            Kind::Choice(values) => values.get(self.choice).map(|(v, _)| v.clone()).unwrap_or_default(),
            Kind::Lines => self.input.lines().join("\n").trim().to_string(),
            _ => self.input.lines().join(" ").trim().to_string(),
        }
    }

    /// The label of the selected choice.
    pub fn choice_label(&self) -> Option<&str> {
        match &self.kind {
            Kind::Choice(values) => values.get(self.choice).map(|(_, l)| l.as_str()),
            _ => None,
        }
    }
}

/// What a key did to the form.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    /// The key was not for the form (the owner may use it).
    Ignored,
    /// A value changed or the cursor moved.
    Edited,
    /// Focus moved to another field: the one left may need saving.
    Moved,
}

/// Labelled fields with one focused: what typing and drawing need, whatever the form.
#[derive(Debug, Clone, Default)]
pub struct Fields {
    pub fields: Vec<Field>,
    pub focus: usize,
}

/// A form: its fields, each known by a key of the form's own type (an enum per form), so a
/// misspelt field cannot compile.
#[derive(Debug, Clone)]
pub struct Form<K> {
    keys: Vec<K>,
    body: Fields,
}

impl<K> std::ops::Deref for Form<K> {
    type Target = Fields;

    fn deref(&self) -> &Fields {
        &self.body
    }
}

impl<K> std::ops::DerefMut for Form<K> {
    fn deref_mut(&mut self) -> &mut Fields {
        &mut self.body
    }
}

impl<K> Default for Form<K> {
    fn default() -> Self {
        Form { keys: Vec::new(), body: Fields::default() }
    }
}

impl<K: Copy + PartialEq> Form<K> {
    pub fn new() -> Form<K> {
        Form::default()
    }

    /// Adds a field with its current value.
    pub fn field(mut self, key: K, label: &str, kind: Kind, value: &str) -> Form<K> {
        self.keys.push(key);
        self.body.fields.push(Field::new(label, kind, value));
        self
    }

    /// Adds a field shown but not editable.
    pub fn read_only(mut self, key: K, label: &str, value: &str) -> Form<K> {
        let mut field = Field::new(label, Kind::Line, value);
        field.read_only = true;
        self.keys.push(key);
        self.body.fields.push(field);
        if self.body.focus == self.body.fields.len() - 1 {
            self.body.focus += 1;
        }
        self
    }

    fn index(&self, key: K) -> Option<usize> {
        self.keys.iter().position(|k| *k == key)
    }

    /// Focuses the field with this key.
    pub fn focus_on(mut self, key: K) -> Form<K> {
        if let Some(i) = self.index(key).filter(|i| !self.body.fields[*i].read_only) {
            self.body.focus = i;
            self.body.select_focused();
        }
        self
    }

    /// Marks a field's value as a suggestion: selected when the field gets the keyboard.
    pub fn placeholder(mut self, key: K) -> Form<K> {
        if let Some(field) = self.field_mut(key) {
            field.placeholder = true;
        }
        self.body.select_focused();
        self
    }

    /// The key of the field that has the keyboard.
    pub fn focused_key(&self) -> Option<K> {
        self.keys.get(self.body.focus).copied()
    }

    pub fn get(&self, key: K) -> Option<&Field> {
        self.index(key).map(|i| &self.body.fields[i])
    }

    pub fn field_mut(&mut self, key: K) -> Option<&mut Field> {
        self.index(key).map(|i| &mut self.body.fields[i])
    }

    /// The text of a field (empty when the form has no such field).
    pub fn text(&self, key: K) -> String {
        self.get(key).map(Field::text).unwrap_or_default()
    }

    /// A date field resolved against today, ahead or past as its kind says: `Ok(None)`
    /// when empty.
    pub fn date(&self, key: K, today: NaiveDate) -> Result<Option<NaiveDate>, String> {
        let Some(field) = self.get(key) else { return Ok(None) };
        let text = field.text();
        if text.is_empty() {
            return Ok(None);
        }
        let direction = if field.kind == Kind::PastDate { Direction::Past } else { Direction::Future };
        parse_natural(&text, today, direction).map(Some).map_err(|err| err.to_string())
    }

    /// An amount field in minor units.
    pub fn amount(&self, key: K) -> Result<i64, String> {
        let text = self.text(key);
        if text.is_empty() {
            return Ok(0);
        }
        read_amount(&one_line(&text)).map_err(|err| err.to_string())
    }

    /// The value of every field that can be edited, by key: what a draft keeps.
    pub fn values(&self) -> Vec<(K, String)> {
        let editable = self.keys.iter().zip(&self.body.fields).filter(|(_, f)| !f.read_only);
        editable.map(|(k, f)| (*k, f.text())).collect()
    }

    /// Puts a value back in a field, as typed before (a choice by its stored value).
    pub fn restore(&mut self, key: K, value: &str) {
        let Some(field) = self.field_mut(key).filter(|f| !f.read_only) else { return };
        match &field.kind {
            Kind::Choice(values) => {
                if let Some(i) = values.iter().position(|(v, _)| v == value) {
                    field.choice = i;
                }
            }
            _ => field.input = text_area(value),
        }
        field.placeholder = false;
    }

    /// Sets a choice field to a stored value.
    pub fn set_choice(&mut self, key: K, value: &str) {
        if let Some(field) = self.field_mut(key)
            && let Kind::Choice(values) = &field.kind
            && let Some(i) = values.iter().position(|(v, _)| v == value)
        {
            field.choice = i;
        }
    }
}

impl Fields {
    /// A field gets the keyboard with the cursor at the end of its text, nothing selected, so
    /// the next key adds to it; only a suggested value is selected, for typing to replace it.
    fn select_focused(&mut self) {
        if let Some(field) = self.fields.get_mut(self.focus) {
            field.input.cancel_selection();
            field.input.move_cursor(CursorMove::Bottom);
            field.input.move_cursor(CursorMove::End);
            if field.placeholder && !field.input.is_empty() {
                field.input.select_all();
            }
        }
    }

    pub fn focused(&self) -> Option<&Field> {
        self.fields.get(self.focus)
    }

    /// A letter typed on a choice: the next field that takes free text gets the keyboard,
    /// with the letter typed in it.
    fn type_ahead(&mut self, key: KeyEvent) -> Outcome {
        let free = |f: &Field| matches!(f.kind, Kind::Line | Kind::Lines) && !f.read_only && !f.placeholder;
        let Some(next) = (self.focus + 1..self.fields.len()).find(|&i| free(&self.fields[i])) else {
            return Outcome::Ignored;
        };
        self.focus = next;
        self.select_focused();
        self.fields[next].input.input(key);
        Outcome::Moved
    }

    fn step_focus(&mut self, forward: bool) -> bool {
        let n = self.fields.len();
        let mut i = self.focus;
        for _ in 0..n {
            i = if forward { i + 1 } else { i.checked_sub(1).unwrap_or(n) };
            if i >= n {
                return false;
            }
            if !self.fields[i].read_only {
                self.focus = i;
                self.select_focused();
                return true;
            }
        }
        false
    }

    /// Moves to the next editable field; false at the last one.
    pub fn next_field(&mut self) -> bool {
        self.step_focus(true)
    }

    /// Moves to the previous editable field; false at the first one.
    pub fn prev_field(&mut self) -> bool {
        self.step_focus(false)
    }

    /// Handles a key for the focused field. Tab / Shift-Tab (and ↓ ↑ on one-line fields)
    /// move between fields; ← → step choices; the rest is typed text.
    pub fn handle(&mut self, key: KeyEvent) -> Outcome {
        let Some(field) = self.fields.get_mut(self.focus) else { return Outcome::Ignored };
        let multi = field.kind == Kind::Lines;
        match key.code {
            KeyCode::Tab => return if self.next_field() { Outcome::Moved } else { Outcome::Ignored },
            KeyCode::BackTab => return if self.prev_field() { Outcome::Moved } else { Outcome::Ignored },
            KeyCode::Down if !multi => return if self.next_field() { Outcome::Moved } else { Outcome::Ignored },
            KeyCode::Up if !multi => return if self.prev_field() { Outcome::Moved } else { Outcome::Ignored },
            _ => {}
        }
        if let Kind::Choice(values) = &field.kind {
            // The ends stop: one ← too many never jumps from the first value to the last.
            let last = values.len().saturating_sub(1);
            let before = field.choice;
            match key.code {
                KeyCode::Left => field.choice = field.choice.saturating_sub(1),
                KeyCode::Right | KeyCode::Char(' ') => field.choice = (field.choice + 1).min(last),
                KeyCode::Char(c) if c.is_ascii_digit() => {
                    // A digit picks by the value's label ("4 · likely").
                    match values.iter().position(|(_, l)| l.starts_with(c)) {
                        Some(i) => field.choice = i,
                        None => return Outcome::Ignored,
                    }
                }
                // A letter is text, never a pick by initial: it goes on in the next free-text
                // field ("because the sponsor…" typed on the forecast is the reason).
                KeyCode::Char(_) if !key.modifiers.contains(KeyModifiers::CONTROL) => return self.type_ahead(key),
                _ => return Outcome::Ignored,
            }
            return if field.choice == before { Outcome::Ignored } else { Outcome::Edited };
        }
        if key.code == KeyCode::Enter {
            if multi && key.modifiers.contains(KeyModifiers::ALT) {
                field.input.insert_newline();
                return Outcome::Edited;
            }
            return Outcome::Ignored;
        }
        if key.code == KeyCode::Esc {
            return Outcome::Ignored;
        }
        if field.input.is_selecting()
            && matches!(key.code, KeyCode::Left | KeyCode::Right | KeyCode::Home | KeyCode::End)
        {
            field.input.cancel_selection();
        }
        if field.input.input(key) {
            field.placeholder = false;
            Outcome::Edited
        } else {
            Outcome::Ignored
        }
    }

    /// Pasted text goes into the focused text field (one line unless the field takes several).
    pub fn paste(&mut self, text: &str) -> Outcome {
        let Some(field) = self.fields.get_mut(self.focus) else { return Outcome::Ignored };
        match field.kind {
            Kind::Choice(_) => Outcome::Ignored,
            Kind::Lines => {
                field.input.insert_str(pasted(text));
                Outcome::Edited
            }
            _ => {
                field.input.insert_str(one_line(text));
                Outcome::Edited
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(code: KeyCode) -> KeyEvent {
        KeyEvent::new(code, KeyModifiers::NONE)
    }

    fn typed(form: &mut Form<&'static str>, text: &str) {
        for c in text.chars() {
            form.handle(key(KeyCode::Char(c)));
        }
    }

    fn owners() -> Kind {
        Kind::Choice(vec![
            ("prospect".into(), "Prospect".into()),
            ("rep".into(), "Rep".into()),
            ("manager".into(), "Manager".into()),
        ])
    }

    #[test]
    fn fields_in_order_with_tab_and_arrows() {
        let mut form = Form::new().field("owner", "Who", owners(), "rep").field("what", "What", Kind::Line, "").field(
            "due",
            "By",
            Kind::Date,
            "",
        );
        assert_eq!(form.text("owner"), "rep");
        assert_eq!(form.handle(key(KeyCode::Right)), Outcome::Edited);
        assert_eq!(form.text("owner"), "manager");
        assert_eq!(form.handle(key(KeyCode::Left)), Outcome::Edited);
        assert_eq!(form.handle(key(KeyCode::Left)), Outcome::Edited);
        assert_eq!(form.text("owner"), "prospect");
        assert_eq!(form.handle(key(KeyCode::Left)), Outcome::Ignored, "the first value stops");
        // A letter on a choice is no pick by initial: it is the start of the next text.
        assert_eq!(form.handle(key(KeyCode::Char('S'))), Outcome::Moved);
        assert_eq!(form.text("owner"), "prospect", "'S' did not pick anything");
        typed(&mut form, "end the data");
        assert_eq!(form.text("what"), "Send the data");
        assert_eq!(form.handle(key(KeyCode::Down)), Outcome::Moved);
        typed(&mut form, "+7d");
        let today = NaiveDate::from_ymd_opt(2026, 11, 27).unwrap();
        assert_eq!(form.date("due", today), Ok(NaiveDate::from_ymd_opt(2026, 12, 4)));
        assert_eq!(form.handle(key(KeyCode::Tab)), Outcome::Ignored, "no field after the last");
        form.handle(key(KeyCode::BackTab));
        typed(&mut form, " and the figures");
        assert_eq!(form.text("what"), "Send the data and the figures", "a field is entered at the end of its text");
        form.handle(key(KeyCode::Tab));
        form.handle(key(KeyCode::End));
        typed(&mut form, "x");
        assert_eq!(form.text("due"), "+7dx", "an arrow key keeps the value");
        form.handle(key(KeyCode::Backspace));
        assert_eq!(form.handle(key(KeyCode::BackTab)), Outcome::Moved);
        assert_eq!(form.focused_key(), Some("what"));
    }

    #[test]
    fn read_only_fields_are_skipped() {
        let mut form = Form::new().read_only("what", "What", "Earlier promise").field("note", "Why", Kind::Line, "");
        assert_eq!(form.focused_key(), Some("note"));
        assert_eq!(form.handle(key(KeyCode::BackTab)), Outcome::Ignored);
        assert_eq!(form.text("what"), "Earlier promise");
    }

    #[test]
    fn bad_dates_and_amounts_say_why() {
        let mut form =
            Form::new().field("due", "By", Kind::Date, "someday").field("amount", "Amount", Kind::Amount, "twelve k");
        let today = NaiveDate::from_ymd_opt(2026, 11, 27).unwrap();
        assert!(form.date("due", today).is_err());
        assert!(form.amount("amount").is_err_and(|e| e.contains("is not an amount")));
        form.fields[1].input = TextArea::new(vec!["48,000".into()]);
        assert_eq!(form.amount("amount"), Ok(4_800_000));
        let empty = Form::new().field("due", "By", Kind::Date, "");
        assert_eq!(empty.date("due", today), Ok(None));
    }

    #[test]
    fn multi_line_fields_keep_enter_for_the_owner() {
        let mut form = Form::new().field("note", "Note", Kind::Lines, "");
        typed(&mut form, "one");
        assert_eq!(form.handle(key(KeyCode::Enter)), Outcome::Ignored);
        assert_eq!(form.handle(KeyEvent::new(KeyCode::Enter, KeyModifiers::ALT)), Outcome::Edited);
        typed(&mut form, "two");
        assert_eq!(form.text("note"), "one\ntwo");
        assert_eq!(form.paste("three\x1b[2J"), Outcome::Edited);
        assert_eq!(form.text("note"), "one\ntwothree[2J");
    }
}
