//! The only place with SQL: opening the file (permissions, pragmas, migrations) and one
//! module per aggregate. Every write runs in an `IMMEDIATE` transaction.

pub mod activities;
pub mod activity_imports;
pub mod bulk;
pub mod challenge;
pub mod commitments;
pub mod criteria;
pub mod deal_edits;
pub mod deals;
pub mod drafts;
pub mod exports;
mod guard;
pub mod health;
pub mod hypotheses;
pub mod imports;
mod migrations;
pub mod prospecting;
pub mod prospecting_review;
pub mod reps;
pub mod reviews;
mod rows;
pub mod tallies;
pub mod targets;
pub mod time;
pub mod undo;
pub mod verdicts;
pub mod writer;

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, Instant};

use rusqlite::config::DbConfig;
use rusqlite::trace::{TraceEvent, TraceEventCodes};
use rusqlite::{Connection, ErrorCode, OpenFlags, Transaction, TransactionBehavior};

use crate::domain::ids::RepId;

pub use migrations::SCHEMA_VERSION;

/// How long to wait for another process holding the write lock.
pub(crate) const BUSY_TIMEOUT: Duration = Duration::from_secs(5);

/// Marks the file as a sparring database (`PRAGMA application_id`, "SPRG").
const APPLICATION_ID: i64 = 0x5350_5247;

#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error(
        "{path}: this database was written by a newer version of sparring (schema version {found}, \
         this build knows up to {supported}). Upgrade sparring to open it; the file was not changed."
    )]
    TooNew { path: PathBuf, found: i64, supported: i64 },
    #[error("{path}: not a sparring database ({reason}). The file was not changed.")]
    NotSparring { path: PathBuf, reason: String },
    /// A file whose tables do not match its schema version: changed by hand or by another tool.
    #[error("{path}: schema version {version}, but {reason}: changed by another tool? The file was not changed.")]
    HalfMigrated { path: PathBuf, version: i64, reason: String },
    #[error("{path}: cannot create the database: {source}")]
    Create { path: PathBuf, source: std::io::Error },
    #[error("{path}: cannot open the database: {source}")]
    Open { path: PathBuf, source: rusqlite::Error },
    /// A row the write names does not exist (deleted meanwhile, or a wrong id).
    #[error("{what} {id} does not exist")]
    NotFound { what: &'static str, id: i64 },
    /// A write the data model does not allow, said in plain words; nothing was written.
    #[error("{0}")]
    Refused(String),
    #[error("database error: {0}")]
    Sqlite(#[from] rusqlite::Error),
}

/// A statement's SQL and the steps of its plan (`EXPLAIN QUERY PLAN`'s `detail` column).
pub type QueryPlan = (String, Vec<String>);

/// An open sparring database.
pub struct Store {
    conn: Connection,
    path: PathBuf,
    /// While set, every write is also recorded as an undo step (see [`undo`]).
    recording: Option<undo::Recording>,
    /// Whether this connection logs its changes for undo.
    undo_enabled: bool,
}

impl std::fmt::Debug for Store {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Store").field("path", &self.path).finish_non_exhaustive()
    }
}

impl Store {
    /// Opens (creating if needed, readable by its owner only) and migrates the database.
    /// A file that is not a sparring database, or one from a newer version, is refused untouched.
    pub fn open(path: &Path) -> Result<Store, StoreError> {
        if !path.exists() {
            create_private_file(path).map_err(|source| StoreError::Create { path: path.to_path_buf(), source })?;
        }
        let (conn, _) = connect_checked(path)?;
        conn.set_db_config(DbConfig::SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE, false)?;

        use_wal(&conn)?;
        conn.pragma_update(None, "synchronous", "FULL")?;
        conn.pragma_update(None, "foreign_keys", "ON")?;
        let mut store = Store { conn, path: path.to_path_buf(), recording: None, undo_enabled: false };
        store.migrate()?;
        // The side files exist once a read has run in WAL mode, as the migration's has.
        private_side_files(path);
        Ok(store)
    }

