//! The interactive app. Keys become actions through the one keymap, `App::update`
//! changes state and returns effects, the runner performs them against the store, and
//! each frame is drawn from state alone.

pub mod action;
pub mod app;
pub mod cells;
pub mod editors;
pub mod effects;
pub mod event;
pub mod form;
pub mod keys;
pub mod panes;
pub mod pending;
pub mod popup;
pub mod prospecting_forms;
pub mod render;
pub mod state;
pub mod strings;
pub mod summary;
pub mod terminal;
pub mod theme;
pub mod view;
pub mod watchdog;
pub mod widgets;
pub mod wizard;

use std::collections::VecDeque;
use std::sync::mpsc::{self, Receiver, RecvTimeoutError};
use std::time::{Duration, Instant};

use ratatui::crossterm::event::{Event, KeyCode, KeyEvent, KeyEventKind};

use self::action::Action;
use self::app::App;
use self::effects::{Effect, Runner};
use self::event::{Inbox, Worker};
use self::keys::{Command, Mode};
use self::theme::Theme;
use crate::clock::Clock;
use crate::domain::text;
use crate::error::Error;
use crate::script::Script;
use crate::store::Store;

/// Opens the app on `store` until the user quits; `read_only` says why it may not write,
/// when another sparring holds the file.
pub fn run(
    store: Store,
    script: Script,
    clock: Clock,
    rep: Option<&str>,
    read_only: Option<String>,
) -> Result<(), Error> {
    let (mut app, runner) = prepare_with(store, script, clock, rep, Theme::from_env(), read_only)?;
    let (inbox, messages) = mpsc::channel();
    watchdog::start(inbox.clone())?;
    let mut terminal = terminal::init()?;
    let result = (|| {
        event::spawn_input(inbox.clone())?;
        let mut worker = Worker::spawn(runner, inbox)?;
        let result = event_loop(&mut terminal, &mut app, &mut worker, &messages);
        // Every write asked for lands before the terminal is given back.
        worker.finish();
        result
    })();
    terminal::restore();
    result
}

/// Builds the app and loads its first screen (no terminal needed: tests start here).
pub fn prepare(
    store: Store,
    script: Script,
    clock: Clock,
    rep: Option<&str>,
    theme: Theme,
) -> Result<(App, Runner), Error> {
    prepare_with(store, script, clock, rep, theme, None)
}

/// [`prepare`], read-only when `read_only` says why: the store refuses every write, the
/// header says so, and nothing is recorded for undo.
pub fn prepare_with(
    mut store: Store,
    script: Script,
    clock: Clock,
    rep: Option<&str>,
    theme: Theme,
    read_only: Option<String>,
) -> Result<(App, Runner), Error> {
    let reps = store.reps()?;
    let wanted = match rep {
        Some(name) => Some(crate::report::find_rep(&store, name, "--rep: ", "the database has no reps yet")?.0),
        None => None,
    };
    let resume = store.resume_point()?;
    if read_only.is_some() {
        store.set_query_only()?;
    } else {
        // Every change made in the app can be undone.
        store.enable_undo()?;
    }
    let mut app = App::new(script, clock.today(), theme, reps, store.path().display().to_string());
    app.seed_tokens(clock.token_seed());
    app.read_only.clone_from(&read_only);
    let mut runner = Runner::new(store, clock, app.script.clone());
    runner.read_only = read_only.map(|why| strings::read_only_refused(&why));
    let effects = app.start(wanted, resume);
    run_effects(&mut app, &mut runner, effects);
    Ok((app, runner))
}

/// Runs effects, and the effects their results ask for, until there are none left.
pub fn run_effects(app: &mut App, runner: &mut Runner, effects: Vec<Effect>) {
    let mut queue: VecDeque<Effect> = effects.into();
    while let Some(effect) = queue.pop_front() {
        let action = runner.run(effect);
        queue.extend(app.update(action));
    }
}

/// The action a key asks for: a command, or text when a field has the keyboard.
pub fn key_action(app: &App, key: KeyEvent) -> Option<Action> {
    let modes = app.modes();
    match keys::lookup(&modes, &key) {
        Some(command) if command.forwards_key() => Some(Action::Key(key)),
        Some(command) => Some(Action::Command(command)),
        None if modes[0].takes_text() => Some(Action::Key(key)),
        None => None,
    }
}

/// What a terminal event asks of the app, if anything. While the terminal is too small,
/// a field that has the keyboard keeps getting its keys (the manager is still typing), and
/// `q` is text there as anywhere; with no field, only quitting makes sense.
fn event_action(app: &App, event: Event, too_small: bool) -> Option<Action> {
    let typing = app.modes()[0].takes_text();
    match event {
        // Typed as pasted: a character the sanitiser would drop is never text.
        Event::Key(KeyEvent { code: KeyCode::Char(c), .. }) if text::is_unsafe(c) => None,
        Event::Key(key) if key.kind != KeyEventKind::Release => {
            if too_small && !typing {
                let quit = keys::lookup(&[Mode::Always], &key) == Some(Command::Quit) || key.code == KeyCode::Char('q');
                quit.then_some(Action::Command(Command::Quit))
            } else {
                key_action(app, key)
            }
        }
        Event::Paste(text) if !too_small || typing => Some(Action::Paste(text)),
        _ => None,
    }
}

/// Feeds one terminal event to the app and runs its effects at once (tests and benches;
/// the app itself runs effects on the worker thread).
pub fn handle_event(app: &mut App, runner: &mut Runner, event: Event, too_small: bool) {
    if let Some(action) = event_action(app, event, too_small) {
        let effects = app.update(action);
        run_effects(app, runner, effects);
    }
}

/// A pause in typing this long saves the answer being typed.
const AUTOSAVE_AFTER: Duration = Duration::from_secs(1);

