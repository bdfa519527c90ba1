//! A reps file: each rep's name, and their manager, team and email when the file has them
//! (sparring's own columns, a CRM user export's, or a sales-teams sheet's).

use super::table::Table;
use super::{BadRow, ImportError};
use crate::domain::metrics::TargetKind;
use crate::domain::money::read_amount;

/// A rep as the file gives them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImportedRep {
    pub line: u64,
    pub name: String,
    pub email: Option<String>,
    pub manager: Option<String>,
    pub team: Option<String>,
    /// Whether the rep is active, when the file says (sparring's own reps file does).
    pub active: Option<bool>,
    /// Weekly targets the file sets (`target_call`, `target_pipeline`…; pipeline in minor units).
    pub targets: Vec<(TargetKind, i64)>,
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
    let active = table.column("active");
    // sparring's own reps file: a weekly target per kind, `target_call` … `target_pipeline`.
    let target_columns: Vec<(TargetKind, usize)> = TargetKind::ALL
        .into_iter()
        .filter_map(|k| table.column(&format!("target_{}", k.as_str())).map(|c| (k, c)))
        .collect();
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
        let mut targets = Vec::new();
        for (kind, column) in &target_columns {
            let value = row.cell(*column);
            if value.is_empty() {
                continue;
            }
            let read = if *kind == TargetKind::Pipeline {
                read_amount(value).ok()
            } else {
                value.parse::<i64>().ok().filter(|n| *n >= 0)
            };
            match read {
                Some(per_week) => targets.push((*kind, per_week)),
                None => bad.push(BadRow {
                    file: table.file.clone(),
                    line: row.line,
                    column: table.headers[*column].clone(),
                    value: value.to_string(),
                    why: if *kind == TargetKind::Pipeline { "is not an amount" } else { "is not a count" }.into(),
                }),
            }
        }
        let active = match active.map(|c| (c, row.cell(c).to_ascii_lowercase())) {
            None => None,
            Some((_, value)) if value.is_empty() => None,
            Some((_, value)) if matches!(value.as_str(), "yes" | "y" | "true" | "1" | "oui") => Some(true),
            Some((_, value)) if matches!(value.as_str(), "no" | "n" | "false" | "0" | "non") => Some(false),
            Some((column, value)) => {
                bad.push(BadRow {
                    file: table.file.clone(),
                    line: row.line,
                    column: table.headers[column].clone(),
                    value,
                    why: "is not yes or no".into(),
                });
                None
            }
        };
        reps.push(ImportedRep {
            line: row.line,
            name: rep_name,
            email: text(email),
            manager: text(manager),
            team: text(team),
            active,
            targets,
        });
    }
    if bad.is_empty() { Ok(reps) } else { Err(ImportError::Rows(bad)) }
}
