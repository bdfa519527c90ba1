//! Entering and leaving the full-screen terminal, and making sure we always leave it:
//! on exit, on error and on panic.

use std::io::{self, IsTerminal, stdout};

use ratatui::DefaultTerminal;
use ratatui::crossterm::event::{DisableBracketedPaste, EnableBracketedPaste};
use ratatui::crossterm::execute;

/// Raw mode, alternate screen and bracketed paste, with a panic hook that undoes them
/// before the panic report prints.
pub fn init() -> io::Result<DefaultTerminal> {
    if !stdout().is_terminal() || !io::stdin().is_terminal() {
        return Err(io::Error::other(
            "the interface needs a terminal (stdin and stdout must be a terminal window, not a pipe or a file)",
        ));
    }
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        restore();
        previous(info);
    }));
    let terminal = ratatui::try_init().inspect_err(|_| restore())?;
    execute!(stdout(), EnableBracketedPaste).inspect_err(|_| restore())?;
    Ok(terminal)
}

/// Puts the terminal back as it was. Safe to call more than once.
pub fn restore() {
    let _ = execute!(stdout(), DisableBracketedPaste);
    ratatui::restore();
}
