//! A reps file: each rep's name, and their manager, team and email when the file has them
//! (sparring's own columns, a CRM user export's, or a sales-teams sheet's).

use super::table::Table;
use super::{BadRow, ImportError};

/// A rep as the file gives them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImportedRep {
    pub line: u64,
    pub name: String,
    pub email: Option<String>,
    pub manager: Option<String>,
    pub team: Option<String>,
}

const NAME: &[&str] = &["name", "rep", "full name", "sales_agent", "sales agent", "user", "owner"];
const EMAIL: &[&str] = &["email", "e-mail", "email address"];
const MANAGER: &[&str] = &["manager", "manager name", "reports to"];
const TEAM: &[&str] = &["team", "regional_office", "regional office", "region", "office", "role"];

/// The reps of a file; a row without a name is refused with its line.
pub fn read_reps(table: &Table) -> Result<Vec<ImportedRep>, ImportError> {
    let find = |names: &[&str]| names.iter().find_map(|n| table.column(n));
    let Some(name) = find(NAME) else {
        return Err(ImportError::Usage(format!(
            "{}: no column names the reps (name, rep or sales_agent); it has {}",
            table.file,
            table.headers.join(", ")
        )));
    };
    let (email, manager, team) = (find(EMAIL), find(MANAGER), find(TEAM));
    let mut reps = Vec::new();
    let mut bad = Vec::new();
    for row in &table.rows {
        let text = |c: Option<usize>| c.map(|c| row.cell(c).to_string()).filter(|s| !s.is_empty());
        let Some(rep_name) = text(Some(name)) else {
            bad.push(BadRow {
                file: table.file.clone(),
                line: row.line,
                column: table.headers[name].clone(),
                value: String::new(),
                why: "is empty: a rep needs a name".into(),
            });
            continue;
        };
        reps.push(ImportedRep {
            line: row.line,
            name: rep_name,
            email: text(email),
            manager: text(manager),
            team: text(team),
        });
    }
    if bad.is_empty() { Ok(reps) } else { Err(ImportError::Rows(bad)) }
}
