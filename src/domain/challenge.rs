//! Which deals need a challenge first.

use chrono::NaiveDate;

use super::deal::Deal;

/// Days a deal has spent in its stage beyond the stage's expected days (negative while
/// it is still within them). A stage unknown to the script counts from zero expected days.
pub fn stage_overrun(deal: &Deal, expected_days: Option<u32>, today: NaiveDate) -> i64 {
    deal.days_in_stage(today) - i64::from(expected_days.unwrap_or(0))
}

/// Sorts items holding deals: most days over their stage's expected time first, then the
/// larger amount, then the id so the order is stable.
pub fn by_stage_overrun<T>(
    items: &mut [T],
    deal: impl Fn(&T) -> &Deal,
    expected_days: impl Fn(&str) -> Option<u32>,
    today: NaiveDate,
) {
    items.sort_by_cached_key(|item| {
        let d = deal(item);
        (std::cmp::Reverse(stage_overrun(d, expected_days(&d.stage), today)), std::cmp::Reverse(d.amount_minor), d.id)
    });
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::deal::tests::{d, sample_deal};
    use crate::domain::ids::DealId;

    #[test]
    fn overrun_against_the_stage() {
        let deal = sample_deal(); // 41 days in stage on 27 Nov
        let today = d(2026, 11, 27);
        assert_eq!(stage_overrun(&deal, Some(21), today), 20);
        assert_eq!(stage_overrun(&deal, Some(60), today), -19);
        assert_eq!(stage_overrun(&deal, None, today), 41);
    }

    #[test]
    fn most_overdue_first_then_amount_then_id() {
        let today = d(2026, 11, 27);
        let mut a = sample_deal();
        a.id = DealId(1);
        a.stage_entered_on = d(2026, 11, 20); // 7 days
        let mut b = sample_deal();
        b.id = DealId(2);
        b.stage_entered_on = d(2026, 10, 1); // 57 days
        let mut c = sample_deal();
        c.id = DealId(3);
        c.stage_entered_on = d(2026, 11, 20);
        c.amount_minor = a.amount_minor * 2;
        let mut e = sample_deal();
        e.id = DealId(4);
        e.stage_entered_on = d(2026, 11, 20);
        let mut deals = vec![a, b, c, e];
        by_stage_overrun(&mut deals, |x| x, |_| Some(21), today);
        let ids: Vec<i64> = deals.iter().map(|x| x.id.0).collect();
        assert_eq!(ids, vec![2, 3, 1, 4]);
    }
}
