//! The help page: every key of the current screen, read from the key table.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Padding, Paragraph, Wrap};

use crate::app::keys::{Context, bindings_for};
use crate::ui::Theme;
use crate::ui::scroll::Scroll;

pub fn view(
    frame: &mut Frame,
    context: Context,
    handles: impl Fn(crate::app::Command) -> bool,
    scroll: &Scroll,
    theme: &Theme,
    journal_path: &str,
) {
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
    let rows = bindings_for(context, handles);
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
            Span::raw(help),
        ]));
    }
    if context.takes_text() {
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
    scroll.render(frame, para, popup);
}
