//! `sparring import`: a file read and checked, written in one transaction, and what it did
//! said in a summary. Bad rows stop the import (every one listed as FILE:LINE), or with
//! `--skip-invalid` go to a rejects file the user can fix and import again.

use std::collections::HashMap;
use std::path::Path;
use std::time::Instant;

use chrono::NaiveDateTime;

use crate::cli::{ImportDealsArgs, ImportRepsArgs};
use crate::clock::Clock;
use crate::config::Config;
use crate::domain::text::{one_line, spreadsheet_cell};
use crate::error::Error;
use crate::import::dates::DateOrder;
use crate::import::deals::{DealOptions, is_currency, read_deals};
use crate::import::formats::{DealColumn, Format, deal_columns, parse_map};
use crate::import::reps::read_reps;
use crate::import::table::Table;
use crate::import::{BadRow, ImportError};
use crate::script::Script;
use crate::store::Store;
use crate::store::imports::ImportCounts;
use crate::wording::plural;

pub mod activities;

/// How a deals file is read and written.
pub struct DealsRequest<'a> {
    pub format: Format,
    /// `--map`, over the config file's `[import.map]`.
    pub map: &'a [(String, DealColumn)],
    pub config: &'a Config,
    pub date_order: Option<DateOrder>,
    pub sectors: &'a HashMap<String, String>,
    /// For rows that name no currency; upper case, checked.
    pub currency: &'a str,
    pub dry_run: bool,
    /// Import the good rows when some are bad (else nothing is written).
    pub skip_invalid: bool,
}

/// What a deals import did, to say it.
#[derive(Debug)]
pub struct DealsImported {
    pub file: String,
    pub format: Format,
    pub encoding: &'static str,
    pub rows: usize,
    pub counts: ImportCounts,
    pub bad: Vec<BadRow>,
    pub unknown_stages: Vec<(String, usize)>,
    pub dry_run: bool,
}

impl DealsImported {
    /// The summary's first line: counts per outcome.
    pub fn headline(&self) -> String {
        let c = &self.counts;
        format!(
            "{} {} ({} format, {}, {} rows): {} created, {} updated ({} stage moves, {} close dates pushed), {} unchanged, {} refused.",
            if self.dry_run { "Would import" } else { "Imported" },
            self.file,
            self.format.source(),
            self.encoding,
            self.rows,
            c.created,
            c.updated,
            c.stage_moves,
            c.close_pushes,
            c.unchanged,
            self.bad.len(),
        )
    }

    /// The whole summary, a line each: counts, new reps, undated deals, unknown stages.
    pub fn lines(&self) -> Vec<String> {
        let mut lines = vec![self.headline()];
        let c = &self.counts;
        if !c.new_reps.is_empty() {
            let names: Vec<String> = c.new_reps.iter().map(|n| one_line(n).into_owned()).collect();
            lines.push(format!("New reps ({}): {}.", names.len(), names.join(", ")));
        }
        if c.undated > 0 {
            lines.push(format!(
                "{} no created date in the file: dated today, they count as pipeline created today. \
                 If the file has one, name its column: --map 'HEADER=created_on'.",
                plural(i64::try_from(c.undated).unwrap_or(i64::MAX), "new deal has", "new deals have")
            ));
        }
        for (stage, deals) in &self.unknown_stages {
            lines.push(format!(
                "Unknown stage {:?} ({}, kept as is): add it to the aliases of the stage it means in questions.toml, e.g. aliases = [{:?}]",
                one_line(stage),
                plural(i64::try_from(*deals).unwrap_or(i64::MAX), "deal", "deals"),
                one_line(stage)
            ));
        }
        lines
    }
}

/// Reads a deals table and writes it in one transaction: the same for the CLI and the app.
pub fn run_deals(
    store: &mut Store,
    script: &Script,
    table: &Table,
    request: &DealsRequest<'_>,
    now: NaiveDateTime,
) -> Result<DealsImported, Error> {
    let mut map = parse_map(&request.config.map_for(&table.headers, |w| DealColumn::from_word(w).is_some()))?;
    map.extend(request.map.iter().cloned());
    let columns = deal_columns(table, request.format, &map)?;
    let options = DealOptions { script, date_order: request.date_order, sectors: request.sectors };
    let read = read_deals(table, &columns, &options)?;
    if !read.bad.is_empty() && !request.skip_invalid {
        return Err(ImportError::Rows(read.bad).into());
    }
    let counts = store.import_deals(&read.deals, request.currency, now, request.dry_run)?;
    Ok(DealsImported {
        file: table.file.clone(),
        format: columns.format,
        encoding: table.encoding,
        rows: table.rows.len(),
        counts,
        bad: read.bad,
        unknown_stages: read.unknown_stages,
        dry_run: request.dry_run,
    })
}

