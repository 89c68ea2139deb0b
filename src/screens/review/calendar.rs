//! The month calendar: each day shaded by closeness, with a bar and a number so it reads
//! without colour; a day without a check-in can be filled in from here.

use chrono::{Datelike, Duration, Months, NaiveDate};
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Wrap};

use super::parts::{message_line, page_body};
use super::{
    Origin, Page, Review, TOGETHER_MARK, bar, count, first_of_month, gist, last_of_month,
    level_style, plural, stats,
};
use crate::protocol::{Command, Ctx, Cx};
use crate::ui::scroll::Scroll;

/// One day cell: marker, day number, bar and number (or a dot for no check-in), star,
/// together.
pub const CELL: usize = 8;

/// Whether a command changes something on the calendar at `cursor`.
pub fn handles(command: Command, cursor: NaiveDate, ctx: &Ctx) -> bool {
    match command {
        Command::First => cursor != ctx.evening,
        // An evening to open, or a missed one to fill in; a day to come has neither.
        Command::Open => ctx.journal.entry(cursor).is_some() || cursor <= ctx.evening,
        Command::Left | Command::Right | Command::Up | Command::Down => true,
        Command::PageUp | Command::PageDown | Command::Prev | Command::Next => true,
        Command::Back => true,
        _ => false,
    }
}

impl Review {
    pub(super) fn on_calendar(&mut self, command: Command, cursor: NaiveDate, cx: &mut Cx) {
        let days = |n: i64| cursor + Duration::days(n);
        let months = |n: i32| {
            if n >= 0 {
                cursor.checked_add_months(Months::new(n as u32))
            } else {
                cursor.checked_sub_months(Months::new(n.unsigned_abs()))
            }
            .unwrap_or(cursor)
        };
        let next = match command {
            Command::Back => return self.pop(),
            Command::Left => days(-1),
            Command::Right => days(1),
            Command::Up => days(-7),
            Command::Down => days(7),
            Command::PageUp => months(-1),
            Command::PageDown => months(1),
            Command::Prev => months(-12),
            Command::Next => months(12),
            Command::First => cx.evening,
            Command::Open => {
                if cx.journal.entry(cursor).is_some() {
                    self.pages.push(Page::Entry {
                        date: cursor,
                        scroll: Scroll::default(),
                        from: Origin::Calendar,
                    });
                    return;
                }
                // A missed evening: fill it in.
                return self.edit(cursor, cx);
            }
            _ => cursor,
        };
        *self.top() = Page::Calendar { cursor: next };
    }
}

