//! Where the event loop's messages come from: the terminal (read on its own thread), the
//! effects worker (store writes and loads run off the drawing thread, so a slow disk never
//! delays a keystroke's frame), and the watchdog (signals, a terminal that went away).

use std::sync::mpsc::{Receiver, RecvTimeoutError, Sender, channel};
use std::thread::JoinHandle;
use std::time::Duration;

use ratatui::crossterm::event::{self, Event};

use super::action::Action;
use super::effects::{Effect, Runner};

/// One message for the event loop.
#[derive(Debug)]
pub enum Inbox {
    /// A key, a paste or a resize from the terminal.
    Terminal(Event),
    /// An effect finished.
    Done(Action),
    /// The worker saw, between effects, that another program wrote to the file.
    Changed(Action),
    /// Quit politely: a signal came, or the terminal is gone.
    Stop,
}

/// Reads the terminal on its own thread, so the loop waits on one inbox for everything.
pub fn spawn_input(inbox: Sender<Inbox>) -> std::io::Result<()> {
    std::thread::Builder::new().name("input".into()).spawn(move || {
        while let Ok(event) = event::read() {
            if inbox.send(Inbox::Terminal(event)).is_err() {
                break;
            }
        }
    })?;
    Ok(())
}

/// How long the worker waits without being asked anything before it prepares views ahead.
const PREPARE_AFTER: Duration = Duration::from_millis(150);

/// How often a quiet worker looks whether another program wrote to the file.
const LOOK_AGAIN: Duration = Duration::from_secs(1);

/// Runs effects one after the other, in the order they were asked for, on its own thread.
pub struct Worker {
    effects: Option<Sender<Effect>>,
    thread: Option<JoinHandle<()>>,
    in_flight: usize,
}

impl Worker {
    pub fn spawn(mut runner: Runner, inbox: Sender<Inbox>) -> std::io::Result<Worker> {
        let (effects, queue): (Sender<Effect>, Receiver<Effect>) = channel();
        let thread = std::thread::Builder::new().name("store".into()).spawn(move || {
            loop {
                // Asked-for work first; a view is prepared ahead only after a quiet moment, one
                // at a time, so a key waits at most for one view and a burst of keys for none.
                let effect = match queue.recv_timeout(PREPARE_AFTER) {
                    Ok(effect) => effect,
                    Err(RecvTimeoutError::Timeout) => {
                        if let Some(changed) = runner.file_changed() {
                            if inbox.send(Inbox::Changed(changed)).is_err() {
                                return;
                            }
                            continue;
                        }
                        if runner.prepare_ahead() {
                            continue;
                        }
                        // Quiet: look again now and then for another program's writes.
                        match queue.recv_timeout(LOOK_AGAIN) {
                            Ok(effect) => effect,
                            Err(RecvTimeoutError::Timeout) => continue,
                            Err(RecvTimeoutError::Disconnected) => return,
                        }
                    }
                    Err(RecvTimeoutError::Disconnected) => return,
                };
                if inbox.send(Inbox::Done(runner.run(effect))).is_err() {
                    return;
                }
            }
        })?;
        Ok(Worker { effects: Some(effects), thread: Some(thread), in_flight: 0 })
    }

    pub fn send(&mut self, effects: Vec<Effect>) {
        if let Some(sender) = &self.effects {
            for effect in effects {
                if sender.send(effect).is_ok() {
                    self.in_flight += 1;
                }
            }
        }
    }

    /// An effect's result came back.
    pub fn done(&mut self) {
        self.in_flight = self.in_flight.saturating_sub(1);
    }

    /// Effects sent whose results have not come back yet.
    pub fn in_flight(&self) -> usize {
        self.in_flight
    }

    /// Lets the queued effects finish (every pending write lands), then stops the thread.
    pub fn finish(&mut self) {
        self.effects = None;
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}

impl Drop for Worker {
    fn drop(&mut self) {
        self.finish();
    }
}
