//! Pure domain types and rules: no I/O, no clock. Anything that needs "today" takes it.

pub mod activity;
pub mod alerts;
pub mod blocks;
pub mod challenge;
pub mod change;
pub mod commitment;
pub mod dates;
pub mod deal;
pub mod hypothesis;
pub mod ids;
pub mod metrics;
pub mod money;
pub mod period;
pub mod prospecting;
pub mod review;
pub mod search;
pub mod target;
pub mod target_history;
pub mod text;
pub mod verdict;

/// An enumeration stored in SQLite as a lowercase word, with the list of its words.
macro_rules! word_enum {
    ($(#[$meta:meta])* $vis:vis enum $name:ident { $($(#[$vmeta:meta])* $variant:ident => $word:literal),+ $(,)? }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        $vis enum $name { $($(#[$vmeta])* $variant),+ }

        impl $name {
            /// Every value, in declaration order.
            pub const ALL: &'static [$name] = &[$($name::$variant),+];

            /// The word stored in the database.
            pub fn as_str(self) -> &'static str {
                match self { $($name::$variant => $word),+ }
            }

            /// Parses a stored word; `None` for anything else.
            pub fn from_word(word: &str) -> Option<Self> {
                match word { $($word => Some($name::$variant),)+ _ => None }
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.as_str())
            }
        }
    };
}
pub(crate) use word_enum;
