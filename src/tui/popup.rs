//! The one popup over the panes: a form of its own (a deal's facts, the rep's targets, an
//! activity being logged), with what Enter, Esc and a pause in typing do to it. It performs
//! no I/O: saving it returns the effects to run.

use chrono::NaiveDate;
use ratatui::crossterm::event::{KeyCode, KeyEvent};

use super::effects::Effect;
use super::form::{Fields, Form, Kind, Outcome};
use super::keys::Mode;
use super::pending::Pending;
use super::prospecting_forms::{LogField, TargetField, log_form, read_log, read_targets, targets_form};
use super::strings;
use super::view::{DealView, RepView};
use super::wizard::stage_choices;
use crate::domain::ids::{DealId, RepId};
use crate::domain::money::amount_input;
use crate::domain::period::Period;
use crate::script::Script;
use crate::store::deal_edits::DealEdit;
use crate::store::undo::UndoScope;

/// The fields of the deal form.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DealField {
    Account,
    Name,
    Amount,
    Stage,
    CloseOn,
    SponsorName,
    SponsorRole,
    NextStep,
    NextStepOn,
    /// A new deal only: when it was created, if not today.
    Created,
}

/// A form over the panes, with what is wrong in it, if anything.
#[derive(Debug, Clone)]
pub struct PopupForm<K> {
    pub form: Form<K>,
    pub error: Option<String>,
    /// The undo group of the form's writes: Esc undoes them all.
    pub group: u64,
}

/// The form of `e` (edit the selected deal) and `a` (add a deal).
#[derive(Debug, Clone)]
pub struct DealForm {
    /// The deal the form edits: a new one is written once it has an account and a name.
    pub deal: Pending<DealId>,
    /// Opened by `a`: titled so while it stays open, the deal written or not.
    pub adding: bool,
    pub popup: PopupForm<DealField>,
}

/// The one popup over the panes; opening another while one is open cannot be represented.
#[derive(Debug, Clone)]
pub enum Popup {
    /// `e` (edit the selected deal) or `a` (add a deal).
    Deal(DealForm),
    /// The rep's weekly targets and planned blocks.
    Targets(PopupForm<TargetField>),
    /// An activity being logged, with the channels, segments and messages already known.
    Log(PopupForm<LogField>, Known),
    /// A file to import, its path typed (Tab completes it).
    Import(ImportPopup),
}

/// The import popup: its path, then what the import did, until closed.
#[derive(Debug, Clone)]
pub struct ImportPopup {
    pub popup: PopupForm<ImportField>,
    /// The summary of the import just made: shown until Enter or Esc, or a new path.
    pub summary: Vec<String>,
}

/// The channels, segments and messages the rep's figures already have: offered while typing
/// in the log form, and the spelling a value typed in another case is written with.
#[derive(Debug, Clone, Default)]
pub struct Known {
    pub channels: Vec<String>,
    pub segments: Vec<String>,
    pub messages: Vec<String>,
}

impl Known {
    pub fn of(view: &RepView) -> Known {
        let keys = |rows: &[crate::dashboard::BreakdownRow]| {
            rows.iter().map(|r| r.key.trim().to_string()).filter(|k| !k.is_empty()).collect()
        };
        let d = &view.dashboard;
        Known { channels: keys(&d.by_channel), segments: keys(&d.by_segment), messages: keys(&d.by_message) }
    }

    fn values(&self, field: LogField) -> &[String] {
        match field {
            LogField::Channel => &self.channels,
            LogField::Segment => &self.segments,
            LogField::Message => &self.messages,
            LogField::Kind | LogField::Count | LogField::When | LogField::Outcome | LogField::Qualified => &[],
        }
    }

    /// The known values that start like `typed` (any case); all of them before anything is typed.
    pub fn matching(&self, field: LogField, typed: &str) -> Vec<&str> {
        let typed = typed.trim().to_lowercase();
        self.values(field).iter().filter(|v| v.to_lowercase().starts_with(&typed)).map(String::as_str).collect()
    }

    /// A value as written: the known spelling when it is one of them in another case.
    fn spelled(&self, field: LogField, value: Option<String>) -> Option<String> {
        let value = value?;
        let known = self.values(field).iter().find(|k| k.to_lowercase() == value.trim().to_lowercase());
        Some(known.cloned().unwrap_or(value))
    }
}

/// The one field of the import popup.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ImportField {
    File,
}

