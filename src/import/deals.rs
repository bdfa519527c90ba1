//! The rows of a deals file as deals to write: each cell read (amounts and dates as people
//! write them, stages through the script's aliases), every problem kept with its line.

use std::collections::HashMap;

use chrono::NaiveDate;

use super::dates::{self, DateOrder, Detected};
use super::formats::{Columns, DealColumn, Format};
use super::table::{Row, Table};
use super::{BadRow, ImportError};
use crate::domain::deal::{DealStatus, Forecast};
use crate::domain::money::read_amount;
use crate::script::{Script, StageMatch};

/// A deal as the file gives it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImportedDeal {
    pub line: u64,
    /// `source:id`, the key a re-import finds the deal by.
    pub external_id: String,
    pub rep: String,
    pub account: String,
    pub name: String,
    pub amount_minor: Option<i64>,
    pub currency: Option<String>,
    /// The script's stage key, or the CRM's stage name when the script does not know it.
    pub stage: String,
    pub status: DealStatus,
    pub forecast: Option<Forecast>,
    pub close_on: Option<NaiveDate>,
    pub created_on: Option<NaiveDate>,
    pub next_step: Option<String>,
    pub next_step_on: Option<NaiveDate>,
    pub segment: Option<String>,
    pub source_channel: Option<String>,
    pub sponsor_name: Option<String>,
    pub sponsor_role: Option<String>,
    /// When a won or lost deal was closed, if the file says.
    pub closed_on: Option<NaiveDate>,
    /// Since when the deal is in its stage, if the file says (else since it was created).
    pub stage_entered_on: Option<NaiveDate>,
}

/// What reading a deals file came to: the deals, the rows refused, the stages the script
/// does not know (with how many deals are in each).
#[derive(Debug, Clone, Default)]
pub struct ReadDeals {
    pub deals: Vec<ImportedDeal>,
    pub bad: Vec<BadRow>,
    pub unknown_stages: Vec<(String, usize)>,
}

/// Options of the read.
pub struct DealOptions<'a> {
    pub script: &'a Script,
    pub date_order: Option<DateOrder>,
    /// Account name (lower case) → its sector, from `--accounts`.
    pub sectors: &'a HashMap<String, String>,
}

/// Reads the deals of `table` through `columns`.
pub fn read_deals(table: &Table, columns: &Columns, options: &DealOptions<'_>) -> Result<ReadDeals, ImportError> {
    let order = date_order(table, columns, options.date_order)?;
    let mut out = ReadDeals::default();
    let mut unknown: HashMap<String, usize> = HashMap::new();
    let mut seen: HashMap<String, u64> = HashMap::new();
    for row in &table.rows {
        match read_row(table, columns, options, order, row) {
            Ok(deal) => {
                if let Some(first) = seen.insert(deal.external_id.clone(), row.line) {
                    out.bad.push(bad(table, columns, row, DealColumn::Id, &format!("is also on line {first}")));
                    continue;
                }
                if options.script.match_stage_name(&deal.stage).is_none() && deal.status == DealStatus::Open {
                    *unknown.entry(deal.stage.clone()).or_default() += 1;
                }
                out.deals.push(deal);
            }
            Err(rows) => out.bad.extend(rows),
        }
    }
    out.unknown_stages = unknown.into_iter().collect();
    out.unknown_stages.sort();
    Ok(out)
}

/// The order of the file's day/month dates: as told, else as the values prove.
fn date_order(table: &Table, columns: &Columns, told: Option<DateOrder>) -> Result<Option<DateOrder>, ImportError> {
    if told.is_some() {
        return Ok(told);
    }
    let date_columns: Vec<usize> = [
        DealColumn::CloseOn,
        DealColumn::CreatedOn,
        DealColumn::NextStepOn,
        DealColumn::ClosedOn,
        DealColumn::StageEnteredOn,
    ]
    .into_iter()
    .filter_map(|c| columns.get(c))
    .collect();
    let values = table.rows.iter().flat_map(|r| date_columns.iter().map(|c| r.cell(*c)));
    match dates::detect(values) {
        Detected::Known(order) => Ok(order),
        Detected::Ambiguous { example } => Err(ImportError::Usage(format!(
            "{}: dates like {example:?} could be day/month or month/day, and no date in the file tells: \
             add --date-order dmy (18/12/2026) or --date-order mdy (12/18/2026)",
            table.file
        ))),
        Detected::Mixed { dmy, mdy } => Err(ImportError::Usage(format!(
            "{}: the dates mix both orders ({dmy:?} is day first, {mdy:?} month first): fix the file",
            table.file
        ))),
    }
}

