//! The filter page: starred only, with or without an appreciation, a card's section, and
//! the months to look from and to.

use chrono::{Months, NaiveDate};
use ratatui::Frame;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Wrap};

use super::list::matching;
use super::parts::page_body;
use super::{Page, Review, first_of_month, last_of_month};
use crate::content::Library;
use crate::find::entry::Filters;
use crate::protocol::{Command, Ctx, Cx};

/// The rows of the page: starred, appreciation, section, from, to.
pub const ROWS: usize = 5;

/// The filters after `command` on row `cursor`, if it changes them (`None` for a command
/// that is not a change of filters).
fn changed(
    f: &Filters,
    cursor: usize,
    command: Command,
    content: &Library,
    evening: NaiveDate,
) -> Option<Filters> {
    let by: i32 = match command {
        Command::Left => -1,
        Command::Right => 1,
        Command::PageUp if cursor >= 3 => -12,
        Command::PageDown if cursor >= 3 => 12,
        Command::Discard => return Some(Filters::default()),
        _ => return None,
    };
    let mut f = f.clone();
    let this_month = first_of_month(evening);
    let step_month = |d: Option<NaiveDate>, months: i32, end: bool| -> Option<NaiveDate> {
        let start = d.map(first_of_month);
        let moved = match (start, months) {
            (None, m) if m < 0 => Some(this_month),
            (None, _) => None,
            (Some(s), m) if m < 0 => s.checked_sub_months(Months::new(m.unsigned_abs())),
            (Some(s), m) => s
                .checked_add_months(Months::new(m as u32))
                .filter(|&n| n <= this_month),
        };
        if end { moved.map(last_of_month) } else { moved }
    };
    match cursor {
        0 => f.starred = !f.starred,
        1 => {
            f.appreciation = match (f.appreciation, by > 0) {
                (None, true) => Some(true),
                (Some(true), true) => Some(false),
                (Some(false), true) => None,
                (None, false) => Some(false),
                (Some(false), false) => Some(true),
                (Some(true), false) => None,
            }
        }
        2 => {
            let ids: Vec<&str> = content.sections.iter().map(|s| s.id.as_str()).collect();
            let pos = f
                .section
                .as_deref()
                .and_then(|s| ids.iter().position(|i| *i == s));
            let n = ids.len() as i32 + 1;
            let cur = pos.map_or(0, |p| p as i32 + 1);
            let next = (cur + by.signum()).rem_euclid(n);
            f.section = (next > 0).then(|| ids[(next - 1) as usize].to_string());
        }
        3 => {
            f.from = step_month(f.from, by, false);
            if let (Some(a), Some(b)) = (f.from, f.to)
                && a > b
            {
                f.to = Some(last_of_month(a));
            }
        }
        _ => {
            f.to = step_month(f.to, by, true);
            if let (Some(a), Some(b)) = (f.from, f.to)
                && a > b
            {
                f.from = Some(first_of_month(b));
            }
        }
    }
    Some(f)
}

/// Whether a command changes the filter page with row `cursor` in focus.
pub fn handles(filters: &Filters, command: Command, cursor: usize, ctx: &Ctx) -> bool {
    match command {
        Command::Up => cursor > 0,
        Command::Down => cursor + 1 < ROWS,
        Command::Back => true,
        c => changed(filters, cursor, c, ctx.content, ctx.evening).is_some_and(|f| f != *filters),
    }
}

impl Review {
    pub(super) fn on_filters(&mut self, command: Command, cursor: usize, cx: &mut Cx) {
        match command {
            Command::Back => self.pop(),
            Command::Up => {
                *self.top() = Page::Filters {
                    cursor: cursor.saturating_sub(1),
                }
            }
            Command::Down => {
                *self.top() = Page::Filters {
                    cursor: (cursor + 1).min(ROWS - 1),
                }
            }
            c => {
                if let Some(f) = changed(&self.search.filters, cursor, c, cx.content, cx.evening) {
                    self.set_filters(f, cx);
                }
            }
        }
    }
}

pub fn view(review: &Review, cursor: usize, frame: &mut Frame, app: &Ctx) {
    let theme = &app.theme;
    let body = page_body(frame, app, "Look back · filters");
    let f = &review.search.filters;
    let section = f.section.as_deref().map_or("any section".to_string(), |s| {
        app.content
            .section(s)
            .map_or(s.to_string(), |s| s.title.clone())
    });
    let rows: [(&str, String); ROWS] = [
        (
            "Starred only",
            if f.starred { "yes" } else { "no" }.to_string(),
        ),
        (
            "Appreciation",
            match f.appreciation {
                None => "any evening",
                Some(true) => "written",
                Some(false) => "not written",
            }
            .to_string(),
        ),
        ("Planned a card from", section),
        (
            "From",
            f.from.map_or("the first evening".to_string(), |d| {
                d.format("%B %Y").to_string()
            }),
        ),
        (
            "To",
            f.to.map_or("tonight".to_string(), |d| d.format("%B %Y").to_string()),
        ),
    ];
    let mut lines = vec![
        Line::styled("Narrow the list", theme.title()),
        Line::styled(
            "Change a filter with ← →; dates move a month at a time, pgup and pgdn a year.",
            theme.dim(),
        ),
        Line::raw(""),
    ];
    for (i, (label, value)) in rows.into_iter().enumerate() {
        let selected = i == cursor;
        let style = if selected {
            theme.selected()
        } else {
            Style::default()
        };
        lines.push(Line::from(vec![
            Span::styled(if selected { "▸ " } else { "  " }, theme.accent()),
            Span::styled(format!("{label:<22}"), style),
            Span::styled(
                format!("◂ {value} ▸"),
                if selected {
                    theme.accent()
                } else {
                    Style::default()
                },
            ),
        ]));
    }
    lines.push(Line::raw(""));
    let total = app.journal.entries.len();
    let shown = review.len(app.journal);
    let scanning = review.search.is_scanning();
    lines.push(Line::styled(
        format!(
            "{}{}",
            matching(shown, total, scanning),
            if scanning { "" } else { "." }
        ),
        theme.dim(),
    ));
    frame.render_widget(Paragraph::new(lines).wrap(Wrap { trim: false }), body);
}
