//! The one place that reads the system clock. Tests and demos pin "today" instead.

use chrono::{Local, NaiveDate, NaiveDateTime};

/// Today's date and the current time, with an optional fixed day.
#[derive(Debug, Clone, Copy, Default)]
pub struct Clock {
    fixed_day: Option<NaiveDate>,
}

impl Clock {
    /// The system clock.
    pub fn system() -> Clock {
        Clock { fixed_day: None }
    }

    /// A clock whose day is always `day` (the time of day still advances).
    pub fn fixed(day: NaiveDate) -> Clock {
        Clock { fixed_day: Some(day) }
    }

    pub fn today(&self) -> NaiveDate {
        self.fixed_day.unwrap_or_else(|| Local::now().date_naive())
    }

    /// A number that grows across runs of the app (milliseconds since 1970, times 1,000), to
    /// start counting its undo groups from: a new run never folds into an earlier run's step.
    pub fn token_seed(&self) -> u64 {
        u64::try_from(Local::now().timestamp_millis()).unwrap_or_default() * 1000
    }

    pub fn now(&self) -> NaiveDateTime {
        let now = Local::now().naive_local();
        match self.fixed_day {
            Some(day) => day.and_time(now.time()),
            None => now,
        }
    }
}
