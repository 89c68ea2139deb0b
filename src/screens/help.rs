//! The help page: every key of the current screen, read from the key table.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Padding, Paragraph, Wrap};

use crate::protocol::Drawn;
use crate::ui::Theme;
use crate::ui::scroll::Scroll;

/// The help page over a screen: `rows` are its keys (from the key table) and what they do.
pub fn view(
    frame: &mut Frame,
    rows: &[(String, &'static str)],
    text_box: bool,
    scroll: &Scroll,
    theme: &Theme,
    journal_path: &str,
) -> Drawn {
    let area = frame.area();
    let w = area.width.saturating_sub(4).min(72);
    let h = area.height.saturating_sub(2);
    let popup = Rect {
        x: area.x + (area.width - w) / 2,
        y: area.y + 1,
        width: w,
        height: h,
    };
    frame.render_widget(Clear, popup);
    let mut lines = Vec::new();
    let key_width = rows
        .iter()
        .map(|r| r.0.chars().count())
        .max()
        .unwrap_or(0)
        .min(24);
    for (keys, help) in rows {
        lines.push(Line::from(vec![
            Span::styled(format!("{keys:>key_width$}"), theme.accent()),
            Span::raw("  "),
            Span::raw(*help),
        ]));
    }
    if text_box {
        lines.push(Line::raw(""));
        lines.push(Line::styled("Pasting works in the box.", theme.dim()));
    }
    lines.push(Line::raw(""));
    lines.push(Line::styled(
        format!("Journal: {journal_path}"),
        theme.dim(),
    ));
    let block = Block::default()
        .borders(Borders::ALL)
        .title(Span::styled(" Keys on this screen ", theme.accent()))
        .title_bottom(Span::styled(" esc or ? closes ", theme.dim()))
        .padding(Padding::horizontal(1));
    let para = Paragraph::new(lines)
        .wrap(Wrap { trim: false })
        .block(block);
    // The page inside the border and padding.
    let inner = Rect {
        x: popup.x + 2,
        y: popup.y + 1,
        width: popup.width.saturating_sub(4),
        height: popup.height.saturating_sub(2),
    };
    let lines = Scroll::lines_of(&para.clone().block(Block::default()), inner);
    frame.render_widget(
        para.scroll((scroll.offset().min(lines.saturating_sub(inner.height)), 0)),
        popup,
    );
    Drawn {
        height: inner.height,
        lines,
        first: 0,
    }
}
