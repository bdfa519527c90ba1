//! The command line: flags and subcommands, nothing else.

use std::path::PathBuf;

use chrono::NaiveDate;
use clap::{Args, Parser, Subcommand};

const MAIN_EXAMPLES: &str = "\
Examples:
  sparring --demo                      Open the app on a demo team (created on first use)
  sparring                             Open your own database
  sparring --demo --rep \"Mateo Romano\" Start on one rep of the demo team
  sparring --db team.db --script my-questions.toml
  sparring demo --reps 50 --deals 10000 --activities 1000000 --db big.db
  sparring script check my-questions.toml

Files:
  database  --db PATH, else $SPARRING_DB, else sparring.db in the data directory
            (~/.local/share/sparring on Linux)
  script    --script PATH, else questions.toml in the config directory
            (~/.config/sparring on Linux), else the built-in script";

const DEMO_EXAMPLES: &str = "\
Examples:
  sparring demo                        Write demo.db in the data directory (if absent)
  sparring demo --force                Rewrite it from scratch
  sparring demo --db /tmp/big.db --reps 50 --deals 10000 --activities 1000000
  sparring demo --seed 7 --db other.db A different, equally believable team";

const SCRIPT_EXAMPLES: &str = "\
Examples:
  sparring script check                    Check the script sparring would use now
  sparring script check my-questions.toml  Check a file; errors print as file:line:column";

const REPORT_EXAMPLES: &str = "\
Examples:
  sparring report dashboard                              The team, last 4 weeks, as text
  sparring report dashboard --rep \"Emma Fischer\" --period 12w
  sparring report dashboard --rep emma --period 4w --back 1   The 4 weeks before those
  sparring report dashboard --team --period quarter --format csv > team.csv
  sparring report dashboard --rep emma --period 2026-09-01..2026-11-27 --format json | jq .funnel

The figures are the prospecting pane's, computed by the same code. Formats: docs/report.md.
Periods: this-week, last-week, 4w (last 4 weeks), quarter (this quarter), 12w (last 12
weeks), or FROM..TO, two ISO dates, both included. --back N steps a period back by its own
length, N times (--period quarter --back 1 is the last quarter). Every figure is printed
with its change against the previous period of the same length.";

const IMPORT_EXAMPLES: &str = "\
Examples:
  sparring import deals opportunities.csv               A Salesforce, HubSpot or Pipedrive export
  sparring import deals export.csv --dry-run            What would change, nothing written
  sparring import deals pipeline.csv --date-order dmy --skip-invalid rejects.csv
  sparring import deals sales_pipeline.csv --currency USD \\
      --map 'opportunity_id=id,sales_agent=rep,deal_stage=stage,close_value=amount,engage_date=created_on,close_date=close_on'

Import the same export every week: deals are updated by their CRM id, and what changed
(stage, close date, amount, forecast, next step) becomes the deal's history. Formats and
fields: docs/import.md.";

const IMPORT_ACTIVITIES_EXAMPLES: &str = "\
Examples:
  sparring import activities tasks.csv                   A Salesforce or HubSpot activity report
  sparring import activities activities.csv --dry-run    What would change, nothing written
  sparring import activities log.csv --date-order dmy --skip-invalid rejects.csv

CRM types and results become sparring's kind, channel and outcome (docs/import.md lists
the mapping; the config file can change it). To-dos, tasks not completed and meetings
that did not happen are skipped and counted.";

const EXPORT_EXAMPLES: &str = "\
Examples:
  sparring export commitments --rep emma --open --format ics -o emma.ics   Into a calendar app
  sparring export commitments --format csv > commitments.csv
  sparring export commitments --rep emma --format md                        A note to send";

const DOCTOR_EXAMPLES: &str = "\
Examples:
  sparring doctor                     Check the database, changing nothing
  sparring doctor --fix               Then make its files readable by you only
  sparring --db team.db doctor

