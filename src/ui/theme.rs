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

    /// Every palette colour the theme uses, for the test that none of them is one a common
    /// theme uses as its background.
    pub fn colours(&self) -> Vec<Color> {
        [
            self.text(),
            self.accent(),
            self.title(),
            self.dim(),
            self.selected(),
            self.warn(),
            self.good(),
            self.highlight(),
            self.rule(),
        ]
        .iter()
        .flat_map(|s| [s.fg, s.bg])
        .flatten()
        .collect()
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

    /// Secondary text: hints, counts, dates. The terminal's own faint text, never a palette
    /// colour: colour 8 ("dark grey") is the background itself in Solarized Dark and others.
    pub fn dim(&self) -> Style {
        if self.color {
            Style::default().add_modifier(Modifier::DIM)
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

    /// A message that needs attention (a save that failed). Red (colour 1) reads on light
    /// and dark backgrounds alike, where yellow fades into a light one.
    pub fn warn(&self) -> Style {
        if self.color {
            Style::default().fg(Color::Red).add_modifier(Modifier::BOLD)
        } else {
            Style::default().add_modifier(Modifier::BOLD | Modifier::UNDERLINED)
        }
    }

    /// A calm confirmation (saved): green (colour 2, not its bright form), bold, so it reads
    /// on a light terminal too.
    pub fn good(&self) -> Style {
        if self.color {
            Style::default()
                .fg(Color::Green)
                .add_modifier(Modifier::BOLD)
        } else {
            Style::default().add_modifier(Modifier::BOLD)
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn no_colour_is_one_that_common_themes_use_as_their_background() {
        // Solarized Dark draws its background with colour 8 (and 0); Solarized Light with 15
        // (and 7). Text in those colours vanishes there.
        let backgrounds = [
            Color::Black,
            Color::DarkGray,
            Color::White,
            Color::Gray,
            Color::Indexed(0),
            Color::Indexed(8),
            Color::Indexed(7),
            Color::Indexed(15),
        ];
        for c in Theme::new(true).colours() {
            assert!(
                !backgrounds.contains(&c) || c == Color::Black,
                "{c:?} is a background colour in a common theme"
            );
        }
        // Black appears only as text on the highlight's own yellow.
        let hl = Theme::new(true).highlight();
        assert_eq!((hl.fg, hl.bg), (Some(Color::Black), Some(Color::Yellow)));
    }
}
