//! What home says of the partner when the journal is linked: tonight's question between the
//! two of them (waiting, or both answered and the partner's answer), the one good thing the
//! partner wrote about this person yesterday, and anything about the link the person
//! should know (a forged file, a changed key), said as a warning, never read as the
//! partner's.
//!
//! Blind until both have answered: the partner's answer for tonight is shown only once this
//! person's own answer is saved; before that, home says only whether it has come.

use chrono::Duration;
use ratatui::text::{Line, Span};

use crate::journal::export::capitalised;
use crate::link::Status;
use crate::link::partner::Tonight;
use crate::protocol::Ctx;
use crate::ui::{Theme, ios};

/// Home's lines about the partner (none when the journal is not linked).
pub fn home_lines(ctx: &Ctx, theme: &Theme) -> Vec<Line<'static>> {
    let Some(partner) = ctx.partner else {
        return Vec::new();
    };
    let name = ctx.journal.preferences.about.partner().to_string();
    let mut lines = Vec::new();
    for notice in &partner.notices {
        lines.push(Line::styled(notice.clone(), theme.warn()));
    }
    if !matches!(
        partner.status,
        Status::Paired | Status::FolderMissing { .. }
    ) {
        return lines;
    }
    match partner.tonight(ctx.journal, ctx.evening) {
        Tonight::Waiting => lines.push(Line::styled(
            format!("Waiting for {name} to answer tonight's question."),
            theme.dim(),
        )),
        Tonight::TheyAnswered => lines.push(Line::styled(
            format!(
                "{} has answered tonight's question. Answer yours, and you will see each \
                 other's.",
                capitalised(&name)
            ),
            theme.accent(),
        )),
        Tonight::Both(e) => {
            lines.push(Line::from(vec![
                Span::styled(format!("{}'s answer", capitalised(&name)), theme.title()),
                Span::styled(format!(" to “{}”", e.prompt), theme.dim()),
            ]));
            for l in e.answer.as_deref().unwrap_or("").lines() {
                lines.push(Line::raw(format!("  {l}")));
            }
            if let Some(c) = e.closeness {
                lines.push(Line::styled(
                    format!(
                        "{} felt {c} of 7 close tonight: {}.",
                        capitalised(&name),
                        ios::WORDS[usize::from(c.clamp(1, 7) - 1)]
                    ),
                    theme.dim(),
                ));
            }
        }
    }
    let yesterday = partner.evening(ctx.evening - Duration::days(1));
    if let Some(good) = yesterday.and_then(|e| e.good_thing.as_deref()) {
        lines.push(Line::from(vec![
            Span::styled(
                format!("Yesterday {name} wrote one good thing about you: "),
                theme.dim(),
            ),
            Span::styled(format!("“{good}”"), theme.good()),
        ]));
    }
    if let Some(act) = yesterday.and_then(|e| e.small_act.as_deref()) {
        lines.push(Line::from(vec![
            Span::styled(
                format!("{} planned for today: ", capitalised(&name)),
                theme.dim(),
            ),
            Span::raw(act.to_string()),
        ]));
    }
    lines
}
