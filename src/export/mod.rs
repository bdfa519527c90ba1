//! Files a manager sends: commitments as a calendar (iCalendar to-dos), a spreadsheet
//! (CSV) or a note (Markdown). Rendering is pure; every text from the data is made safe
//! for the format it goes to.

pub mod activities;
pub mod commitments;
pub mod deals;
pub mod reps;
