//! Colours from the terminal's own palette, one accent, and a monochrome theme in which
//! every state (selection, focus) still shows through attributes and markers.

use ratatui::style::{Color, Modifier, Style};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Theme {
    pub color: bool,
}

impl Theme {
    pub fn new(color: bool) -> Theme {
        Theme { color }
    }

    pub fn text(&self) -> Style {
        Style::default()
    }

    /// The one accent: titles and the focused choice.
    pub fn accent(&self) -> Style {
        if self.color {
            Style::default()
                .fg(Color::Magenta)
                .add_modifier(Modifier::BOLD)
        } else {
            Style::default().add_modifier(Modifier::BOLD)
        }
    }

    pub fn title(&self) -> Style {
        Style::default().add_modifier(Modifier::BOLD)
    }

    /// Secondary text: hints, counts, dates.
    pub fn dim(&self) -> Style {
        if self.color {
            Style::default().fg(Color::DarkGray)
        } else {
            Style::default()
        }
    }

    /// The selected row or choice: readable without colour (reversed).
    pub fn selected(&self) -> Style {
        if self.color {
            Style::default()
                .fg(Color::Magenta)
                .add_modifier(Modifier::BOLD | Modifier::REVERSED)
        } else {
            Style::default().add_modifier(Modifier::BOLD | Modifier::REVERSED)
        }
    }

    /// A message that needs attention (a save that failed).
    pub fn warn(&self) -> Style {
        if self.color {
            Style::default()
                .fg(Color::Yellow)
                .add_modifier(Modifier::BOLD)
        } else {
            Style::default().add_modifier(Modifier::BOLD | Modifier::UNDERLINED)
        }
    }

    /// A calm confirmation (saved).
    pub fn good(&self) -> Style {
        if self.color {
            Style::default().fg(Color::Green)
        } else {
            Style::default()
        }
    }

    /// Matched text in search results.
    pub fn highlight(&self) -> Style {
        if self.color {
            Style::default().fg(Color::Black).bg(Color::Yellow)
        } else {
            Style::default().add_modifier(Modifier::UNDERLINED | Modifier::BOLD)
        }
    }

    pub fn rule(&self) -> Style {
        self.dim()
    }
}
