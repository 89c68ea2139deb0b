//! The Inclusion of Other in the Self scale (Aron, Aron & Smollan 1992): seven pictures of
//! two circles, "me" and "partner", from apart to almost one.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::symbols::Marker;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;
use ratatui::widgets::canvas::{Canvas, Circle};

use super::Theme;

/// How far apart the centres are, as a share of the diameter, for choices 1 to 7.
const SEPARATION: [f64; 7] = [1.35, 1.0, 0.78, 0.58, 0.40, 0.24, 0.10];

/// A few words for each choice, so the scale reads without the pictures.
pub const WORDS: [&str; 7] = [
    "apart",
    "just touching",
    "a little overlap",
    "some overlap",
    "much overlap",
    "mostly together",
    "almost one",
];

/// The pictures need this much room; below it the numbered list is drawn instead.
pub const MIN_PICTURE_WIDTH: u16 = 70;
pub const MIN_PICTURE_HEIGHT: u16 = 15;

/// Draw two circles for `level` (1..=7) filling `area`, labelled when `labels`.
fn picture(frame: &mut Frame, area: Rect, level: u8, style: Style, labels: bool) {
    // Braille gives 2×4 dots a cell; one canvas unit per dot keeps circles round.
    let w = f64::from(area.width) * 2.0;
    let h = f64::from(area.height) * 4.0;
    let sep = SEPARATION[usize::from(level.clamp(1, 7) - 1)];
    let r_by_height = h * 0.42;
    let r_by_width = w / (2.0 + 2.0 * SEPARATION[0]) * 0.95;
    let r = r_by_height.min(r_by_width).max(1.0);
    let d = 2.0 * r * sep;
    let color = style.fg.unwrap_or(ratatui::style::Color::Reset);
    let canvas = Canvas::default()
        .marker(Marker::Braille)
        .x_bounds([-w / 2.0, w / 2.0])
        .y_bounds([-h / 2.0, h / 2.0])
        .paint(move |ctx| {
            ctx.draw(&Circle {
                x: -d / 2.0,
                y: 0.0,
                radius: r,
                color,
            });
            ctx.draw(&Circle {
                x: d / 2.0,
                y: 0.0,
                radius: r,
                color,
            });
            if labels {
                ctx.print(-d / 2.0 - r * 0.45, -2.0, Span::styled("me", style));
                ctx.print(d / 2.0 - r * 0.2, -2.0, Span::styled("partner", style));
            }
        });
    frame.render_widget(canvas, area);
}

/// Whether the scale in `area` is drawn as pictures (else as a numbered list): with
/// colour, and room for them.
pub fn draws_pictures(area: Rect, theme: &Theme) -> bool {
    theme.color && area.width >= MIN_PICTURE_WIDTH && area.height >= MIN_PICTURE_HEIGHT
}

/// The whole scale: the chosen picture large, then the seven small, numbered.
pub fn scale(frame: &mut Frame, area: Rect, chosen: Option<u8>, theme: &Theme) {
    if !draws_pictures(area, theme) {
        return numbered(frame, area, chosen, theme);
    }
    let [big, _, row, numbers, words] = Layout::vertical([
        Constraint::Min(6),
        Constraint::Length(1),
        Constraint::Length(4),
        Constraint::Length(1),
        Constraint::Length(1),
    ])
    .areas(area);
    let big_width = (big.height * 4).min(big.width);
    let big = Rect {
        x: big.x + (big.width - big_width) / 2,
        width: big_width,
        ..big
    };
    match chosen {
        Some(level) => picture(frame, big, level, theme.accent(), true),
        None => frame.render_widget(
            Paragraph::new(vec![
                Line::raw(""),
                Line::raw(""),
                Line::styled("Choose the picture below that fits tonight.", theme.dim()),
            ])
            .centered(),
            big,
        ),
    }
    let cells = Layout::horizontal([Constraint::Ratio(1, 7); 7]).split(row);
    let labels = Layout::horizontal([Constraint::Ratio(1, 7); 7]).split(numbers);
    for i in 0..7u8 {
        let level = i + 1;
        let is_chosen = chosen == Some(level);
        let style = if is_chosen {
            theme.accent()
        } else {
            theme.dim()
        };
        let cell = cells[usize::from(i)];
        let cell = Rect {
            x: cell.x + 1,
            width: cell.width.saturating_sub(2),
            ..cell
        };
        picture(frame, cell, level, style, false);
        let label = if is_chosen {
            Span::styled(format!("[{level}]"), theme.selected())
        } else {
            Span::styled(format!(" {level} "), theme.dim())
        };
        frame.render_widget(
            Paragraph::new(Line::from(label)).centered(),
            labels[usize::from(i)],
        );
    }
    let word = chosen.map_or("", |l| WORDS[usize::from(l - 1)]);
    frame.render_widget(
        Paragraph::new(Line::styled(word, theme.accent())).centered(),
        words,
    );
}

/// The plain fallback: a numbered list of the seven choices, with the chosen one marked.
fn numbered(frame: &mut Frame, area: Rect, chosen: Option<u8>, theme: &Theme) {
    let mut rows: Vec<Line> = Vec::new();
    for i in 0..7u8 {
        let level = i + 1;
        let is_chosen = chosen == Some(level);
        let marker = if is_chosen { "▸" } else { " " };
        let text = format!("{marker} {level}  {}", WORDS[usize::from(i)]);
        let style = if is_chosen {
            theme.selected()
        } else {
            theme.text()
        };
        rows.push(Line::from(Span::styled(text, style)));
    }
    let height = usize::from(area.height);
    let mut lines = Vec::new();
    if height >= rows.len() + 2 {
        lines.push(Line::styled(
            "1 is far apart, 7 is almost one.",
            theme.dim(),
        ));
        lines.push(Line::raw(""));
        lines.extend(rows);
    } else {
        // Too little room for all seven: the rows around the choice, so it stays in view.
        let shown = height.max(1);
        let at = chosen.map_or(0, |c| usize::from(c) - 1);
        let first = at
            .saturating_sub(shown / 2)
            .min(rows.len().saturating_sub(shown));
        lines.extend(rows.into_iter().skip(first).take(shown));
    }
    frame.render_widget(Paragraph::new(lines), area);
}
