//! The closeness trend over 30, 90 or 365 days, with outside stress beside it when it was
//! recorded.

use chrono::Duration;
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::symbols::Marker;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Axis, Chart, Dataset, GraphType, Paragraph};

use super::parts::{message_line, page_body};
use super::{Page, Review, SPANS, TOGETHER_MARK, plural, stats, together};
use crate::journal::export::select;
use crate::protocol::{Command, Ctx};
use crate::ui::Theme;

/// Days in the rolling mean drawn over 90 and 365 days.
pub const WINDOW: i64 = 7;

/// Whether a command changes the trend page showing span `span` (of [`SPANS`]).
pub fn handles(command: Command, span: usize) -> bool {
    match command {
        Command::Left => span > 0,
        Command::Right => span + 1 < SPANS.len(),
        Command::Choose(n) => usize::from(n) <= SPANS.len() && usize::from(n) != span + 1,
        Command::Back => true,
        _ => false,
    }
}

impl Review {
    pub(super) fn on_trend(&mut self, command: Command, span: usize) {
        let span = match command {
            Command::Left => span.saturating_sub(1),
            Command::Right => (span + 1).min(SPANS.len() - 1),
            Command::Choose(n) if (1..=SPANS.len()).contains(&usize::from(n)) => usize::from(n) - 1,
            Command::Back => return self.pop(),
            _ => span,
        };
        *self.top() = Page::Trend { span };
    }
}

pub fn view(review: &Review, span: usize, frame: &mut Frame, app: &Ctx) {
    let theme = &app.theme;
    let body = page_body(frame, app, "Look back · trend");
    let days = SPANS[span.min(SPANS.len() - 1)];
    let to = app.evening;
    let from = to - Duration::days(days - 1);
    let journal = &app.journal;
    let entries = stats::span(journal, to, days);
    let now = stats::summarise(entries);
    let before = stats::summarise(stats::span(journal, from - Duration::days(1), days));

    let mut tabs = Vec::new();
    for (i, d) in SPANS.iter().enumerate() {
        let label = format!("{d} days");
        if i == span {
            tabs.push(Span::styled(format!("▸ {label}"), theme.selected()));
        } else {
            tabs.push(Span::raw(format!("  {label}")));
        }
        tabs.push(Span::raw("   "));
    }

    let mut summary = vec![];
    if now.evenings == 0 {
        summary.push(Line::styled(
            format!("No check-ins in the last {days} days."),
            theme.dim(),
        ));
    } else {
        let mut s = format!(
            "{} · closeness averaged {}",
            plural(now.evenings, "evening", "evenings"),
            now.closeness.shown().unwrap_or_default()
        );
        if let Some(b) = before.closeness.shown() {
            s.push_str(&format!(
                " · the {days} days before: {b} ({})",
                plural(before.evenings, "evening", "evenings")
            ));
        }
        summary.push(Line::raw(s));
        summary.push(Line::styled(
            match now.stress.shown() {
                Some(st) => format!(
                    "Outside stress averaged {st} of 5 on the {} it was recorded.",
                    plural(now.stress.count, "evening", "evenings")
                ),
                None => "Outside stress was not recorded in these days.".to_string(),
            },
            theme.dim(),
        ));
    }

    // Together evenings: both ratings, the partner's as points of their own.
    let both = together::Figures::of(entries);
    if let Some(line) = both.summary() {
        summary.push(Line::styled(line, theme.dim()));
    }
    let message = message_line(review, app);
    let has_stress = now.stress.count > 0;
    let [
        tabs_area,
        summary_area,
        close_title,
        chart_area,
        stress_title,
        stress_area,
        legend_area,
        msg_area,
    ] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Length(summary.len().max(2) as u16),
        Constraint::Length(1),
        Constraint::Min(5),
        Constraint::Length(u16::from(has_stress)),
        Constraint::Length(if has_stress { 5 } else { 0 }),
        Constraint::Length(1 + u16::from(both.evenings > 0)),
        Constraint::Length(u16::from(message.is_some())),
    ])
    .areas(body);
    frame.render_widget(Paragraph::new(Line::from(tabs)), tabs_area);
    frame.render_widget(Paragraph::new(summary), summary_area);
    if now.evenings == 0 {
        return;
    }

    let daily = stats::points(entries, to, days, |e| Some(e.closeness));
    let with_window = select(journal, Some(from - Duration::days(WINDOW)), Some(to));
    let rolling = if days > 30 {
        stats::rolling(with_window, to, days, WINDOW, |e| Some(e.closeness))
    } else {
        Vec::new()
    };
    // Lines join only what exists: the mean breaks on a day with no evening in its window,
    // and the 30 days' line across a week with no evening.
    let rolling_runs = stats::runs(&rolling, 1.0);
    let daily_runs = stats::runs(&daily, WINDOW as f64);
    frame.render_widget(
        Paragraph::new(Line::from(vec![
            Span::styled("Closeness", theme.title()),
            Span::styled("  1 apart, 7 almost one", theme.dim()),
        ])),
        close_title,
    );
    let x_labels = x_labels(from, to);
    let mut sets = vec![];
    if days > 30 {
        sets.push(
            Dataset::default()
                .marker(Marker::Dot)
                .graph_type(GraphType::Scatter)
                .style(dots(theme))
                .data(&daily),
        );
        sets.extend(rolling_runs.iter().map(|run| line(run, theme.accent())));
    } else {
        sets.extend(daily_runs.iter().map(|run| line(run, theme.accent())));
        sets.push(
            Dataset::default()
                .marker(Marker::Dot)
                .graph_type(GraphType::Scatter)
                .style(theme.accent())
                .data(&daily),
        );
    }
    let partner = stats::points(entries, to, days, |e| {
        e.together.as_ref().map(|t| t.partner.closeness)
    });
    if !partner.is_empty() {
        sets.push(
            Dataset::default()
                .marker(PARTNER_MARKER)
                .graph_type(GraphType::Scatter)
                .style(partner_style(theme))
                .data(&partner),
        );
    }
    chart(
        frame,
        chart_area,
        sets,
        days,
        [1.0, 7.0],
        &["1", "4", "7"],
        &x_labels,
        theme,
    );

    if has_stress {
        frame.render_widget(
            Paragraph::new(Line::from(vec![
                Span::styled("Outside stress", theme.title()),
                Span::styled("  1 calm, 5 overwhelming", theme.dim()),
            ])),
            stress_title,
        );
        // Over a longer span, the mean of the days before reads better than a cloud of dots.
        let (stress, graph) = if days > 30 {
            let mean = stats::rolling(with_window, to, days, WINDOW, |e| e.stress);
            (stats::runs(&mean, 1.0), GraphType::Line)
        } else {
            let each = stats::points(entries, to, days, |e| e.stress);
            (vec![each], GraphType::Scatter)
        };
        let sets: Vec<Dataset> = (stress.iter())
            .map(|run| match graph {
                GraphType::Line => line(run, dots(theme)),
                _ => Dataset::default()
                    .marker(Marker::Dot)
                    .graph_type(GraphType::Scatter)
                    .style(dots(theme))
                    .data(run),
            })
            .collect();
        chart(
            frame,
            stress_area,
            sets,
            days,
            [1.0, 5.0],
            &["1", "5"],
            &x_labels,
            theme,
        );
    }
    let legend = if days > 30 {
        format!("• an evening   ⠉ the mean of the {WINDOW} days up to that day (stress too)")
    } else {
        "• an evening, joined to the next within a week".to_string()
    };
    let mut legend = vec![Line::styled(legend, theme.dim())];
    if let Some(names) = &both.names {
        legend.push(Line::from(vec![
            Span::styled(PARTNER_POINT, partner_style(theme)),
            Span::styled(
                format!(
                    " {}'s rating, on together evenings ({TOGETHER_MARK}); the rest is {}'s",
                    names.1, names.0
                ),
                theme.dim(),
            ),
        ]));
    }
    frame.render_widget(Paragraph::new(legend), legend_area);
    if let Some(m) = message {
        frame.render_widget(Paragraph::new(m), msg_area);
    }
}