/// What a key did to a popup.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PopupKey {
    /// Typed, or nothing to do.
    Typed,
    /// Another field has the keyboard: the one left may need saving.
    Moved,
    /// Complete this path (the runner reads the folder).
    Complete(String),
}

/// What saving the popup came to.
#[derive(Debug, Default)]
pub struct Saving {
    pub effects: Vec<Effect>,
    /// The popup is done with (Enter, and nothing wrong).
    pub close: bool,
    /// What is wrong, for the header too.
    pub warn: Option<String>,
}

/// What the popup's writes are about.
#[derive(Debug, Clone, Copy)]
pub struct Target {
    pub rep: RepId,
    pub period: Period,
    pub today: NaiveDate,
}

impl Popup {
    /// `e` on a deal, or `a` with `None`: the deal form, its writes undone together by Esc.
    pub fn deal(script: &Script, deal: Option<&DealView>, group: u64) -> Popup {
        let pending = deal.map_or(Pending::New, |d| Pending::Written(d.deal.id));
        let popup = PopupForm::new(deal_form(script, deal), group);
        Popup::Deal(DealForm { deal: pending, adding: deal.is_none(), popup })
    }

    pub fn targets(view: &RepView, group: u64) -> Popup {
        Popup::Targets(PopupForm::new(targets_form(&view.targets, &view.dashboard.blocks), group))
    }

    pub fn log(group: u64, known: Known) -> Popup {
        Popup::Log(PopupForm::new(log_form(), group), known)
    }

    pub fn import(group: u64) -> Popup {
        let form = Form::new().field(ImportField::File, strings::FIELD_FILE, Kind::Line, "");
        Popup::Import(ImportPopup { popup: PopupForm::new(form, group), summary: Vec::new() })
    }

    /// Enter on the import popup: the import to run (the popup stays open until it says
    /// how it went), or nothing when no path is typed.
    pub fn import_effect(&mut self, rep: Option<RepId>) -> Option<Effect> {
        let Popup::Import(ImportPopup { popup: p, .. }) = self else { return None };
        let path = p.form.text(ImportField::File);
        if path.is_empty() {
            p.error = Some(strings::IMPORT_NEEDS_FILE.to_string());
            return None;
        }
        p.error = Some(strings::IMPORTING.to_string());
        Some(Effect::Import { rep, path, group: p.group })
    }

    /// The path of the import popup, as typed.
    pub fn import_path(&self) -> Option<String> {
        match self {
            Popup::Import(i) => Some(i.popup.form.text(ImportField::File)),
            Popup::Deal(_) | Popup::Targets(_) | Popup::Log(..) => None,
        }
    }

    /// A completion came back for `typed`: used if the path was not typed on meanwhile;
    /// the names that still fit are shown under it.
    pub fn path_completed(&mut self, typed: &str, completed: &str, candidates: &[String]) {
        let Popup::Import(ImportPopup { popup: p, .. }) = self else { return };
        if p.form.text(ImportField::File) != typed {
            return;
        }
        p.form.restore(ImportField::File, completed);
        p.error = (!candidates.is_empty()).then(|| strings::path_candidates(candidates));
    }

    /// The import went wrong: why, in the popup, the path kept to fix it.
    pub fn import_failed(&mut self, why: &str) {
        if let Popup::Import(i) = self {
            i.popup.error = Some(why.to_string());
        }
    }

    /// The import went through: its summary shows in the popup until it is closed.
    pub fn imported(&mut self, lines: Vec<String>) {
        if let Popup::Import(i) = self {
            i.popup.error = None;
            i.summary = lines;
        }
    }

    /// What an import just did, if the popup shows it.
    pub fn summary(&self) -> &[String] {
        match self {
            Popup::Import(i) => &i.summary,
            Popup::Deal(_) | Popup::Targets(_) | Popup::Log(..) => &[],
        }
    }

    /// A key for the popup: typed into its form, except Tab on the import's path, which
    /// asks for the path's completion.
    pub fn key(&mut self, key: KeyEvent) -> PopupKey {
        if key.code == KeyCode::Tab
            && let Some(typed) = self.import_path()
        {
            return PopupKey::Complete(typed);
        }
        match self.form_mut().handle(key) {
            Outcome::Moved => PopupKey::Moved,
            Outcome::Edited => {
                // The path was typed again: the last import's summary is done with.
                if let Popup::Import(i) = self {
                    i.summary.clear();
                }
                PopupKey::Typed
            }
            Outcome::Ignored => PopupKey::Typed,
        }
    }

