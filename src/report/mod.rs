//! Headless reports: the figures a pane shows, printed as text, CSV or JSON.
//!
//! `sparring report dashboard` loads the figures with [`crate::dashboard::load`] or
//! [`crate::dashboard::load_team`], the very functions the prospecting pane calls, then only
//! formats them: the report and the screen cannot disagree. The formats are described in
//! `docs/report.md`.

pub mod csv;
pub mod doctor;
pub mod json;
pub mod text;

use chrono::NaiveDate;

use crate::dashboard::{self, Compared, Dashboard, Span, TeamDashboard};
use crate::domain::alerts::Alert;
use crate::domain::dates::parse_iso;
use crate::domain::ids::RepId;
use crate::domain::period::{DateRange, Length, Period};
use crate::domain::search::{NameMatch, match_name};
use crate::domain::text::in_message;
use crate::error::Error;
use crate::store::Store;
use crate::wording as strings;

/// How a report is printed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, clap::ValueEnum)]
pub enum Format {
    /// Aligned text for a terminal or an email.
    #[default]
    Text,
    /// One long table: section, key, metric, value.
    Csv,
    /// One JSON document, described in docs/report.md.
    Json,
}

/// Whose dashboard.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Who {
    /// A rep, by name (any case).
    Rep(String),
    Team,
}

/// What was loaded: one rep's dashboard, or the team view.
#[derive(Debug, Clone, PartialEq)]
pub enum Loaded {
    Rep { name: String, dashboard: Dashboard },
    Team(TeamDashboard),
}

/// The forms `--period` accepts.
pub const PERIOD_FORMS: &str =
    "this-week, last-week, 4w, quarter, 12w, or FROM..TO with ISO dates (2026-09-01..2026-11-27)";

/// Parses `--period`: a period of the pane (`this-week`, `last-week`, `4w`, `quarter`, `12w`,
/// and their long names) or an inclusive range `FROM..TO` of ISO dates.
pub fn parse_span(text: &str) -> Result<Span, String> {
    let period = match text.trim().to_lowercase().as_str() {
        "this-week" | "week" | "1w" => Period::THIS_WEEK,
        "last-week" | "lw" => Period::LAST_WEEK,
        "4w" | "last-4-weeks" => Period::LAST_4_WEEKS,
        "quarter" | "this-quarter" | "q" => Period::THIS_QUARTER,
        "12w" | "last-12-weeks" => Period::LAST_12_WEEKS,
        other => {
            let Some((from, to)) = other.split_once("..") else {
                return Err(format!("{text:?} is not a period; use {PERIOD_FORMS}"));
            };
            let date = |part: &str| {
                let part = part.trim();
                (part.len() == 10)
                    .then(|| parse_iso(part))
                    .flatten()
                    .ok_or_else(|| format!("{part:?} is not a date (YYYY-MM-DD) in {text:?}; use {PERIOD_FORMS}"))
            };
            let (from, to) = (date(from)?, date(to)?);
            if from > to {
                return Err(format!("{text:?} ends before it starts"));
            }
            return Ok(Span::Custom(DateRange { from, to }));
        }
    };
    Ok(Span::Preset(period))
}

/// `--back N`: the period N periods of its length before `span` (as `[` pressed N times in
/// the pane). A range of dates has no length to step by: refused.
pub fn step_back(span: Span, back: u32) -> Result<Span, Error> {
    match span {
        _ if back == 0 => Ok(span),
        Span::Preset(period) => Ok(Span::Preset(Period { back: period.back.saturating_add(back), ..period })),
        Span::Custom(_) => Err(Error::Usage(
            "--back steps one of the pane's periods (this-week, 4w…) back; a range FROM..TO already says its days"
                .into(),
        )),
    }
}

/// Loads the figures the pane would show for `who` over `span` on `today`. An unknown rep is
/// a usage error that lists the reps there are.
pub fn load(store: &Store, who: &Who, span: Span, today: NaiveDate) -> Result<Loaded, Error> {
    match who {
        Who::Rep(name) => {
            let (rep, name) =
                find_rep(store, name, "--rep: ", "the database has no reps yet: add one with `sparring add rep NAME`")?;
            Ok(Loaded::Rep { name, dashboard: dashboard::load(store, rep, span, today)? })
        }
        Who::Team => Ok(Loaded::Team(dashboard::load_team_comparing(store, span, today, Compared::Breakdowns)?)),
    }
}

