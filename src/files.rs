//! Files sparring writes for the user (exports, rejects): readable by their owner only.

use crate::error::Error;

/// Writes a file readable by its owner only (0600), as every file sparring writes.
pub fn write_private(path: &std::path::Path, bytes: &[u8]) -> Result<(), Error> {
    use std::io::Write as _;
    let file_error = |source| Error::File { path: path.to_path_buf(), source };
    create_private(path)?.write_all(bytes).map_err(file_error)
}

/// Creates (or empties) a file readable by its owner only, for writers that stream.
pub fn create_private(path: &std::path::Path) -> Result<std::fs::File, Error> {
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create(true).truncate(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    options.open(path).map_err(|source| Error::File { path: path.to_path_buf(), source })
}
