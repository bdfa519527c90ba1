//! A tiny seeded generator (SplitMix64) for the demo data.
//!
//! Hand-written rather than a crate so the output can never change under us with a
//! dependency update: the same seed must write the same database on every machine.
//! Only integer arithmetic and plain f64 multiplications are used (no `ln`/`exp`),
//! because libm results may differ between platforms.

use chrono::{Duration, NaiveDate};

use crate::domain::dates::days_between;

/// Independent streams, so that changing the size of one part of the data (say, the
/// number of activities) does not reshuffle another (the deals).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Stream {
    Team = 1,
    Deals = 2,
    Activities = 3,
    Reviews = 4,
    /// Verdicts, hypotheses, criterion notes and fact changes: drawn apart, so adding them
    /// left every row the generator wrote before them as it was.
    Challenge = 5,
}

#[derive(Debug, Clone)]
pub struct Rng(u64);

const GOLDEN: u64 = 0x9E37_79B9_7F4A_7C15;

impl Rng {
    /// The generator for one stream of one seed, optionally split further by `index`
    /// (a rep's own stream, for instance).
    pub fn new(seed: u64, stream: Stream, index: u64) -> Rng {
        let mut mixer = Rng(seed ^ (stream as u64).wrapping_mul(GOLDEN));
        let base = mixer.next_u64();
        let mut rng = Rng(base ^ index.wrapping_mul(0xD1B5_4A32_D192_ED03));
        rng.next_u64();
        rng
    }

    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(GOLDEN);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A number in `0..n` (0 when `n` is 0), by multiply-shift: no division in the hot loop.
    pub fn below(&mut self, n: u64) -> u64 {
        ((u128::from(self.next_u64()) * u128::from(n)) >> 64) as u64
    }

    /// An index in `0..len`.
    pub fn index(&mut self, len: usize) -> usize {
        self.below(len as u64) as usize
    }

    /// A number in `lo..=hi` (`lo` when the range is empty).
    pub fn range(&mut self, lo: i64, hi: i64) -> i64 {
        if hi <= lo {
            return lo;
        }
        lo + self.below((hi - lo) as u64 + 1) as i64
    }

    /// A day in `from..=to` (`from` when `to` is not after it).
    pub fn day(&mut self, from: NaiveDate, to: NaiveDate) -> NaiveDate {
        from + Duration::days(self.range(0, days_between(from, to)))
    }

    /// A float in `[0, 1)`.
    pub fn unit(&mut self) -> f64 {
        (self.next_u64() >> 11) as f64 * (1.0 / (1u64 << 53) as f64)
    }

    /// A float in `[lo, hi)`.
    pub fn between(&mut self, lo: f64, hi: f64) -> f64 {
        lo + (hi - lo) * self.unit()
    }

    pub fn chance(&mut self, p: f64) -> bool {
        self.unit() < p
    }

    pub fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.index(items.len())]
    }

    /// One of a list of words (`pick` on `&[&str]` would hand back a `&&str`).
    pub fn word<'a>(&mut self, words: &[&'a str]) -> &'a str {
        words[self.index(words.len())]
    }

    /// An index drawn with the given weights; the last index when they are all zero.
    pub fn weighted(&mut self, weights: &[u32]) -> usize {
        let total: u64 = weights.iter().map(|&w| u64::from(w)).sum();
        let mut x = self.below(total);
        for (i, &w) in weights.iter().enumerate() {
            if x < u64::from(w) {
                return i;
            }
            x -= u64::from(w);
        }
        weights.len().saturating_sub(1)
    }
}

/// Splits `total` into parts proportional to `weights`, summing exactly to `total`
/// (cumulative rounding, so the split is stable and needs no sorting).
pub fn split(total: u64, weights: &[u64]) -> Vec<u64> {
    let sum: u128 = weights.iter().map(|&w| u128::from(w)).sum();
    if sum == 0 {
        let mut parts = vec![0; weights.len()];
        if let Some(first) = parts.first_mut() {
            *first = total;
        }
        return parts;
    }
    let mut parts = Vec::with_capacity(weights.len());
    let (mut acc, mut given) = (0u128, 0u64);
    for &w in weights {
        acc += u128::from(w);
        let upto = (u128::from(total) * acc / sum) as u64;
        parts.push(upto - given);
        given = upto;
    }
    parts
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn same_seed_same_numbers_and_streams_differ() {
        let a: Vec<u64> = (0..5).map(|_| Rng::new(7, Stream::Deals, 0).next_u64()).collect();
        assert!(a.windows(2).all(|w| w[0] == w[1]));
        let mut deals = Rng::new(7, Stream::Deals, 0);
        let mut acts = Rng::new(7, Stream::Activities, 0);
        assert_ne!(deals.next_u64(), acts.next_u64());
        let mut rep0 = Rng::new(7, Stream::Deals, 0);
        let mut rep1 = Rng::new(7, Stream::Deals, 1);
        assert_ne!(rep0.next_u64(), rep1.next_u64());
    }

    #[test]
    fn bounded_draws_stay_in_bounds() {
        let mut rng = Rng::new(1, Stream::Team, 0);
        for _ in 0..10_000 {
            assert!(rng.below(7) < 7);
            let r = rng.range(-3, 3);
            assert!((-3..=3).contains(&r));
            let u = rng.unit();
            assert!((0.0..1.0).contains(&u));
        }
        assert_eq!(rng.below(0), 0);
        assert_eq!(rng.range(5, 2), 5);
        assert_eq!(rng.weighted(&[0, 0, 5]), 2);
        assert_eq!(rng.weighted(&[0, 0]), 1);
    }

    #[test]
    fn split_is_exact() {
        assert_eq!(split(10, &[1, 1, 1]), vec![3, 3, 4]);
        assert_eq!(split(0, &[1, 2]), vec![0, 0]);
        assert_eq!(split(5, &[0, 0]), vec![5, 0]);
        let parts = split(1_000_003, &[3, 0, 7, 11, 2]);
        assert_eq!(parts.iter().sum::<u64>(), 1_000_003);
        assert_eq!(parts[1], 0);
    }
}