    /// Opens an existing sparring database to read it only: checked as [`Store::open`] checks
    /// it, never created, migrated or written (`PRAGMA query_only`), its -wal never folded in
    /// on close. Returns the store and the file's schema version (older than this build's
    /// when it has not been opened by this sparring yet).
    pub fn open_read_only(path: &Path) -> Result<(Store, i64), StoreError> {
        if !path.is_file() {
            let source = rusqlite::Error::InvalidPath(path.to_path_buf());
            return Err(StoreError::Open { path: path.to_path_buf(), source });
        }
        let (conn, version) = connect_checked(path)?;
        conn.pragma_update(None, "query_only", true)?;
        Ok((Store { conn, path: path.to_path_buf(), recording: None, undo_enabled: false }, version))
    }

    /// Refuses every write from now on (`PRAGMA query_only`): for an app that another
    /// sparring holds the file from.
    pub fn set_query_only(&self) -> Result<(), StoreError> {
        self.conn.pragma_update(None, "query_only", true)?;
        Ok(())
    }

    /// The file this store reads and writes.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// The schema version of the open file.
    pub fn schema_version(&self) -> Result<i64, StoreError> {
        Ok(self.conn.query_row("PRAGMA user_version", [], |row| row.get(0))?)
    }

    /// Applies the migrations the file lacks, all in one transaction. The version is read
    /// again inside it: another process may have migrated the file since `open` looked.
    fn migrate(&mut self) -> Result<(), StoreError> {
        if self.schema_version()? >= SCHEMA_VERSION {
            return Ok(());
        }
        let path = self.path.clone();
        let found = self.try_write(|tx| migrations::apply(tx, &path))?;
        if found > SCHEMA_VERSION {
            return Err(StoreError::TooNew { path: self.path.clone(), found, supported: SCHEMA_VERSION });
        }
        Ok(())
    }

