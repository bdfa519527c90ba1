//! What the benches share: the database they run on and the day they pretend it is.
//!
//! `SPARRING_BENCH_DB=/path/big.db` runs a bench on a copy of that file (a session writes
//! answers and verdicts; the file itself is never changed), `SPARRING_BENCH_TODAY=YYYY-MM-DD`
//! sets the day; without them, the default demo team on 27 November 2026.

#![allow(dead_code)]

use chrono::NaiveDate;
use sparring::demo::{DemoParams, generate};
use sparring::script::Script;
use sparring::store::Store;
use tempfile::TempDir;

/// `SPARRING_BENCH_TODAY`, or 27 November 2026 (the day the large demo is made for) when
/// no date is given.
pub fn today() -> NaiveDate {
    std::env::var("SPARRING_BENCH_TODAY")
        .ok()
        .and_then(|d| NaiveDate::parse_from_str(&d, "%Y-%m-%d").ok())
        .unwrap_or_else(|| NaiveDate::from_ymd_opt(2026, 11, 27).expect("a date"))
}

/// The bench's store (a copy of `SPARRING_BENCH_DB`, or the default demo team made for
/// `today()`), the folder it lives in (keep it while the store is used) and today.
pub fn open() -> (Store, TempDir, NaiveDate) {
    let today = today();
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("bench.db");
    if let Some(source) = std::env::var_os("SPARRING_BENCH_DB") {
        let store = Store::open(std::path::Path::new(&source)).expect("open the bench database");
        store.checkpoint().expect("checkpoint");
        drop(store);
        std::fs::copy(&source, &path).expect("copy the bench database");
        return (Store::open(&path).expect("open the copy"), dir, today);
    }
    let mut store = Store::open(&path).expect("create");
    generate(&mut store, &Script::embedded(), &DemoParams::default_for(today)).expect("demo");
    (store, dir, today)
}