/// A line through `run` (a run of [`stats::runs`]: nothing to join it to on either side).
fn line(run: &[(f64, f64)], style: Style) -> Dataset<'_> {
    // A run of one point has nothing to join: it shows as a point of the line's kind.
    let graph = if run.len() > 1 {
        GraphType::Line
    } else {
        GraphType::Scatter
    };
    Dataset::default()
        .marker(Marker::Braille)
        .graph_type(graph)
        .style(style)
        .data(run)
}

/// How the partner's ratings are drawn: a block of their own, so they read apart from
/// the owner's dots without colour too.
const PARTNER_MARKER: Marker = Marker::Block;
/// The partner's point as the legend shows it.
const PARTNER_POINT: &str = "█";

fn partner_style(theme: &Theme) -> Style {
    if theme.color {
        Style::default().fg(ratatui::style::Color::Magenta)
    } else {
        Style::default()
    }
}

fn dots(theme: &Theme) -> Style {
    if theme.color {
        Style::default().fg(ratatui::style::Color::Cyan)
    } else {
        Style::default()
    }
}

fn x_labels(from: chrono::NaiveDate, to: chrono::NaiveDate) -> [String; 3] {
    let mid = from + (to - from) / 2;
    let f = |d: chrono::NaiveDate| d.format("%-d %b").to_string();
    [f(from), f(mid), f(to)]
}

#[allow(clippy::too_many_arguments)]
fn chart(
    frame: &mut Frame,
    area: Rect,
    sets: Vec<Dataset>,
    days: i64,
    y: [f64; 2],
    y_labels: &[&str],
    x_labels: &[String; 3],
    theme: &Theme,
) {
    let chart = Chart::new(sets)
        .x_axis(
            Axis::default()
                .bounds([0.0, (days - 1) as f64])
                .labels(
                    x_labels
                        .iter()
                        .map(|l| Span::styled(l.clone(), theme.dim())),
                )
                .style(theme.dim()),
        )
        .y_axis(
            Axis::default()
                .bounds(y)
                .labels(
                    y_labels
                        .iter()
                        .map(|l| Span::styled(l.to_string(), theme.dim())),
                )
                .style(theme.dim()),
        );
    frame.render_widget(chart, area);
}