    pub fn title(&self) -> &'static str {
        match self {
            Popup::Deal(d) if d.adding => strings::ADD_DEAL_TITLE,
            Popup::Deal(_) => strings::EDIT_DEAL_TITLE,
            Popup::Targets(_) => strings::TARGETS_TITLE,
            Popup::Log(..) => strings::LOG_TITLE,
            Popup::Import(_) => strings::IMPORT_TITLE,
        }
    }

    /// The line under the fields: what Enter and Esc do.
    pub fn hint(&self) -> String {
        match self {
            Popup::Deal(_) => strings::DEAL_FORM_HINT.to_string(),
            Popup::Targets(_) => strings::TARGETS_HINT.to_string(),
            Popup::Log(p, known) => {
                let focused = p.form.focused_key();
                let offered = focused.map(|f| known.matching(f, &p.form.text(f))).unwrap_or_default();
                if offered.is_empty() { strings::LOG_HINT.to_string() } else { strings::known_values(&offered) }
            }
            Popup::Import(i) if !i.summary.is_empty() => strings::IMPORTED_HINT.to_string(),
            Popup::Import(_) => strings::IMPORT_HINT.to_string(),
        }
    }

    /// Where the keyboard is while it shows: its keys.
    pub fn mode(&self) -> Mode {
        match self {
            Popup::Deal(_) | Popup::Targets(_) => Mode::DealForm,
            Popup::Log(..) => Mode::LogForm,
            Popup::Import(_) => Mode::ImportForm,
        }
    }

    /// The fields the keys and pasted text go to, and that are drawn.
    pub fn form(&self) -> &Fields {
        match self {
            Popup::Deal(d) => &d.popup.form,
            Popup::Targets(p) => &p.form,
            Popup::Log(p, _) => &p.form,
            Popup::Import(i) => &i.popup.form,
        }
    }

    pub fn form_mut(&mut self) -> &mut Fields {
        match self {
            Popup::Deal(d) => &mut d.popup.form,
            Popup::Targets(p) => &mut p.form,
            Popup::Log(p, _) => &mut p.form,
            Popup::Import(i) => &mut i.popup.form,
        }
    }

    pub fn error(&self) -> Option<&str> {
        match self {
            Popup::Deal(d) => d.popup.error.as_deref(),
            Popup::Targets(p) => p.error.as_deref(),
            Popup::Log(p, _) => p.error.as_deref(),
            Popup::Import(i) => i.popup.error.as_deref(),
        }
    }

    fn group(&self) -> u64 {
        match self {
            Popup::Deal(d) => d.popup.group,
            Popup::Targets(p) => p.group,
            Popup::Log(p, _) => p.group,
            Popup::Import(i) => i.popup.group,
        }
    }

    /// Whether leaving the app saves the form first: the forms that write as they go do;
    /// an activity is logged by Enter only.
    pub fn saves_as_typed(&self) -> bool {
        !matches!(self, Popup::Log(..) | Popup::Import(_))
    }

    /// Saves the form as it stands (targets and deals are written as they are typed);
    /// `close` (Enter) also closes it, unless a value is wrong. `tokens` numbers a new deal.
    pub fn save(&mut self, to: Target, close: bool, tokens: &mut u64) -> Saving {
        match self {
            Popup::Targets(p) => match read_targets(&p.form) {
                Ok((targets, blocks)) => {
                    p.error = None;
                    let set = Effect::SetTargets { rep: to.rep, period: to.period, targets, blocks, group: p.group };
                    Saving { effects: vec![set], close, warn: None }
                }
                Err(err) => {
                    p.error = Some(err);
                    Saving::default()
                }
            },
            Popup::Log(p, known) if close => match read_log(&p.form, to.today) {
                Ok(mut input) => {
                    // "retail" typed where "Retail" is known is the same segment, written so.
                    input.channel = known.spelled(LogField::Channel, input.channel);
                    input.segment = known.spelled(LogField::Segment, input.segment);
                    input.message = known.spelled(LogField::Message, input.message);
                    let log = Effect::LogActivity { rep: to.rep, period: to.period, input, group: p.group };
                    Saving { effects: vec![log], close: true, warn: None }
                }
                Err(err) => {
                    p.error = Some(err);
                    Saving::default()
                }
            },
            // Nothing is logged before Enter; an import is run by `import_effect` (it needs no rep).
            Popup::Log(..) | Popup::Import(_) => Saving::default(),
            Popup::Deal(d) => d.save(to, close, tokens),
        }
    }

    /// Esc: everything the form wrote is undone.
    pub fn cancel(self, rep: RepId, period: Period) -> Vec<Effect> {
        let wrote = match &self {
            Popup::Deal(d) => !d.deal.is_new(),
            Popup::Targets(_) => true,
            Popup::Log(..) | Popup::Import(_) => false,
        };
        let group = self.group();
        if wrote {
            vec![Effect::Undo { rep, scope: UndoScope::Group(group), reload: None, period }]
        } else {
            Vec::new()
        }
    }

    /// A deal added by the deal form came back with its id: true when it was edited while
    /// the id travelled (the form is then saved again).
    pub fn deal_added(&mut self, token: u64, deal: DealId) -> bool {
        match self {
            Popup::Deal(d) => d.deal.arrived(token, deal) == Some(true),
            Popup::Targets(_) | Popup::Log(..) | Popup::Import(_) => false,
        }
    }
}