fn bad(table: &Table, columns: &Columns, row: &Row, column: DealColumn, why: &str) -> BadRow {
    let value = columns.get(column).map_or("", |i| row.cell(i)).to_string();
    BadRow {
        file: table.file.clone(),
        line: row.line,
        column: columns.header(table, column).to_string(),
        value,
        why: why.to_string(),
    }
}

fn read_row(
    table: &Table,
    columns: &Columns,
    options: &DealOptions<'_>,
    order: Option<DateOrder>,
    row: &Row,
) -> Result<ImportedDeal, Vec<BadRow>> {
    let cell = |c: DealColumn| columns.get(c).map_or("", |i| row.cell(i));
    let text = |c: DealColumn| Some(cell(c).to_string()).filter(|s| !s.is_empty());
    let mut problems = Vec::new();
    let mut problem = |c: DealColumn, why: &str| problems.push(bad(table, columns, row, c, why));
    let id = cell(DealColumn::Id);
    if id.is_empty() {
        problem(DealColumn::Id, "is empty: every deal needs its CRM id, to update it on the next import");
    }
    let rep = cell(DealColumn::Rep);
    if rep.is_empty() {
        problem(DealColumn::Rep, "is empty: every deal needs its owner");
    }
    let product = cell(DealColumn::Product);
    let account = text(DealColumn::Account).unwrap_or_default();
    // A file without deal names (a product sold to an account): the product, else the account.
    let name = text(DealColumn::Name)
        .or_else(|| Some(product.to_string()).filter(|p| !p.is_empty()))
        .unwrap_or_else(|| account.clone());
    let account = if account.is_empty() { name.clone() } else { account };
    if name.is_empty() {
        problem(DealColumn::Name, "is empty, and so is the account: a deal needs one");
    }
    let amount_minor = match cell(DealColumn::Amount) {
        "" => None,
        value => match read_amount(value) {
            Ok(minor) => Some(minor),
            Err(err) => {
                problem(DealColumn::Amount, &amount_why(&err));
                None
            }
        },
    };
    let currency = match cell(DealColumn::Currency) {
        "" => None,
        value if is_currency(value) => Some(value.to_ascii_uppercase()),
        _ => {
            problem(DealColumn::Currency, "is not an ISO 4217 currency code (EUR, USD, GBP…)");
            None
        }
    };
    let mut date = |c: DealColumn| match cell(c) {
        "" => None,
        value => {
            let parsed = dates::parse(value, order);
            if parsed.is_none() {
                problem(c, "is not a date (2026-12-18, 18/12/2026 or 12/18/2026)");
            }
            parsed
        }
    };
    let close_on = date(DealColumn::CloseOn);
    let created_on = date(DealColumn::CreatedOn);
    let next_step_on = date(DealColumn::NextStepOn);
    let closed = date(DealColumn::ClosedOn);
    let stage_entered_on = date(DealColumn::StageEnteredOn);
    let crm_stage = cell(DealColumn::Stage);
    let mut status = match cell(DealColumn::Status).to_ascii_lowercase().as_str() {
        "won" => DealStatus::Won,
        "lost" | "deleted" => DealStatus::Lost,
        _ => DealStatus::Open,
    };
    let stage = match options.script.match_stage_name(crm_stage) {
        Some(StageMatch::Stage(stage)) => stage.key.clone(),
        Some(StageMatch::Won) => {
            status = DealStatus::Won;
            last_stage(options.script)
        }
        Some(StageMatch::Lost) => {
            status = DealStatus::Lost;
            last_stage(options.script)
        }
        None if crm_stage.is_empty() => {
            problem(DealColumn::Stage, "is empty: every deal is in a stage");
            String::new()
        }
        // Kept as the CRM says it, visible on the card; the summary says how to map it.
        None => crm_stage.to_string(),
    };
    let forecast = forecast_of(cell(DealColumn::Forecast));
    let segment = text(DealColumn::Segment).or_else(|| options.sectors.get(&account.to_lowercase()).cloned());
    if !problems.is_empty() {
        return Err(problems);
    }
    Ok(ImportedDeal {
        line: row.line,
        external_id: external_id(columns.format, id),
        rep: rep.to_string(),
        account,
        name,
        amount_minor,
        currency,
        stage,
        status,
        forecast,
        close_on,
        created_on,
        next_step: text(DealColumn::NextStep),
        next_step_on,
        segment,
        source_channel: text(DealColumn::Source),
        sponsor_name: text(DealColumn::SponsorName),
        sponsor_role: text(DealColumn::SponsorRole),
        closed_on: closed,
        stage_entered_on,
    })
}