It runs SQLite's integrity check, says the schema version, the files' sizes, the rows of
the main tables, whether the activity sums are in step, whether a sparring has the file
open, and whether others can read it. Exit status 1 when something needs attention.";

const BACKUP_EXAMPLES: &str = "\
Examples:
  sparring backup ~/backups/sparring-2026-12-08.db
  sparring --db team.db backup team-copy.db

A consistent copy made with SQLite's online backup, safe while the app is open; readable by
you only. The copy opens with sparring like the original (--db COPY).";

const ADD_EXAMPLES: &str = "\
Examples:
  sparring add rep \"Ada Lovelace\" --email ada@example.com
  sparring add deal --rep \"Ada Lovelace\" --account \"Acme Corp\" --name \"Platform rollout\" \\
      --amount 48000 --stage \"Needs Analysis\" --close 2027-01-31 --sponsor \"Ines Roy\"";

/// A terminal sparring partner for B2B sales one-on-ones.
///
/// Two panes: the prospecting dashboard (activity volume and its quality) and the deal
/// challenge (a question script per deal, answers and commitments saved as you type).
#[derive(Debug, Parser)]
#[command(name = "sparring", version, about, long_about, after_help = MAIN_EXAMPLES)]
pub struct Cli {
    /// The database file [default: $SPARRING_DB, else sparring.db in the data directory; for
    /// `demo`, demo.db in the data directory: a demo never replaces $SPARRING_DB]
    #[arg(long, value_name = "PATH", global = true)]
    pub db: Option<PathBuf>,

    /// The question script (questions.toml) to use instead of the configured one
    #[arg(long, value_name = "PATH", global = true)]
    pub script: Option<PathBuf>,

    /// Open the app on this rep (name, any case)
    #[arg(long, value_name = "NAME")]
    pub rep: Option<String>,

    /// Open the demo database (demo.db in the data directory), creating it on first use
    #[arg(long, conflicts_with = "db")]
    pub demo: bool,

    /// Pretend today is this date (YYYY-MM-DD); for demos and tests
    #[arg(long, value_name = "DATE", global = true, hide = true, value_parser = parse_date)]
    pub today: Option<NaiveDate>,

    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Debug, Subcommand)]
// Parsed once per run: the size of the largest variant costs nothing worth boxing for.
#[allow(clippy::large_enum_variant)]
pub enum Command {
    /// Write a deterministic demo team: same seed, same data
    #[command(after_help = DEMO_EXAMPLES)]
    Demo(DemoArgs),
    /// Work with question scripts (questions.toml)
    #[command(subcommand, after_help = SCRIPT_EXAMPLES)]
    Script(ScriptCommand),
    /// Add a rep or a deal by hand, for teams without a CRM export
    #[command(subcommand, after_help = ADD_EXAMPLES)]
    Add(AddCommand),
    /// Print the figures of a pane without opening the app (text, CSV or JSON)
    #[command(subcommand, after_help = REPORT_EXAMPLES)]
    Report(ReportCommand),
    /// Import a CRM export (Salesforce, HubSpot, Pipedrive) or sparring's own CSV
    #[command(subcommand, after_help = IMPORT_EXAMPLES)]
    Import(ImportCommand),
    /// Write files to send: commitments as a calendar, a spreadsheet or a note
    #[command(subcommand, after_help = EXPORT_EXAMPLES)]
    Export(ExportCommand),
    /// Check the database: integrity, version, sizes, rows, sums, who has it open, privacy
    #[command(after_help = DOCTOR_EXAMPLES)]
    Doctor(DoctorArgs),
    /// Copy the database consistently, even while the app is open
    #[command(after_help = BACKUP_EXAMPLES)]
    Backup(BackupArgs),
}

#[derive(Debug, Args)]
pub struct DoctorArgs {
    /// Make the database and the files beside it readable by you only (0600)
    #[arg(long)]
    pub fix: bool,
}