impl<K> PopupForm<K> {
    fn new(form: Form<K>, group: u64) -> PopupForm<K> {
        PopupForm { form, error: None, group }
    }
}

impl DealForm {
    /// The writes the deal form needs now. A new deal is added once it has an account and a
    /// name; Enter on one with only one of them says what is missing.
    fn save(&mut self, to: Target, close: bool, tokens: &mut u64) -> Saving {
        let group = self.popup.group;
        let fields = match read_deal_form(&self.popup.form, to.today) {
            Ok(fields) => fields,
            Err(err) => {
                self.popup.error = Some(err.clone());
                return Saving { effects: Vec::new(), close: false, warn: Some(err) };
            }
        };
        self.popup.error = None;
        let mut effects = Vec::new();
        match self.deal {
            Pending::Written(deal) => effects.push(Effect::EditDeal { rep: to.rep, deal, edit: fields, group }),
            Pending::New if !fields.account.is_empty() && !fields.name.is_empty() => {
                *tokens += 1;
                self.deal.begin(*tokens);
                effects.push(Effect::AddDeal { rep: to.rep, token: *tokens, fields, group });
            }
            Pending::New if close && (!fields.account.is_empty() || !fields.name.is_empty()) => {
                self.popup.error = Some(strings::DEAL_NEEDS_NAMES.to_string());
                return Saving { effects, close: false, warn: Some(strings::DEAL_NEEDS_NAMES.to_string()) };
            }
            Pending::New => {}
            Pending::Inserting { .. } => {
                self.deal.hold_edit();
            }
        }
        Saving { effects, close, warn: None }
    }
}

/// The form of `e` (a deal's facts) or `a` (a new deal).
fn deal_form(script: &Script, deal: Option<&DealView>) -> Form<DealField> {
    let d = deal.map(|d| &d.deal);
    let stage = d.map_or_else(|| script.stages[0].key.as_str(), |d| d.stage.as_str());
    let iso = |date: Option<NaiveDate>| date.map(crate::domain::dates::iso).unwrap_or_default();
    let amount = d.map(|d| amount_input(d.amount_minor)).unwrap_or_default();
    let form = Form::new()
        .field(DealField::Account, strings::FIELD_ACCOUNT, Kind::Line, d.map_or("", |d| d.account.as_str()))
        .field(DealField::Name, strings::FIELD_DEAL_NAME, Kind::Line, d.map_or("", |d| d.name.as_str()))
        .field(DealField::Amount, strings::FIELD_AMOUNT, Kind::Amount, &amount)
        .field(DealField::Stage, strings::FIELD_STAGE, stage_choices(script, stage), stage)
        .field(DealField::CloseOn, strings::FIELD_CLOSE, Kind::Date, &iso(d.and_then(|d| d.close_on)))
        .field(
            DealField::SponsorName,
            strings::FIELD_SPONSOR,
            Kind::Line,
            d.and_then(|d| d.sponsor_name.as_deref()).unwrap_or(""),
        )
        .field(
            DealField::SponsorRole,
            strings::FIELD_SPONSOR_ROLE,
            Kind::Line,
            d.and_then(|d| d.sponsor_role.as_deref()).unwrap_or(""),
        )
        .field(
            DealField::NextStep,
            strings::FIELD_NEXT_STEP,
            Kind::Line,
            d.and_then(|d| d.next_step.as_deref()).unwrap_or(""),
        )
        .field(DealField::NextStepOn, strings::FIELD_NEXT_STEP_ON, Kind::Date, &iso(d.and_then(|d| d.next_step_on)));
    if deal.is_some() {
        form.focus_on(DealField::Amount)
    } else {
        // Loading an existing deal: when it was created is when it counts as pipeline created.
        form.field(DealField::Created, strings::FIELD_CREATED, Kind::PastDate, "today")
            .placeholder(DealField::Created)
            .focus_on(DealField::Account)
    }
}

