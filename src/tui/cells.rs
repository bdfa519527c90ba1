//! The last pass over a frame before it reaches the terminal: every cell drawn as wide as the
//! layout counted it. Terminals disagree on how wide some emoji are (a flag, a sequence joined
//! by U+200D, a skin tone, a variation selector: one cell in one terminal, two or four in
//! another), and a wide character half covered by a popup is erased whole by the terminal,
//! border and all. Such cells are redrawn in what every terminal draws alike.

use ratatui::buffer::Buffer;
use unicode_segmentation::UnicodeSegmentation;
use unicode_width::UnicodeWidthStr;

/// Makes every cell of `buffer` safe to draw: emoji whose width terminals disagree on are
/// written plainly (a flag as its two letters, a sequence as its first emoji), and a wide
/// character whose second half something else covers becomes a blank.
pub fn settle(buffer: &mut Buffer) {
    let area = buffer.area;
    for y in area.top()..area.bottom() {
        let mut x = area.left();
        while x < area.right() {
            let symbol = buffer[(x, y)].symbol();
            let width = u16::try_from(symbol.width()).unwrap_or(u16::MAX);
            let covered = (1..width).any(|dx| {
                let cx = x.saturating_add(dx);
                cx >= area.right() || !buffer[(cx, y)].symbol().trim().is_empty()
            });
            if covered {
                buffer[(x, y)].set_symbol(" ");
                // What covers it is looked at in turn: it may be wide too.
                x += 1;
                continue;
            }
            if let Some(plain) = plainly(symbol) {
                // One grapheme a cell, over the cells the symbol hid: a terminal moves one
                // column per cell it is told of.
                let style = buffer[(x, y)].style();
                let mut cx = x;
                for grapheme in plain.graphemes(true) {
                    buffer[(cx, y)].set_symbol(grapheme).set_style(style);
                    cx = cx.saturating_add(u16::try_from(grapheme.width().max(1)).unwrap_or(1));
                }
            }
            x = x.saturating_add(width.max(1));
        }
    }
}

/// The regional indicator letters: two of them make a flag.
const REGIONAL: std::ops::RangeInclusive<char> = '\u{1F1E6}'..='\u{1F1FF}';

/// Whether a character makes a terminal's idea of a grapheme's width unreliable.
fn unsettling(ch: char) -> bool {
    REGIONAL.contains(&ch)
        || matches!(ch,
            '\u{200D}'                      // zero-width joiner: 👩‍💻
            | '\u{FE0E}' | '\u{FE0F}'       // text / emoji presentation selectors: ❤️
            | '\u{1F3FB}'..='\u{1F3FF}'     // skin tones: 👍🏽
            | '\u{20E3}'                    // keycap: 1️⃣
            | '\u{E0020}'..='\u{E007F}') // tag sequences: subdivision flags
}

/// A grapheme written so every terminal draws it as wide as the layout counted it (its
/// width by Unicode), when it is one terminals disagree on; `None` when it is safe as it is.
fn plainly(symbol: &str) -> Option<String> {
    if !symbol.chars().any(unsettling) {
        return None;
    }
    let width = symbol.width();
    let mut plain: String = if symbol.chars().all(|ch| REGIONAL.contains(&ch)) {
        // 🇫🇷 → FR: the flag's country, in letters.
        symbol.chars().map(|ch| char::from(b'A' + (u32::from(ch) - 0x1F1E6) as u8)).collect()
    } else {
        // The sequence's first character, without what joins or modifies it.
        symbol.chars().take(1).filter(|ch| !unsettling(*ch)).collect()
    };
    while plain.width() < width {
        plain.push(' ');
    }
    if plain.width() > width || plain.is_empty() {
        plain = " ".repeat(width.max(1));
    }
    Some(plain)
}

#[cfg(test)]
mod tests {
    use ratatui::layout::Rect;

    use super::*;

    fn row(text: &str, width: u16) -> Buffer {
        let mut buffer = Buffer::empty(Rect::new(0, 0, width, 1));
        buffer.set_string(0, 0, text, ratatui::style::Style::default());
        buffer
    }

    fn shown(buffer: &Buffer) -> String {
        (0..buffer.area.width).map(|x| buffer[(x, 0)].symbol().to_string()).collect()
    }

    #[test]
    fn emoji_terminals_disagree_on_are_drawn_plainly() {
        assert_eq!(plainly("🇫🇷"), Some("FR".to_string()));
        assert_eq!(plainly("👩\u{200D}💻"), Some("👩".to_string()));
        assert_eq!(plainly("👍🏽"), Some("👍".to_string()));
        assert_eq!(plainly("❤\u{FE0F}"), Some("❤ ".to_string()));
        assert_eq!(plainly("北"), None);
        assert_eq!(plainly("é"), None);
        assert_eq!(plainly("e\u{301}"), None, "a combining accent is safe");
        for symbol in ["🇫🇷", "👩\u{200D}💻", "👍🏽", "❤\u{FE0F}", "1\u{FE0F}\u{20E3}", "🇫"] {
            let plain = plainly(symbol).unwrap();
            assert_eq!(plain.width(), symbol.width(), "{symbol:?} keeps its width: {plain:?}");
        }
        let mut buffer = row("a🇫🇷b👩\u{200D}💻c", 10);
        settle(&mut buffer);
        // A flag's letters one a cell; the emoji's second cell stays blank under it.
        assert_eq!(shown(&buffer), "aFRb👩 c   ", "{buffer:?}");
    }

    #[test]
    fn a_wide_character_half_covered_becomes_a_blank() {
        let mut buffer = row("a北京b", 6);
        // A popup's border drawn over the second half of 北.
        buffer[(2, 0)].set_symbol("│");
        settle(&mut buffer);
        assert_eq!(buffer[(1, 0)].symbol(), " ");
        assert_eq!(buffer[(2, 0)].symbol(), "│");
        assert_eq!(buffer[(3, 0)].symbol(), "京");
        // Cut by the right edge.
        let mut buffer = row("ab北", 3);
        settle(&mut buffer);
        assert_ne!(buffer[(2, 0)].symbol(), "北");
    }
}
