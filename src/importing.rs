//! `sparring import`: a file read and checked, written in one transaction, and what it did
//! said in a summary. Bad rows stop the import (every one listed as FILE:LINE), or with
//! `--skip-invalid` go to a rejects file the user can fix and import again.

use std::collections::HashMap;
use std::path::Path;
use std::time::Instant;

use crate::cli::{ImportDealsArgs, ImportRepsArgs};
use crate::clock::Clock;
use crate::domain::text::{one_line, spreadsheet_cell};
use crate::error::Error;
use crate::import::deals::{DealOptions, is_currency, read_deals};
use crate::import::formats::{deal_columns, parse_map};
use crate::import::reps::read_reps;
use crate::import::table::Table;
use crate::import::{BadRow, ImportError};
use crate::script::Script;
use crate::store::Store;

impl From<ImportError> for Error {
    fn from(err: ImportError) -> Error {
        Error::Usage(err.to_string())
    }
}

/// `sparring import deals FILE`.
pub fn import_deals(store: &mut Store, script: &Script, clock: Clock, args: &ImportDealsArgs) -> Result<(), Error> {
    let started = Instant::now();
    let currency = args.currency.trim().to_ascii_uppercase();
    if !is_currency(&currency) {
        return Err(Error::Usage(format!("--currency {:?} is not an ISO 4217 code (EUR, USD…)", one_line(&currency))));
    }
    let table = Table::read(&args.file)?;
    let map = args.map.as_deref().map(parse_map).transpose()?.unwrap_or_default();
    let columns = deal_columns(&table, args.format, &map)?;
    let sectors = match &args.accounts {
        Some(path) => read_sectors(path)?,
        None => HashMap::new(),
    };
    let read = read_deals(&table, &columns, &DealOptions { script, date_order: args.date_order, sectors: &sectors })?;
    if !read.bad.is_empty() && args.skip_invalid.is_none() {
        return Err(ImportError::Rows(read.bad).into());
    }
    let counts = store.import_deals(&read.deals, &currency, clock.now(), args.dry_run)?;
    if let Some(path) = &args.skip_invalid
        && !read.bad.is_empty()
        && !args.dry_run
    {
        write_rejects(path, &table, &read.bad)?;
    }
    let verb = if args.dry_run { "Would import" } else { "Imported" };
    println!(
        "{verb} {} ({} format, {}, {} rows): {} created, {} updated ({} stage moves, {} close dates pushed), {} unchanged, {} refused.",
        table.file,
        columns.format.source(),
        table.encoding,
        table.rows.len(),
        counts.created,
        counts.updated,
        counts.stage_moves,
        counts.close_pushes,
        counts.unchanged,
        read.bad.len(),
    );
    if !counts.new_reps.is_empty() {
        let names: Vec<String> = counts.new_reps.iter().map(|n| one_line(n).into_owned()).collect();
        println!("New reps ({}): {}.", names.len(), names.join(", "));
    }
    if counts.undated > 0 {
        println!(
            "{} new deals have no created date in the file: dated today, they count as pipeline created today. \
             If the file has one, name its column: --map 'HEADER=created_on'.",
            counts.undated
        );
    }
    for (stage, deals) in &read.unknown_stages {
        println!(
            "Unknown stage {:?} ({deals} deals, kept as is): add it to the aliases of the stage it means in questions.toml, e.g. aliases = [{:?}]",
            one_line(stage),
            one_line(stage)
        );
    }
    for bad in &read.bad {
        eprintln!("{bad}");
    }
    if let (Some(path), false) = (&args.skip_invalid, read.bad.is_empty()) {
        let said = if args.dry_run { "would be written to" } else { "written to" };
        println!("{} refused rows {said} {}.", read.bad.len(), path.display());
    }
    println!("Took {:.2} s.", started.elapsed().as_secs_f64());
    Ok(())
}

/// `sparring import reps FILE`.
pub fn import_reps(store: &mut Store, args: &ImportRepsArgs) -> Result<(), Error> {
    let table = Table::read(&args.file)?;
    let reps = read_reps(&table)?;
    let counts = store.import_reps(&reps, args.dry_run)?;
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
fn write_rejects(path: &Path, table: &Table, bad: &[BadRow]) -> Result<(), Error> {
    let mut out = csv::Writer::from_writer(Vec::new());
    let mut header: Vec<String> = vec!["line".into(), "reason".into()];
    header.extend(table.headers.iter().cloned());
    let csv_error = |err: csv::Error| Error::Usage(format!("{}: {err}", path.display()));
    out.write_record(&header).map_err(csv_error)?;
    let mut lines: Vec<u64> = bad.iter().map(|b| b.line).collect();
    lines.dedup();
    for line in lines {
        let why: Vec<String> = bad.iter().filter(|b| b.line == line).map(ToString::to_string).collect();
        let Some(row) = table.rows.iter().find(|r| r.line == line) else { continue };
        let mut record = vec![line.to_string(), why.join("; ")];
        record.extend(row.cells.iter().map(|c| spreadsheet_cell(c).into_owned()));
        out.write_record(&record).map_err(csv_error)?;
    }
    let bytes = out.into_inner().map_err(|err| Error::Usage(format!("{}: {err}", path.display())))?;
    crate::commands::write_private(path, &bytes)
}
