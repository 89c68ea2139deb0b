//! A scrollable page of wrapped text. The view records how far the page can scroll and how
//! tall it is as it draws (as ratatui's own list state does), so the keys stop at the end
//! instead of counting on past it.

use std::cell::Cell;

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::widgets::Paragraph;

use crate::app::Command;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Scroll {
    offset: u16,
    /// The furthest offset, as of the last frame (unknown before the first).
    max: Cell<u16>,
    /// The height of the page, as of the last frame.
    page: Cell<u16>,
}

impl Default for Scroll {
    fn default() -> Self {
        Scroll {
            offset: 0,
            max: Cell::new(u16::MAX),
            page: Cell::new(10),
        }
    }
}

impl Scroll {
    /// The first line shown.
    pub fn offset(&self) -> u16 {
        self.offset.min(self.max.get())
    }

    /// Move for a scrolling command; false when the command is not about scrolling.
    pub fn apply(&mut self, command: Command) -> bool {
        let max = self.max.get();
        let now = self.offset();
        let page = self.page.get().saturating_sub(1).max(1);
        self.offset = match command {
            Command::Up => now.saturating_sub(1),
            Command::Down => now.saturating_add(1).min(max),
            Command::PageUp => now.saturating_sub(page),
            Command::PageDown => now.saturating_add(page).min(max),
            Command::First => 0,
            // The bottom stays the bottom if the page grows or the window shrinks.
            Command::Last => u16::MAX,
            _ => return false,
        };
        true
    }

    /// Draw `para` (already wrapped) in `area` at this offset, and note the page's limits.
    pub fn render(&self, frame: &mut Frame, para: Paragraph, area: Rect) {
        let total = u16::try_from(para.line_count(area.width)).unwrap_or(u16::MAX);
        self.max.set(total.saturating_sub(area.height));
        self.page.set(area.height.max(1));
        frame.render_widget(para.scroll((self.offset(), 0)), area);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use ratatui::Terminal;
    use ratatui::backend::TestBackend;
    use ratatui::widgets::Wrap;

    #[test]
    fn scrolling_stops_at_the_end_and_comes_straight_back() {
        let mut terminal = Terminal::new(TestBackend::new(20, 5)).unwrap();
        let text: Vec<String> = (1..=12).map(|i| format!("line {i}")).collect();
        let mut s = Scroll::default();
        let draw = |s: &Scroll, t: &mut Terminal<TestBackend>| {
            t.draw(|f| {
                let para = Paragraph::new(text.join("\n")).wrap(Wrap { trim: false });
                s.render(f, para, f.area());
            })
            .unwrap();
        };
        draw(&s, &mut terminal);
        for _ in 0..30 {
            s.apply(Command::Down);
        }
        assert_eq!(s.offset(), 7, "12 lines in 5 rows stop at 7");
        s.apply(Command::Up);
        assert_eq!(s.offset(), 6, "one key up moves at once");
        s.apply(Command::Last);
        s.apply(Command::PageUp);
        assert_eq!(s.offset(), 3);
        assert!(!s.apply(Command::Star));
    }
}
