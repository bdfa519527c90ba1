//! Runs a parsed command line: picks the files, then opens the app or runs a subcommand.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use crate::cli::{
    AddCommand, AddDealArgs, Cli, Command, CommitmentFormat, DashboardReportArgs, DemoArgs, ExportCommand,
    ExportCommitmentsArgs, ExportTableArgs, ImportCommand, ReportCommand, ScriptCommand,
};
use crate::clock::Clock;
use crate::demo::{self, DemoParams};
use chrono::NaiveDate;

use crate::domain::dates::{Direction, parse_natural};
use crate::domain::deal::Forecast;
use crate::domain::money::{format_exact, read_amount};
use crate::domain::text::one_line;
use crate::error::Error;
use crate::paths;
use crate::report::{self, Who};
use crate::script::{Script, StageMatch};
use crate::store::bulk::NewRep;
use crate::store::deal_edits::NewDealInput;
use crate::store::health;
use crate::store::writer::WriterLock;
use crate::store::{Store, StoreError};

/// Runs the command line. The script is loaded first: a broken script stops everything.
pub fn run(cli: Cli) -> Result<(), Error> {
    let clock = cli.today.map_or_else(Clock::system, Clock::fixed);
    // Checking a named file needs nothing else: a broken configured script must not stop it.
    if let Some(Command::Script(ScriptCommand::Check { path: Some(path) })) = &cli.command {
        let script = Script::load(path)?;
        println!("{}: valid — {}", path.display(), script.summary());
        return Ok(());
    }
    let script = load_script(cli.script.as_deref())?;
    // A report reads figures only (the script is checked, not used), and writes nothing.
    if let Some(Command::Report(ReportCommand::Dashboard(args))) = &cli.command {
        return report_dashboard(cli.db.clone(), clock, args);
    }
    match cli.command {
        None => {
            let path = if cli.demo { ensure_demo(&script, clock)? } else { paths::database(cli.db)? };
            // Held while the app is open; when another sparring has the file, this one reads.
            let (_lock, read_only) = match WriterLock::take(&path) {
                Ok(lock) => (Some(lock), None),
                Err(holder) => (None, Some(holder.to_string())),
            };
            let store = Store::open(&path)?;
            crate::tui::run(store, script, clock, cli.rep.as_deref(), read_only)
        }
        Some(Command::Demo(args)) => {
            let path = match cli.db {
                Some(path) => path,
                None => paths::demo_database()?,
            };
            write_demo(&path, &script, clock, &args)
        }
        Some(Command::Report(_)) => unreachable!("reports return before the script is loaded"),
        Some(Command::Script(ScriptCommand::Check { .. })) => {
            println!("{}: valid — {}", active_script_name(cli.script.as_deref()), script.summary());
            Ok(())
        }
        Some(Command::Import(ImportCommand::Deals(args))) => {
            let path = paths::database(cli.db)?;
            let _lock = writer(&path)?;
            let mut store = Store::open(&path)?;
            let config = crate::config::Config::load_user()?;
            crate::importing::import_deals(&mut store, &script, &config, clock, &args)
        }
        Some(Command::Import(ImportCommand::Activities(args))) => {
            let path = paths::database(cli.db)?;
            let _lock = writer(&path)?;
            let mut store = Store::open(&path)?;
            let config = crate::config::Config::load_user()?;
            crate::importing::activities::import_activities(&mut store, &config, &args)
        }
        Some(Command::Import(ImportCommand::Reps(args))) => {
            let path = paths::database(cli.db)?;
            let _lock = writer(&path)?;
            let mut store = Store::open(&path)?;
            crate::importing::import_reps(&mut store, clock, &args)
        }
        Some(Command::Export(ExportCommand::Deals(args))) => {
            let store = Store::open(&paths::database(cli.db)?)?;
            let rep = match &args.rep {
                Some(name) => Some(report::find_rep(&store, name, "--rep: ", "the database has no reps yet")?.0),
                None => None,
            };
            let deals = store.deals_for_export(rep)?;
            let text = crate::export::deals::csv(&deals);
            match &args.output {
                None => print!("{text}"),
                Some(path) => {
                    crate::files::write_private(path, text.as_bytes())?;
                    println!("Wrote {} deals to {}.", deals.len(), path.display());
                }
            }
            Ok(())
        }
        Some(Command::Export(ExportCommand::Activities(args))) => {
            let store = Store::open(&paths::database(cli.db)?)?;
            export_activities(&store, &args)
        }
        Some(Command::Export(ExportCommand::Reps(args))) => {
            let store = Store::open(&paths::database(cli.db)?)?;
            let mut reps = store.reps_for_export()?;
            if let Some(name) = &args.rep {
                let id = report::find_rep(&store, name, "--rep: ", "the database has no reps yet")?.0;
                reps.retain(|(rep, _)| rep.id == id);
            }
            let text = crate::export::reps::csv(&reps);
            match &args.output {
                None => print!("{text}"),
                Some(path) => {
                    crate::files::write_private(path, text.as_bytes())?;
                    println!("Wrote {} reps to {}.", reps.len(), path.display());
                }
            }
            Ok(())
        }
        Some(Command::Export(ExportCommand::Commitments(args))) => {
            let store = Store::open(&paths::database(cli.db)?)?;
            export_commitments(&store, clock, &args)
        }
        Some(Command::Doctor(args)) => doctor(&paths::database(cli.db)?, args.fix),
        Some(Command::Backup(args)) => backup(&paths::database(cli.db)?, &args.file),
        Some(Command::Add(add)) => {
            let path = paths::database(cli.db)?;
            let _lock = writer(&path)?;
            let mut store = Store::open(&path)?;
            match add {
                AddCommand::Rep { name, email, team, manager } => {
                    add_rep(&mut store, &name, email.as_deref(), team.as_deref(), manager.as_deref())
                }
                AddCommand::Deal(args) => add_deal(&mut store, &script, clock, &args),
            }
        }
    }
}