#[derive(Debug, Args)]
pub struct BackupArgs {
    /// The copy to write (must not exist yet)
    #[arg(value_name = "FILE")]
    pub file: PathBuf,
}

#[derive(Debug, Subcommand)]
pub enum ExportCommand {
    /// Commitments of a rep or of the team, as iCalendar to-dos, CSV or Markdown
    #[command(after_help = EXPORT_EXAMPLES)]
    Commitments(ExportCommitmentsArgs),
    /// Deals in sparring's own CSV: `sparring import deals` reads it back
    Deals(ExportTableArgs),
    /// Activities in sparring's own CSV: `sparring import activities` reads it back
    Activities(ExportTableArgs),
    /// Reps with manager, team and weekly targets: `sparring import reps` reads it back
    Reps(ExportTableArgs),
}

/// The formats sparring's own tables are written in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum TableFormat {
    Csv,
}

#[derive(Debug, Args)]
pub struct ExportTableArgs {
    /// One rep (name, first name or prefix); every rep without it
    #[arg(long, value_name = "NAME")]
    pub rep: Option<String>,
    #[arg(long, value_enum, default_value_t = TableFormat::Csv)]
    pub format: TableFormat,
    /// Write to this file (readable by you only) instead of printing
    #[arg(long, short, value_name = "FILE")]
    pub output: Option<PathBuf>,
}

/// The formats commitments are written in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum CommitmentFormat {
    /// iCalendar (RFC 5545): one to-do per commitment, re-exports update them
    Ics,
    Csv,
    /// A Markdown note, a task line per commitment
    Md,
}

#[derive(Debug, Args)]
pub struct ExportCommitmentsArgs {
    #[arg(long, value_enum, default_value_t = CommitmentFormat::Md)]
    pub format: CommitmentFormat,
    /// One rep (name, first name or prefix); every rep without it
    #[arg(long, value_name = "NAME")]
    pub rep: Option<String>,
    /// Open commitments only
    #[arg(long)]
    pub open: bool,
    /// Write to this file (readable by you only) instead of printing
    #[arg(long, short, value_name = "FILE")]
    pub output: Option<PathBuf>,
}

#[derive(Debug, Subcommand)]
pub enum ImportCommand {
    /// Deals: created, or updated by their CRM id with the differences kept as history
    #[command(after_help = IMPORT_EXAMPLES)]
    Deals(ImportDealsArgs),
    /// Activities (calls, emails, meetings…): a CRM's activity report or sparring's CSV;
    /// rows already imported are updated by their id
    #[command(after_help = IMPORT_ACTIVITIES_EXAMPLES)]
    Activities(ImportFileArgs),
    /// Reps with their manager and team: created, or updated by name (any case)
    Reps(ImportRepsArgs),
}

/// What an import of a CRM's deals or activities file takes.
#[derive(Debug, Args)]
pub struct ImportFileArgs {
    /// The CSV file, as the CRM or the spreadsheet saved it
    #[arg(value_name = "FILE")]
    pub file: PathBuf,
    /// Where the file comes from; auto recognises it by its header
    #[arg(long, value_enum, default_value_t = crate::import::formats::Format::Auto)]
    pub format: crate::import::formats::Format,
    /// Columns named for sparring's fields: 'CRM header=field,…' (fields in docs/import.md)
    #[arg(long, value_name = "PAIRS")]
    pub map: Option<String>,
    /// The order of day and month in dates like 02/03/2026, when the file does not prove it
    #[arg(long, value_enum)]
    pub date_order: Option<crate::import::dates::DateOrder>,
    /// Say what would be created, updated, unchanged and refused; write nothing
    #[arg(long)]
    pub dry_run: bool,
    /// Import the good rows and write the bad ones, with why, to this CSV file
    #[arg(long, value_name = "REJECTS")]
    pub skip_invalid: Option<PathBuf>,
}

