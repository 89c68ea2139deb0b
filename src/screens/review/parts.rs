//! The small pieces every page of Look back draws with: closeness as a bar and a colour,
//! numbers in words, an evening's gist on one line, months, the page's frame and message,
//! and "On this day" for home.

use std::borrow::Cow;

use chrono::{Datelike, Months, NaiveDate};
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::{Color, Modifier, Style};
use ratatui::text::{Line, Span};

use super::{Review, stats};
pub use crate::find::highlight::one_line;
use crate::journal::{Entry, Journal};
use crate::protocol::Ctx;
use crate::ui::text::{truncate, width};
use crate::ui::{Theme, chrome};

/// The seven closeness levels as bars, so a level reads without colour.
pub const BARS: [char; 7] = ['▁', '▂', '▃', '▄', '▅', '▆', '▇'];

pub fn bar(closeness: u8) -> char {
    BARS[usize::from(closeness.clamp(1, 7) - 1)]
}

/// The colour of a closeness level (plain under NO_COLOR, where the bar carries it).
pub fn level_style(theme: &Theme, closeness: u8) -> Style {
    if !theme.color {
        return Style::default();
    }
    let color = match closeness {
        0..=2 => Color::Blue,
        3..=4 => Color::Cyan,
        5 => Color::Green,
        _ => Color::Magenta,
    };
    let style = Style::default().fg(color);
    if closeness >= 7 {
        style.add_modifier(Modifier::BOLD)
    } else {
        style
    }
}

pub use crate::ui::text::count;

pub fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{} {}", count(n), if n == 1 { one } else { many })
}

pub fn first_of_month(d: NaiveDate) -> NaiveDate {
    d.with_day(1).expect("every month has a first day")
}

pub fn last_of_month(d: NaiveDate) -> NaiveDate {
    first_of_month(d)
        .checked_add_months(Months::new(1))
        .and_then(|n| n.pred_opt())
        .unwrap_or(d)
}

/// The start of an evening's writing, on one line: the reflection, else a together
/// evening's answers (the owner's, else the partner's, after their name), else the
/// appreciation, else what was noticed, else the small act.
pub fn gist(entry: &Entry) -> Option<(Cow<'static, str>, String)> {
    let nonblank = |t: &Option<String>| t.as_ref().filter(|t| !t.trim().is_empty()).cloned();
    let together = entry.together.as_ref().and_then(|t| {
        [&t.owner, &t.partner]
            .into_iter()
            .find_map(|v| nonblank(&v.answer).map(|a| (v.name.clone(), a)))
    });
    let (label, text): (Cow<'static, str>, &str) = if let Some(r) = entry
        .reflection
        .as_ref()
        .filter(|r| !r.answer.trim().is_empty())
    {
        ("".into(), r.answer.as_str())
    } else if let Some((name, answer)) = &together {
        (format!("{name}: ").into(), answer.as_str())
    } else if let Some(a) = &entry.appreciation {
        ("good thing: ".into(), a.as_str())
    } else if let Some(f) = entry.followup.as_ref().filter(|f| !f.noticed.is_empty()) {
        ("noticed: ".into(), f.noticed.as_str())
    } else if let Some(act) = &entry.small_act {
        ("planned: ".into(), act.text.as_str())
    } else {
        return None;
    };
    Some((label, one_line(text)))
}

/// "On this day" for home: a month and a year ago, when those evenings were checked in.
pub fn on_this_day_lines(
    journal: &Journal,
    evening: NaiveDate,
    theme: &Theme,
    cols: usize,
) -> Vec<Line<'static>> {
    stats::on_this_day(journal, evening)
        .into_iter()
        .map(|(label, e)| {
            let mut spans = vec![
                Span::styled(
                    format!("{label} ({}): ", e.date.format("%a %-d %b")),
                    theme.dim(),
                ),
                Span::styled(
                    format!("{} {}", e.closeness, bar(e.closeness)),
                    level_style(theme, e.closeness),
                ),
            ];
            if let Some((_, text)) = gist(e) {
                // The quote takes the room left on the line, in columns.
                let used: usize = spans.iter().map(|s| width(&s.content)).sum();
                let room = cols.saturating_sub(used + 4);
                if room >= 8 {
                    let one_line = text.split_whitespace().collect::<Vec<_>>().join(" ");
                    let short = truncate(&one_line, room);
                    spans.push(Span::raw(format!("  “{short}”")));
                }
            }
            Line::from(spans)
        })
        .collect()
}

/// The message from looking back, if any, as a line.
pub fn message_line(review: &Review, app: &Ctx) -> Option<Line<'static>> {
    review
        .message
        .as_ref()
        .map(|m| Line::styled(m.clone(), app.theme.accent()))
}

/// The area a page of Look back draws in: the body under its title, inset.
pub fn page_body(frame: &mut Frame, app: &Ctx, title: &str) -> Rect {
    let body = chrome::page(frame, app.chrome(), title, app.evening);
    chrome::inset(body, 3)
}

/// The area a page of prose draws in (an evening, a week): inset, and no wider than reads
/// well on a wide window.
pub fn prose_body(frame: &mut Frame, app: &Ctx, title: &str) -> Rect {
    chrome::reading(page_body(frame, app, title))
}
