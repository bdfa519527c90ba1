//! What `sparring doctor` reads of a database without changing it (SQLite's integrity check,
//! the schema version, sizes, row counts, the sums kept beside the activities, who holds the
//! file, whether it is private), and `sparring backup`'s consistent copy.

use std::path::{Path, PathBuf};
use std::time::Duration;

use rusqlite::backup::Backup;
use rusqlite::{Connection, OpenFlags};

use super::migrations::SCHEMA_VERSION;
use super::writer::{Holder, WriterLock};
use super::{Store, StoreError, side_files};

/// A database as `doctor` finds it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Health {
    /// What SQLite's `integrity_check` says: `["ok"]`, or each problem.
    pub integrity: Vec<String>,
    /// The file's schema version (this build writes [`SCHEMA_VERSION`]).
    pub version: i64,
    /// The file and its side files that exist, with their size in bytes.
    pub sizes: Vec<(PathBuf, u64)>,
    /// Rows of the main tables, by table.
    pub rows: Vec<(&'static str, i64)>,
    /// The tables of sums no longer equal to the activity rows (empty: in step); `None` when
    /// the file's version predates them.
    pub sums_out_of_step: Option<Vec<&'static str>>,
    /// The sparring that has the file open, if one has.
    pub holder: Option<Holder>,
    /// The files others can read or write, with their mode (Unix).
    pub not_private: Vec<(PathBuf, u32)>,
    /// The database's folder, when others can open it (its files stay theirs only if private).
    pub open_folder: Option<(PathBuf, u32)>,
}

impl Health {
    /// Whether nothing needs the user's attention.
    pub fn healthy(&self) -> bool {
        self.integrity == ["ok"]
            && self.sums_out_of_step.as_ref().is_none_or(Vec::is_empty)
            && self.not_private.is_empty()
    }
}

/// The tables `doctor` counts the rows of.
const COUNTED: [&str; 7] = ["reps", "deals", "activities", "reviews", "answers", "commitments", "hypotheses"];

/// Reads how the database at `path` is, changing nothing.
pub fn examine(path: &Path) -> Result<Health, StoreError> {
    let (store, version) = Store::open_read_only(path)?;
    let conn = store.conn();
    let integrity = conn
        .prepare("PRAGMA integrity_check")?
        .query_map([], |row| row.get::<_, String>(0))?
        .collect::<Result<Vec<_>, _>>()?;
    let mut rows = Vec::new();
    for table in COUNTED {
        rows.push((table, conn.query_row(&format!("SELECT count(*) FROM {table}"), [], |row| row.get(0))?));
    }
    let sums_out_of_step = if version == SCHEMA_VERSION { Some(store.sums_out_of_step()?) } else { None };
    let holder = WriterLock::holder(path);
    drop(store);
    Ok(Health {
        integrity,
        version,
        sizes: own_files(path)
            .into_iter()
            .filter_map(|p| Some((p.metadata().ok()?.len(), p)))
            .map(|(n, p)| (p, n))
            .collect(),
        rows,
        sums_out_of_step,
        holder,
        not_private: not_private(&own_files(path)),
        open_folder: not_private(&[folder(path)]).pop(),
    })
}

/// The database and the files sparring keeps beside it.
fn own_files(path: &Path) -> Vec<PathBuf> {
    let [wal, shm] = side_files(path);
    vec![path.to_path_buf(), wal, shm, super::writer::lock_path(path)]
}

/// The folder the database is in.
fn folder(path: &Path) -> PathBuf {
    path.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new(".")).to_path_buf()
}

/// Those of `paths` that exist and others can read or write, with their mode.
#[cfg(unix)]
fn not_private(paths: &[PathBuf]) -> Vec<(PathBuf, u32)> {
    use std::os::unix::fs::PermissionsExt;
    paths
        .iter()
        .filter_map(|p| Some((p.clone(), p.metadata().ok()?.permissions().mode() & 0o777)))
        .filter(|(_, mode)| mode & 0o077 != 0)
        .collect()
}

#[cfg(not(unix))]
fn not_private(_paths: &[PathBuf]) -> Vec<(PathBuf, u32)> {
    Vec::new()
}

/// Makes the database and the files beside it readable by their owner only (0600); returns
/// the files changed. The folder is left as it is: it may hold more than sparring's files.
#[cfg(unix)]
pub fn make_private(path: &Path) -> Result<Vec<PathBuf>, StoreError> {
    use std::os::unix::fs::PermissionsExt;
    let mut changed = Vec::new();
    for file in own_files(path) {
        let Ok(meta) = file.metadata() else { continue };
        if meta.permissions().mode() & 0o077 != 0 {
            std::fs::set_permissions(&file, std::fs::Permissions::from_mode(0o600))
                .map_err(|source| StoreError::Create { path: file.clone(), source })?;
            changed.push(file);
        }
    }
    Ok(changed)
}

#[cfg(not(unix))]
pub fn make_private(_path: &Path) -> Result<Vec<PathBuf>, StoreError> {
    Ok(Vec::new())
}

/// Copies the database at `from` to the new file `to` with SQLite's online backup, page by
/// page: consistent even while the app writes (what it commits meanwhile is in the copy or
/// not, never half). The copy is created readable by its owner only; `to` must not exist.
/// Returns the copy's integrity check ("ok" when sound).
pub fn backup(from: &Path, to: &Path) -> Result<Vec<String>, StoreError> {
    let (store, _) = Store::open_read_only(from)?;
    super::create_private_file(to).map_err(|source| StoreError::Create { path: to.to_path_buf(), source })?;
    let copied = (|| -> Result<Vec<String>, StoreError> {
        let mut copy =
            Connection::open_with_flags(to, OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX)
                .map_err(|source| StoreError::Open { path: to.to_path_buf(), source })?;
        Backup::new(store.conn(), &mut copy)?.run_to_completion(256, Duration::from_millis(5), None)?;
        let integrity = copy
            .prepare("PRAGMA quick_check")?
            .query_map([], |row| row.get::<_, String>(0))?
            .collect::<Result<_, _>>()?;
        // Everything folded into the one file: the copy is whole on its own.
        copy.query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |_| Ok(()))?;
        Ok(integrity)
    })();
    if copied.is_err() {
        for file in std::iter::once(to.to_path_buf()).chain(side_files(to)) {
            let _ = std::fs::remove_file(file);
        }
    }
    copied
}
