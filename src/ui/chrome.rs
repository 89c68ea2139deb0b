//! The page frame every screen shares: a header with a title and the date, a rule, the
//! body, a rule, and a footer with the keys that matter on the screen.

use chrono::NaiveDate;
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::Theme;
use crate::app::App;
use crate::app::keys::{Context, footer_for};

/// The smallest window nearer draws in; below it, a message asks for more room.
pub const MIN_WIDTH: u16 = 40;
pub const MIN_HEIGHT: u16 = 12;

/// The largest window nearer draws in, in cells. Drawing keeps two screens of cells in
/// memory (about 40 bytes a cell), so a window of 65535×65535 would ask for hundreds of
/// gigabytes; beyond this, a message asks for a smaller window, as one too small does.
pub const MAX_CELLS: u32 = 1_000_000;
/// The room the message about a window too large is drawn in, at its top left.
pub const TOO_BIG_AREA: (u16, u16) = (80, 8);

/// Whether a window of `width`×`height` is small enough to draw.
pub fn drawable(width: u16, height: u16) -> bool {
    u32::from(width) * u32::from(height) <= MAX_CELLS
}

/// Draw the frame and return the body area.
pub fn page(frame: &mut Frame, app: &App, title: &str, date: NaiveDate, context: Context) -> Rect {
    let theme = &app.theme;
    let notice = app.notice.as_deref();
    let area = frame.area();
    // A long notice (a content file error names file, line and field) wraps, up to 3 lines.
    let notice_para = notice.map(|n| {
        Paragraph::new(Line::from(Span::styled(n.to_string(), theme.warn())))
            .wrap(ratatui::widgets::Wrap { trim: false })
    });
    let notice_h = notice_para.as_ref().map_or(0, |p| {
        p.line_count(area.width.saturating_sub(2)).clamp(1, 3) as u16
    });
    let [header, rule1, body, notice_area, rule2, footer] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Length(1),
        Constraint::Min(1),
        Constraint::Length(notice_h),
        Constraint::Length(1),
        Constraint::Length(1),
    ])
    .areas(area);

    let date_text = date.format("%A %-d %B").to_string();
    let width = area.width as usize;
    let title_text = format!(" {title}");
    let gap = width.saturating_sub(title_text.chars().count() + date_text.chars().count() + 1);
    let header_line = if gap >= 2 {
        Line::from(vec![
            Span::styled(title_text, theme.accent()),
            Span::raw(" ".repeat(gap)),
            Span::styled(date_text, theme.dim()),
            Span::raw(" "),
        ])
    } else {
        Line::from(Span::styled(title_text, theme.accent()))
    };
    frame.render_widget(Paragraph::new(header_line), header);
    let rule = Line::from(Span::styled("─".repeat(width), theme.rule()));
    frame.render_widget(Paragraph::new(rule.clone()), rule1);
    frame.render_widget(Paragraph::new(rule), rule2);
    if let Some(p) = notice_para {
        frame.render_widget(p, inset(notice_area, 1));
    }
    frame.render_widget(Paragraph::new(footer_line(theme, context, width)), footer);
    body
}

/// The footer: key and word pairs, as many as fit.
pub fn footer_line(theme: &Theme, context: Context, width: usize) -> Line<'static> {
    let mut spans = vec![Span::raw(" ")];
    let mut used = 1;
    for (key, word) in footer_for(context) {
        let len = key.chars().count() + word.chars().count() + 4;
        if used + len > width {
            break;
        }
        used += len;
        spans.push(Span::styled(key, theme.accent()));
        spans.push(Span::raw(format!(" {word}   ")));
    }
    Line::from(spans)
}

/// The area inside `area` with a margin on the left and right, for calm reading.
pub fn inset(area: Rect, horizontal: u16) -> Rect {
    let h = if area.width > horizontal * 2 + 20 {
        horizontal
    } else {
        1.min(area.width / 2)
    };
    Rect {
        x: area.x + h,
        y: area.y,
        width: area.width.saturating_sub(h * 2),
        height: area.height,
    }
}

/// The message shown instead of a screen when the window is too small.
pub fn too_small(frame: &mut Frame) {
    let area = frame.area();
    let text = format!(
        "nearer needs a window of at least {MIN_WIDTH}×{MIN_HEIGHT}. This one is {}×{}. \
         Make it larger, or press ctrl+c to quit.",
        area.width, area.height
    );
    frame.render_widget(
        Paragraph::new(text).wrap(ratatui::widgets::Wrap { trim: true }),
        area,
    );
}

/// The message shown instead of a screen when the window (`width`×`height`) is too large to
/// draw, in a small area at its top left (the frame is that area only).
pub fn too_big(frame: &mut Frame, width: u16, height: u16) {
    let text = format!(
        "This window is {width}×{height}, larger than nearer can draw ({MAX_CELLS} cells at \
         most). Make it smaller, or press ctrl+c to quit."
    );
    frame.render_widget(
        Paragraph::new(text).wrap(ratatui::widgets::Wrap { trim: true }),
        frame.area(),
    );
}