/// `sparring export activities`: streamed to the file or stdout, a row at a time.
fn export_activities(store: &Store, args: &ExportTableArgs) -> Result<(), Error> {
    let rep = match &args.rep {
        Some(name) => Some(report::find_rep(store, name, "--rep: ", "the database has no reps yet")?.0),
        None => None,
    };
    let sink: Box<dyn Write> = match &args.output {
        None => Box::new(std::io::stdout().lock()),
        Some(path) => Box::new(crate::files::create_private(path)?),
    };
    let mut out =
        csv::WriterBuilder::new().terminator(csv::Terminator::CRLF).from_writer(std::io::BufWriter::new(sink));
    let write_error = |err: csv::Error| match err.into_kind() {
        csv::ErrorKind::Io(err) => Error::Terminal(err),
        other => Error::Usage(format!("{other:?}")),
    };
    out.write_record(crate::export::activities::header()).map_err(write_error)?;
    let written =
        store.for_each_activity(rep, |a| out.write_record(crate::export::activities::record(a)).map_err(write_error));
    let flushed = out.flush().map_err(Error::Terminal);
    match (written, flushed) {
        // `| head` closing the pipe early is not an error of ours.
        (Err(Error::Terminal(err)), _) | (Ok(_), Err(Error::Terminal(err)))
            if err.kind() == std::io::ErrorKind::BrokenPipe =>
        {
            Ok(())
        }
        (Ok(n), Ok(())) => {
            if let Some(path) = &args.output {
                println!("Wrote {n} activities to {}.", path.display());
            }
            Ok(())
        }
        (Err(err), _) | (_, Err(err)) => Err(err),
    }
}

/// `sparring report dashboard`: the pane's figures for a rep or the team, printed. The
/// database must exist: a report never creates one.
fn report_dashboard(db: Option<PathBuf>, clock: Clock, args: &DashboardReportArgs) -> Result<(), Error> {
    let path = paths::database(db)?;
    if !path.exists() {
        return Err(Error::Usage(format!(
            "{}: no database there; pass --db PATH (or try `sparring demo` for a demo team)",
            path.display()
        )));
    }
    let store = Store::open(&path)?;
    let who = match &args.rep {
        Some(name) => Who::Rep(name.clone()),
        None => Who::Team,
    };
    let span = report::step_back(args.period, args.back)?;
    let out = report::dashboard_report(&store, &who, span, args.format, clock.today())?;
    let mut stdout = std::io::stdout().lock();
    match stdout.write_all(out.as_bytes()).and_then(|()| stdout.flush()) {
        // `| head` closing the pipe early is not an error of ours.
        Err(err) if err.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
        other => Ok(other?),
    }
}

/// A database the command reads must be there: it is never created by reading it.
fn existing(path: &Path) -> Result<(), Error> {
    if path.is_file() {
        Ok(())
    } else {
        Err(Error::Usage(format!(
            "{}: no database there; pass --db PATH (or try `sparring demo` for a demo team)",
            path.display()
        )))
    }
}

