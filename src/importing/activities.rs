//! `sparring import activities`: a file streamed row by row into one transaction (a
//! million rows without holding the file), the rows refused listed with their line, the
//! rows that are not actions done (to-dos, planned tasks) skipped and counted.

use std::collections::HashMap;
use std::io::IsTerminal as _;
use std::path::Path;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, Instant};

use super::write_rejects;
use crate::cli::ImportFileArgs;
use crate::config::Config;
use crate::domain::text::one_line;
use crate::error::Error;
use crate::import::activities::{
    ActivityColumn, ActivityColumns, ActivityReader, ReadRow, activity_columns, date_values, row_key,
};
use crate::import::dates::{self, DateOrder, Detected};
use crate::import::formats::{Format, parse_map};
use crate::import::stream::Stream;
use crate::import::{BadRow, ImportError};
use crate::store::Store;
use crate::store::activity_imports::{ActivityCounts, Prepared, Refusal};

/// How an activities file is read and written.
pub struct ActivitiesRequest<'a> {
    pub format: Format,
    /// `--map`, over the config file's `[import.map]`.
    pub map: &'a [(String, ActivityColumn)],
    /// The config's `[import.map]` and its type and outcome mappings.
    pub config: &'a Config,
    pub date_order: Option<DateOrder>,
    pub dry_run: bool,
    /// Import the good rows when some are bad (else nothing is written).
    pub skip_invalid: bool,
}

/// What an activities import did, to say it.
#[derive(Debug)]
pub struct ActivitiesImported {
    pub file: String,
    pub format: Format,
    pub encoding: &'static str,
    pub rows: usize,
    pub counts: ActivityCounts,
    /// Why rows were skipped, with how many, most first.
    pub skipped: Vec<(String, usize)>,
    pub unknown_outcomes: Vec<(String, usize)>,
    pub bad: Vec<BadRow>,
    /// The refused rows' cells, for the rejects file.
    pub rejected: Vec<(u64, Vec<String>)>,
    pub headers: Vec<String>,
    pub dry_run: bool,
    pub took: Duration,
}

impl ActivitiesImported {
    /// The whole summary, a line each.
    pub fn lines(&self) -> Vec<String> {
        let c = &self.counts;
        let skipped: usize = self.skipped.iter().map(|(_, n)| n).sum();
        let mut lines = vec![format!(
            "{} {} ({} format, {}, {} rows): {} created, {} updated, {} unchanged, {} skipped, {} refused.",
            if self.dry_run { "Would import" } else { "Imported" },
            one_line(&self.file),
            self.format.source(),
            self.encoding,
            self.rows,
            c.created,
            c.updated,
            c.unchanged,
            skipped,
            self.bad.iter().map(|b| b.line).collect::<std::collections::BTreeSet<_>>().len(),
        )];
        if !self.skipped.is_empty() {
            let reasons: Vec<String> = self.skipped.iter().map(|(why, n)| format!("{n} {}", one_line(why))).collect();
            lines.push(format!("Skipped, not actions done: {}.", reasons.join("; ")));
        }
        if !c.new_reps.is_empty() {
            let names: Vec<String> = c.new_reps.iter().map(|n| one_line(n).into_owned()).collect();
            lines.push(format!("New reps ({}): {}.", names.len(), names.join(", ")));
        }
        if !self.unknown_outcomes.is_empty() {
            let words: Vec<String> =
                self.unknown_outcomes.iter().map(|(w, n)| format!("{:?} ({n})", one_line(w))).collect();
            lines.push(format!(
                "Results not recognised, read as no answer: {}. To read them otherwise, add them to the config file's \
                 [import.activities.outcomes] (docs/import.md).",
                words.join(", ")
            ));
        }
        if c.unknown_deals > 0 {
            lines.push(format!(
                "{} activities name a deal that is not in the database: kept without their deal (import the deals first).",
                c.unknown_deals
            ));
        }
        let took = self.took.as_secs_f64();
        if took >= 1.0 {
            lines.push(format!("Took {took:.2} s ({:.0} rows a second).", self.rows as f64 / took));
        } else {
            lines.push(format!("Took {took:.2} s."));
        }
        lines
    }
}

