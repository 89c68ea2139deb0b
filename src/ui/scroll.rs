//! A scrollable page of wrapped text. Its limits (how tall the page is, how many lines it
//! holds) come from the last frame as data, so the keys stop at the end instead of counting
//! on past it, and a key that cannot move says so.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::widgets::Paragraph;

/// A way to move through a page.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Move {
    Up,
    Down,
    PageUp,
    PageDown,
    Top,
    Bottom,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Scroll {
    offset: u16,
    /// The furthest offset, as of the last frame (unknown before the first).
    max: u16,
    /// The height of the page, as of the last frame.
    page: u16,
    /// At the bottom, stay at the bottom when the page grows or the window shrinks.
    at_bottom: bool,
}

impl Default for Scroll {
    fn default() -> Self {
        Scroll {
            offset: 0,
            max: u16::MAX,
            page: 10,
            at_bottom: false,
        }
    }
}

impl Scroll {
    /// The first line shown.
    pub fn offset(&self) -> u16 {
        if self.at_bottom {
            self.max
        } else {
            self.offset.min(self.max)
        }
    }

    /// The page's size, as the last frame drew it: `lines` in all, `height` on screen.
    pub fn fit(&mut self, lines: u16, height: u16) {
        self.offset = self.offset();
        self.max = lines.saturating_sub(height);
        self.page = height.max(1);
        self.offset = self.offset.min(self.max);
    }

    /// Whether a move would change what is shown.
    pub fn can(&self, m: Move) -> bool {
        let now = self.offset();
        match m {
            Move::Up | Move::PageUp | Move::Top => now > 0,
            Move::Down | Move::PageDown | Move::Bottom => now < self.max,
        }
    }

    /// Move; false when the page does not move.
    pub fn apply(&mut self, m: Move) -> bool {
        if !self.can(m) {
            return false;
        }
        let now = self.offset();
        let page = self.page.saturating_sub(1).max(1);
        self.at_bottom = false;
        self.offset = match m {
            Move::Up => now - 1,
            Move::Down => now + 1,
            Move::PageUp => now.saturating_sub(page),
            Move::PageDown => now.saturating_add(page).min(self.max),
            Move::Top => 0,
            Move::Bottom => {
                self.at_bottom = true;
                self.max
            }
        };
        true
    }

    /// The lines of `para` in `area` (for the frame to report).
    pub fn lines_of(para: &Paragraph, area: Rect) -> u16 {
        u16::try_from(para.line_count(area.width)).unwrap_or(u16::MAX)
    }

    /// Draw `para` (already wrapped) in `area` at this offset; returns its lines and height,
    /// for the frame to report.
    pub fn render(&self, frame: &mut Frame, para: Paragraph, area: Rect) -> (u16, u16) {
        let total = Self::lines_of(&para, area);
        let max = total.saturating_sub(area.height);
        let offset = self.offset().min(max);
        frame.render_widget(para.scroll((offset, 0)), area);
        (total, area.height)
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
        let mut drawn = (0, 0);
        terminal
            .draw(|f| {
                let para = Paragraph::new(text.join("\n")).wrap(Wrap { trim: false });
                drawn = s.render(f, para, f.area());
            })
            .unwrap();
        s.fit(drawn.0, drawn.1);
        assert!(!s.can(Move::Up), "nothing above the top");
        for _ in 0..30 {
            s.apply(Move::Down);
        }
        assert_eq!(s.offset(), 7, "12 lines in 5 rows stop at 7");
        assert!(!s.can(Move::Down));
        s.apply(Move::Up);
        assert_eq!(s.offset(), 6, "one key up moves at once");
        s.apply(Move::Bottom);
        s.apply(Move::PageUp);
        assert_eq!(s.offset(), 3);
        // A page that fits has nowhere to go.
        s.fit(4, 5);
        assert!(!s.can(Move::Down) && !s.can(Move::Up));
    }
}
