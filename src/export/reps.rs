//! Reps in sparring's own CSV (docs/import.md): name, contact, manager, team, whether they
//! are active, and a weekly target per kind — what `sparring import reps` reads back.

use crate::domain::metrics::{Target, TargetKind};
use crate::domain::money::amount_input;
use crate::domain::text::spreadsheet_cell;
use crate::store::reps::Rep;

/// The header: `name,email,manager,team,active,target_call,…,target_pipeline`.
pub fn header() -> Vec<String> {
    let mut header: Vec<String> = ["name", "email", "manager", "team", "active"].map(String::from).to_vec();
    header.extend(TargetKind::ALL.iter().map(|k| format!("target_{}", k.as_str())));
    header
}

/// The reps as CSV; a kind without a target is an empty cell (pipeline as an amount).
pub fn csv(reps: &[(Rep, Vec<Target>)]) -> String {
    let mut out = csv::WriterBuilder::new().terminator(csv::Terminator::CRLF).from_writer(Vec::new());
    // Writing to memory cannot fail.
    let _ = out.write_record(header());
    let text = |t: &Option<String>| t.as_deref().map(|t| spreadsheet_cell(t).into_owned()).unwrap_or_default();
    for (rep, targets) in reps {
        let mut record = vec![
            spreadsheet_cell(&rep.name).into_owned(),
            text(&rep.email),
            text(&rep.manager),
            text(&rep.team),
            if rep.active { "yes" } else { "no" }.to_string(),
        ];
        record.extend(TargetKind::ALL.iter().map(|kind| match targets.iter().find(|t| t.kind == *kind) {
            Some(t) if *kind == TargetKind::Pipeline => amount_input(t.per_week),
            Some(t) => t.per_week.to_string(),
            None => String::new(),
        }));
        let _ = out.write_record(&record);
    }
    String::from_utf8(out.into_inner().unwrap_or_default()).unwrap_or_default()
}
