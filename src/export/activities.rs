//! Activities in sparring's own CSV (docs/import.md): what `sparring import activities`
//! reads back, so a database exported and imported into an empty one has the same rows.

use crate::domain::text::spreadsheet_cell;
use crate::import::activities::ActivityColumn;
use crate::store::exports::ExportedActivity;

/// The header: sparring's activity fields, in order.
pub fn header() -> Vec<&'static str> {
    ActivityColumn::SPARRING.iter().map(|c| c.word()).collect()
}

/// One activity's cells, in the header's order, every text made safe for a spreadsheet.
pub fn record(a: &ExportedActivity) -> [String; 12] {
    let text = |t: &Option<String>| t.as_deref().map(|t| spreadsheet_cell(t).into_owned()).unwrap_or_default();
    let (date, time) = a.occurred_at.split_once('T').unwrap_or((&a.occurred_at, ""));
    [
        spreadsheet_cell(&a.external_id).into_owned(),
        date.to_string(),
        time.to_string(),
        spreadsheet_cell(&a.rep).into_owned(),
        a.kind.clone(),
        text(&a.channel),
        text(&a.segment),
        text(&a.message),
        a.outcome.clone(),
        match a.qualified {
            Some(true) => "yes".into(),
            Some(false) => "no".into(),
            None => String::new(),
        },
        a.count.to_string(),
        text(&a.deal),
    ]
}
