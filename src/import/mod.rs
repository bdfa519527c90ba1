//! Imports: CRM exports and sparring's own CSV read into rows the store writes in one
//! transaction. Reading is pure of the database: every bad row is found and reported with
//! its file, line and column before anything is written.

pub mod activities;
pub mod dates;
pub mod deals;
pub mod formats;
pub mod reps;
pub mod stream;
pub mod table;

/// Why a file cannot be imported.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ImportError {
    /// The file cannot be read as a table.
    #[error("{0}")]
    File(String),
    /// An option does not fit the file.
    #[error("{0}")]
    Usage(String),
    /// Rows that cannot be imported, each as `FILE:LINE: column 'X': why`.
    #[error("nothing imported: {} row(s) cannot be (fix them, or import the others with --skip-invalid):\n{}", .0.len(), .0.iter().map(ToString::to_string).collect::<Vec<_>>().join("\n"))]
    Rows(Vec<BadRow>),
}

/// A row refused, with where and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BadRow {
    pub file: String,
    pub line: u64,
    pub column: String,
    pub value: String,
    pub why: String,
}

impl std::fmt::Display for BadRow {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let value = crate::domain::text::one_line(&self.value);
        if self.column.is_empty() {
            write!(f, "{}:{}: {}", self.file, self.line, self.why)
        } else {
            write!(f, "{}:{}: column '{}': '{value}' {}", self.file, self.line, self.column, self.why)
        }
    }
}
