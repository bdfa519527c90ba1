//! The prospecting pane's state: which view of the figures shows, and the prospecting
//! review once started (it stays as it is while the manager looks at the figures).

use crate::tui::wizard::Wizard;

/// What the prospecting pane shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum ProspectingView {
    /// Volume against target, the funnel, trends and what stands out.
    #[default]
    Overview,
    /// Activity by channel, message or segment.
    Breakdown(Dimension),
    /// When the rep prospects: day and hour.
    Week,
    /// The prospecting review's questions and commitments.
    Review,
}

/// What activity is broken down by.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Dimension {
    #[default]
    Channel,
    Message,
    Segment,
}

impl Dimension {
    pub fn next(self) -> Dimension {
        match self {
            Dimension::Channel => Dimension::Message,
            Dimension::Message => Dimension::Segment,
            Dimension::Segment => Dimension::Channel,
        }
    }
}

#[derive(Debug, Default)]
pub struct ProspectingState {
    pub view: ProspectingView,
    /// The prospecting review in progress.
    pub review: Option<Wizard>,
}

impl ProspectingState {
    /// `b`: the breakdown, then the next dimension each time.
    pub fn next_breakdown(&mut self) {
        self.view = match self.view {
            ProspectingView::Breakdown(d) => ProspectingView::Breakdown(d.next()),
            _ => ProspectingView::Breakdown(Dimension::default()),
        };
    }
}
