//! One writer per database: a lock file beside it (`sparring.db.lock`, the holder's process
//! id inside), held by the app for as long as it is open and by a command-line write while it
//! runs. SQLite's own locks keep each transaction whole; this one keeps two programs from
//! interleaving their meetings' writes, so a second app opens read-only and a command waits,
//! then says who has the file. The operating system lets go of it when its holder ends, even
//! killed.

use std::fs::{File, OpenOptions, TryLockError};
use std::io::{Read, Seek, Write};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

/// The lock on a database's writes, held until dropped.
#[derive(Debug)]
pub struct WriterLock {
    /// `None` where no lock file can be made (a read-only folder): nothing can be written
    /// there anyway.
    _file: Option<File>,
}

/// Who holds the lock: the process id it wrote, when it could be read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Holder(pub Option<u32>);

impl std::fmt::Display for Holder {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self.0 {
            Some(pid) => write!(f, "open in sparring process {pid}"),
            None => f.write_str("open in another sparring"),
        }
    }
}

/// The lock file of a database: its name with `.lock` added.
pub fn lock_path(db: &Path) -> PathBuf {
    let mut path = db.as_os_str().to_owned();
    path.push(".lock");
    PathBuf::from(path)
}

impl WriterLock {
    /// Takes the lock at once, or says who holds it.
    pub fn take(db: &Path) -> Result<WriterLock, Holder> {
        let path = lock_path(db);
        let Ok(mut file) = open_private(&path) else { return Ok(WriterLock { _file: None }) };
        match file.try_lock() {
            Ok(()) => {
                // Who holds it, for the message another program shows.
                let _ =
                    file.set_len(0).and_then(|()| write!(file, "{}", std::process::id())).and_then(|()| file.flush());
                Ok(WriterLock { _file: Some(file) })
            }
            Err(TryLockError::WouldBlock) => {
                let mut pid = String::new();
                let _ = file.rewind().and_then(|()| file.read_to_string(&mut pid));
                Err(Holder(pid.trim().parse().ok()))
            }
            // A file system without locks: carry on unprotected, as SQLite does.
            Err(TryLockError::Error(_)) => Ok(WriterLock { _file: None }),
        }
    }

    /// Who holds the lock now, if anyone, without taking it or making the lock file.
    pub fn holder(db: &Path) -> Option<Holder> {
        let mut file = OpenOptions::new().read(true).write(true).open(lock_path(db)).ok()?;
        match file.try_lock() {
            Err(TryLockError::WouldBlock) => {
                let mut pid = String::new();
                let _ = file.read_to_string(&mut pid);
                Some(Holder(pid.trim().parse().ok()))
            }
            // Free (let go again as the file closes), or no locks on this file system.
            Ok(()) | Err(TryLockError::Error(_)) => None,
        }
    }

    /// Takes the lock, waiting up to `patience` for its holder to let go (a command started
    /// while the app is closing).
    pub fn wait(db: &Path, patience: Duration) -> Result<WriterLock, Holder> {
        let deadline = Instant::now() + patience;
        loop {
            match WriterLock::take(db) {
                Err(holder) if Instant::now() < deadline => {
                    let _ = holder;
                    std::thread::sleep(Duration::from_millis(100));
                }
                other => return other,
            }
        }
    }
}

/// Opens (creating, readable by its owner only) the lock file, without truncating it: the
/// holder's process id must stay readable to the others.
fn open_private(path: &Path) -> std::io::Result<File> {
    let mut options = OpenOptions::new();
    options.read(true).write(true).create(true).truncate(false);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(0o600);
    }
    options.open(path)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_holder_at_a_time_named_by_its_process() {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("team.db");
        let first = WriterLock::take(&db).unwrap();
        assert_eq!(WriterLock::take(&db).unwrap_err(), Holder(Some(std::process::id())));
        assert_eq!(Holder(Some(7)).to_string(), "open in sparring process 7");
        let started = Instant::now();
        assert!(WriterLock::wait(&db, Duration::from_millis(300)).is_err());
        assert!(started.elapsed() >= Duration::from_millis(300), "it waited");
        assert_eq!(WriterLock::holder(&db), Some(Holder(Some(std::process::id()))));
        drop(first);
        assert_eq!(WriterLock::holder(&db), None);
        let second = WriterLock::take(&db).expect("free once its holder is gone");
        drop(second);
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = std::fs::metadata(lock_path(&db)).unwrap().permissions().mode() & 0o777;
            assert_eq!(mode, 0o600);
        }
    }
}
