//! The page frame every screen shares: a header with a title and the date, a rule, the
//! body, a rule, and a footer with the keys that matter on the screen.

use chrono::NaiveDate;
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::Theme;

/// What the frame around every screen shows besides the screen's own title: the theme, a
/// line that needs attention, and the footer's keys.
#[derive(Debug, Clone, Copy)]
pub struct Chrome<'a> {
    pub theme: Theme,
    pub notice: Option<&'a str>,
    pub footer: &'a [(String, &'static str)],
}

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
pub fn page(frame: &mut Frame, chrome: Chrome, title: &str, date: NaiveDate) -> Rect {
    let theme = &chrome.theme;
    let notice = chrome.notice;
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
    frame.render_widget(
        Paragraph::new(footer_line(theme, chrome.footer, width)),
        footer,
    );
    body
}

/// The footer: key and word pairs, as many as fit. The way to all the keys (`? keys`)
/// always has its place, at the end if need be.
pub fn footer_line(theme: &Theme, pairs: &[(String, &'static str)], width: usize) -> Line<'static> {
    let len = |(key, word): &(String, &str)| super::text::width(key) + super::text::width(word) + 4;
    let keys_pair = pairs.iter().find(|(_, w)| *w == "keys").cloned();
    let reserve = keys_pair.as_ref().map_or(0, len);
    let mut spans = vec![Span::raw(" ")];
    let mut used = 1;
    let mut keys_shown = false;
    for pair in pairs {
        let is_keys = pair.1 == "keys";
        let room = if is_keys || keys_shown {
            width
        } else {
            width.saturating_sub(reserve)
        };
        if used + len(pair) > room {
            continue;
        }
        keys_shown |= is_keys;
        used += len(pair);
        spans.push(Span::styled(pair.0.clone(), theme.accent()));
        spans.push(Span::raw(format!(" {}   ", pair.1)));
    }
    if !keys_shown
        && let Some(pair) = keys_pair
        && used + len(&pair) <= width
    {
        spans.push(Span::styled(pair.0, theme.accent()));
        spans.push(Span::raw(format!(" {}   ", pair.1)));
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

/// The widest a column of prose gets: longer lines are hard to read, so on a wide window
/// the text keeps this measure, centred.
pub const READING_WIDTH: u16 = 88;

/// `area` narrowed to a readable measure, centred.
pub fn reading(area: Rect) -> Rect {
    if area.width <= READING_WIDTH {
        return area;
    }
    let spare = area.width - READING_WIDTH;
    Rect {
        x: area.x + spare / 2,
        width: READING_WIDTH,
        ..area
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
