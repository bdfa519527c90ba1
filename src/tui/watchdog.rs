//! Leaving cleanly when asked to, or when the terminal goes away.
//!
//! A polite kill (SIGTERM, SIGHUP when the window closes, SIGINT, SIGQUIT) or a terminal that stops
//! being one (some multiplexers close without a signal) becomes a `Stop` message: the loop
//! saves the answer being typed and quits like `q`. Should the loop not manage to finish
//! (the disk hangs), the watchdog ends the process after a grace period; answers already
//! saved are in the database, as after a power cut.

use std::io::IsTerminal;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::Sender;
use std::time::{Duration, Instant};

use signal_hook::consts::{SIGHUP, SIGINT, SIGQUIT, SIGTERM};

use super::event::Inbox;

/// How long the loop has to save and quit once stopped.
const GRACE: Duration = Duration::from_secs(3);
const CHECK_EVERY: Duration = Duration::from_millis(200);

/// Registers the signals and starts the watchdog thread.
pub fn start(inbox: Sender<Inbox>) -> std::io::Result<()> {
    let signalled = Arc::new(AtomicBool::new(false));
    for signal in [SIGTERM, SIGHUP, SIGINT, SIGQUIT] {
        signal_hook::flag::register(signal, Arc::clone(&signalled))?;
    }
    std::thread::Builder::new().name("watchdog".into()).spawn(move || {
        let mut stopped_at: Option<Instant> = None;
        loop {
            std::thread::sleep(CHECK_EVERY);
            match stopped_at {
                None => {
                    if signalled.load(Ordering::Relaxed) || !std::io::stdin().is_terminal() {
                        stopped_at = Some(Instant::now());
                        if inbox.send(Inbox::Stop).is_err() {
                            return;
                        }
                    }
                }
                Some(at) if at.elapsed() > GRACE => {
                    super::terminal::restore();
                    std::process::exit(1);
                }
                Some(_) => {}
            }
        }
    })?;
    Ok(())
}
