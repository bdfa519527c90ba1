//! The deal challenge pane's state: how the rep's deals are sorted and filtered, the deal
//! under the cursor, its card zoomed or not, and the deal script once a deal is opened.

use chrono::NaiveDate;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use super::Cursor;
use crate::domain::challenge::{SortBy, order};
use crate::domain::ids::DealId;
use crate::domain::search::fuzzy_filter;
use crate::tui::strings;
use crate::tui::view::{DealView, RepView};
use crate::tui::wizard::Wizard;

#[derive(Debug)]
pub struct DealList {
    /// The deals shown, as indices into the rep's deals: sorted, then filtered.
    pub order: Vec<usize>,
    pub sort: SortBy,
    pub filter: String,
    /// The filter line has the keyboard.
    pub filtering: bool,
    /// Position in `order` of the deal under the cursor.
    pub cursor: Cursor,
    /// The deal card across the whole pane.
    pub card_zoom: bool,
    /// Lines of the zoomed card scrolled past.
    pub card_scroll: usize,
    /// The script of the deal opened.
    pub wizard: Option<Wizard>,
}

impl Default for DealList {
    fn default() -> Self {
        DealList {
            order: Vec::new(),
            sort: SortBy::Need,
            filter: String::new(),
            filtering: false,
            cursor: Cursor::default(),
            card_zoom: false,
            card_scroll: 0,
            wizard: None,
        }
    }
}

impl DealList {
    /// The deal under the cursor.
    pub fn selected<'a>(&self, view: Option<&'a RepView>) -> Option<&'a DealView> {
        let view = view?;
        self.order.get(self.cursor.index()).and_then(|&i| view.deals.get(i))
    }

    /// The deals shown, in order.
    pub fn listed<'a>(&self, view: Option<&'a RepView>) -> Vec<&'a DealView> {
        let Some(view) = view else { return Vec::new() };
        self.order.iter().filter_map(|&i| view.deals.get(i)).collect()
    }

    /// Sorts the rep's deals the chosen way, then keeps those matching the filter.
    pub fn reorder(&mut self, view: Option<&RepView>, today: NaiveDate) {
        let Some(view) = view else {
            self.order.clear();
            return;
        };
        self.order = if self.filter.trim().is_empty() {
            let mut listed: Vec<(usize, &DealView)> = view.deals.iter().enumerate().collect();
            order(&mut listed, |(_, d)| (&d.deal, &d.assessment), self.sort, today);
            if self.sort == SortBy::Need && !view.meeting_order.is_empty() {
                // During a meeting its order holds: a verdict does not re-rank the list under
                // the manager. Deals added since come after, by need.
                let at = |d: &DealView| view.meeting_order.iter().position(|id| *id == d.deal.id).unwrap_or(usize::MAX);
                listed.sort_by_key(|(_, d)| at(d));
            }
            listed.into_iter().map(|(i, _)| i).collect()
        } else {
            // Filtering, the best match comes first: that is the deal being looked for.
            let names: Vec<String> =
                view.deals.iter().map(|d| strings::deal_label(&d.deal.account, &d.deal.name)).collect();
            fuzzy_filter(&self.filter, names.iter().map(String::as_str))
        };
        self.cursor.clamp(self.order.len());
    }

    /// Puts the cursor on a deal, if it is listed.
    pub fn select(&mut self, view: Option<&RepView>, deal: DealId) {
        let Some(view) = view else { return };
        if let Some(pos) = self.order.iter().position(|&i| view.deals[i].deal.id == deal) {
            self.cursor = Cursor::at(pos);
        }
    }

    /// A key typed in the filter line; true when the filter changed (the list is then
    /// sorted again and the cursor goes to the best match).
    pub fn filter_key(&mut self, key: KeyEvent) -> bool {
        match key.code {
            KeyCode::Backspace => {
                self.filter.pop();
            }
            KeyCode::Char(c) if !key.modifiers.contains(KeyModifiers::CONTROL) => self.filter.push(c),
            _ => return false,
        }
        self.cursor = Cursor::default();
        true
    }

    /// The next deal a meeting challenges after `current`: the next in the meeting's order
    /// without today's verdict, after this one, then from the top.
    pub fn next_in_meeting(view: &RepView, current: Option<DealId>) -> Option<DealId> {
        let order = &view.meeting_order;
        let at = current.and_then(|id| order.iter().position(|o| *o == id)).map_or(0, |i| i + 1);
        let waiting =
            |id: &&DealId| view.deal(**id).is_some_and(|d| d.today_verdict.is_none() && Some(d.deal.id) != current);
        order[at.min(order.len())..].iter().find(waiting).or_else(|| order.iter().find(waiting)).copied()
    }

    /// The meeting's deals and how many have today's verdict, once a meeting has begun.
    pub fn meeting_progress(view: &RepView) -> Option<(usize, usize)> {
        if view.meeting_order.is_empty() {
            return None;
        }
        let listed = view.meeting_order.iter().filter_map(|id| view.deal(*id));
        let (total, done) = listed.fold((0, 0), |(n, done), d| (n + 1, done + usize::from(d.today_verdict.is_some())));
        Some((done, total))
    }

    /// Zooms the card, from its top.
    pub fn zoom_card(&mut self) {
        self.card_zoom = true;
        self.card_scroll = 0;
    }

    /// Scrolls the zoomed card, bounded by the lines it can hold at most (the screen shows
    /// what fits from there).
    pub fn scroll_card(&mut self, down: bool, most: usize) {
        self.card_scroll = if down { (self.card_scroll + 5).min(most) } else { self.card_scroll.saturating_sub(5) };
    }

    /// Back to the rep's whole list, unfiltered, as a new rep is selected.
    pub fn reset(&mut self) {
        *self = DealList { sort: self.sort, ..DealList::default() };
    }
}

/// The most lines a deal's card can take: what scrolling it may go past.
pub fn card_lines_at_most(d: &DealView) -> usize {
    // Facts and titles, then each row of a list on up to three lines once wrapped.
    30 + 3 * (d.assessment.badges.len() + d.checks.len() + d.notes.len() + d.commitments.len() + d.hypotheses.len())
        + 3 * d.changes.len()
        + d.history.len()
}
