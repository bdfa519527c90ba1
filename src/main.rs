//! The `sparring` binary: parse the command line, install the panic report, run.

use std::process::ExitCode;

use clap::Parser;

fn main() -> ExitCode {
    // The panic report first: the terminal-restoring hook the TUI installs wraps it.
    let _ = color_eyre::config::HookBuilder::default().display_env_section(false).install();
    let cli = sparring::cli::Cli::parse();
    match sparring::commands::run(cli) {
        Ok(()) => ExitCode::SUCCESS,
        Err(err) => {
            // Messages quote paths and values as given: nothing in them may act on the terminal.
            let said = sparring::domain::text::multi_line(&err.to_string()).into_owned();
            match &err {
                // Script errors are already `file:line:column: message`, one per line.
                sparring::Error::Script(_) => eprintln!("{said}"),
                _ => eprintln!("sparring: {said}"),
            }
            ExitCode::from(err.exit_code())
        }
    }
}
