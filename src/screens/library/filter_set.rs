//! What the lists show by mode, depth, time and love language: every filter is "any" until
//! set. Plain data; the panel that sets them is in `filters.rs`.

use crate::content::{Card, Depth, LoveLanguage, Mode};

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
