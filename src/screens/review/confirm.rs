//! The two questions Look back asks: delete an evening (it can be brought back until nearer
//! quits), and export (Markdown or JSON, of the dates in the filters).

use chrono::NaiveDate;
use ratatui::Frame;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Wrap};

use super::parts::page_body;
use super::{Page, Review, gist, plural};
use crate::journal::export::{Format, select};
use crate::protocol::{Command, Ctx, Cx, Intent};
use crate::ui::text::truncate;

/// The longest quote of the evening a delete asks about, in columns.
const QUOTE: usize = 120;

/// Whether a command answers the question on `page`.
pub fn handles(page: &Page, command: Command) -> bool {
    match page {
        Page::ConfirmDelete { .. } => matches!(command, Command::Choose(1 | 2) | Command::Back),
        Page::Export => matches!(command, Command::Choose(1..=3) | Command::Back),
        _ => false,
    }
}

impl Review {
    pub(super) fn on_confirm_delete(&mut self, command: Command, date: NaiveDate, cx: &mut Cx) {
        match command {
            Command::Choose(1) => {
                self.pages.pop();
                // The evening's own page goes too.
                if matches!(self.page(), Page::Entry { date: d, .. } if *d == date) {
                    self.pages.pop();
                }
                self.delete(date, cx);
            }
            Command::Choose(2) | Command::Back => {
                self.pages.pop();
            }
            _ => {}
        }
    }

    pub(super) fn on_export(&mut self, command: Command, cx: &mut Cx) {
        let format = match command {
            Command::Choose(1) => Format::Markdown,
            Command::Choose(2) => Format::Json,
            Command::Choose(3) | Command::Back => {
                self.pages.pop();
                return;
            }
            _ => return,
        };
        self.pages.pop();
        cx.ask(Intent::Export {
            format,
            from: self.search.filters.from,
            to: self.search.filters.to,
        });
        self.message = Some("Writing the export…".into());
    }
}

pub fn view_delete(_review: &Review, date: NaiveDate, frame: &mut Frame, app: &Ctx) {
    let theme = &app.theme;
    let body = page_body(frame, app, "Look back · delete");
    let mut lines = vec![
        Line::styled(
            format!("Delete the evening of {}?", date.format("%A %-d %B %Y")),
            theme.title(),
        ),
        Line::raw(""),
    ];
    if let Some(e) = app.journal.entry(date)
        && let Some((_, text)) = gist(e)
    {
        let short = truncate(text.trim_end(), QUOTE);
        lines.push(Line::styled(format!("“{short}”"), theme.dim()));
        lines.push(Line::raw(""));
    }
    lines.push(Line::from(vec![
        Span::styled("1", theme.accent()),
        Span::raw("  delete it"),
    ]));
    lines.push(Line::from(vec![
        Span::styled("2", theme.accent()),
        Span::raw("  keep it"),
    ]));
    lines.push(Line::raw(""));
    lines.push(Line::styled(
        "A deleted evening can be brought back from the list (u) until you quit nearer.",
        theme.dim(),
    ));
    frame.render_widget(Paragraph::new(lines).wrap(Wrap { trim: false }), body);
}

pub fn view_export(review: &Review, frame: &mut Frame, app: &Ctx) {
    let theme = &app.theme;
    let body = page_body(frame, app, "Look back · export");
    let f = &review.search.filters;
    let n = select(app.journal, f.from, f.to).len();
    let what = match (f.from, f.to) {
        (None, None) => format!("All {} of your journal.", plural(n, "evening", "evenings")),
        (from, to) => format!(
            "{} {}, the dates in your filters.",
            plural(n, "evening", "evenings"),
            match (from, to) {
                (Some(a), Some(b)) => format!(
                    "from {} to {}",
                    a.format("%-d %B %Y"),
                    b.format("%-d %B %Y")
                ),
                (Some(a), None) => format!("from {} on", a.format("%-d %B %Y")),
                (None, Some(b)) => format!("up to {}", b.format("%-d %B %Y")),
                (None, None) => String::new(),
            }
        ),
    };
    let choice = |n: &str, text: &str| {
        Line::from(vec![
            Span::styled(n.to_string(), theme.accent()),
            Span::raw(format!("  {text}")),
        ])
    };
    let lines = vec![
        Line::styled("Export to a new file", theme.title()),
        Line::raw(""),
        Line::raw(what),
        Line::raw(""),
        choice("1", "Markdown: easy to read, print or keep"),
        choice("2", "JSON: everything, for other programs"),
        choice("3", "cancel"),
        Line::raw(""),
        Line::styled(
            "The file is written in your home folder with a new name; no file is ever replaced. \
             To export some months only, set From and To in the filters first.",
            theme.dim(),
        ),
    ];
    frame.render_widget(Paragraph::new(lines).wrap(Wrap { trim: false }), body);
}
