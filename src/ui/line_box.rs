//! What a one-line box takes (a passphrase, a folder's path): the keys ratatui-textarea
//! edits with, up to a length; enter, tab and the arrows up and down are the page's.

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui_textarea::TextArea;

/// How many characters `ta` holds.
pub fn chars(ta: &TextArea<'_>) -> usize {
    ta.lines().iter().map(|l| l.chars().count()).sum()
}

/// Give `key` to the box, unless it is the page's or would make the text longer than
/// `max` characters. True when the text changed.
pub fn key(ta: &mut TextArea<'_>, key: KeyEvent, max: usize) -> bool {
    if matches!(
        key.code,
        KeyCode::Enter | KeyCode::Tab | KeyCode::Up | KeyCode::Down
    ) {
        return false;
    }
    let typing =
        matches!(key.code, KeyCode::Char(_)) && !key.modifiers.contains(KeyModifiers::CONTROL);
    if typing && chars(ta) >= max {
        return false;
    }
    ta.input(key)
}

/// Paste `text` into the box as one line: line ends and other control characters left
/// out, and only as much as fits in `max` characters.
pub fn paste(ta: &mut TextArea<'_>, text: &str, max: usize) {
    let room = max.saturating_sub(chars(ta));
    let one: String = text
        .chars()
        .filter(|c| !c.is_control())
        .take(room)
        .collect();
    ta.insert_str(one);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_line_box_keeps_to_its_length_and_leaves_the_pages_keys_alone() {
        let mut ta = TextArea::default();
        paste(&mut ta, "ab\ncd\u{1b}[2J", 6);
        assert_eq!(ta.lines().join(""), "abcd[2");
        assert!(!key(&mut ta, KeyEvent::from(KeyCode::Char('x')), 6), "full");
        assert!(!key(&mut ta, KeyEvent::from(KeyCode::Enter), 6));
        assert!(key(&mut ta, KeyEvent::from(KeyCode::Backspace), 6));
        assert!(key(&mut ta, KeyEvent::from(KeyCode::Char('x')), 6));
        assert_eq!(ta.lines().join(""), "abcd[x");
        assert_eq!(ta.lines().len(), 1);
    }
}