#[derive(Debug, Args)]
pub struct ImportRepsArgs {
    /// The CSV file: a name column, and manager, team, email if known (docs/import.md)
    #[arg(value_name = "FILE")]
    pub file: PathBuf,
    /// Say what would be created, updated and unchanged; write nothing
    #[arg(long)]
    pub dry_run: bool,
}

#[derive(Debug, Args)]
pub struct ImportDealsArgs {
    #[command(flatten)]
    pub input: ImportFileArgs,
    /// An accounts file (columns account and sector): fills each deal's segment
    #[arg(long, value_name = "FILE")]
    pub accounts: Option<PathBuf>,
    /// The currency of amounts the file gives none for (ISO 4217)
    #[arg(long, default_value = "EUR")]
    pub currency: String,
}

#[derive(Debug, Subcommand)]
pub enum ReportCommand {
    /// The prospecting dashboard of a rep or of the team: volumes against target, funnel,
    /// channels, messages, segments, the week's organisation, 12-week trends and alerts
    #[command(after_help = REPORT_EXAMPLES)]
    Dashboard(DashboardReportArgs),
}

#[derive(Debug, Args)]
pub struct DashboardReportArgs {
    /// The rep (name, any case)
    #[arg(long, value_name = "NAME", conflicts_with = "team")]
    pub rep: Option<String>,
    /// The whole team (every active rep) and each rep's line; the default without --rep
    #[arg(long)]
    pub team: bool,
    /// this-week, last-week, 4w, quarter, 12w, or FROM..TO (ISO dates, both included)
    #[arg(long, value_name = "PERIOD", default_value = "4w", value_parser = crate::report::parse_span)]
    pub period: crate::dashboard::Span,
    /// That many periods of the same length earlier, as `[` in the app: --period 4w --back 1
    /// is the 4 weeks before the last 4
    #[arg(long, value_name = "N", default_value_t = 0,
          value_parser = clap::value_parser!(u32).range(0..=i64::from(crate::domain::period::MAX_BACK)))]
    pub back: u32,
    /// Output format
    #[arg(long, value_enum, default_value_t = crate::report::Format::Text)]
    pub format: crate::report::Format,
}

#[derive(Debug, Args)]
pub struct DemoArgs {
    /// Number of reps
    #[arg(long, default_value_t = 6, value_parser = clap::value_parser!(u32).range(1..=1000))]
    pub reps: u32,
    /// Number of deals, open and closed
    #[arg(long, default_value_t = 150, value_parser = clap::value_parser!(u32).range(1..=1_000_000))]
    pub deals: u32,
    /// Number of activity rows (about six months for the default team)
    #[arg(long, default_value_t = 12_000, value_parser = clap::value_parser!(u64).range(0..=50_000_000))]
    pub activities: u64,
    /// Seed of the generator: the same seed writes the same data
    #[arg(long, default_value_t = 42)]
    pub seed: u64,
    /// Replace the database if it already exists
    #[arg(long)]
    pub force: bool,
}

#[derive(Debug, Subcommand)]
pub enum ScriptCommand {
    /// Validate a script: exit 0 with a summary, or exit 2 with file:line:column errors
    #[command(after_help = SCRIPT_EXAMPLES)]
    Check {
        /// The file to check [default: the script sparring would use now]
        path: Option<PathBuf>,
    },
}

#[derive(Debug, Subcommand)]
pub enum AddCommand {
    /// Add a rep
    #[command(after_help = ADD_EXAMPLES)]
    Rep {
        /// Full name, as it appears in CRM exports
        name: String,
        #[arg(long)]
        email: Option<String>,
        #[arg(long)]
        team: Option<String>,
        #[arg(long)]
        manager: Option<String>,
    },
    /// Add an open deal for a rep
    #[command(after_help = ADD_EXAMPLES)]
    Deal(AddDealArgs),
}