/// The rep called `name` (any case, see [`Store::rep_by_name`]) and the name it is stored
/// under. A name that matches no rep is a usage error, `flag` first, listing the reps there
/// are, or saying `no_reps` when there is none.
pub fn find_rep(store: &Store, name: &str, flag: &str, no_reps: &str) -> Result<(RepId, String), Error> {
    // A long team is named in part: the first few, then how many more.
    const LISTED: usize = 12;
    let reps = store.reps()?;
    if reps.is_empty() {
        return Err(Error::Usage(format!("{flag}no rep named \"{}\" ({no_reps})", in_message(name))));
    }
    let names = || {
        let mut listed: Vec<String> = reps.iter().take(LISTED).map(|r| in_message(&r.name)).collect();
        if reps.len() > LISTED {
            listed.push(format!("and {} more", reps.len() - LISTED));
        }
        listed.join(", ")
    };
    match match_name(name, reps.iter().map(|r| r.name.as_str())) {
        NameMatch::One(i) => Ok((reps[i].id, reps[i].name.clone())),
        NameMatch::None => {
            Err(Error::Usage(format!("{flag}no rep named \"{}\" (known reps: {})", in_message(name), names())))
        }
        NameMatch::Many(hits) => {
            let which: Vec<String> = hits.iter().take(LISTED).map(|&i| in_message(&reps[i].name)).collect();
            Err(Error::Usage(format!("{flag}\"{}\" could be {}: say which", in_message(name), which.join(" or "))))
        }
    }
}

/// The report for `who` over `span` on `today`, in `format`.
pub fn dashboard_report(
    store: &Store,
    who: &Who,
    span: Span,
    format: Format,
    today: NaiveDate,
) -> Result<String, Error> {
    let loaded = load(store, who, span, today)?;
    Ok(render(&loaded, format, today))
}

/// Formats loaded figures.
pub fn render(loaded: &Loaded, format: Format, today: NaiveDate) -> String {
    match format {
        Format::Text => text::render(loaded, today),
        Format::Csv => csv::render(loaded, today),
        Format::Json => json::render(loaded, today),
    }
}

/// The stable word of one of the length key's periods in CSV and JSON; none for a period
/// stepped back to (its `length` and `back` say which).
pub fn period_word(period: Period) -> Option<&'static str> {
    match (period.length, period.back) {
        (Length::Week, 0) => Some("this_week"),
        (Length::Week, 1) => Some("last_week"),
        (Length::FourWeeks, 0) => Some("last_4_weeks"),
        (Length::Quarter, 0) => Some("this_quarter"),
        (Length::TwelveWeeks, 0) => Some("last_12_weeks"),
        _ => None,
    }
}

/// The stable word of a period's length in CSV and JSON.
pub fn length_word(length: Length) -> &'static str {
    match length {
        Length::Week => "week",
        Length::FourWeeks => "4_weeks",
        Length::Quarter => "quarter",
        Length::TwelveWeeks => "12_weeks",
    }
}

/// An alert in the pane's words ("in the last 4 weeks", "last week", "in the period").
pub fn alert_text(alert: &Alert, d: &Dashboard) -> String {
    strings::alert_text(alert, &strings::period_when(d.period(), d.range), &d.currency)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn periods_as_typed() {
        assert_eq!(parse_span("this-week"), Ok(Span::Preset(Period::THIS_WEEK)));
        assert_eq!(parse_span("last-week"), Ok(Span::Preset(Period::LAST_WEEK)));
        assert_eq!(parse_span("4w"), Ok(Span::Preset(Period::LAST_4_WEEKS)));
        assert_eq!(parse_span("Quarter"), Ok(Span::Preset(Period::THIS_QUARTER)));
        assert_eq!(parse_span(" 12w "), Ok(Span::Preset(Period::LAST_12_WEEKS)));
        assert_eq!(
            parse_span("2026-09-01..2026-11-27"),
            Ok(Span::Custom(DateRange { from: d(2026, 9, 1), to: d(2026, 11, 27) }))
        );
        assert_eq!(parse_span("2026-11-27..2026-11-27").map(|s| s.range(d(2000, 1, 1)).days()), Ok(1));
    }

    #[test]
    fn back_steps_a_period_by_its_length() {
        let four = Span::Preset(Period::LAST_4_WEEKS);
        assert_eq!(step_back(four, 0).unwrap(), four);
        assert_eq!(step_back(four, 2).unwrap(), Span::Preset(Period::LAST_4_WEEKS.earlier().earlier()));
        let range = parse_span("2026-09-01..2026-11-27").unwrap();
        assert_eq!(step_back(range, 0).unwrap(), range);
        assert!(matches!(step_back(range, 1), Err(Error::Usage(_))));
        assert_eq!(period_word(Period::LAST_WEEK), Some("last_week"));
        assert_eq!(period_word(Period::LAST_WEEK.earlier()), None);
    }

    #[test]
    fn bad_periods_say_the_accepted_forms() {
        for bad in ["month", "2026-09-01", "2026-09-01..", "2026-09-01..27/11/2026", "2026-02-30..2026-03-01"] {
            let err = parse_span(bad).unwrap_err();
            assert!(err.contains("this-week, last-week, 4w, quarter, 12w"), "{bad}: {err}");
        }
        assert_eq!(
            parse_span("2026-11-27..2026-09-01").unwrap_err(),
            "\"2026-11-27..2026-09-01\" ends before it starts"
        );
    }
}
