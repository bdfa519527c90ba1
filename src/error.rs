//! The library's error type and the exit code each kind of error gives.

use std::path::PathBuf;

use crate::import::ImportError;
use crate::script::ScriptErrors;
use crate::store::StoreError;

#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// The script file is invalid; every problem is listed with file:line:column.
    #[error("{0}")]
    Script(#[from] ScriptErrors),
    #[error("{0}")]
    Store(#[from] StoreError),
    /// A file that cannot be imported as it is: why, with its bad rows' lines.
    #[error("{0}")]
    Import(#[from] ImportError),
    /// The command line asked for something that does not exist or does not fit.
    #[error("{0}")]
    Usage(String),
    #[error("{path}: {source}")]
    File { path: PathBuf, source: std::io::Error },
    #[error("terminal error: {0}")]
    Terminal(#[from] std::io::Error),
    /// A check found something the user should look at (what, in one line; the details were
    /// printed).
    #[error("{0}")]
    Attention(String),
}

impl From<rusqlite::Error> for Error {
    fn from(err: rusqlite::Error) -> Self {
        Error::Store(StoreError::Sqlite(err))
    }
}

impl Error {
    /// 2 for input the user can fix (a bad script, a wrong argument), 1 otherwise.
    pub fn exit_code(&self) -> u8 {
        match self {
            Error::Script(_) | Error::Usage(_) | Error::Import(_) => 2,
            _ => 1,
        }
    }
}
