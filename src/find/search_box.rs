//! The one-line search box the library and Look back share: what is typed, the cursor,
//! whether letters go into it, and how it shows on one line of the screen.

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::text::Span;
use ratatui_textarea::{CursorMove, TextArea};
use unicode_segmentation::UnicodeSegmentation;

use crate::ui::Theme;
use crate::ui::text::width;

/// The longest search: a long sentence. (Every word must be found, and each word typed is
/// compared with the words before it, so a pasted page would only be slow.)
pub const MAX_SEARCH_CHARS: usize = 200;

/// What a key or a paste did to the box.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Edit {
    /// The text is as it was (the cursor may have moved).
    Same,
    Changed,
    /// Changed, and cut to [`MAX_SEARCH_CHARS`].
    Cut,
}

impl Edit {
    pub fn changed(self) -> bool {
        self != Edit::Same
    }
}

#[derive(Debug, Clone)]
pub struct SearchBox {
    editor: TextArea<'static>,
    /// Letters go into the box (otherwise the results are browsed with the list keys).
    pub typing: bool,
    /// The box was just opened again on earlier words: they show selected, and typing
    /// replaces them (the arrows keep them for editing).
    replace_on_type: bool,
}

impl Default for SearchBox {
    fn default() -> Self {
        SearchBox {
            editor: line_editor(""),
            typing: false,
            replace_on_type: false,
        }
    }
}

/// A one-line text box holding `text`, the cursor at its end.
fn line_editor(text: &str) -> TextArea<'static> {
    let mut ta = TextArea::new(vec![text.to_string()]);
    ta.move_cursor(CursorMove::End);
    ta
}

impl SearchBox {
    /// A box that takes letters at once.
    pub fn typing() -> SearchBox {
        SearchBox {
            typing: true,
            ..SearchBox::default()
        }
    }

    /// What is typed.
    pub fn text(&self) -> &str {
        self.editor.lines().first().map_or("", String::as_str)
    }

    pub fn is_empty(&self) -> bool {
        self.text().is_empty()
    }

    /// The cursor, in characters from the start.
    pub fn cursor(&self) -> usize {
        self.editor.cursor().1
    }

    /// Whether typing a letter now replaces the words there.
    pub fn replaces_on_type(&self) -> bool {
        self.replace_on_type
    }

    /// Give the box the keys again: the cursor at the end, and earlier words selected so
    /// that typing replaces them.
    pub fn open(&mut self) {
        self.typing = true;
        self.editor.move_cursor(CursorMove::End);
        self.replace_on_type = !self.is_empty();
    }

    /// Keys go to the list again; the words stay.
    pub fn close(&mut self) {
        self.typing = false;
        self.replace_on_type = false;
    }

    /// Empty the box. Returns whether there was anything in it.
    pub fn clear(&mut self) -> bool {
        let had = !self.is_empty();
        self.editor = line_editor("");
        self.replace_on_type = false;
        had
    }

    /// A key typed into the box: letters, moving, deleting, undo; `ctrl+u` clears the line
    /// as in a shell. Enter and tab are not text here.
    pub fn key(&mut self, key: KeyEvent) -> Edit {
        let before = self.text().to_string();
        let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
        let alt = key.modifiers.contains(KeyModifiers::ALT);
        match key.code {
            KeyCode::Enter | KeyCode::Tab | KeyCode::BackTab => return Edit::Same,
            KeyCode::Char('m' | 'j') if ctrl => return Edit::Same,
            _ => {}
        }
        if std::mem::take(&mut self.replace_on_type)
            && matches!(key.code, KeyCode::Char(_))
            && !ctrl
            && !alt
        {
            self.editor = line_editor("");
        }
        if key.code == KeyCode::Char('u') && ctrl {
            self.editor = line_editor("");
        } else {
            self.editor.input(key);
        }
        self.settle(&before)
    }

    /// Text pasted into the box, on one line.
    pub fn paste(&mut self, text: &str) -> Edit {
        let before = self.text().to_string();
        if std::mem::take(&mut self.replace_on_type) {
            self.editor = line_editor("");
        }
        let clean: String = text
            .chars()
            .map(|c| if c.is_control() { ' ' } else { c })
            .collect();
        self.editor.insert_str(clean);
        self.settle(&before)
    }

    /// One line, at most [`MAX_SEARCH_CHARS`]; what changed since `before`.
    fn settle(&mut self, before: &str) -> Edit {
        if self.editor.lines().len() > 1 {
            let joined = self.editor.lines().join(" ");
            self.editor = line_editor(&joined);
        }
        let mut edit = if self.text() == before {
            Edit::Same
        } else {
            Edit::Changed
        };
        if self.text().chars().count() > MAX_SEARCH_CHARS {
            let kept: String = self.text().chars().take(MAX_SEARCH_CHARS).collect();
            self.editor = line_editor(&kept);
            edit = Edit::Cut;
        }
        edit
    }