/// One row as read: its line, what it came to, and its cells when it is refused.
type ReadItem = (u64, Handed, Option<Vec<String>>);

/// A row from the reading thread: an activity ready to write, or why it is not one.
enum Handed {
    Activity(Prepared),
    Not(ReadRow),
}

/// Rows handed from the reading thread to the writing one at a time.
const HANDOFF: usize = 1024;

/// Reads an activities file and writes it in one transaction. `progress` is told the
/// bytes read, the file's size and the rows read, now and then. The file is read and
/// checked on one thread while the rows are written on another: on a laptop's cores the
/// two halves of the work overlap.
pub fn run_activities(
    store: &mut Store,
    path: &Path,
    request: &ActivitiesRequest<'_>,
    progress: &mut dyn FnMut(u64, u64, usize),
) -> Result<ActivitiesImported, Error> {
    let started = Instant::now();
    let mut stream = Stream::open(path)?;
    let mut map = parse_map(&request.config.map_for(&stream.headers, |w| ActivityColumn::from_word(w).is_some()))?;
    map.extend(request.map.iter().cloned());
    let columns = activity_columns(&stream.file, &stream.headers, request.format, &map)?;
    let headers = stream.headers.clone();
    let file = stream.file.clone();
    let (encoding, size) = (stream.encoding, stream.size);
    let id_header = columns.get(ActivityColumn::Id).and_then(|i| headers.get(i)).cloned().unwrap_or_default();
    let (mut rows, mut bad, mut rejected, mut repeated) = (0usize, Vec::new(), Vec::new(), Vec::new());
    let mut skipped: HashMap<String, usize> = HashMap::new();
    let bytes_read = AtomicU64::new(0);
    let (counts, unknown_outcomes) = std::thread::scope(|scope| -> Result<_, Error> {
        let (send, receive) = std::sync::mpsc::sync_channel::<Result<Vec<ReadItem>, ImportError>>(8);
        let (file, headers, columns, bytes_read) = (&file, &headers, &columns, &bytes_read);
        let source = columns.format.source();
        let reading = scope.spawn(move || {
            let mut reader = ActivityReader {
                file,
                headers,
                columns,
                mapping: &request.config.mapping,
                date_order: request.date_order,
                unknown_outcomes: HashMap::new(),
            };
            let mut detect = || detect_order(path, columns);
            let mut record = csv::StringRecord::new();
            let mut batch = Vec::with_capacity(HANDOFF);
            let result = (|| -> Result<(), ImportError> {
                while let Some(line) = stream.next_row(&mut record)? {
                    let read = reader.read(line, &record, &mut detect)?;
                    let cells = matches!(read, ReadRow::Bad(_)).then(|| record.iter().map(String::from).collect());
                    let handed = match read {
                        ReadRow::Activity(a) => Handed::Activity(Prepared::new(a, source)),
                        other => Handed::Not(other),
                    };
                    batch.push((line, handed, cells));
                    if batch.len() == HANDOFF {
                        bytes_read.store(stream.bytes_read(), Ordering::Relaxed);
                        let full = std::mem::replace(&mut batch, Vec::with_capacity(HANDOFF));
                        if send.send(Ok(full)).is_err() {
                            // The writer stopped: its error is the one to report.
                            return Ok(());
                        }
                    }
                }
                Ok(())
            })();
            let last = result.map(|()| batch);
            let _ = send.send(last);
            reader.unknown_outcomes
        });
        // Past ~100,000 rows the write is worth writing once (see Store::import_activities).
        let big = size > 16 << 20;
        let counts =
            store.import_activities(columns.format.source(), request.dry_run, big, |writer| -> Result<(), Error> {
                for items in &receive {
                    for (line, read, cells) in items? {
                        rows += 1;
                        let refused = match read {
                            // Written even after a refused row, to find the ids used twice; all of
                            // it is rolled back then.
                            Handed::Activity(a) => {
                                let id = a.id().to_string();
                                match writer.push(a)? {
                                    Ok(()) => Vec::new(),
                                    Err(Refusal::Duplicate { first_line }) => vec![BadRow {
                                        file: file.clone(),
                                        line,
                                        column: id_header.clone(),
                                        value: id,
                                        why: format!("is also on line {first_line}"),
                                    }],
                                }
                            }
                            Handed::Not(ReadRow::Activity(_)) => Vec::new(),
                            Handed::Not(ReadRow::Skipped(why)) => {
                                *skipped.entry(why).or_default() += 1;
                                Vec::new()
                            }
                            Handed::Not(ReadRow::Bad(problems)) => problems,
                        };
                        if !refused.is_empty() {
                            bad.extend(refused);
                            rejected.push((line, cells.unwrap_or_default()));
                        }
                    }
                    repeated.extend(writer.take_repeated());
                    progress(bytes_read.load(Ordering::Relaxed), size, rows);
                }
                writer.flush()?;
                repeated.extend(writer.take_repeated());
                if !repeated.is_empty() {
                    let first_lines = first_lines(path, columns, &repeated)?;
                    for (line, key) in repeated.drain(..) {
                        let first = first_lines.get(&key).copied().unwrap_or(0);
                        bad.push(BadRow {
                            file: file.clone(),
                            line,
                            column: id_header.clone(),
                            value: key,
                            why: format!("is also on line {first}"),
                        });
                        rejected.push((line, Vec::new()));
                    }
                    bad.sort_by_key(|b| b.line);
                    rejected.sort_by_key(|r| r.0);
                }
                if !bad.is_empty() && !request.skip_invalid {
                    return Err(ImportError::Rows(bad.clone()).into());
                }
                Ok(())
            });
        // The reader ends on its own once the receiver is gone.
        drop(receive);
        let unknown = reading.join().unwrap_or_default();
        Ok((counts?, unknown))
    })?;
    if rejected.iter().any(|(_, cells)| cells.is_empty()) {
        // Rows refused as a repeated id were handed over without their cells: read them again.
        fill_cells(path, &mut rejected)?;
    }
    let mut skipped: Vec<(String, usize)> = skipped.into_iter().collect();
    skipped.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    let mut unknown_outcomes: Vec<(String, usize)> = unknown_outcomes.into_iter().collect();
    unknown_outcomes.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    Ok(ActivitiesImported {
        file,
        format: columns.format,
        encoding,
        rows,
        counts,
        skipped,
        unknown_outcomes,
        bad,
        rejected,
        headers,
        dry_run: request.dry_run,
        took: started.elapsed(),
    })
}

