//! What `sparring doctor` prints of a database's health, and `sparring backup`'s size.

use std::fmt::Write as _;
use std::path::Path;

use crate::domain::money::group_thousands;
use crate::domain::text::one_line;
use crate::store::SCHEMA_VERSION;
use crate::store::health::Health;

/// Sizes as people read them: "812 B", "35 KB", "168.9 MB".
pub fn bytes(n: u64) -> String {
    const KB: u64 = 1024;
    match n {
        0..KB => format!("{n} B"),
        KB..1_048_576 => format!("{} KB", n / KB),
        _ => format!("{:.1} MB", n as f64 / 1_048_576.0),
    }
}

/// The report, a line per finding, paths made safe.
pub fn report(path: &Path, health: &Health) -> String {
    let shown = |p: &Path| one_line(&p.display().to_string()).into_owned();
    let mut out = String::new();
    let _ = writeln!(out, "Database   {}", shown(path));
    let integrity = if health.integrity == ["ok"] { "ok".to_string() } else { health.integrity.join("; ") };
    let _ = writeln!(out, "Integrity  {}", one_line(&integrity));
    let version = match health.version {
        v if v == SCHEMA_VERSION => format!("{v} (what this sparring writes)"),
        v => format!("{v} (this sparring writes {SCHEMA_VERSION}: it updates the file when it opens it)"),
    };
    let _ = writeln!(out, "Schema     version {version}");
    let sizes: Vec<String> = health
        .sizes
        .iter()
        .map(|(file, n)| {
            let name = file.file_name().map(|f| one_line(&f.to_string_lossy()).into_owned()).unwrap_or_default();
            format!("{name} {}", bytes(*n))
        })
        .collect();
    let _ = writeln!(out, "Files      {}", sizes.join(", "));
    let rows: Vec<String> = health.rows.iter().map(|(table, n)| format!("{} {table}", group_thousands(*n))).collect();
    let _ = writeln!(out, "Rows       {}", rows.join(", "));
    let sums = match &health.sums_out_of_step {
        None => "not kept yet (the file's version predates them)".to_string(),
        Some(tables) if tables.is_empty() => "in step with the activities".to_string(),
        Some(tables) => format!("out of step: {} (written by hand?)", tables.join(", ")),
    };
    let _ = writeln!(out, "Sums       {sums}");
    let lock = match &health.holder {
        None => "free: no sparring has the file open".to_string(),
        Some(holder) => format!("{holder}"),
    };
    let _ = writeln!(out, "Open       {lock}");
    let privacy = if health.not_private.is_empty() {
        "readable by you only".to_string()
    } else {
        let listed: Vec<String> =
            health.not_private.iter().map(|(file, mode)| format!("{} ({mode:o})", shown(file))).collect();
        format!("others can read {}", listed.join(", "))
    };
    let _ = writeln!(out, "Privacy    {privacy}");
    if let Some((folder, mode)) = &health.open_folder {
        let _ = writeln!(
            out,
            "           (others can list its folder {} ({mode:o}); `chmod 700` it if it is yours alone)",
            shown(folder)
        );
    }
    out
}

/// What needs attention, in one line (the error `doctor` ends with).
pub fn attention(health: &Health) -> String {
    let mut what = Vec::new();
    if health.integrity != ["ok"] {
        what.push("the integrity check found problems: restore a backup (`sparring backup` makes one)".to_string());
    }
    if health.sums_out_of_step.as_ref().is_some_and(|t| !t.is_empty()) {
        what.push("the activity sums are out of step: they were written by hand".to_string());
    }
    if !health.not_private.is_empty() {
        what.push("others can read the database's files: `sparring doctor --fix` makes them yours only".to_string());
    }
    what.join("; ")
}