/// Steady typing with no pause is saved this long after its first unsaved key: a kill loses
/// at most the last ~1.5 s of typing.
const AUTOSAVE_AT_MOST: Duration = Duration::from_millis(1500);

/// How long the loop waits for a message when nothing is waiting to be saved.
const TICK: Duration = Duration::from_millis(250);

/// How long good news ("✓ saved 14:02") stays in the header; a warning stays until a key.
const NOTICE_FOR: Duration = Duration::from_secs(4);

/// When the header's notice came, to clear good news after a few seconds.
#[derive(Debug, Default)]
struct NoticeAge {
    seen: Option<(String, Instant)>,
}

impl NoticeAge {
    /// Whether `notice` (what the header shows now) is good news shown for long enough.
    fn expired(&mut self, notice: Option<&app::Notice>, now: Instant) -> bool {
        let Some(notice) = notice else {
            self.seen = None;
            return false;
        };
        match &self.seen {
            Some((text, since)) if *text == notice.text => !notice.is_error && now.duration_since(*since) >= NOTICE_FOR,
            _ => {
                self.seen = Some((notice.text.clone(), now));
                false
            }
        }
    }
}

/// When typing is saved: after a pause, and at the latest a fixed time after the first key
/// that was not saved yet (a debounce with a maximum wait).
#[derive(Debug, Default)]
struct Autosave {
    first_unsaved: Option<Instant>,
    last_key: Option<Instant>,
}

impl Autosave {
    fn key(&mut self, at: Instant) {
        self.first_unsaved.get_or_insert(at);
        self.last_key = Some(at);
    }

    /// When the next save is due, if anything is waiting.
    fn due(&self) -> Option<Instant> {
        let first = self.first_unsaved?;
        let pause = self.last_key.unwrap_or(first) + AUTOSAVE_AFTER;
        Some(pause.min(first + AUTOSAVE_AT_MOST))
    }

    fn saved(&mut self) {
        *self = Autosave::default();
    }
}

fn event_loop(
    terminal: &mut ratatui::DefaultTerminal,
    app: &mut App,
    worker: &mut Worker,
    messages: &Receiver<Inbox>,
) -> Result<(), Error> {
    let mut too_small = false;
    let mut redraw = true;
    let mut autosave = Autosave::default();
    let mut notice_age = NoticeAge::default();
    loop {
        if redraw {
            let frame = terminal.draw(|frame| render::render(app, frame))?;
            too_small = frame.area.width < render::MIN_WIDTH || frame.area.height < render::MIN_HEIGHT;
        }
        redraw = true;
        let now = Instant::now();
        if notice_age.expired(app.notice.as_ref(), now) {
            app.notice = None;
            continue;
        }
        if autosave.due().is_some_and(|due| due <= now) {
            // Typing is saved so far, so even a power cut keeps it.
            autosave.saved();
            let effects = app.update(Action::Idle);
            worker.send(effects);
        }
        let wait = autosave.due().map_or(TICK, |due| due.saturating_duration_since(Instant::now()).min(TICK));
        let wait = if app.notice.is_some() { wait.min(TICK) } else { wait };
        let action = match messages.recv_timeout(wait) {
            Ok(Inbox::Terminal(event)) => {
                let action = event_action(app, event, too_small);
                if matches!(action, Some(Action::Key(_) | Action::Paste(_))) {
                    autosave.key(Instant::now());
                }
                action
            }
            Ok(Inbox::Done(action)) => {
                worker.done();
                // A save refused by a busy file (another program writing) is tried again soon,
                // with no key needed; its "saved" tells when it got through.
                if matches!(action, Action::SaveFailed(_)) && app.read_only.is_none() {
                    autosave.key(Instant::now());
                }
                Some(action)
            }
            Ok(Inbox::Changed(action)) => Some(action),
            // A polite kill is a quit: the answer being typed is saved, as with `q`.
            Ok(Inbox::Stop) => Some(Action::Command(Command::Quit)),
            Err(RecvTimeoutError::Timeout) => {
                redraw = false;
                None
            }
            Err(RecvTimeoutError::Disconnected) => return Ok(()),
        };
        if let Some(action) = action {
            let effects = app.update(action);
            worker.send(effects);
        }
        // Quit once the last writes have answered: a failed save may still keep us here.
        if app.quit && worker.in_flight() == 0 {
            return Ok(());
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn good_news_clears_after_a_few_seconds_a_warning_stays() {
        let start = Instant::now();
        let mut age = NoticeAge::default();
        let saved = app::Notice::info("✓ saved 14:02");
        assert!(!age.expired(Some(&saved), start));
        assert!(!age.expired(Some(&saved), start + Duration::from_secs(3)));
        assert!(age.expired(Some(&saved), start + NOTICE_FOR));
        let warning = app::Notice::warn("Needs an answer; PgDn skips");
        assert!(!age.expired(Some(&warning), start + NOTICE_FOR));
        assert!(!age.expired(Some(&warning), start + NOTICE_FOR * 5), "a warning waits for the next key");
        assert!(!age.expired(None, start));
    }

    #[test]
    fn steady_typing_is_saved_at_most_a_moment_after_its_first_key() {
        let start = Instant::now();
        let mut save = Autosave::default();
        assert_eq!(save.due(), None, "nothing typed, nothing due");
        save.key(start);
        assert_eq!(save.due(), Some(start + AUTOSAVE_AFTER), "a pause saves");
        // A key every 100 ms: the pause never comes, the maximum wait does.
        for i in 1..20 {
            save.key(start + Duration::from_millis(100 * i));
        }
        assert_eq!(save.due(), Some(start + AUTOSAVE_AT_MOST));
        save.saved();
        assert_eq!(save.due(), None);
    }
}
