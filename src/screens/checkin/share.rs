//! The check-in's last step when the journal is linked with a partner: what tonight shares
//! with them, each part shown with the words it would send, the default ticked, private for
//! everything not chosen. What is chosen here is kept for the evening (so changing it later
//! shares, or takes back, just that) and sent once the evening is saved.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span, Text};
use ratatui::widgets::{Paragraph, Wrap};

use super::{Checkin, text_of};
use crate::journal::{Part, Share};
use crate::protocol::Ctx;
use crate::ui::{Theme, ios, text};

/// The link as the check-in knows it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Linked {
    /// Who the evening is shared with.
    pub partner: String,
    /// What tonight shares, as the step shows it.
    pub share: Share,
    /// The couple's seed, when the partner is confirmed (the question is theirs then).
    pub seed: Option<u64>,
    /// The couple's history of questions (see `Partner::history`).
    pub history: std::sync::Arc<Vec<(chrono::NaiveDate, String)>>,
}

impl Checkin {
    /// What this evening shares, as chosen so far (nothing when not linked).
    pub fn share(&self) -> Option<Share> {
        self.linked.as_ref().map(|l| l.share)
    }

    pub(super) fn toggle_share(&mut self, n: u8) {
        let Some(part) = Part::ALL.get(usize::from(n).wrapping_sub(1)).copied() else {
            return;
        };
        if let Some(l) = self.linked.as_mut() {
            l.share = l.share.toggled(part);
            self.saved = false;
        }
    }

    /// What a part would send tonight, if anything is there to send.
    fn part_words(&self, part: Part) -> Option<String> {
        match part {
            Part::Closeness => self
                .closeness
                .map(|c| format!("{c} of 7, {}", ios::WORDS[usize::from(c.clamp(1, 7) - 1)])),
            Part::Answer => Some(text_of(&self.reflection)).filter(|t| !t.is_empty()),
            Part::GoodThing => Some(text_of(&self.appreciation)).filter(|t| !t.is_empty()),
            Part::SmallAct => match &self.act {
                crate::journal::ActChoice::Own => {
                    Some(text_of(&self.own_act)).filter(|t| !t.is_empty())
                }
                crate::journal::ActChoice::Card(id) => Some(id.clone()),
                _ => None,
            },
        }
    }

    pub(super) fn view_share(&self, frame: &mut Frame, body: Rect, theme: &Theme, app: &Ctx) {
        let Some(linked) = &self.linked else {
            return;
        };
        let width = usize::from(body.width).saturating_sub(36).max(10);
        let mut lines = vec![
            Line::styled(
                format!("What {} sees of this evening", linked.partner),
                theme.title(),
            ),
            Line::raw(""),
        ];
        for (i, part) in Part::ALL.into_iter().enumerate() {
            let on = linked.share.has(part);
            let label = if self.date == app.evening {
                part.label()
            } else {
                part.label_past()
            };
            let words = match (part, self.part_words(part)) {
                (Part::SmallAct, Some(id)) if app.content.card(&id).is_some() => {
                    app.content.card(&id).map(|c| c.title.clone())
                }
                (_, w) => w,
            };
            let (mark, note) = match (on, &words) {
                (true, Some(w)) => ("[x]", text::first_line(w, width)),
                (true, None) => ("[x]", "(nothing written: nothing is sent)".to_string()),
                (false, _) => ("[ ]", "private".to_string()),
            };
            lines.push(Line::from(vec![
                Span::styled(format!(" {} ", i + 1), theme.accent()),
                Span::styled(
                    format!("{mark} "),
                    if on { theme.good() } else { theme.dim() },
                ),
                Span::styled(format!("{label:<28}"), theme.text()),
                Span::styled(note, if on { theme.text() } else { theme.dim() }),
            ]));
        }
        lines.push(Line::raw(""));
        lines.push(Line::styled(
            "1 to 4 change this evening's choice; everything not ticked stays in your journal \
             alone. What is ticked is sealed for your partner's key before it leaves this \
             machine.",
            theme.dim(),
        ));
        if linked.share.answer {
            lines.push(Line::styled(
                format!(
                    "Neither of you sees the other's answer before you have both answered; \
                     {} sees yours once they have written theirs.",
                    linked.partner
                ),
                theme.dim(),
            ));
        }
        lines.push(Line::raw(""));
        lines.push(Line::styled("enter saves the evening.", theme.accent()));
        frame.render_widget(
            Paragraph::new(Text::from(lines)).wrap(Wrap { trim: false }),
            body,
        );
    }
}
