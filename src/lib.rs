//! sparring — a terminal sparring partner for complex B2B sales one-on-ones.
//!
//! The binary is a thin shell over this library: [`cli`] describes the command line,
//! [`commands`] runs it, [`tui`] is the interactive app, [`store`] owns the SQLite file,
//! [`script`] the question script, [`domain`] the pure rules, [`report`] the headless reports,
//! [`wording`] the words of the figures they share with the screen.

pub mod cli;
pub mod clock;
pub mod commands;
pub mod config;
pub mod dashboard;
pub mod demo;
pub mod domain;
pub mod error;
pub mod export;
pub mod files;
pub mod import;
pub mod importing;
pub mod paths;
pub mod report;
pub mod script;
pub mod store;
pub mod tui;
pub mod wording;

pub use error::Error;