    /// Runs `f` in one `IMMEDIATE` transaction: all of it is written, or none of it.
    pub fn write<T>(&mut self, f: impl FnOnce(&Transaction<'_>) -> rusqlite::Result<T>) -> Result<T, StoreError> {
        self.try_write(|tx| Ok(f(tx)?))
    }

    /// Runs `f` in one `IMMEDIATE` transaction that may refuse the write with a
    /// [`StoreError`]: any error rolls everything back, including rows written before it.
    pub(crate) fn try_write<T>(
        &mut self,
        f: impl FnOnce(&Transaction<'_>) -> Result<T, StoreError>,
    ) -> Result<T, StoreError> {
        let tx = self.conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        if self.undo_enabled {
            undo::start(&tx)?;
        }
        let value = f(&tx)?;
        if let (true, Some(recording)) = (self.undo_enabled, &self.recording) {
            undo::finish(&tx, recording)?;
        }
        tx.commit()?;
        Ok(value)
    }

    /// What an import's transaction needs to be one undo step in the app, as [`Self::try_write`]
    /// makes of a write: whether changes are logged, and the step they go to.
    pub(crate) fn undo_context(&self) -> (bool, Option<undo::Recording>) {
        (self.undo_enabled, self.recording.clone())
    }

    /// A number that changes when another connection commits to the file (SQLite's
    /// `data_version`): what was read before may be stale.
    pub fn data_version(&self) -> Result<i64, StoreError> {
        Ok(self.conn.query_row("PRAGMA data_version", [], |r| r.get(0))?)
    }

    /// Runs `f` and counts the SQL statements it ran on this store's connection, so tests
    /// and benches can check that a load costs a fixed number of queries, whatever the
    /// amount of data.
    pub fn count_statements<T>(&mut self, f: impl FnOnce(&Store) -> T) -> Result<(T, u64), StoreError> {
        let counter = Arc::new(AtomicU64::new(0));
        let seen = Arc::clone(&counter);
        self.conn.trace_v2(
            TraceEventCodes::SQLITE_TRACE_STMT,
            Some(move |event: TraceEvent<'_>| {
                if let TraceEvent::Stmt(_, sql) = event
                    && !sql.starts_with("--")
                {
                    seen.fetch_add(1, Ordering::Relaxed);
                }
            }),
        )?;
        let value = f(self);
        self.conn.trace_v2(TraceEventCodes::empty(), None::<fn(TraceEvent<'_>)>)?;
        Ok((value, counter.load(Ordering::Relaxed)))
    }

    /// Runs `f` and returns, with its result, the query plan (`EXPLAIN QUERY PLAN`) of every
    /// distinct statement it ran on this store's connection: tests check that no figure scans
    /// a large table.
    pub fn query_plans<T>(&mut self, f: impl FnOnce(&Store) -> T) -> Result<(T, Vec<QueryPlan>), StoreError> {
        let seen = Arc::new(std::sync::Mutex::new(Vec::<String>::new()));
        let sink = Arc::clone(&seen);
        self.conn.trace_v2(
            TraceEventCodes::SQLITE_TRACE_STMT,
            Some(move |event: TraceEvent<'_>| {
                if let TraceEvent::Stmt(_, sql) = event
                    && !sql.starts_with("--")
                    && let Ok(mut seen) = sink.lock()
                    && !seen.iter().any(|s| s == sql)
                {
                    seen.push(sql.to_string());
                }
            }),
        )?;
        let value = f(self);
        self.conn.trace_v2(TraceEventCodes::empty(), None::<fn(TraceEvent<'_>)>)?;
        let statements = seen.lock().map(|s| s.clone()).unwrap_or_default();
        let mut plans = Vec::new();
        for sql in statements {
            let mut stmt = self.conn.prepare(&format!("EXPLAIN QUERY PLAN {sql}"))?;
            // The plan does not depend on the values: bind NULL to every parameter.
            let nulls = std::iter::repeat_n(rusqlite::types::Null, stmt.parameter_count());
            let details: Vec<String> =
                stmt.query_map(rusqlite::params_from_iter(nulls), |row| row.get(3))?.collect::<Result<_, _>>()?;
            plans.push((sql, details));
        }
        Ok((value, plans))
    }

    /// Copies the write-ahead log into the main file, so the file alone is complete.
    pub fn checkpoint(&self) -> Result<(), StoreError> {
        self.conn.query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |_| Ok(()))?;
        Ok(())
    }

    /// Read access for the query modules.
    fn conn(&self) -> &Connection {
        &self.conn
    }
}

/// A connection to the file at `path`, checked to be a sparring database this build can open
/// (see [`identify`]), and its schema version. Writes left in a -wal (a crash, a copy, another
/// program) stay there as long as the connection is told so: closing a refused file must not
/// fold them into it. Without pending writes, closing as usual leaves no side file behind.
fn connect_checked(path: &Path) -> Result<(Connection, i64), StoreError> {
    let flags = OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX;
    let conn = Connection::open_with_flags(path, flags)
        .map_err(|source| StoreError::Open { path: path.to_path_buf(), source })?;
    conn.busy_timeout(BUSY_TIMEOUT)?;
    let [wal, _] = side_files(path);
    let pending = wal.metadata().is_ok_and(|wal| wal.len() > 0);
    conn.set_db_config(DbConfig::SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE, pending)?;
    let version = identify(&conn, path)?;
    Ok((conn, version))
}

/// Checks that the file on `conn` is a sparring database this build can open, before
/// anything is written to it (a refused file must stay byte-for-byte as it was); returns its
/// schema version. One statement reads one snapshot, even while another process is migrating
/// the file.
fn identify(conn: &Connection, path: &Path) -> Result<i64, StoreError> {
    let not_sparring = |reason: String| StoreError::NotSparring { path: path.to_path_buf(), reason };
    let (version, app_id, objects): (i64, i64, i64) = conn
        .query_row(
            "SELECT (SELECT user_version FROM pragma_user_version),
                    (SELECT application_id FROM pragma_application_id),
                    (SELECT count(*) FROM sqlite_master)",
            [],
            |row| Ok((row.get(0)?, row.get(1)?, row.get(2)?)),
        )
        .map_err(|err| {
            if err.sqlite_error_code() == Some(ErrorCode::NotADatabase) {
                not_sparring("it is not an SQLite database".into())
            } else {
                StoreError::Open { path: path.to_path_buf(), source: err }
            }
        })?;
    if app_id != 0 && app_id != APPLICATION_ID {
        return Err(not_sparring(format!("it belongs to another application, id {app_id:#x}")));
    }
    // sparring sets application_id in the transaction that first sets user_version, so a
    // versioned file without it was versioned by another application.
    if app_id == 0 && version != 0 {
        return Err(not_sparring(format!("it has schema version {version} but no sparring application id")));
    }
    if version > SCHEMA_VERSION {
        return Err(StoreError::TooNew { path: path.to_path_buf(), found: version, supported: SCHEMA_VERSION });
    }
    if version < 0 {
        return Err(not_sparring(format!("its schema version {version} is not one sparring writes")));
    }
    if version == 0 && objects > 0 {
        return Err(not_sparring(format!("it already holds {objects} tables or indexes of its own")));
    }
    if let Some(reason) = migrations::schema_mismatch(conn, version)? {
        return Err(StoreError::HalfMigrated { path: path.to_path_buf(), version, reason });
    }
    Ok(version)
}

/// Puts the file in WAL mode unless it already is. The switch needs the file to itself and
/// SQLite reports "database is locked" at once rather than waiting, so wait here instead:
/// two processes creating the same new file both get there.
pub(crate) fn use_wal(conn: &Connection) -> rusqlite::Result<()> {
    let deadline = Instant::now() + BUSY_TIMEOUT;
    loop {
        let mode: String = conn.pragma_query_value(None, "journal_mode", |row| row.get(0))?;
        if mode.eq_ignore_ascii_case("wal") {
            return Ok(());
        }
        match conn.pragma_update(None, "journal_mode", "WAL") {
            Err(err) if err.sqlite_error_code() == Some(ErrorCode::DatabaseBusy) && Instant::now() < deadline => {
                std::thread::sleep(Duration::from_millis(10));
            }
            other => return other,
        }
    }
}

/// Creates an empty file readable and writable by its owner only, and its parent folders
/// (open to their owner only, whatever the umask).
fn create_private_file(path: &Path) -> std::io::Result<()> {
    if let Some(parent) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
        let mut folders = std::fs::DirBuilder::new();
        folders.recursive(true);
        #[cfg(unix)]
        {
            use std::os::unix::fs::DirBuilderExt;
            folders.mode(0o700);
        }
        folders.create(parent)?;
    }
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(0o600);
    }
    match options.open(path) {
        // Another process created it a moment ago: it was created the same way.
        Err(err) if err.kind() == std::io::ErrorKind::AlreadyExists => Ok(()),
        other => other.map(drop),
    }
}

/// The -wal and -shm files SQLite keeps beside the database at `path`.
pub fn side_files(path: &Path) -> [PathBuf; 2] {
    ["-wal", "-shm"].map(|suffix| {
        let mut side = path.as_os_str().to_owned();
        side.push(suffix);
        PathBuf::from(side)
    })
}

/// Makes the -wal and -shm beside `path` private: SQLite gives them the database's own mode,
/// which may let others read the log of every change (0644) or lock out the owner (0400).
fn private_side_files(path: &Path) {
    #[cfg(unix)]
    for side in side_files(path) {
        use std::os::unix::fs::PermissionsExt;
        if let Ok(meta) = std::fs::metadata(&side)
            && meta.permissions().mode() & 0o777 != 0o600
        {
            // Best effort: a file of another owner stays as it is, and SQLite still works.
            let _ = std::fs::set_permissions(&side, std::fs::Permissions::from_mode(0o600));
        }
    }
}

/// Refuses a write for a rep that does not exist.
pub(super) fn rep_exists(tx: &Transaction<'_>, rep: RepId) -> Result<(), StoreError> {
    let found: bool =
        tx.prepare_cached("SELECT EXISTS (SELECT 1 FROM reps WHERE id = ?1)")?.query_row([rep.0], |r| r.get(0))?;
    if found { Ok(()) } else { Err(StoreError::NotFound { what: "rep", id: rep.0 }) }
}

/// Reads a lowercase-word column into its enum, failing clearly on a word we do not know.
fn word<T>(row: &rusqlite::Row<'_>, idx: usize, parse: fn(&str) -> Option<T>) -> rusqlite::Result<T> {
    let text: String = row.get(idx)?;
    parse(&text).ok_or_else(|| {
        rusqlite::Error::FromSqlConversionFailure(
            idx,
            rusqlite::types::Type::Text,
            format!("unexpected value {text:?}").into(),
        )
    })
}