/// `sparring doctor`: how the database is, and with `--fix` its files made private. Fails
/// (exit 1) when something needs attention, after saying what.
fn doctor(path: &Path, fix: bool) -> Result<(), Error> {
    existing(path)?;
    if fix {
        for file in health::make_private(path)? {
            println!("Made {} readable by you only (0600).", one_line(&file.display().to_string()));
        }
    }
    let health = health::examine(path)?;
    print!("{}", report::doctor::report(path, &health));
    if health.healthy() { Ok(()) } else { Err(Error::Attention(report::doctor::attention(&health))) }
}

/// `sparring backup FILE`: a consistent copy of the database.
fn backup(from: &Path, to: &Path) -> Result<(), Error> {
    existing(from)?;
    if to.exists() {
        return Err(Error::Usage(format!("{}: already exists; name a new file for the copy", to.display())));
    }
    let integrity = health::backup(from, to)?;
    let size = to.metadata().map_or(0, |m| m.len());
    println!(
        "Copied {} to {} ({}), integrity {}.",
        from.display(),
        to.display(),
        report::doctor::bytes(size),
        integrity.join("; ")
    );
    Ok(())
}

/// `--script`, else the user's `questions.toml`, else the built-in script.
fn load_script(cli_script: Option<&Path>) -> Result<Script, Error> {
    if let Some(path) = cli_script {
        return Ok(Script::load(path)?);
    }
    match paths::user_script() {
        Some(path) => Ok(Script::load(&path)?),
        None => Ok(Script::embedded()),
    }
}

fn active_script_name(cli_script: Option<&Path>) -> String {
    cli_script
        .map(Path::to_path_buf)
        .or_else(paths::user_script)
        .map_or_else(|| "questions.toml (built in)".to_string(), |p| p.display().to_string())
}

/// The demo database for `--demo`, generated with the default size on first use.
fn ensure_demo(script: &Script, clock: Clock) -> Result<PathBuf, Error> {
    let path = paths::demo_database()?;
    if !path.exists() {
        eprintln!("Creating the demo team in {} (first use)…", path.display());
        let params = DemoParams::default_for(clock.today());
        write_fresh(&path, |store| demo::generate(store, script, &params).map(drop))?;
    }
    Ok(path)
}

fn write_demo(path: &Path, script: &Script, clock: Clock, args: &DemoArgs) -> Result<(), Error> {
    if path.exists() && !args.force {
        return Err(Error::Usage(format!(
            "{} already exists; add --force to replace it, or choose another file with --db",
            path.display()
        )));
    }
    // Replacing a file the app has open would leave it writing to deleted files.
    let _lock = writer(path)?;
    let params = DemoParams {
        reps: args.reps,
        deals: args.deals,
        activities: args.activities,
        seed: args.seed,
        today: clock.today(),
    };
    let started = Instant::now();
    let mut summary = None;
    write_fresh(path, |store| {
        summary = Some(demo::generate(store, script, &params)?);
        Ok(())
    })?;
    let elapsed = started.elapsed();
    if let Some(summary) = summary {
        println!("{}: {summary}", path.display());
    }
    println!("written in {:.2} s (seed {}, today {})", elapsed.as_secs_f64(), params.seed, params.today);
    Ok(())
}

/// Builds a database in a temporary file beside `path`, then moves it into place, so an
/// interrupted run never leaves a half-written database where the user expects one.
fn write_fresh(
    path: &Path,
    fill: impl FnOnce(&mut Store) -> Result<(), crate::store::StoreError>,
) -> Result<(), Error> {
    let mut tmp = path.as_os_str().to_owned();
    tmp.push(".partial");
    let tmp = PathBuf::from(tmp);
    remove_database(&tmp)?;
    {
        let mut store = Store::open(&tmp)?;
        fill(&mut store)?;
        store.checkpoint()?;
    }
    remove_database(path)?;
    std::fs::rename(&tmp, path).map_err(|source| Error::File { path: path.to_path_buf(), source })?;
    Ok(())
}

/// How long a command waits for the app to let go of the file (it may be closing).
const WAIT_FOR_WRITER: Duration = Duration::from_secs(3);

/// The lock on the database's writes for a command that writes, or why it cannot have it.
fn writer(path: &Path) -> Result<WriterLock, Error> {
    WriterLock::wait(path, WAIT_FOR_WRITER).map_err(|holder| {
        Error::Usage(format!(
            "{} is {holder}: close it (or do this from the app), then try again. Nothing was changed.",
            path.display()
        ))
    })
}

/// Removes a database file and its WAL companions, if present.
fn remove_database(path: &Path) -> Result<(), Error> {
    for file in std::iter::once(path.to_path_buf()).chain(crate::store::side_files(path)) {
        match std::fs::remove_file(&file) {
            Ok(()) => {}
            Err(err) if err.kind() == std::io::ErrorKind::NotFound => {}
            Err(source) => return Err(Error::File { path: file, source }),
        }
    }
    Ok(())
}

