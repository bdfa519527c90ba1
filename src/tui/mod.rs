//! The interactive app. Keys become actions through the one keymap, `App::update`
//! changes state and returns effects, the runner performs them against the store, and
//! each frame is drawn from state alone.

pub mod action;
pub mod app;
pub mod effects;
pub mod keys;
pub mod panes;
pub mod render;
pub mod strings;
pub mod terminal;
pub mod theme;
pub mod watchdog;
pub mod widgets;
pub mod wizard;

use std::collections::VecDeque;
use std::io::IsTerminal;
use std::time::{Duration, Instant};

use ratatui::crossterm::event::{self, Event, KeyEvent, KeyEventKind};

use self::action::Action;
use self::app::App;
use self::effects::{Effect, Runner};
use self::keys::{Command, Mode};
use self::theme::Theme;
use self::watchdog::Watchdog;
use crate::clock::Clock;
use crate::domain::ids::RepId;
use crate::error::Error;
use crate::script::Script;
use crate::store::Store;

/// Opens the app on `store` until the user quits.
pub fn run(store: Store, script: Script, clock: Clock, rep: Option<&str>) -> Result<(), Error> {
    let (mut app, mut runner) = prepare(store, script, clock, rep, Theme::from_env())?;
    let watchdog = Watchdog::start()?;
    let mut terminal = terminal::init()?;
    let result = event_loop(&mut terminal, &mut app, &mut runner, &watchdog);
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
    let reps = store.reps()?;
    let wanted = match rep {
        Some(name) => Some(find_rep(&store, name)?),
        None => None,
    };
    let resume = store.resume_point()?;
    let mut app = App::new(script, clock.today(), theme, reps, store.path().display().to_string());
    let mut runner = Runner { store, clock };
    let effects = app.start(wanted, resume);
    run_effects(&mut app, &mut runner, effects);
    Ok((app, runner))
}

fn find_rep(store: &Store, name: &str) -> Result<RepId, Error> {
    store.rep_by_name(name)?.ok_or_else(|| {
        let known: Vec<String> = store.reps().unwrap_or_default().into_iter().map(|r| r.name).collect();
        let hint = if known.is_empty() {
            "the database has no reps yet".to_string()
        } else {
            format!("known reps: {}", known.join(", "))
        };
        Error::Usage(format!("--rep: no rep named {name:?} ({hint})"))
    })
}

/// Runs effects, and the effects their results ask for, until there are none left.
pub fn run_effects(app: &mut App, runner: &mut Runner, effects: Vec<Effect>) {
    let mut queue: VecDeque<Effect> = effects.into();
    while let Some(effect) = queue.pop_front() {
        let action = runner.run(effect, &app.script);
        queue.extend(app.update(action));
    }
}

/// The action a key asks for: a command, or text when a field has the keyboard.
pub fn key_action(app: &App, key: KeyEvent) -> Option<Action> {
    let modes = app.modes();
    match keys::lookup(&modes, &key) {
        Some(command) => Some(Action::Command(command)),
        None if modes[0] == Mode::Typing => Some(Action::Key(key)),
        None => None,
    }
}

/// Feeds one terminal event to the app (drawing is the caller's business).
pub fn handle_event(app: &mut App, runner: &mut Runner, event: Event, too_small: bool) {
    let action = match event {
        Event::Key(key) if key.kind != KeyEventKind::Release => {
            if too_small {
                // Nothing is visible: only quitting makes sense.
                let quit = keys::lookup(&[Mode::Always], &key).is_some() || key.code == event::KeyCode::Char('q');
                quit.then_some(Action::Command(Command::Quit))
            } else {
                key_action(app, key)
            }
        }
        Event::Paste(text) if !too_small => Some(Action::Paste(text)),
        _ => None,
    };
    if let Some(action) = action {
        let effects = app.update(action);
        run_effects(app, runner, effects);
    }
}

/// A pause in typing this long saves the answer being typed.
const AUTOSAVE_AFTER: Duration = Duration::from_secs(1);

/// How often the loop looks at the stop flag (and beats) while no key comes.
const SIGNAL_CHECK: Duration = Duration::from_millis(200);

fn event_loop(
    terminal: &mut ratatui::DefaultTerminal,
    app: &mut App,
    runner: &mut Runner,
    watchdog: &Watchdog,
) -> Result<(), Error> {
    let mut too_small = false;
    let mut redraw = true;
    let mut last_key = Instant::now();
    let mut idle_sent = true;
    loop {
        watchdog.beat();
        if redraw {
            let frame = terminal.draw(|frame| render::render(app, frame))?;
            too_small = frame.area.width < render::MIN_WIDTH || frame.area.height < render::MIN_HEIGHT;
        }
        // A closed window may send no signal at all: the terminal just stops being one.
        let hung_up = !std::io::stdin().is_terminal();
        // A polite kill is a quit: the answer being typed is saved, as with `q`.
        if watchdog.stop_requested() || hung_up {
            // Keys already typed belong to the answer: take them before quitting.
            while !hung_up && !app.quit && event::poll(Duration::ZERO)? {
                handle_event(app, runner, event::read()?, too_small);
            }
            let effects = app.update(Action::Command(Command::Quit));
            run_effects(app, runner, effects);
        } else if event::poll(SIGNAL_CHECK)? {
            handle_event(app, runner, event::read()?, too_small);
            redraw = true;
            last_key = Instant::now();
            idle_sent = false;
        } else if !idle_sent && last_key.elapsed() >= AUTOSAVE_AFTER {
            // A pause in typing: save the answer so far, so even a closed window keeps it.
            idle_sent = true;
            let effects = app.update(Action::Idle);
            redraw = !effects.is_empty();
            run_effects(app, runner, effects);
        } else {
            redraw = false;
        }
        if app.quit {
            return Ok(());
        }
    }
}
