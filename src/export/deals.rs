//! Deals in sparring's own CSV (docs/import.md): what `sparring import deals` reads back,
//! so a database exported and imported into an empty one has the same deals.

use crate::domain::dates::iso;
use crate::domain::deal::Deal;
use crate::domain::money::amount_input;
use crate::domain::text::spreadsheet_cell;

/// The columns, in sparring's field words.
pub const HEADER: [&str; 19] = [
    "external_id",
    "account",
    "name",
    "rep",
    "stage",
    "amount",
    "currency",
    "close_on",
    "created_on",
    "next_step",
    "next_step_on",
    "forecast",
    "status",
    "segment",
    "source_channel",
    "sponsor_name",
    "sponsor_role",
    "closed_on",
    "stage_entered_on",
];

/// The deals as CSV. A deal with no CRM id is exported under `sparring:ID`, its own id.
pub fn csv(deals: &[(Deal, String)]) -> String {
    let mut out = csv::WriterBuilder::new().terminator(csv::Terminator::CRLF).from_writer(Vec::new());
    // Writing to memory cannot fail.
    let _ = out.write_record(HEADER);
    let text = |t: &Option<String>| t.as_deref().map(|t| spreadsheet_cell(t).into_owned()).unwrap_or_default();
    for (d, rep) in deals {
        let id = d.external_id.clone().unwrap_or_else(|| format!("sparring:{}", d.id));
        let record = [
            spreadsheet_cell(&id).into_owned(),
            spreadsheet_cell(&d.account).into_owned(),
            spreadsheet_cell(&d.name).into_owned(),
            spreadsheet_cell(rep).into_owned(),
            d.stage.clone(),
            amount_input(d.amount_minor),
            d.currency.clone(),
            d.close_on.map(iso).unwrap_or_default(),
            iso(d.created_on),
            text(&d.next_step),
            d.next_step_on.map(iso).unwrap_or_default(),
            d.forecast.as_str().to_string(),
            d.status.as_str().to_string(),
            text(&d.segment),
            text(&d.source_channel),
            text(&d.sponsor_name),
            text(&d.sponsor_role),
            d.closed_on.map(iso).unwrap_or_default(),
            iso(d.stage_entered_on),
        ];
        let _ = out.write_record(&record);
    }
    String::from_utf8(out.into_inner().unwrap_or_default()).unwrap_or_default()
}
