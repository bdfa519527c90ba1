//! The deal exports of the CRMs people use, by their column headers: which column holds
//! which of sparring's fields. A file's format is recognised from its header; `--map`
//! names columns for the rest (an export in another UI language, a sample with its own
//! names), in sparring's own field words.

use std::collections::HashMap;

use super::ImportError;
use super::table::Table;

/// Where a file comes from: it picks the header names and namespaces the CRM's ids.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// Recognised from the header.
    Auto,
    Salesforce,
    Hubspot,
    Pipedrive,
    /// sparring's own CSV (docs/import.md).
    Sparring,
}

impl Format {
    /// The source written before a CRM id (`salesforce:0065g00000XyZ`): ids of two CRMs
    /// never collide, and a file re-imported from the same CRM updates its deals.
    pub fn source(self) -> &'static str {
        match self {
            Format::Auto | Format::Sparring => "sparring",
            Format::Salesforce => "salesforce",
            Format::Hubspot => "hubspot",
            Format::Pipedrive => "pipedrive",
        }
    }
}

/// A field of a deal an import can fill, by the word `--map` and sparring's CSV use.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum DealColumn {
    Id,
    Name,
    Account,
    Rep,
    Stage,
    Amount,
    Currency,
    CloseOn,
    CreatedOn,
    NextStep,
    NextStepOn,
    Forecast,
    Status,
    Segment,
    Source,
    Product,
    SponsorName,
    SponsorRole,
    ClosedOn,
    StageEnteredOn,
}

impl DealColumn {
    pub const ALL: [DealColumn; 20] = [
        DealColumn::Id,
        DealColumn::Name,
        DealColumn::Account,
        DealColumn::Rep,
        DealColumn::Stage,
        DealColumn::Amount,
        DealColumn::Currency,
        DealColumn::CloseOn,
        DealColumn::CreatedOn,
        DealColumn::NextStep,
        DealColumn::NextStepOn,
        DealColumn::Forecast,
        DealColumn::Status,
        DealColumn::Segment,
        DealColumn::Source,
        DealColumn::Product,
        DealColumn::SponsorName,
        DealColumn::SponsorRole,
        DealColumn::ClosedOn,
        DealColumn::StageEnteredOn,
    ];

    /// The field's word: sparring's CSV header, and what `--map` maps to.
    pub fn word(self) -> &'static str {
        match self {
            DealColumn::Id => "external_id",
            DealColumn::Name => "name",
            DealColumn::Account => "account",
            DealColumn::Rep => "rep",
            DealColumn::Stage => "stage",
            DealColumn::Amount => "amount",
            DealColumn::Currency => "currency",
            DealColumn::CloseOn => "close_on",
            DealColumn::CreatedOn => "created_on",
            DealColumn::NextStep => "next_step",
            DealColumn::NextStepOn => "next_step_on",
            DealColumn::Forecast => "forecast",
            DealColumn::Status => "status",
            DealColumn::Segment => "segment",
            DealColumn::Source => "source_channel",
            DealColumn::Product => "product",
            DealColumn::SponsorName => "sponsor_name",
            DealColumn::SponsorRole => "sponsor_role",
            DealColumn::ClosedOn => "closed_on",
            DealColumn::StageEnteredOn => "stage_entered_on",
        }
    }

    pub fn from_word(word: &str) -> Option<DealColumn> {
        let word = word.trim().to_ascii_lowercase();
        let alias = match word.as_str() {
            "id" => "external_id",
            "owner" => "rep",
            "close" | "close_date" => "close_on",
            "created" => "created_on",
            other => other,
        };
        DealColumn::ALL.into_iter().find(|c| c.word() == alias)
    }
}

