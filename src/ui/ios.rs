//! The Inclusion of Other in the Self scale (Aron, Aron & Smollan 1992): seven pictures of
//! two circles, "me" and "partner", from apart to almost one.
//!
//! Drawn as the scale was designed: every picture has the same total area (the two circles
//! grow as they overlap), and the overlap grows picture by picture. The overlaps are those
//! measured from the original pictures, about 0, 10, 20, 30, 55, 65 and 85% of a circle's
//! area (Thériault's estimate, as Beranek & Castillo 2024, "Continuous inclusion of other
//! in the self", report it with a version that keeps the original design features);
//! picture 1 leaves a gap between the circles. The distance between the centres for an
//! overlap is found from the area two circles share, by bisection.

use std::f64::consts::PI;

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::symbols::Marker;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;
use ratatui::widgets::canvas::{Canvas, Circle};

use super::Theme;

/// How much the two circles of pictures 1 to 7 overlap, as a share of one circle's area.
pub const OVERLAP: [f64; 7] = [0.0, 0.10, 0.20, 0.30, 0.55, 0.65, 0.85];

/// The gap between picture 1's circles, as a share of their radius.
const GAP: f64 = 0.8;

/// The area two circles of radius 1 share when their centres are `d` apart, as a share of
/// one circle's area.
pub fn shared_area(d: f64) -> f64 {
    if d >= 2.0 {
        return 0.0;
    }
    let half = (d / 2.0).max(0.0);
    (2.0 * half.acos() - half * (4.0 - d * d).sqrt()) / PI
}

/// The distance between the centres of two circles of radius 1 that share `overlap` of a
/// circle's area (0 to 1): the shared area falls as the centres part, so bisect.
fn distance_for(overlap: f64) -> f64 {
    let (mut near, mut far) = (0.0, 2.0);
    for _ in 0..60 {
        let mid = (near + far) / 2.0;
        if shared_area(mid) > overlap {
            near = mid;
        } else {
            far = mid;
        }
    }
    (near + far) / 2.0
}

/// Picture `level` (1..=7) as (radius, distance between the centres), in units of picture
/// 1's radius: the radius keeps the total area that of two separate circles of radius 1
/// (π r² (2 − overlap) = 2π).
pub fn geometry(level: u8) -> (f64, f64) {
    let overlap = OVERLAP[usize::from(level.clamp(1, 7) - 1)];
    let r = (2.0 / (2.0 - overlap)).sqrt();
    let d = if overlap == 0.0 {
        2.0 + GAP
    } else {
        distance_for(overlap)
    };
    (r, r * d)
}

/// The widest and the tallest picture, in units of picture 1's radius.
fn extent() -> (f64, f64) {
    (1..=7).fold((0.0, 0.0), |(w, h), level| {
        let (r, d) = geometry(level);
        (f64::max(w, d + 2.0 * r), f64::max(h, 2.0 * r))
    })
}

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

/// Draw two circles for `level` (1..=7) filling `area`, labelled with `labels` (the one
/// choosing, then the other) when given.
fn picture(frame: &mut Frame, area: Rect, level: u8, style: Style, labels: Option<[&str; 2]>) {
    // Braille gives 2×4 dots a cell; one canvas unit per dot keeps circles round.
    let w = f64::from(area.width) * 2.0;
    let h = f64::from(area.height) * 4.0;
    // One scale for all seven, so that each keeps the same area on screen.
    let (widest, tallest) = extent();
    let unit = (h * 0.84 / tallest).min(w * 0.95 / widest).max(1.0);
    let (r, d) = geometry(level);
    let (r, d) = (r * unit, d * unit);
    let color = style.fg.unwrap_or(ratatui::style::Color::Reset);
    let labels: Option<[String; 2]> = labels.map(|l| l.map(str::to_string));
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
            if let Some([me, partner]) = &labels {
                ctx.print(-d / 2.0 - r * 0.45, -2.0, Span::styled(me.clone(), style));
                ctx.print(
                    d / 2.0 - r * 0.2,
                    -2.0,
                    Span::styled(partner.clone(), style),
                );
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
pub fn scale(frame: &mut Frame, area: Rect, chosen: Option<u8>, names: [&str; 2], theme: &Theme) {
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
        Some(level) => {
            // Names are kept short enough to sit inside their circle.
            let short = names.map(|n| crate::ui::text::truncate(n, 12));
            picture(
                frame,
                big,
                level,
                theme.accent(),
                Some([&short[0], &short[1]]),
            )
        }
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
        picture(frame, cell, level, style, None);
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_shared_area_runs_from_a_whole_circle_to_none() {
        assert!((shared_area(0.0) - 1.0).abs() < 1e-12);
        assert_eq!(shared_area(2.0), 0.0);
        assert_eq!(shared_area(3.0), 0.0);
        // Two unit circles one radius apart share 2π/3 − √3/2 of area.
        let known = (2.0 * PI / 3.0 - 3f64.sqrt() / 2.0) / PI;
        assert!((shared_area(1.0) - known).abs() < 1e-12);
    }

    #[test]
    fn each_picture_overlaps_as_designed_and_keeps_the_same_area() {
        let area = |level| {
            let (r, d) = geometry(level);
            PI * r * r * (2.0 - shared_area(d / r))
        };
        for level in 1..=7u8 {
            let (r, d) = geometry(level);
            let overlap = shared_area(d / r);
            let want = OVERLAP[usize::from(level) - 1];
            assert!(
                (overlap - want).abs() < 1e-9,
                "picture {level}: {overlap} for {want}"
            );
            assert!(
                (area(level) - 2.0 * PI).abs() < 1e-9,
                "picture {level}: area"
            );
        }
        // Picture 1 apart, with a gap; from picture 2 on, the centres come closer each
        // time while the circles grow.
        let (r1, d1) = geometry(1);
        assert!(d1 > 2.0 * r1);
        for level in 2..=7u8 {
            let (r, d) = geometry(level);
            let (r0, d0) = geometry(level - 1);
            assert!(d < 2.0 * r && d < d0 && r > r0, "picture {level}");
        }
    }
}
