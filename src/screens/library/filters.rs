//! The filter panel: what the lists show by mode, depth, time and love language. The
//! filters stay while the person browses, until they are cleared.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Wrap};

use super::{Browser, SOLO_ONLY_LINE, shown};
use crate::content::{Card, Depth, LoveLanguage, Mode};
use crate::protocol::{Command, Ctx};
use crate::ui::text::width;

/// Time limits the time filter offers, in minutes.
pub const TIME_LIMITS: [u32; 4] = [5, 10, 15, 30];

/// What the lists show: every filter is "any" until set.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Filters {
    pub mode: Option<Mode>,
    pub depth: Option<Depth>,
    /// At most this many minutes.
    pub max_minutes: Option<u32>,
    pub language: Option<LoveLanguage>,
}

/// The filter panel's rows, in order.
pub const FILTER_ROWS: [&str; 4] = [
    "Solo or together",
    "Depth",
    "Time, at most",
    "Love language",
];

impl Filters {
    pub fn is_empty(&self) -> bool {
        *self == Filters::default()
    }

    pub fn allows(&self, card: &Card) -> bool {
        self.mode.is_none_or(|m| card.mode == m)
            && self.depth.is_none_or(|d| card.depth == d)
            && self.max_minutes.is_none_or(|m| card.minutes <= m)
            && self
                .language
                .is_none_or(|l| card.love_languages.contains(&l))
    }

    /// The filters that are set, in words ("together · light · up to 10 min").
    pub fn describe(&self) -> String {
        let mut parts: Vec<String> = Vec::new();
        if let Some(m) = self.mode {
            parts.push(m.label().into());
        }
        if let Some(d) = self.depth {
            parts.push(d.label().into());
        }
        if let Some(m) = self.max_minutes {
            parts.push(format!("up to {m} min"));
        }
        if let Some(l) = self.language {
            parts.push(l.label().into());
        }
        parts.join(" · ")
    }

    /// A row's choices, "any" first.
    pub fn options(row: usize) -> Vec<String> {
        let mut options = vec!["any".to_string()];
        match row {
            0 => options.extend([Mode::Solo, Mode::Together].map(|m| m.label().to_string())),
            1 => options.extend(Depth::ALL.map(|d| d.label().to_string())),
            2 => options.extend(TIME_LIMITS.map(|m| format!("{m} min"))),
            _ => options.extend(LoveLanguage::ALL.map(|l| l.label().to_string())),
        }
        options
    }

    /// Which of a row's choices is set (0 is "any").
    pub fn chosen(&self, row: usize) -> usize {
        let pos = match row {
            0 => self
                .mode
                .and_then(|m| [Mode::Solo, Mode::Together].iter().position(|&x| x == m)),
            1 => self
                .depth
                .and_then(|d| Depth::ALL.iter().position(|&x| x == d)),
            2 => self
                .max_minutes
                .and_then(|m| TIME_LIMITS.iter().position(|&x| x == m)),
            _ => self
                .language
                .and_then(|l| LoveLanguage::ALL.iter().position(|&x| x == l)),
        };
        pos.map_or(0, |p| p + 1)
    }

    fn choose(&mut self, row: usize, option: usize) {
        let pick = |n: usize| option.checked_sub(1).filter(|&i| i < n);
        match row {
            0 => self.mode = pick(2).map(|i| [Mode::Solo, Mode::Together][i]),
            1 => self.depth = pick(3).map(|i| Depth::ALL[i]),
            2 => self.max_minutes = pick(TIME_LIMITS.len()).map(|i| TIME_LIMITS[i]),
            _ => self.language = pick(5).map(|i| LoveLanguage::ALL[i]),
        }
    }

    /// Move a row's choice by `delta`, wrapping round.
    pub fn step(&mut self, row: usize, delta: isize) {
        let n = Filters::options(row).len() as isize;
        let next = (self.chosen(row) as isize + delta).rem_euclid(n) as usize;
        self.choose(row, next);
    }
}

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
