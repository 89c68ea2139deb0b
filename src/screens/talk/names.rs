//! Who is here, as a together evening asks it: the names in About us, or, when About us
//! has none, two optional boxes the first time; names given are kept in About us (as the
//! together evening's Names step keeps them), and "Partner A" and "Partner B" stand in for
//! names not given.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::Line;
use ratatui::widgets::{Paragraph, Wrap};
use ratatui_textarea::TextArea;

use crate::journal::About;
use crate::protocol::{Cx, Intent};
use crate::screens::checkin::{editor, text_of};
use crate::screens::together::{OWNER_LABEL, PARTNER_LABEL, Who};
use crate::ui::{Theme, text_box};

#[derive(Debug, Clone)]
pub struct Names {
    /// The journal's owner's name, then the partner's, as used on screen.
    pub owner: String,
    pub partner: String,
    /// About us had no names: the boxes are asked first.
    pub asking: bool,
    boxes: [TextArea<'static>; 2],
    focus: usize,
}

fn given(n: &Option<String>) -> Option<String> {
    n.clone().filter(|n| !n.trim().is_empty())
}

impl Names {
    pub fn new(about: &About) -> Names {
        Names {
            owner: given(&about.my_name).unwrap_or_else(|| OWNER_LABEL.into()),
            partner: given(&about.partner_name).unwrap_or_else(|| PARTNER_LABEL.into()),
            asking: about.my_name.is_none() || about.partner_name.is_none(),
            boxes: [
                editor(
                    about.my_name.as_deref().unwrap_or(""),
                    "Your name (optional)",
                ),
                editor(
                    about.partner_name.as_deref().unwrap_or(""),
                    "Your partner's name (optional)",
                ),
            ],
            focus: 0,
        }
    }

    pub fn of(&self, who: Who) -> &str {
        match who {
            Who::Owner => &self.owner,
            Who::Partner => &self.partner,
        }
    }

    pub fn editor(&self) -> &TextArea<'static> {
        &self.boxes[self.focus]
    }

    pub fn editor_mut(&mut self) -> &mut TextArea<'static> {
        &mut self.boxes[self.focus]
    }

    /// The next box, or done (true): the names are then taken, and kept in About us.
    pub fn next(&mut self, cx: &mut Cx) -> bool {
        if self.focus == 0 {
            self.focus = 1;
            return false;
        }
        let name = |ta: &TextArea| {
            let n = text_of(ta).lines().next().unwrap_or("").trim().to_string();
            (!n.is_empty()).then_some(n)
        };
        let (mine, theirs) = (name(&self.boxes[0]), name(&self.boxes[1]));
        self.owner = mine.clone().unwrap_or_else(|| OWNER_LABEL.into());
        self.partner = theirs.clone().unwrap_or_else(|| PARTNER_LABEL.into());
        if let Some(about) = (cx.journal.preferences.about).with_names(mine, theirs) {
            cx.ask(Intent::SetAbout(about));
        }
        self.focus = 0;
        true
    }

    pub fn view(&self, frame: &mut Frame, body: Rect, theme: &Theme, why: &str) {
        let [head, a, b, _] = Layout::vertical([
            Constraint::Length(4),
            Constraint::Length(3),
            Constraint::Length(3),
            Constraint::Min(0),
        ])
        .areas(body);
        frame.render_widget(
            Paragraph::new(vec![
                Line::raw(""),
                Line::styled("Who is here?", theme.title()),
                Line::styled(
                    format!("{why} Both names are optional; tab moves on."),
                    theme.dim(),
                ),
            ])
            .wrap(Wrap { trim: false }),
            head,
        );
        for (i, area) in [a, b].into_iter().enumerate() {
            let focused = self.focus == i;
            let border = if focused { theme.accent() } else { theme.dim() };
            text_box::editor(frame, area, theme, &self.boxes[i], border, focused);
        }
    }
}

/// A key for a one-line name box: Enter is not a new line, a paste is one line.
pub fn on_name_key(ta: &mut TextArea<'static>, key: ratatui::crossterm::event::KeyEvent) -> bool {
    use ratatui::crossterm::event::KeyCode;
    if matches!(key.code, KeyCode::Enter) {
        return false;
    }
    if text_of(ta).chars().count() >= 80 && matches!(key.code, KeyCode::Char(_)) {
        return false;
    }
    ta.input(key)
}