#[derive(Debug, Args)]
pub struct AddDealArgs {
    /// The rep who owns the deal
    #[arg(long)]
    pub rep: String,
    /// The prospect's company
    #[arg(long)]
    pub account: String,
    /// What is being sold, e.g. "Platform rollout"
    #[arg(long)]
    pub name: String,
    /// Amount in currency units, e.g. 48000 or 48,000.50
    #[arg(long, default_value = "0")]
    pub amount: String,
    /// Three-letter currency code
    #[arg(long, default_value = "EUR")]
    pub currency: String,
    /// Stage key, name or CRM stage name [default: the first stage]
    #[arg(long)]
    pub stage: Option<String>,
    /// Expected close date, as in the app: 2027-01-31, 31/1, fri, next week, +30d, eom
    #[arg(long, value_name = "DATE", allow_hyphen_values = true)]
    pub close: Option<String>,
    /// The sponsor's name
    #[arg(long)]
    pub sponsor: Option<String>,
    /// The sponsor's role
    #[arg(long)]
    pub sponsor_role: Option<String>,
    /// The agreed next step
    #[arg(long)]
    pub next_step: Option<String>,
    /// The next step's date, as in the app: 2026-12-04, 4/12, fri, +10d, tomorrow
    #[arg(long, value_name = "DATE", allow_hyphen_values = true)]
    pub next_step_on: Option<String>,
    /// When the deal was created, if before today (it counts as pipeline created then):
    /// 2026-10-02, 2/10, last week, -30d
    #[arg(long, value_name = "DATE", allow_hyphen_values = true)]
    pub created: Option<String>,
}

fn parse_date(text: &str) -> Result<NaiveDate, String> {
    NaiveDate::parse_from_str(text.trim(), "%Y-%m-%d")
        .map_err(|_| format!("expected a date as YYYY-MM-DD, got {text:?}"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    #[test]
    fn cli_is_well_formed() {
        Cli::command().debug_assert();
    }

    #[test]
    fn demo_conflicts_with_db() {
        assert!(Cli::try_parse_from(["sparring", "--demo", "--db", "x.db"]).is_err());
        assert!(Cli::try_parse_from(["sparring", "demo", "--db", "x.db"]).is_ok());
    }

    #[test]
    fn report_arguments() {
        use crate::dashboard::Span;
        use crate::domain::period::Period;
        let cli = Cli::try_parse_from(["sparring", "report", "dashboard", "--rep", "Ada", "--period", "12w"]).unwrap();
        let Some(Command::Report(ReportCommand::Dashboard(args))) = cli.command else { panic!("a report") };
        assert_eq!(args.rep.as_deref(), Some("Ada"));
        assert_eq!(args.period, Span::Preset(Period::LAST_12_WEEKS));
        assert_eq!(args.format, crate::report::Format::Text);
        assert_eq!(args.back, 0);
        assert!(Cli::try_parse_from(["sparring", "report", "dashboard", "--rep", "Ada", "--team"]).is_err());
        let err = Cli::try_parse_from(["sparring", "report", "dashboard", "--period", "month"]).unwrap_err();
        assert!(err.to_string().contains("this-week, last-week, 4w, quarter, 12w"), "{err}");
        let back = Cli::try_parse_from(["sparring", "report", "dashboard", "--period", "last-week", "--back", "3"]);
        let Some(Command::Report(ReportCommand::Dashboard(args))) = back.unwrap().command else { panic!("a report") };
        assert_eq!((args.period, args.back), (Span::Preset(Period::LAST_WEEK), 3));
        assert!(Cli::try_parse_from(["sparring", "report", "dashboard", "--back", "-1"]).is_err());
        assert!(Cli::try_parse_from(["sparring", "report", "dashboard", "--back", "100000"]).is_err());
        let err = Cli::try_parse_from(["sparring", "report", "dashboard", "--format", "xml"]).unwrap_err();
        assert!(err.to_string().contains("json"), "{err}");
    }

    #[test]
    fn dates_are_checked() {
        let err = Cli::try_parse_from(["sparring", "--today", "27/11/2026"]).unwrap_err();
        assert!(err.to_string().contains("YYYY-MM-DD"));
    }
}