    /// The box on one line of `room` columns: while typing, the cursor as a selected cell
    /// (and `placeholder` when empty), the part around the cursor when the text is wider
    /// than the room; otherwise the words, in the title style.
    pub fn spans(&self, theme: &Theme, room: usize, placeholder: &str) -> Vec<Span<'static>> {
        let text = self.text();
        if !self.typing {
            return vec![Span::styled(text.to_string(), theme.title())];
        }
        if self.replace_on_type {
            return vec![
                Span::styled(text.to_string(), theme.selected()),
                Span::styled("  typing replaces these words; ← → edit them", theme.dim()),
            ];
        }
        let at = text
            .char_indices()
            .nth(self.cursor())
            .map_or(text.len(), |(i, _)| i);
        let (before, rest) = text.split_at(at);
        let mut under = rest.graphemes(true).next().unwrap_or("");
        let after = &rest[under.len()..];
        if under.is_empty() {
            under = " ";
        }
        // Keep the cursor in view: drop what comes first, a grapheme at a time.
        let mut shown = before;
        let mut cut = false;
        let keep = room.saturating_sub(width(under) + 1).max(1);
        while width(shown) > keep {
            let first = shown.graphemes(true).next().unwrap_or(shown);
            shown = &shown[first.len()..];
            cut = true;
        }
        let mut spans = Vec::new();
        if cut {
            spans.push(Span::styled("…", theme.dim()));
        }
        spans.push(Span::raw(shown.to_string()));
        spans.push(Span::styled(under.to_string(), theme.selected()));
        spans.push(Span::raw(after.to_string()));
        if text.is_empty() && !placeholder.is_empty() {
            spans.push(Span::styled(placeholder.to_string(), theme.dim()));
        }
        spans
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(code: KeyCode) -> KeyEvent {
        KeyEvent::new(code, KeyModifiers::NONE)
    }

    fn typed(b: &mut SearchBox, text: &str) {
        for c in text.chars() {
            b.key(key(KeyCode::Char(c)));
        }
    }

    #[test]
    fn typing_editing_and_clearing() {
        let mut b = SearchBox::typing();
        typed(&mut b, "river");
        assert_eq!(b.text(), "river");
        assert_eq!(b.key(key(KeyCode::Left)), Edit::Same);
        assert_eq!(b.key(key(KeyCode::Backspace)), Edit::Changed);
        assert_eq!(b.text(), "rivr");
        assert_eq!(b.key(key(KeyCode::Enter)), Edit::Same);
        let ctrl_u = KeyEvent::new(KeyCode::Char('u'), KeyModifiers::CONTROL);
        assert_eq!(b.key(ctrl_u), Edit::Changed);
        assert!(b.is_empty());
        assert_eq!(b.paste("café\nà"), Edit::Changed);
        assert_eq!(b.text(), "café à");
    }

    #[test]
    fn opened_again_typing_replaces_the_words_and_arrows_keep_them() {
        let mut b = SearchBox::typing();
        typed(&mut b, "tea");
        b.close();
        b.open();
        assert!(b.replaces_on_type());
        typed(&mut b, "x");
        assert_eq!(b.text(), "x");
        b.close();
        b.open();
        b.key(key(KeyCode::Left));
        typed(&mut b, "y");
        assert_eq!(
            b.text(),
            "yx",
            "an arrow first: the words are kept and edited"
        );
        b.close();
        b.open();
        b.key(key(KeyCode::Left));
        assert!(!b.replaces_on_type(), "the arrows keep the words");
    }

    #[test]
    fn a_long_paste_is_cut() {
        let mut b = SearchBox::typing();
        assert_eq!(b.paste(&"word ".repeat(100)), Edit::Cut);
        assert_eq!(b.text().chars().count(), MAX_SEARCH_CHARS);
    }

    #[test]
    fn the_cursor_stays_in_view_in_a_narrow_box() {
        let theme = Theme::new(false);
        let mut b = SearchBox::typing();
        b.paste("二人でゆっくりお茶を飲みながら今日のことを話す");
        let spans = b.spans(&theme, 12, "");
        let shown: String = spans.iter().map(|s| s.content.as_ref()).collect();
        assert!(width(&shown) <= 12, "{shown:?}");
        assert!(
            shown.starts_with('…') && shown.contains("話す"),
            "{shown:?}"
        );
        let empty = SearchBox::typing();
        let spans = empty.spans(&theme, 40, "type a word");
        assert_eq!(spans.last().unwrap().content, "type a word");
    }
}