/// `sparring import deals FILE`.
pub fn import_deals(
    store: &mut Store,
    script: &Script,
    config: &Config,
    clock: Clock,
    args: &ImportDealsArgs,
) -> Result<(), Error> {
    let started = Instant::now();
    let input = &args.input;
    let currency = args.currency.trim().to_ascii_uppercase();
    if !is_currency(&currency) {
        return Err(Error::Usage(format!("--currency {:?} is not an ISO 4217 code (EUR, USD…)", one_line(&currency))));
    }
    let table = Table::read(&input.file)?;
    let map = input.map.as_deref().map(parse_map).transpose()?.unwrap_or_default();
    let sectors = match &args.accounts {
        Some(path) => read_sectors(path)?,
        None => HashMap::new(),
    };
    let request = DealsRequest {
        format: input.format,
        map: &map,
        config,
        date_order: input.date_order,
        sectors: &sectors,
        currency: &currency,
        dry_run: input.dry_run,
        skip_invalid: input.skip_invalid.is_some(),
    };
    let done = run_deals(store, script, &table, &request, clock.now())?;
    if let Some(path) = &input.skip_invalid
        && !done.bad.is_empty()
        && !input.dry_run
    {
        let mut lines: Vec<u64> = done.bad.iter().map(|b| b.line).collect();
        lines.dedup();
        let rows = lines
            .into_iter()
            .filter_map(|line| table.rows.iter().find(|r| r.line == line).map(|r| (line, r.cells.as_slice())));
        write_rejects(path, &table.headers, rows, &done.bad)?;
    }
    for line in done.lines() {
        println!("{line}");
    }
    for bad in &done.bad {
        eprintln!("{bad}");
    }
    if let (Some(path), false) = (&input.skip_invalid, done.bad.is_empty()) {
        let said = if input.dry_run { "would be written to" } else { "written to" };
        println!("{} refused rows {said} {}.", done.bad.len(), path.display());
    }
    println!("Took {:.2} s.", started.elapsed().as_secs_f64());
    Ok(())
}

/// A file imported from the app: deals or activities, told apart by its header, read
/// with the user's config; the summary's lines.
pub fn run_file(
    store: &mut Store,
    script: &Script,
    config: &Config,
    path: &Path,
    currency: &str,
    now: NaiveDateTime,
) -> Result<Vec<String>, Error> {
    let head = crate::import::stream::Stream::open(path)?;
    // Which of the two the file is: the columns each would need, from the header alone.
    let deals_map = parse_map(&config.map_for(&head.headers, |w| DealColumn::from_word(w).is_some()))?;
    let header_only = Table {
        file: head.file.clone(),
        headers: head.headers.clone(),
        rows: Vec::new(),
        encoding: head.encoding,
        delimiter: head.delimiter,
    };
    let deals = deal_columns(&header_only, Format::Auto, &deals_map);
    let activities_map = parse_map(
        &config.map_for(&head.headers, |w| crate::import::activities::ActivityColumn::from_word(w).is_some()),
    )?;
    let activities =
        crate::import::activities::activity_columns(&head.file, &head.headers, Format::Auto, &activities_map);
    drop(head);
    match (deals, activities) {
        (Err(_), Ok(_)) => {
            let request = activities::ActivitiesRequest {
                format: Format::Auto,
                map: &[],
                config,
                date_order: None,
                dry_run: false,
                skip_invalid: false,
            };
            Ok(activities::run_activities(store, path, &request, &mut |_, _, _| {})?.lines())
        }
        (deals, _) => {
            deals?;
            let table = Table::read(path)?;
            let sectors = HashMap::new();
            let request = DealsRequest {
                format: Format::Auto,
                map: &[],
                config,
                date_order: None,
                sectors: &sectors,
                currency,
                dry_run: false,
                skip_invalid: false,
            };
            Ok(run_deals(store, script, &table, &request, now)?.lines())
        }
    }
}