/// The key a deal is found by on the next import: the CRM's id after its source. sparring's
/// own files carry ids that already name theirs (`salesforce:006…`, `sparring:12`).
pub(super) fn external_id(format: Format, id: &str) -> String {
    let has_source = id.split_once(':').is_some_and(|(source, rest)| {
        !rest.is_empty() && ["sparring", "salesforce", "hubspot", "pipedrive"].contains(&source)
    });
    if format == Format::Sparring && has_source { id.to_string() } else { format!("{}:{id}", format.source()) }
}

/// The amount's reason, after the value the message already quotes.
fn amount_why(err: &crate::domain::money::AmountError) -> String {
    use crate::domain::money::AmountError as E;
    match err {
        E::NotAnAmount(_) => "is not an amount".to_string(),
        E::Ambiguous(_, a, b) => format!("is ambiguous: write {a} or {b}"),
        E::Negative(_) => "is negative".to_string(),
        E::TooLarge(_) => "is too large for an amount".to_string(),
    }
}

/// A won or lost deal sits in the script's last stage: where it left the process.
fn last_stage(script: &Script) -> String {
    script.stages.last().map(|s| s.key.clone()).unwrap_or_default()
}

/// A CRM's forecast category in sparring's words; `None` when the file says nothing known.
fn forecast_of(text: &str) -> Option<Forecast> {
    let word: String = text.to_ascii_lowercase().chars().filter(char::is_ascii_alphanumeric).collect();
    match word.as_str() {
        "pipeline" | "omitted" => Some(Forecast::Pipeline),
        "bestcase" | "upside" => Some(Forecast::BestCase),
        "commit" | "mostlikely" => Some(Forecast::Commit),
        _ => None,
    }
}

/// Whether a code is one of ISO 4217's.
pub fn is_currency(code: &str) -> bool {
    const CODES: &str = "AED AFN ALL AMD ANG AOA ARS AUD AWG AZN BAM BBD BDT BGN BHD BIF BMD BND BOB BRL BSD \
        BTN BWP BYN BZD CAD CDF CHF CLP CNY COP CRC CUP CVE CZK DJF DKK DOP DZD EGP ERN ETB EUR FJD FKP GBP \
        GEL GHS GIP GMD GNF GTQ GYD HKD HNL HTG HUF IDR ILS INR IQD IRR ISK JMD JOD JPY KES KGS KHR KMF KPW \
        KRW KWD KYD KZT LAK LBP LKR LRD LSL LYD MAD MDL MGA MKD MMK MNT MOP MRU MUR MVR MWK MXN MYR MZN NAD \
        NGN NIO NOK NPR NZD OMR PAB PEN PGK PHP PKR PLN PYG QAR RON RSD RUB RWF SAR SBD SCR SDG SEK SGD SHP \
        SLE SOS SRD SSP STN SVC SYP SZL THB TJS TMT TND TOP TRY TTD TWD TZS UAH UGX USD UYU UZS VES VND VUV \
        WST XAF XCD XOF XPF YER ZAR ZMW ZWL";
    code.len() == 3 && CODES.split_whitespace().any(|c| c.eq_ignore_ascii_case(code))
}