/// The headers of each CRM's deal export, by field (a report export's labels, then a data
/// loader's API names).
fn headers(format: Format, column: DealColumn) -> &'static [&'static str] {
    use DealColumn as C;
    match (format, column) {
        (Format::Salesforce, C::Id) => &["Opportunity ID", "Id", "Opportunity Id"],
        (Format::Salesforce, C::Name) => &["Opportunity Name", "Name"],
        (Format::Salesforce, C::Account) => &["Account Name", "Account.Name", "Account"],
        (Format::Salesforce, C::Rep) => &["Opportunity Owner", "Owner.Name", "Owner Name", "OwnerId"],
        (Format::Salesforce, C::Stage) => &["Stage", "StageName"],
        (Format::Salesforce, C::Amount) => &["Amount"],
        (Format::Salesforce, C::Currency) => &["Amount Currency", "Opportunity Currency", "CurrencyIsoCode"],
        (Format::Salesforce, C::CloseOn) => &["Close Date", "CloseDate"],
        (Format::Salesforce, C::CreatedOn) => &["Created Date", "CreatedDate"],
        (Format::Salesforce, C::NextStep) => &["Next Step", "NextStep"],
        (Format::Salesforce, C::Forecast) => &["Forecast Category", "ForecastCategoryName", "ForecastCategory"],
        (Format::Salesforce, C::Source) => &["Lead Source", "LeadSource"],
        (Format::Salesforce, C::Segment) => &["Industry", "Account.Industry"],
        (Format::Hubspot, C::Id) => &["Record ID", "Deal ID"],
        (Format::Hubspot, C::Name) => &["Deal Name"],
        (Format::Hubspot, C::Account) => &["Associated Company", "Associated Company (Primary)", "Company name"],
        (Format::Hubspot, C::Rep) => &["Deal owner", "Deal Owner"],
        (Format::Hubspot, C::Stage) => &["Deal Stage"],
        (Format::Hubspot, C::Amount) => &["Amount", "Amount in company currency"],
        (Format::Hubspot, C::Currency) => &["Currency", "Deal currency code"],
        (Format::Hubspot, C::CloseOn) => &["Close Date"],
        (Format::Hubspot, C::CreatedOn) => &["Create Date"],
        (Format::Hubspot, C::NextStep) => &["Next step", "Next Step"],
        (Format::Hubspot, C::Forecast) => &["Forecast category"],
        (Format::Hubspot, C::Source) => &["Original Source", "Original Traffic Source"],
        (Format::Pipedrive, C::Id) => &["Deal - ID"],
        (Format::Pipedrive, C::Name) => &["Deal - Title"],
        (Format::Pipedrive, C::Account) => &["Deal - Organization", "Deal - Organisation"],
        (Format::Pipedrive, C::Rep) => &["Deal - Owner"],
        (Format::Pipedrive, C::Stage) => &["Deal - Stage"],
        (Format::Pipedrive, C::Amount) => &["Deal - Value"],
        (Format::Pipedrive, C::Currency) => &["Deal - Currency"],
        (Format::Pipedrive, C::CloseOn) => &["Deal - Expected close date"],
        (Format::Pipedrive, C::CreatedOn) => &["Deal - Deal created"],
        (Format::Pipedrive, C::Status) => &["Deal - Status"],
        (Format::Pipedrive, C::NextStepOn) => &["Deal - Next activity date"],
        (Format::Sparring, column) => match column {
            C::Id => &["external_id"],
            C::Name => &["name"],
            C::Account => &["account"],
            C::Rep => &["rep"],
            C::Stage => &["stage"],
            C::Amount => &["amount"],
            C::Currency => &["currency"],
            C::CloseOn => &["close_on"],
            C::CreatedOn => &["created_on"],
            C::NextStep => &["next_step"],
            C::NextStepOn => &["next_step_on"],
            C::Forecast => &["forecast"],
            C::Status => &["status"],
            C::Segment => &["segment"],
            C::Source => &["source_channel"],
            C::Product => &["product"],
            C::SponsorName => &["sponsor_name"],
            C::SponsorRole => &["sponsor_role"],
            C::ClosedOn => &["closed_on"],
            C::StageEnteredOn => &["stage_entered_on"],
        },
        _ => &[],
    }
}