/// The line each repeated id is first on, from a second look at the file (the import
/// does not keep the file's ids: memory stays flat).
fn first_lines(
    path: &Path,
    columns: &ActivityColumns,
    repeated: &[(u64, String)],
) -> Result<HashMap<String, u64>, ImportError> {
    let mut wanted: HashMap<String, u64> = repeated.iter().map(|(_, key)| (key.clone(), 0)).collect();
    let mut stream = Stream::open(path)?;
    let mut record = csv::StringRecord::new();
    while let Some(line) = stream.next_row(&mut record)? {
        if let Some(first) = row_key(columns, &record).and_then(|key| wanted.get_mut(&key))
            && *first == 0
        {
            *first = line;
        }
    }
    Ok(wanted)
}

/// The cells of the refused rows that have none yet, from the file.
fn fill_cells(path: &Path, rejected: &mut [(u64, Vec<String>)]) -> Result<(), ImportError> {
    let mut stream = Stream::open(path)?;
    let mut record = csv::StringRecord::new();
    while let Some(line) = stream.next_row(&mut record)? {
        for (_, cells) in rejected.iter_mut().filter(|(l, cells)| *l == line && cells.is_empty()) {
            *cells = record.iter().map(String::from).collect();
        }
    }
    Ok(())
}

/// The order of the file's day/month dates, from a look at its date column: the first
/// value that proves it decides; a file where none does asks for `--date-order`.
fn detect_order(path: &Path, columns: &ActivityColumns) -> Result<Option<DateOrder>, ImportError> {
    let mut stream = Stream::open(path)?;
    let mut record = csv::StringRecord::new();
    let mut example = None;
    while stream.next_row(&mut record)?.is_some() {
        let Some(value) = date_values(columns, &record) else { continue };
        match dates::detect([value]) {
            Detected::Known(Some(order)) => return Ok(Some(order)),
            Detected::Ambiguous { example: e } => example = example.or(Some(e)),
            _ => {}
        }
    }
    match example {
        Some(example) => Err(ImportError::Usage(format!(
            "{}: dates like {:?} could be day/month or month/day, and no date in the file tells: \
             add --date-order dmy (18/12/2026) or --date-order mdy (12/18/2026)",
            stream.file,
            one_line(&example)
        ))),
        None => Ok(None),
    }
}

