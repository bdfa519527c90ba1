//! Small drawing helpers shared by the panes: data text made safe and fitted to a width,
//! text bars, section titles, panels.

use chrono::NaiveDate;
use ratatui::layout::{Constraint, Flex, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph};
use unicode_segmentation::UnicodeSegmentation;
use unicode_width::UnicodeWidthStr;

use super::form::{Field, Fields, Kind};
use super::strings;
use super::theme::Theme;
use crate::domain::dates::{Direction, parse_natural};
use crate::domain::text::one_line;

/// Text from data, made safe for the terminal and cut to `width` columns with an ellipsis.
pub fn fit(text: &str, width: usize) -> String {
    let clean = one_line(text);
    if clean.width() <= width {
        return clean.into_owned();
    }
    if width == 0 {
        return String::new();
    }
    // Cut between graphemes: half a flag or an emoji sequence would draw as garbage.
    let mut out = String::new();
    let mut used = 0;
    for grapheme in clean.graphemes(true) {
        let w = grapheme.width();
        if used + w > width - 1 {
            break;
        }
        out.push_str(grapheme);
        used += w;
    }
    out.push('…');
    out
}

/// Text from data, made safe, padded or cut to exactly `width` columns.
pub fn pad(text: &str, width: usize) -> String {
    let fitted = fit(text, width);
    let w = fitted.width();
    format!("{fitted}{}", " ".repeat(width.saturating_sub(w)))
}

/// Right-aligns text in `width` columns.
pub fn pad_left(text: &str, width: usize) -> String {
    let fitted = fit(text, width);
    let w = fitted.width();
    format!("{}{fitted}", " ".repeat(width.saturating_sub(w)))
}

/// A bar of `width` cells filled to `share` (capped at full): "███████░░░".
pub fn bar(share: f64, width: usize) -> String {
    let filled = ((share.clamp(0.0, 1.0) * width as f64).round() as usize).min(width);
    format!("{}{}", "█".repeat(filled), "░".repeat(width - filled))
}

/// Word-wraps text (already made safe) to `width` columns, breaking words longer than a
/// line. Line breaks in the text are kept.
pub fn wrap_words(text: &str, width: usize) -> Vec<String> {
    let width = width.max(1);
    let mut lines = Vec::new();
    for paragraph in text.split('\n') {
        let mut line = String::new();
        let mut used = 0;
        for word in paragraph.split_whitespace() {
            let w = word.width();
            if used > 0 && used + 1 + w <= width {
                line.push(' ');
                line.push_str(word);
                used += 1 + w;
                continue;
            }
            if used > 0 {
                lines.push(std::mem::take(&mut line));
                used = 0;
            }
            for grapheme in word.graphemes(true) {
                let gw = grapheme.width();
                if used + gw > width {
                    lines.push(std::mem::take(&mut line));
                    used = 0;
                }
                line.push_str(grapheme);
                used += gw;
            }
        }
        lines.push(line);
    }
    lines
}

/// Text word-wrapped after `head`, its continuation lines indented under the text by
/// blanks in `indent_style`, as wide as `head`.
pub fn hanging(head: Span<'static>, indent_style: Style, text: &str, style: Style, width: usize) -> Vec<Line<'static>> {
    let indent = head.width();
    let blanks = std::iter::repeat_with(|| Span::styled(" ".repeat(indent), indent_style));
    std::iter::once(head)
        .chain(blanks)
        .zip(wrap_words(text, width.saturating_sub(indent)))
        .map(|(lead, part)| Line::from(vec![lead, Span::styled(part, style)]))
        .collect()
}

/// A bordered panel with its title; the border stands out when it has the keyboard.
pub fn panel(title: impl Into<Line<'static>>, focused: bool, t: Theme) -> Block<'static> {
    Block::bordered().title(title).title_style(t.title()).border_style(if focused {
        t.border_focused()
    } else {
        t.border()
    })
}

/// "Loading…" while a view's figures are read.
pub fn loading(t: Theme) -> Paragraph<'static> {
    Paragraph::new(strings::LOADING).style(t.muted())
}

/// A rectangle of at most `width` × `height`, centred in `area`.
pub fn centered(area: Rect, width: u16, height: u16) -> Rect {
    let [row] = Layout::vertical([Constraint::Length(height.min(area.height))]).flex(Flex::Center).areas(area);
    let [cell] = Layout::horizontal([Constraint::Length(width.min(area.width))]).flex(Flex::Center).areas(row);
    cell
}

/// A one-line chart of values, oldest first: "▁▂▅▇█▃".
pub fn spark(values: &[i64]) -> String {
    const BARS: [char; 8] = ['▁', '▂', '▃', '▄', '▅', '▆', '▇', '█'];
    let max = values.iter().copied().max().unwrap_or(0).max(1);
    values.iter().map(|&v| if v <= 0 { ' ' } else { BARS[((v * 7 + max / 2) / max).clamp(0, 7) as usize] }).collect()
}

/// Width of a form's labels.
const LABEL: usize = 16;

/// A text with the character at `cursor` (in characters) shown as the cursor.
fn with_cursor(text: &str, cursor: usize, style: Style, t: Theme) -> Vec<Span<'static>> {
    let chars: Vec<char> = text.chars().collect();
    let at = cursor.min(chars.len());
    let before: String = chars[..at].iter().collect();
    let under: String = chars.get(at).map_or_else(|| " ".to_string(), char::to_string);
    let after: String = chars.get(at + 1..).map(|c| c.iter().collect()).unwrap_or_default();
    vec![Span::styled(before, style), Span::styled(under, t.selected()), Span::styled(after, style)]
}