/// Which column of the file holds each field.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Columns {
    pub format: Format,
    by_field: HashMap<DealColumn, usize>,
}

impl Columns {
    pub fn get(&self, column: DealColumn) -> Option<usize> {
        self.by_field.get(&column).copied()
    }

    /// The header of the column holding a field, for messages.
    pub fn header<'a>(&self, table: &'a Table, column: DealColumn) -> &'a str {
        self.get(column).and_then(|i| table.headers.get(i)).map_or("", String::as_str)
    }
}

/// A field a `--map` pair can name: a column of a deals or of an activities file.
pub trait MapField: Sized {
    /// What the fields are of, for the message ("a deal").
    const OF: &'static str;
    fn from_word(word: &str) -> Option<Self>;
    /// Every field's word, in the documented order.
    fn words() -> Vec<&'static str>;
}

impl MapField for DealColumn {
    const OF: &'static str = "a deal";
    fn from_word(word: &str) -> Option<Self> {
        DealColumn::from_word(word)
    }
    fn words() -> Vec<&'static str> {
        DealColumn::ALL.iter().map(|c| c.word()).collect()
    }
}

/// Parses `--map 'CRM header=field,…'`.
pub fn parse_map<C: MapField>(text: &str) -> Result<Vec<(String, C)>, ImportError> {
    let mut pairs = Vec::new();
    for part in text.split(',').map(str::trim).filter(|p| !p.is_empty()) {
        let Some((header, word)) = part.rsplit_once('=') else {
            return Err(ImportError::Usage(format!("--map: {part:?} is not HEADER=FIELD")));
        };
        let Some(column) = C::from_word(word) else {
            return Err(ImportError::Usage(format!(
                "--map: {:?} is not a field of {} (fields: {})",
                word.trim(),
                C::OF,
                C::words().join(", ")
            )));
        };
        pairs.push((header.trim().to_string(), column));
    }
    Ok(pairs)
}

/// The columns of a deals file: its format's headers (recognised when `format` is auto),
/// then the `--map` pairs over them.
pub fn deal_columns(table: &Table, format: Format, map: &[(String, DealColumn)]) -> Result<Columns, ImportError> {
    let find = |format: Format| -> HashMap<DealColumn, usize> {
        DealColumn::ALL
            .into_iter()
            .filter_map(|c| headers(format, c).iter().find_map(|h| table.column(h)).map(|i| (c, i)))
            .collect()
    };
    let format = match format {
        Format::Auto => {
            let candidates = [Format::Salesforce, Format::Hubspot, Format::Pipedrive, Format::Sparring];
            // The format whose headers the file has most of; a tie or too few goes to sparring's.
            candidates
                .into_iter()
                .map(|f| (f, find(f).len()))
                .filter(|(_, n)| *n >= 3)
                .max_by_key(|(f, n)| (*n, *f == Format::Sparring))
                .map_or(Format::Sparring, |(f, _)| f)
        }
        other => other,
    };
    let mut by_field = find(format);
    for (header, column) in map {
        let Some(i) = table.column(header) else {
            return Err(ImportError::Usage(format!(
                "--map: {}: no column {header:?} (columns: {})",
                table.file,
                table.headers.join(", ")
            )));
        };
        by_field.insert(*column, i);
    }
    let columns = Columns { format, by_field };
    let missing: Vec<&str> = [DealColumn::Id, DealColumn::Rep, DealColumn::Stage]
        .into_iter()
        .filter(|c| columns.get(*c).is_none())
        .map(DealColumn::word)
        .collect();
    if !missing.is_empty() || (columns.get(DealColumn::Account).is_none() && columns.get(DealColumn::Name).is_none()) {
        return Err(ImportError::Usage(format!(
            "{}: cannot tell which columns hold {} (read as {} format; columns: {}). Name them with --map 'HEADER=field,…'",
            table.file,
            if missing.is_empty() { "the account or the deal name".to_string() } else { missing.join(", ") },
            columns.format.source(),
            table.headers.join(", ")
        )));
    }
    Ok(columns)
}