/// `sparring import reps FILE`.
pub fn import_reps(store: &mut Store, clock: Clock, args: &ImportRepsArgs) -> Result<(), Error> {
    let table = Table::read(&args.file)?;
    let reps = read_reps(&table)?;
    let counts = store.import_reps(&reps, clock.today(), args.dry_run)?;
    let verb = if args.dry_run { "Would import" } else { "Imported" };
    println!(
        "{verb} {} ({} rows): {} reps created, {} updated, {} unchanged.",
        table.file,
        table.rows.len(),
        counts.created,
        counts.updated,
        counts.unchanged
    );
    Ok(())
}

/// Account → sector, from an accounts file (`account` and `sector`, `industry` or `segment`).
fn read_sectors(path: &Path) -> Result<HashMap<String, String>, Error> {
    let table = Table::read(path)?;
    let account = table.column("account").or_else(|| table.column("account name")).or_else(|| table.column("name"));
    let sector = ["sector", "industry", "segment"].iter().find_map(|h| table.column(h));
    let (Some(account), Some(sector)) = (account, sector) else {
        return Err(Error::Usage(format!(
            "--accounts {}: needs an account column and a sector (or industry) column; it has {}",
            table.file,
            table.headers.join(", ")
        )));
    };
    Ok(table
        .rows
        .iter()
        .filter(|r| !r.cell(sector).is_empty())
        .map(|r| (r.cell(account).to_lowercase(), r.cell(sector).to_string()))
        .collect())
}

/// The refused rows as they were, with their line and why, for the user to fix. The file
/// is the user's alone (0600), like every file sparring writes.
fn write_rejects<'r>(
    path: &Path,
    headers: &[String],
    rows: impl IntoIterator<Item = (u64, &'r [String])>,
    bad: &[BadRow],
) -> Result<(), Error> {
    let mut out = csv::Writer::from_writer(Vec::new());
    let mut header: Vec<String> = vec!["line".into(), "reason".into()];
    header.extend(headers.iter().cloned());
    let csv_error = |err: csv::Error| Error::Usage(format!("{}: {err}", path.display()));
    out.write_record(&header).map_err(csv_error)?;
    for (line, cells) in rows {
        let why: Vec<String> = bad.iter().filter(|b| b.line == line).map(ToString::to_string).collect();
        let mut record = vec![line.to_string(), why.join("; ")];
        record.extend(cells.iter().map(|c| spreadsheet_cell(c).into_owned()));
        out.write_record(&record).map_err(csv_error)?;
    }
    let bytes = out.into_inner().map_err(|err| Error::Usage(format!("{}: {err}", path.display())))?;
    crate::files::write_private(path, &bytes)
}

/// A path typed in the app completed against the filesystem: the longest completion the
/// entries of its folder share (a folder gets its `/`), and the names that still fit when
/// there are several. `~` is the home folder.
pub fn complete_path(typed: &str) -> (String, Vec<String>) {
    let home = std::env::var_os("HOME").map(std::path::PathBuf::from);
    let expanded = match (typed.strip_prefix("~/"), &home) {
        (Some(rest), Some(home)) => format!("{}/{rest}", home.display()),
        _ => typed.to_string(),
    };
    let (dir, prefix) = match expanded.rfind('/') {
        Some(at) => (&expanded[..=at], &expanded[at + 1..]),
        None => ("", expanded.as_str()),
    };
    let Ok(entries) = std::fs::read_dir(if dir.is_empty() { "." } else { dir }) else {
        return (typed.to_string(), Vec::new());
    };
    let mut names: Vec<(String, bool)> = entries
        .filter_map(Result::ok)
        .filter_map(|e| {
            let name = e.file_name().to_string_lossy().into_owned();
            let is_dir = e.file_type().is_ok_and(|t| t.is_dir());
            (name.starts_with(prefix) && (!name.starts_with('.') || prefix.starts_with('.'))).then_some((name, is_dir))
        })
        .collect();
    names.sort();
    let Some((first, _)) = names.first() else { return (typed.to_string(), Vec::new()) };
    let common = names.iter().fold(first.clone(), |common, (name, _)| {
        common.chars().zip(name.chars()).take_while(|(a, b)| a == b).map(|(a, _)| a).collect()
    });
    let suffix = if names.len() == 1 && names[0].1 { "/" } else { "" };
    let completed = format!("{}{common}{suffix}", &typed[..typed.len() - prefix.len()]);
    let candidates = if names.len() > 1 { names.into_iter().map(|(n, _)| n).collect() } else { Vec::new() };
    (completed, candidates)
}