fn read_deal_form(form: &Form<DealField>, today: NaiveDate) -> Result<DealEdit, String> {
    let optional = |key: DealField| Some(form.text(key)).filter(|t| !t.is_empty());
    Ok(DealEdit {
        account: form.text(DealField::Account),
        name: form.text(DealField::Name),
        amount_minor: form.amount(DealField::Amount)?,
        stage: form.text(DealField::Stage),
        close_on: form.date(DealField::CloseOn, today)?,
        sponsor_name: optional(DealField::SponsorName),
        sponsor_role: optional(DealField::SponsorRole),
        next_step: optional(DealField::NextStep),
        next_step_on: form.date(DealField::NextStepOn, today)?,
        created_on: form.date(DealField::Created, today)?,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::deal::tests::sample_deal;

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, 27).unwrap()
    }

    #[test]
    fn editing_a_deal_in_a_stage_the_script_does_not_know_keeps_its_stage() {
        let script = Script::embedded();
        let mut deal = sample_deal();
        deal.stage = "legacy_stage".into();
        assert!(script.stage(&deal.stage).is_none());
        let view = DealView::bare(deal);
        let mut form = deal_form(&script, Some(&view));
        assert_eq!(form.text(DealField::Stage), "legacy_stage");
        // Moving through the form saves it: the stage written is the deal's own.
        let tab = ratatui::crossterm::event::KeyEvent::from(ratatui::crossterm::event::KeyCode::Tab);
        while form.handle(tab) == Outcome::Moved {
            assert_eq!(read_deal_form(&form, today()).map(|edit| edit.stage), Ok("legacy_stage".to_string()));
        }
        assert_eq!(form.get(DealField::Stage).and_then(|f| f.choice_label()), Some("legacy_stage"));
    }

    #[test]
    fn a_new_deal_starts_in_the_first_stage() {
        let script = Script::embedded();
        let form = deal_form(&script, None);
        assert_eq!(form.text(DealField::Stage), script.stages[0].key);
    }

    #[test]
    fn the_deal_form_shows_the_amount_as_typed() {
        let script = Script::embedded();
        for (minor, shown) in [(1_200_000, "12000"), (1_200_050, "12000.50"), (1_200_005, "12000.05"), (0, "0")] {
            let mut deal = sample_deal();
            deal.amount_minor = minor;
            let form = deal_form(&script, Some(&DealView::bare(deal)));
            assert_eq!(form.text(DealField::Amount), shown);
            assert_eq!(form.amount(DealField::Amount), Ok(minor));
        }
    }

    #[test]
    fn a_new_deal_is_written_once_it_has_an_account_and_a_name() {
        let script = Script::embedded();
        let mut popup = Popup::deal(&script, None, 1);
        let to = Target { rep: RepId(1), period: Period::default(), today: today() };
        let mut tokens = 10;
        let Popup::Deal(form) = &mut popup else { unreachable!() };
        form.popup.form.field_mut(DealField::Account).unwrap().input.insert_str("Acme");
        let saving = popup.save(to, true, &mut tokens);
        assert!(saving.effects.is_empty() && !saving.close, "a name is missing: {saving:?}");
        assert_eq!(saving.warn.as_deref(), Some(strings::DEAL_NEEDS_NAMES));
        let Popup::Deal(form) = &mut popup else { unreachable!() };
        form.popup.form.field_mut(DealField::Name).unwrap().input.insert_str("Rollout");
        let saving = popup.save(to, false, &mut tokens);
        assert!(matches!(saving.effects[..], [Effect::AddDeal { token: 11, .. }]), "{saving:?}");
        assert_eq!(popup.title(), strings::ADD_DEAL_TITLE);
        assert!(popup.save(to, false, &mut tokens).effects.is_empty(), "edits wait for the id");
        assert!(popup.deal_added(11, DealId(5)), "the edit made meanwhile is saved then");
        let saving = popup.save(to, true, &mut tokens);
        assert!(matches!(saving.effects[..], [Effect::EditDeal { deal: DealId(5), .. }]) && saving.close);
        assert_eq!(popup.title(), strings::ADD_DEAL_TITLE, "still the form that added it");
    }
}