fn add_rep(
    store: &mut Store,
    name: &str,
    email: Option<&str>,
    team: Option<&str>,
    manager: Option<&str>,
) -> Result<(), Error> {
    let name = name.trim();
    store.add_rep(&NewRep { name, email, manager, team }).map_err(refused_as_usage)?;
    println!("Added rep {}.", one_line(name));
    Ok(())
}

fn add_deal(store: &mut Store, script: &Script, clock: Clock, args: &AddDealArgs) -> Result<(), Error> {
    let (rep, rep_name) =
        report::find_rep(store, &args.rep, "", "there are no reps yet: add one with `sparring add rep NAME`")?;
    let amount = read_amount(&one_line(&args.amount)).map_err(|err| Error::Usage(format!("--amount: {err}")))?;
    let stage = match &args.stage {
        None => &script.stages[0],
        Some(name) => match script.match_stage_name(name) {
            Some(StageMatch::Stage(stage)) => stage,
            Some(StageMatch::Won | StageMatch::Lost) => {
                return Err(Error::Usage(format!("{name:?} is an outcome, not a stage: add open deals only")));
            }
            None => {
                let keys: Vec<&str> = script.stages.iter().map(|s| s.key.as_str()).collect();
                return Err(Error::Usage(format!("unknown stage {name:?} (stages: {})", keys.join(", "))));
            }
        },
    };
    let currency = args.currency.trim().to_ascii_uppercase();
    if !crate::import::deals::is_currency(&currency) {
        return Err(Error::Usage(format!(
            "--currency {:?} is not an ISO 4217 code (EUR, USD, GBP…)",
            one_line(&currency)
        )));
    }
    let (account, name) = (args.account.trim(), args.name.trim());
    if account.is_empty() || name.is_empty() {
        return Err(Error::Usage("a deal needs an --account and a --name".into()));
    }
    // The same words as the app's date fields, ahead of today (the pretend one with --today).
    let ahead = |option: &str, text: &Option<String>| -> Result<Option<NaiveDate>, Error> {
        text.as_deref()
            .map(|t| parse_natural(t, clock.today(), Direction::Future))
            .transpose()
            .map_err(|err| Error::Usage(format!("{option}: {err}")))
    };
    let close_on = ahead("--close", &args.close)?;
    let next_step_on = ahead("--next-step-on", &args.next_step_on)?;
    let created_on = args
        .created
        .as_deref()
        .map(|t| parse_natural(t, clock.today(), Direction::Past))
        .transpose()
        .map_err(|err| Error::Usage(format!("--created: {err}")))?;
    let new = NewDealInput {
        account: account.to_string(),
        name: name.to_string(),
        amount_minor: amount,
        currency,
        stage: stage.key.clone(),
        close_on,
        forecast: Forecast::Pipeline,
        sponsor_name: args.sponsor.clone(),
        sponsor_role: args.sponsor_role.clone(),
        next_step: args.next_step.clone(),
        next_step_on,
        created_on,
    };
    store.add_deal(rep, &new, clock.today()).map_err(refused_as_usage)?;
    // The amount as stored, so a misread one shows at once.
    println!(
        "Added deal {} — {} ({}, {}) for {}.",
        one_line(account),
        one_line(name),
        format_exact(amount, &new.currency),
        one_line(&stage.name),
        one_line(&rep_name)
    );
    Ok(())
}

/// `sparring export commitments`: printed, or written to a file of the user's only.
fn export_commitments(store: &Store, clock: Clock, args: &ExportCommitmentsArgs) -> Result<(), Error> {
    let rep = match &args.rep {
        Some(name) => Some(report::find_rep(store, name, "--rep: ", "the database has no reps yet")?.0),
        None => None,
    };
    let commitments = store.commitments_for_export(rep, args.open)?;
    let text = match args.format {
        CommitmentFormat::Ics => crate::export::commitments::ics(&commitments, clock.now()),
        CommitmentFormat::Csv => crate::export::commitments::csv(&commitments),
        CommitmentFormat::Md => crate::export::commitments::markdown(&commitments, clock.today()),
    };
    match &args.output {
        None => print!("{text}"),
        Some(path) => {
            crate::files::write_private(path, text.as_bytes())?;
            println!("Wrote {} commitments to {}.", commitments.len(), path.display());
        }
    }
    Ok(())
}

/// A write the store refused is something the user typed (a blank currency, a name taken):
/// a usage error like the others.
fn refused_as_usage(err: StoreError) -> Error {
    match err {
        StoreError::Refused(why) => Error::Usage(why),
        other => other.into(),
    }
}
