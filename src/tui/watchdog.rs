//! Leaving cleanly when the terminal goes away.
//!
//! A polite kill (SIGTERM, SIGHUP when the window closes, SIGINT) sets a flag the event
//! loop checks between keys: it saves the answer being typed and quits like `q`. But once
//! the terminal is gone, the input reader can spin forever on end-of-file and never come
//! back to the loop; a process left behind would burn a core. This watchdog notices a loop
//! that has stopped beating while the terminal is gone (or a stop was asked), restores
//! what it can and ends the process. Answers already saved are in the database; at worst
//! the half-typed one is lost, as with a power cut.

use std::io::IsTerminal;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::time::{Duration, Instant};

use signal_hook::consts::{SIGHUP, SIGINT, SIGTERM};

/// How long the loop may go without a beat, once a stop is due, before the watchdog acts.
const GRACE: Duration = Duration::from_millis(1500);
const CHECK_EVERY: Duration = Duration::from_millis(250);

/// Shared between the event loop and the watchdog thread.
pub struct Watchdog {
    stop: Arc<AtomicBool>,
    beat: Arc<AtomicU64>,
    started: Instant,
}

impl Watchdog {
    /// Registers the signals and starts the watchdog thread.
    pub fn start() -> std::io::Result<Watchdog> {
        let stop = Arc::new(AtomicBool::new(false));
        for signal in [SIGTERM, SIGHUP, SIGINT] {
            signal_hook::flag::register(signal, Arc::clone(&stop))?;
        }
        let watchdog = Watchdog { stop, beat: Arc::new(AtomicU64::new(0)), started: Instant::now() };
        let (stop, beat, started) = (Arc::clone(&watchdog.stop), Arc::clone(&watchdog.beat), watchdog.started);
        std::thread::Builder::new().name("watchdog".into()).spawn(move || {
            loop {
                std::thread::sleep(CHECK_EVERY);
                let silent = started.elapsed().saturating_sub(Duration::from_millis(beat.load(Ordering::Relaxed)));
                let due = stop.load(Ordering::Relaxed) || !std::io::stdin().is_terminal();
                if due && silent > GRACE {
                    super::terminal::restore();
                    std::process::exit(1);
                }
            }
        })?;
        Ok(watchdog)
    }

    /// Whether a polite kill asked the app to quit.
    pub fn stop_requested(&self) -> bool {
        self.stop.load(Ordering::Relaxed)
    }

    /// Called by the event loop on each turn: it is alive.
    pub fn beat(&self) {
        self.beat.store(self.started.elapsed().as_millis() as u64, Ordering::Relaxed);
    }
}
