//! Fuzzy filtering of the deal list (`/`), on "account — deal name".
//!
//! Matching is nucleo's (the fzf algorithm): the query's characters must appear in order,
//! gaps allowed, with bonuses for word starts and runs. Each space-separated word of the
//! query must match on its own, so "acme roll" works like "acmeroll" but in any order.
//! Case is smart (an upper-case letter in a word makes that word case-sensitive) and
//! accents are ignored unless the query has some ("zoe" finds "Zoé", "zoé" only "Zoé").

use std::cmp::Reverse;

use nucleo_matcher::pattern::{AtomKind, CaseMatching, Normalization, Pattern};
use nucleo_matcher::{Config, Matcher, Utf32Str};

/// The indices of the candidates that match `query`, best match first; equal matches
/// keep their input order. A blank query keeps every candidate, in order.
pub fn fuzzy_filter<'a>(query: &str, candidates: impl IntoIterator<Item = &'a str>) -> Vec<usize> {
    let candidates = candidates.into_iter();
    if query.trim().is_empty() {
        return (0..candidates.count()).collect();
    }
    // `Pattern::new`, not `parse`: account names may hold `!`, `'`, `^` or `$`, which
    // `parse` would read as operators.
    let pattern = Pattern::new(query, CaseMatching::Smart, Normalization::Smart, AtomKind::Fuzzy);
    // One matcher per call (about 135 KB): a call filters a whole list, once per keystroke.
    let mut matcher = Matcher::new(Config::DEFAULT);
    let mut buf = Vec::new();
    let mut hits: Vec<(usize, u32)> = candidates
        .enumerate()
        .filter_map(|(i, candidate)| pattern.score(Utf32Str::new(candidate, &mut buf), &mut matcher).map(|s| (i, s)))
        .collect();
    // A stable sort, so equal scores stay in input order.
    hits.sort_by_key(|&(_, score)| Reverse(score));
    hits.into_iter().map(|(i, _)| i).collect()
}

/// How a typed name matched a list of names.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum NameMatch {
    One(usize),
    None,
    /// Several names start so: the indices, to say which.
    Many(Vec<usize>),
}

/// The name `query` means among `names`, as people type it: the whole name in any case,
/// else the one name whose words start with the query's words ("emma", "em fi", "fischer").
pub fn match_name<'a>(query: &str, names: impl IntoIterator<Item = &'a str>) -> NameMatch {
    let lower = |s: &str| s.trim().to_lowercase();
    let names: Vec<String> = names.into_iter().map(lower).collect();
    let query = lower(query);
    if query.is_empty() {
        return NameMatch::None;
    }
    if let Some(i) = names.iter().position(|n| *n == query) {
        return NameMatch::One(i);
    }
    let wanted: Vec<&str> = query.split_whitespace().collect();
    let fits = |name: &str| {
        let words: Vec<&str> = name.split_whitespace().collect();
        // Each typed word starts a word of the name, in order.
        let mut at = 0;
        wanted.iter().all(|w| match words[at..].iter().position(|n| n.starts_with(w)) {
            Some(i) => {
                at += i + 1;
                true
            }
            None => false,
        })
    };
    let hits: Vec<usize> = names.iter().enumerate().filter(|(_, n)| fits(n)).map(|(i, _)| i).collect();
    match hits.as_slice() {
        [] => NameMatch::None,
        [one] => NameMatch::One(*one),
        _ => NameMatch::Many(hits),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_rep_is_found_by_first_name_or_prefix() {
        let reps = ["Emma Fischer", "Hélène Petit", "Emil Berg", "Zoë Ortega"];
        let m = |q: &str| match_name(q, reps);
        assert_eq!(m("emma fischer"), NameMatch::One(0));
        assert_eq!(m("emma"), NameMatch::One(0));
        assert_eq!(m("fischer"), NameMatch::One(0));
        assert_eq!(m("HÉLÈNE"), NameMatch::One(1));
        assert_eq!(m("em"), NameMatch::Many(vec![0, 2]), "two reps start so: ask which");
        assert_eq!(m("em b"), NameMatch::One(2));
        assert_eq!(m("nobody"), NameMatch::None);
        assert_eq!(m("  "), NameMatch::None);
    }

    const DEALS: [&str; 5] = [
        "Globex — Renewal 2027",
        "Acme Corp — Platform rollout",
        "Zoé Conseil — Pilot",
        "Initech — Acme migration",
        "Umbrella — Security audit",
    ];

    #[test]
    fn subsequence_matches() {
        assert_eq!(fuzzy_filter("acmrol", DEALS), vec![1]);
        assert_eq!(fuzzy_filter("  rollout ", DEALS), vec![1]);
        assert_eq!(fuzzy_filter("acme roll", DEALS), vec![1], "each word must match");
        assert_eq!(fuzzy_filter("roll acme", DEALS), vec![1], "in any order");
    }

    #[test]
    fn best_match_first_and_non_matches_left_out() {
        let found = fuzzy_filter("acme", DEALS);
        assert_eq!(found, vec![1, 3], "the account's start beats a word inside the name");
        assert!(fuzzy_filter("xyzzy", DEALS).is_empty());
    }

    #[test]
    fn equal_matches_keep_input_order() {
        let same = ["Acme — Pilot", "Acme — Pilot", "Acme — Pilot"];
        assert_eq!(fuzzy_filter("pilot", same), vec![0, 1, 2]);
    }

    #[test]
    fn blank_query_keeps_everything_in_order() {
        assert_eq!(fuzzy_filter("", DEALS), vec![0, 1, 2, 3, 4]);
        assert_eq!(fuzzy_filter("   ", DEALS), vec![0, 1, 2, 3, 4]);
        assert!(fuzzy_filter("", std::iter::empty()).is_empty());
        assert!(fuzzy_filter("acme", std::iter::empty()).is_empty());
    }

    #[test]
    fn smart_case() {
        assert_eq!(fuzzy_filter("umbrella", DEALS), vec![4]);
        assert_eq!(fuzzy_filter("Umbrella", DEALS), vec![4]);
        assert!(fuzzy_filter("UMBRELLA", DEALS).is_empty(), "upper case in the query means it");
    }

    #[test]
    fn accents_ignored_unless_typed() {
        assert_eq!(fuzzy_filter("zoe", DEALS), vec![2]);
        assert_eq!(fuzzy_filter("zoé", DEALS), vec![2]);
        assert!(fuzzy_filter("zoé", ["Zoe Conseil — Pilot"]).is_empty());
    }

    #[test]
    fn operator_characters_are_plain_text() {
        assert_eq!(fuzzy_filter("!bang", ["Yahoo — !Bang", "Bang — Pilot"]), vec![0]);
        assert_eq!(fuzzy_filter("o'b", ["O'Brien — Audit", "Globex — Pilot"]), vec![0]);
    }
}
