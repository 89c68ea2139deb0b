//! What every list page of the library is drawn with: rows built only where they show,
//! a header that scrolls away, and the rows themselves (a menu row, a card row), measured
//! in columns so that wide text (CJK, emoji) is cut with "…" and never pushes a row out.

use std::ops::Range;

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Wrap};

use crate::content::Card;
use crate::find::highlight;
use crate::protocol::Drawn;
use crate::ui::Theme;
use crate::ui::text::{truncate, width};

/// A row of the contents page: a marker, a label, and a count at the right.
pub fn menu_row(
    label: &str,
    count: &str,
    selected: bool,
    cols: u16,
    theme: &Theme,
) -> Line<'static> {
    let cols = usize::from(cols);
    let room = cols.saturating_sub(3 + width(count) + 2);
    let label = truncate(label, room);
    let gap = cols.saturating_sub(3 + width(&label) + width(count));
    let (marker, style) = if selected {
        (" ▸ ", theme.selected())
    } else {
        ("   ", theme.text())
    };
    Line::from(vec![
        Span::styled(marker, theme.accent()),
        Span::styled(label, style),
        Span::raw(" ".repeat(gap)),
        Span::styled(count.to_string(), theme.dim()),
    ])
}

/// How a card row shows.
#[derive(Debug, Clone, Copy, Default)]
pub struct RowLook<'a> {
    pub selected: bool,
    pub starred: bool,
    /// Where the title holds the words searched for.
    pub hits: &'a [Range<usize>],
    /// A few words after the title where there is room (the card's topic).
    pub note: Option<&'a str>,
}

/// A card in a list: marker, star, title (with search hits marked, and a note where there
/// is room), and its minutes, mode and depth at the right.
pub fn card_row(card: &Card, look: RowLook, cols: u16, theme: &Theme) -> Line<'static> {
    let cols = usize::from(cols);
    // Minutes, mode and depth in aligned columns; fewer of them in a narrow window, so the
    // title keeps room to be read.
    let full = format!(
        "{:>2} min · {:<8} · {:<6}",
        card.minutes,
        card.mode.label(),
        card.depth.label()
    );
    let short = format!("{:>2} min", card.minutes);
    let meta = [full, short, String::new()]
        .into_iter()
        .find(|m| cols.saturating_sub(5 + width(m) + 2) >= 24)
        .unwrap_or_default();
    let star = if look.starred { "★ " } else { "  " };
    let room = cols.saturating_sub(5 + width(&meta) + 2);
    let title = truncate(&card.title, room);
    let note = look
        .note
        .map(|n| format!("  · {n}"))
        .filter(|n| width(&title) + width(n) <= room)
        .unwrap_or_default();
    let gap = cols.saturating_sub(5 + width(&title) + width(&note) + width(&meta));
    let (marker, base) = if look.selected {
        (" ▸ ", theme.selected())
    } else {
        ("   ", theme.text())
    };
    let mut spans = vec![
        Span::styled(marker, theme.accent()),
        Span::styled(star, theme.accent()),
    ];
    // A cut title keeps only the hits that are still whole (before its "…").
    let kept = if title == card.title {
        title.len()
    } else {
        title.len() - '…'.len_utf8()
    };
    let hits: Vec<Range<usize>> = (look.hits.iter())
        .filter(|r| r.end <= kept)
        .cloned()
        .collect();
    spans.extend(highlight::spans(
        &title,
        &hits,
        0,
        base,
        base.patch(theme.highlight()),
    ));
    if !note.is_empty() {
        spans.push(Span::styled(note, theme.dim()));
    }
    spans.push(Span::raw(" ".repeat(gap)));
    spans.push(Span::styled(meta, theme.dim()));
    Line::from(spans)
}

/// A line of context under a search result, the words found in it marked.
pub fn context_line(context: &str, hits: &[Range<usize>], theme: &Theme) -> Line<'static> {
    let mut spans = vec![Span::raw("     ")];
    spans.extend(highlight::spans(
        context,
        hits,
        0,
        theme.dim(),
        theme.dim().patch(theme.highlight()),
    ));
    Line::from(spans)
}

/// What a list page draws: wrapped header lines that scroll away as the selection moves
/// down, rows of a fixed height, and trailing lines after the rows.
pub struct ListSpec {
    pub header: Vec<Line<'static>>,
    pub trailer: Vec<Line<'static>>,
    pub rows: usize,
    pub row_height: usize,
    pub selected: usize,
    pub top: usize,
}

/// Draw a list page, building only the rows that fit. The first line shown is kept from
/// the last frame where it can be, so the selection moves on the screen until it nears an
/// edge, and only then does the page scroll.
pub fn draw_list(
    frame: &mut Frame,
    area: Rect,
    spec: ListSpec,
    row: impl Fn(usize, bool, u16) -> Vec<Line<'static>>,
) -> Drawn {
    let height = area.height as usize;
    if height == 0 {
        return Drawn::default();
    }
    let header = Paragraph::new(spec.header).wrap(Wrap { trim: false });
    let header_h = header.line_count(area.width);
    let trailer = Paragraph::new(spec.trailer).wrap(Wrap { trim: false });
    let trailer_h = trailer.line_count(area.width);
    let rows_h = spec.rows * spec.row_height;
    let total = header_h + rows_h + trailer_h;

    let mut top = spec.top;
    if spec.rows > 0 {
        let selected = spec.selected.min(spec.rows - 1);
        let first = header_h + selected * spec.row_height;
        let last = first + spec.row_height;
        let margin = if height >= spec.row_height * 5 {
            spec.row_height
        } else {
            0
        };
        if first < top + margin {
            top = first.saturating_sub(margin);
        }
        if last + margin > top + height {
            top = last + margin - height;
        }
        if selected == 0 {
            top = 0;
        }
    }
    top = top.min(total.saturating_sub(height));

    let mut y = area.y;
    let bottom = area.y + area.height;
    if top < header_h {
        let h = (header_h - top).min(height) as u16;
        frame.render_widget(
            header.scroll((top as u16, 0)),
            Rect {
                height: h,
                y,
                ..area
            },
        );
        y += h;
    }
    // The rows in view.
    let mut lines = Vec::new();
    let mut line_no = top.max(header_h) - header_h;
    let room = (bottom - y) as usize;
    while lines.len() < room && line_no < rows_h {
        let i = line_no / spec.row_height;
        let skip = line_no % spec.row_height;
        let row_lines = row(i, i == spec.selected, area.width);
        let take = room - lines.len();
        lines.extend(row_lines.into_iter().skip(skip).take(take));
        line_no = (i + 1) * spec.row_height;
    }
    let h = lines.len() as u16;
    frame.render_widget(
        Paragraph::new(lines),
        Rect {
            height: h,
            y,
            ..area
        },
    );
    y += h;
    if y < bottom && trailer_h > 0 {
        let into = top.saturating_sub(header_h + rows_h) as u16;
        frame.render_widget(
            trailer.scroll((into, 0)),
            Rect {
                height: bottom - y,
                y,
                ..area
            },
        );
    }
    Drawn {
        height: area.height,
        lines: u16::try_from(total).unwrap_or(u16::MAX),
        first: u16::try_from(top).unwrap_or(u16::MAX),
    }
}