/// `sparring import activities FILE`.
pub fn import_activities(store: &mut Store, config: &Config, args: &ImportFileArgs) -> Result<(), Error> {
    let map = args.map.as_deref().map(parse_map).transpose()?.unwrap_or_default();
    let request = ActivitiesRequest {
        format: args.format,
        map: &map,
        config,
        date_order: args.date_order,
        dry_run: args.dry_run,
        skip_invalid: args.skip_invalid.is_some(),
    };
    let mut line = ProgressLine::new(&args.file);
    let done = run_activities(store, &args.file, &request, &mut |read, size, rows| line.show(read, size, rows));
    line.clear();
    let done = done?;
    if let Some(path) = &args.skip_invalid
        && !done.bad.is_empty()
        && !args.dry_run
    {
        let rows = done.rejected.iter().map(|(line, cells)| (*line, cells.as_slice()));
        write_rejects(path, &done.headers, rows, &done.bad)?;
    }
    for line in done.lines() {
        println!("{line}");
    }
    for bad in &done.bad {
        eprintln!("{bad}");
    }
    if let (Some(path), false) = (&args.skip_invalid, done.bad.is_empty()) {
        let said = if args.dry_run { "would be written to" } else { "written to" };
        println!("{} refused rows {said} {}.", done.rejected.len(), one_line(&path.display().to_string()));
    }
    Ok(())
}

/// "Importing tasks.csv: 42% (420,000 rows)" on stderr, once the import has taken a second:
/// redrawn in place on a terminal, a line every few seconds elsewhere.
struct ProgressLine {
    file: String,
    started: Instant,
    shown: Option<Instant>,
    terminal: bool,
}

impl ProgressLine {
    fn new(path: &Path) -> ProgressLine {
        ProgressLine {
            file: one_line(&path.display().to_string()).into_owned(),
            started: Instant::now(),
            shown: None,
            terminal: std::io::stderr().is_terminal(),
        }
    }

    fn show(&mut self, read: u64, size: u64, rows: usize) {
        // Checking the clock every row would cost more than the row.
        if !rows.is_multiple_of(4096) || self.started.elapsed() < Duration::from_secs(1) {
            return;
        }
        let every = if self.terminal { Duration::from_millis(200) } else { Duration::from_secs(5) };
        if self.shown.is_some_and(|at| at.elapsed() < every) {
            return;
        }
        self.shown = Some(Instant::now());
        let percent = read.saturating_mul(100).checked_div(size).unwrap_or(100).min(100);
        let text = format!("Importing {}: {percent}% ({rows} rows)…", self.file);
        if self.terminal {
            eprint!("\r{text}\x1b[K");
        } else {
            eprintln!("{text}");
        }
    }

    fn clear(&self) {
        if self.terminal && self.shown.is_some() {
            eprint!("\r\x1b[K");
        }
    }
}