/// One field as a line: the label, the value (with the cursor when focused), and for a
/// date what it resolves to.
fn field_line(field: &Field, focused: bool, today: NaiveDate, t: Theme, width: usize) -> Line<'static> {
    let label_style = if focused { t.key() } else { t.muted() };
    let mut spans = vec![Span::styled(pad(&field.label, LABEL), label_style)];
    let value_width = width.saturating_sub(LABEL);
    if field.read_only {
        spans.push(Span::styled(fit(&field.text(), value_width), t.muted()));
        return Line::from(spans);
    }
    if let Kind::Choice(_) = &field.kind {
        let label = field.choice_label().unwrap_or_default().to_string();
        if focused {
            spans.push(Span::styled(format!("◀ {label} ▶"), t.selected()));
        } else {
            spans.push(Span::raw(label));
        }
        return Line::from(spans);
    }
    let text = one_line(&field.input.lines().join(" ")).into_owned();
    if focused && field.input.is_selecting() {
        spans.push(Span::styled(text.clone(), t.selected()));
    } else if focused {
        let col = field.input.cursor().1;
        spans.extend(with_cursor(&text, col, Style::new(), t));
    } else {
        spans.push(Span::raw(fit(&text, value_width)));
    }
    let direction = match field.kind {
        Kind::Date => Some(Direction::Future),
        Kind::PastDate => Some(Direction::Past),
        _ => None,
    };
    if let Some(direction) = direction
        && !text.trim().is_empty()
    {
        match parse_natural(&text, today, direction) {
            Ok(date) => spans.push(Span::styled(format!("  {}", strings::resolved_date(date, today)), t.good())),
            Err(_) => spans.push(Span::styled(format!("  {}", strings::NOT_A_DATE), t.bad())),
        }
    }
    Line::from(spans)
}

/// A form's fields, one per line; `focused` when the form has the keyboard.
pub fn form_lines(form: &Fields, focused: bool, today: NaiveDate, t: Theme, width: usize) -> Vec<Line<'static>> {
    form.fields.iter().enumerate().map(|(i, f)| field_line(f, focused && i == form.focus, today, t, width)).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sparks() {
        assert_eq!(spark(&[0, 1, 2, 4, 8]), " ▂▃▅█");
        assert_eq!(spark(&[]), "");
        assert_eq!(spark(&[5, 5]), "██");
    }

    #[test]
    fn wrapping() {
        assert_eq!(
            wrap_words("Solution & value · 68d, expected 21 !", 20),
            ["Solution & value ·", "68d, expected 21 !"]
        );
        assert_eq!(wrap_words("a\nb c", 10), ["a", "b c"]);
        assert_eq!(wrap_words("abcdefgh", 3), ["abc", "def", "gh"]);
        assert_eq!(wrap_words("", 5), [""]);
        assert_eq!(wrap_words("日本語", 4), ["日本", "語"]);
    }

    #[test]
    fn fitting_counts_columns_not_bytes() {
        assert_eq!(fit("Chloé", 5), "Chloé");
        assert_eq!(fit("Chloé Moreau", 6), "Chloé…");
        assert_eq!(fit("日本語テキスト", 5), "日本…");
        assert_eq!(fit("abc", 0), "");
        assert_eq!(fit("a\x1b[2Jb", 10), "a[2Jb");
    }

    #[test]
    fn padding() {
        assert_eq!(pad("ab", 4), "ab  ");
        assert_eq!(pad_left("ab", 4), "  ab");
        assert_eq!(pad("abcdef", 4), "abc…");
    }

    #[test]
    fn bars() {
        assert_eq!(bar(0.5, 10), "█████░░░░░");
        assert_eq!(bar(2.0, 4), "████");
        assert_eq!(bar(-1.0, 3), "░░░");
        assert_eq!(bar(0.0, 0), "");
    }
}