pub fn view(review: &Review, cursor: NaiveDate, frame: &mut Frame, app: &Ctx) {
    let theme = &app.theme;
    let body = page_body(frame, app, "Look back · calendar");
    let journal = &app.journal;
    let first = first_of_month(cursor);
    let last = last_of_month(cursor);
    let month_entries = stats::month(journal, cursor.year(), cursor.month());
    let summary = stats::summarise(month_entries);

    let mut head = vec![Span::styled(
        cursor.format("%B %Y").to_string(),
        theme.title(),
    )];
    if summary.evenings > 0 {
        head.push(Span::styled(
            format!(
                "   {} · closeness averaged {}",
                plural(summary.evenings, "evening", "evenings"),
                summary.closeness.shown().unwrap_or_default()
            ),
            theme.dim(),
        ));
        let together = month_entries
            .iter()
            .filter(|e| e.together.is_some())
            .count();
        if together > 0 {
            head.push(Span::styled(
                format!(" · {} together", count(together)),
                theme.dim(),
            ));
        }
    } else {
        head.push(Span::styled("   no check-ins this month", theme.dim()));
    }

    let lead = first.weekday().num_days_from_monday() as i64;
    let weeks = (lead as u16 + last.day() as u16).div_ceil(7);
    let message = message_line(review, app);
    // A month with together evenings explains their mark on a second line of the legend.
    let together = month_entries.iter().any(|e| e.together.is_some());
    let legend_rows = 1 + u16::from(together);
    let roomy = body.height >= 7 + legend_rows + weeks * 2 + u16::from(message.is_some());
    let week_rows = if roomy { weeks * 2 } else { weeks };
    let [
        head_area,
        _,
        days_area,
        grid_area,
        _,
        legend_area,
        _,
        detail_area,
        msg_area,
    ] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Length(1),
        Constraint::Length(1),
        Constraint::Length(week_rows),
        Constraint::Length(1),
        Constraint::Length(legend_rows),
        Constraint::Length(1),
        Constraint::Min(2),
        Constraint::Length(u16::from(message.is_some())),
    ])
    .areas(body);
    frame.render_widget(Paragraph::new(Line::from(head)), head_area);

    let col = (usize::from(body.width) / 7).clamp(CELL, CELL + 3);
    let names: String = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]
        .iter()
        .map(|n| format!("{:<col$}", format!(" {n:>3}")))
        .collect();
    frame.render_widget(Paragraph::new(Line::styled(names, theme.dim())), days_area);

    let mut lines = Vec::new();
    let mut day = first - Duration::days(lead);
    for _ in 0..weeks {
        let mut spans = Vec::new();
        for _ in 0..7 {
            let cell = if day.month() == cursor.month() {
                cell(day, cursor, app)
            } else {
                vec![Span::raw(" ".repeat(CELL))]
            };
            spans.extend(cell);
            spans.push(Span::raw(" ".repeat(col - CELL)));
            day += Duration::days(1);
        }
        lines.push(Line::from(spans));
        if roomy {
            lines.push(Line::raw(""));
        }
    }
    frame.render_widget(Paragraph::new(lines), grid_area);

    let mut legend = vec![];
    for c in [1u8, 4, 7] {
        legend.push(Span::styled(
            format!("{}{c}", bar(c)),
            level_style(theme, c),
        ));
        let word = match c {
            1 => " apart  ",
            4 => " some overlap  ",
            _ => " almost one   ",
        };
        legend.push(Span::styled(word, theme.dim()));
    }
    legend.push(Span::styled("· no check-in   ★ starred", theme.dim()));
    let mut legend = vec![Line::from(legend)];
    if together {
        legend.push(Line::from(vec![
            Span::styled(TOGETHER_MARK, theme.accent()),
            Span::styled(
                " a together evening: both of you rated it, enter shows both voices",
                theme.dim(),
            ),
        ]));
    }
    frame.render_widget(Paragraph::new(legend), legend_area);

    let detail = match journal.entry(cursor) {
        Some(e) => {
            let mut first_line = vec![
                Span::styled(cursor.format("%A %-d %B").to_string(), theme.title()),
                Span::raw(": closeness "),
                Span::styled(
                    format!("{} {}", e.closeness, bar(e.closeness)),
                    level_style(theme, e.closeness),
                ),
            ];
            if let Some(t) = &e.together {
                let c = t.partner.closeness;
                first_line.extend([
                    Span::styled(format!("  {TOGETHER_MARK} together, "), theme.accent()),
                    Span::raw(format!("{} ", t.partner.name)),
                    Span::styled(format!("{c} {}", bar(c)), level_style(theme, c)),
                ]);
            }
            if e.starred {
                first_line.push(Span::styled("  ★", theme.accent()));
            }
            if let Some((_, text)) = gist(e) {
                first_line.push(Span::raw(format!("  “{}”", text.trim_end())));
            }
            vec![
                Line::from(first_line),
                Line::styled("enter opens this evening", theme.dim()),
            ]
        }
        None if cursor > app.evening => vec![Line::styled(
            format!("{} has not come yet.", cursor.format("%A %-d %B")),
            theme.dim(),
        )],
        None => vec![
            Line::from(vec![
                Span::raw("No check-in on "),
                Span::styled(cursor.format("%A %-d %B").to_string(), theme.title()),
                Span::raw("."),
            ]),
            Line::styled(
                "enter fills it in: a check-in for that evening",
                theme.dim(),
            ),
        ],
    };
    frame.render_widget(
        Paragraph::new(detail).wrap(Wrap { trim: true }),
        detail_area,
    );
    if let Some(m) = message {
        frame.render_widget(Paragraph::new(m), msg_area);
    }
}

/// A day in the month: "▸26 ▅5★∞" when selected (starred, together), " 26 ▅5  "
/// otherwise; a dot for no check-in.
fn cell(day: NaiveDate, cursor: NaiveDate, app: &Ctx) -> Vec<Span<'static>> {
    let theme = &app.theme;
    let selected = day == cursor;
    let base = if selected {
        theme.selected()
    } else {
        Style::default()
    };
    let marker = Span::styled(if selected { "▸" } else { " " }, base);
    match app.journal.entry(day) {
        Some(e) => vec![
            marker,
            Span::styled(format!("{:>2} ", day.day()), base),
            Span::styled(
                format!("{}{}", bar(e.closeness), e.closeness),
                base.patch(level_style(theme, e.closeness)),
            ),
            Span::styled(if e.starred { "★" } else { " " }, base),
            Span::styled(
                if e.together.is_some() {
                    TOGETHER_MARK
                } else {
                    " "
                },
                base.patch(theme.accent()),
            ),
        ],
        None if day > app.evening => vec![
            marker,
            Span::styled(
                format!("{:>2}     ", day.day()),
                if selected { base } else { theme.dim() },
            ),
        ],
        None => vec![
            marker,
            Span::styled(format!("{:>2} ", day.day()), base),
            Span::styled("· ", if selected { base } else { theme.dim() }),
            Span::styled("  ", base),
        ],
    }
}
