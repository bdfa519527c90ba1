//! The prospecting dashboard's query time on the large demo (50 reps, 10,000 deals,
//! 1,000,000 activities): one rep over 12 weeks (budget 10 ms) and the team view (budget
//! 100 ms), medians of repeated loads, plus the first load on a freshly opened file.
//!
//! ```sh
//! cargo bench --bench dashboard                       # uses /tmp/big.db, created if missing
//! SPARRING_BENCH_DB=/path/to/big.db cargo bench --bench dashboard
//! ```
//!
//! The file is created with the same parameters as
//! `sparring demo --db /tmp/big.db --reps 50 --deals 10000 --activities 1000000 --today 2026-11-27`.

use std::path::PathBuf;
use std::time::{Duration, Instant};

use chrono::NaiveDate;
use sparring::dashboard::{self, Span};
use sparring::demo::{DemoParams, generate};
use sparring::domain::period::Period;
use sparring::script::Script;
use sparring::store::Store;

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 27).expect("a date")
}

fn database() -> PathBuf {
    let path = std::env::var_os("SPARRING_BENCH_DB").map_or_else(|| PathBuf::from("/tmp/big.db"), PathBuf::from);
    if !path.exists() {
        eprintln!("creating {} (50 reps, 10,000 deals, 1,000,000 activities)…", path.display());
        let mut store = Store::open(&path).expect("create the database");
        let params = DemoParams { reps: 50, deals: 10_000, activities: 1_000_000, seed: 42, today: today() };
        generate(&mut store, &Script::embedded(), &params).expect("generate the demo");
        store.checkpoint().expect("checkpoint");
    }
    path
}

struct Stats {
    median: Duration,
    p90: Duration,
    max: Duration,
}

fn stats(mut times: Vec<Duration>) -> Stats {
    times.sort();
    Stats { median: times[times.len() / 2], p90: times[times.len() * 9 / 10], max: times[times.len() - 1] }
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

fn report(name: &str, budget_ms: f64, s: &Stats) {
    let verdict = if ms(s.median) <= budget_ms { "ok" } else { "OVER BUDGET" };
    println!(
        "{name:<40} median {:>7.2} ms   p90 {:>7.2} ms   max {:>7.2} ms   (budget {budget_ms} ms: {verdict})",
        ms(s.median),
        ms(s.p90),
        ms(s.max)
    );
}

fn main() {
    // `cargo test --benches` runs this with `--bench` absent: do nothing then.
    if !std::env::args().any(|a| a == "--bench") {
        return;
    }
    let path = database();
    let today = today();

    // The first load on a freshly opened file: statements prepared, pages read from the OS cache.
    let mut first = Vec::new();
    for i in 0..10 {
        let store = Store::open(&path).expect("open");
        let reps = store.reps().expect("reps");
        let rep = reps[i % reps.len()].id;
        let started = Instant::now();
        dashboard::load(&store, rep, Span::Preset(Period::LAST_12_WEEKS), today).expect("load");
        first.push(started.elapsed());
    }
    report("rep, 12 weeks, first load after open", 10.0, &stats(first));

    let mut store = Store::open(&path).expect("open");
    let reps: Vec<_> = store.reps().expect("reps").into_iter().map(|r| r.id).collect();
    for (period, name) in [
        (Period::LAST_12_WEEKS, "rep, 12 weeks"),
        (Period::THIS_QUARTER, "rep, this quarter"),
        (Period::LAST_4_WEEKS, "rep, 4 weeks"),
        (Period::THIS_WEEK, "rep, this week"),
    ] {
        let mut times = Vec::new();
        for round in 0..6 {
            for &rep in &reps {
                let started = Instant::now();
                let d = dashboard::load(&store, rep, Span::Preset(period), today).expect("load");
                times.push(started.elapsed());
                assert!(round > 0 || d.trends.weeks.len() == 12);
            }
        }
        report(name, 10.0, &stats(times));
    }

    for (period, name) in [(Period::LAST_12_WEEKS, "team, 12 weeks"), (Period::LAST_4_WEEKS, "team, 4 weeks")] {
        let mut times = Vec::new();
        for _ in 0..25 {
            let started = Instant::now();
            let team = dashboard::load_team(&store, Span::Preset(period), today).expect("load_team");
            times.push(started.elapsed());
            assert_eq!(team.reps.len(), reps.len());
        }
        report(name, 100.0, &stats(times));
    }

    let rep = reps[0];
    let ((), statements) = store
        .count_statements(|s| {
            dashboard::load(s, rep, Span::Preset(Period::LAST_12_WEEKS), today).expect("load");
        })
        .expect("count");
    let ((), team_statements) = store
        .count_statements(|s| {
            dashboard::load_team(s, Span::Preset(Period::LAST_12_WEEKS), today).expect("load_team");
        })
        .expect("count");
    println!("statements: {statements} for a rep, {team_statements} for the team (whatever the data size)");
}
