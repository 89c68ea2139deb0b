//! The filter panel: what the lists show by mode, depth, time and love language. The
//! filters stay while the person browses, until they are cleared.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Wrap};

use super::filter_set::{FILTER_ROWS, Filters};
use super::{Browser, SOLO_ONLY_LINE, shown};
use crate::protocol::{Command, Ctx};
use crate::ui::text::width;

impl Browser {
    /// Whether a command changes the filter panel with row `row` in focus.
    pub(super) fn filter_handles(&self, command: Command, row: usize) -> bool {
        match command {
            Command::Up => row > 0,
            Command::Down => row + 1 < FILTER_ROWS.len(),
            Command::Clear => !self.filters.is_empty(),
            Command::Left | Command::Right | Command::Open | Command::Back => true,
            _ => false,
        }
    }

    pub(super) fn on_filter_command(&mut self, command: Command, row: usize) {
        match command {
            Command::Up => self.filter_row = Some(row.saturating_sub(1)),
            Command::Down => self.filter_row = Some((row + 1).min(FILTER_ROWS.len() - 1)),
            Command::Left => self.filters.step(row, -1),
            Command::Right => self.filters.step(row, 1),
            Command::Clear => self.filters = Filters::default(),
            Command::Open | Command::Back | Command::Filter => self.filter_row = None,
            _ => {}
        }
    }

    pub(super) fn view_filters(&self, frame: &mut Frame, area: Rect, app: &Ctx, focus: usize) {
        let theme = &app.theme;
        let mut lines = vec![
            Line::raw(""),
            Line::styled("Show cards that fit:", theme.title()),
            Line::raw(""),
        ];
        for (row, name) in FILTER_ROWS.iter().enumerate() {
            let marker = if row == focus { " ▸ " } else { "   " };
            let mut spans = vec![
                Span::styled(marker, theme.accent()),
                Span::styled(
                    format!("{name}{}", " ".repeat(18usize.saturating_sub(width(name)))),
                    if row == focus {
                        theme.title()
                    } else {
                        theme.text()
                    },
                ),
            ];
            let chosen = self.filters.chosen(row);
            for (i, option) in Filters::options(row).into_iter().enumerate() {
                if i == chosen {
                    spans.push(Span::styled(format!("[{option}]"), theme.selected()));
                } else {
                    spans.push(Span::raw(format!(" {option} ")));
                }
                spans.push(Span::raw(" "));
            }
            lines.push(Line::from(spans));
            lines.push(Line::raw(""));
        }
        let content = app.content;
        let journal = app.journal;
        let every = shown::every(content, journal);
        let total = every.len();
        let shown = (every.iter())
            .filter(|&&i| self.filters.allows(&content.cards[i]))
            .count();
        lines.push(Line::styled(
            format!("{shown} of {total} cards fit."),
            theme.accent(),
        ));
        if journal.preferences.on_my_own {
            lines.push(Line::styled(SOLO_ONLY_LINE, theme.dim()));
        }
        lines.push(Line::raw(""));
        lines.push(Line::styled(
            "The filters stay while you browse, until you clear them.",
            theme.dim(),
        ));
        frame.render_widget(Paragraph::new(lines).wrap(Wrap { trim: false }), area);
    }
}
