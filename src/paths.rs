//! Where the database and the script live: the platform data and config directories.

use std::path::PathBuf;

use etcetera::BaseStrategy;

use crate::error::Error;

/// Environment variable naming the database file; `--db` overrides it.
pub const DB_ENV: &str = "SPARRING_DB";
const APP_DIR: &str = "sparring";

fn strategy() -> Result<impl BaseStrategy, Error> {
    etcetera::choose_base_strategy()
        .map_err(|err| Error::Usage(format!("cannot find your home directory ({err}); pass --db PATH")))
}

/// The folder holding sparring's databases (`~/.local/share/sparring` on Linux).
pub fn data_dir() -> Result<PathBuf, Error> {
    Ok(strategy()?.data_dir().join(APP_DIR))
}

/// The folder holding the user's `questions.toml` (`~/.config/sparring` on Linux).
pub fn config_dir() -> Result<PathBuf, Error> {
    Ok(strategy()?.config_dir().join(APP_DIR))
}

/// The database to open: `--db`, else `$SPARRING_DB`, else `sparring.db` in the data directory.
pub fn database(cli_db: Option<PathBuf>) -> Result<PathBuf, Error> {
    if let Some(path) = cli_db {
        return Ok(path);
    }
    if let Some(path) = std::env::var_os(DB_ENV).filter(|v| !v.is_empty()) {
        return Ok(PathBuf::from(path));
    }
    Ok(data_dir()?.join("sparring.db"))
}

/// The demo database, `demo.db` in the data directory.
pub fn demo_database() -> Result<PathBuf, Error> {
    Ok(data_dir()?.join("demo.db"))
}

/// The user's own script, if there is one in the config directory.
pub fn user_script() -> Option<PathBuf> {
    let path = config_dir().ok()?.join("questions.toml");
    path.is_file().then_some(path)
}
