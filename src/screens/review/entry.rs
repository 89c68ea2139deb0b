//! An evening's page: everything it held, with the prompt as it was asked; ← → go to the
//! evening before and after in the list (or the calendar) it was opened from.

use chrono::NaiveDate;
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Wrap};

use super::parts::{message_line, prose_body};
use super::voices::{self, section, text};
use super::{Origin, Page, Review, bar, level_style};
use crate::journal::STRESS_WORDS;
use crate::journal::voices::{Voices, solo_too};
use crate::journal::{Entry, Outcome};
use crate::protocol::{Command, Ctx, Cx, Drawn};
use crate::screens::scroll_move;
use crate::ui::ios;
use crate::ui::scroll::Scroll;

impl Review {
    pub(super) fn entry_handles(
        &self,
        command: Command,
        date: NaiveDate,
        scroll: &Scroll,
        from: Origin,
        ctx: &Ctx,
    ) -> bool {
        match command {
            Command::Back | Command::Star | Command::Delete => true,
            Command::Edit => date <= ctx.evening,
            Command::Left => self.has_neighbour(date, from, false, ctx),
            Command::Right => self.has_neighbour(date, from, true, ctx),
            c => scroll_move(c).is_some_and(|m| scroll.can(m)),
        }
    }

    /// Whether there is an evening after (`later`) or before this one where it was opened
    /// from (in the list: found, or still to be looked for).
    fn has_neighbour(&self, date: NaiveDate, from: Origin, later: bool, ctx: &Ctx) -> bool {
        match from {
            Origin::List => match self.row_of(ctx.journal, date) {
                Some(row) if later => row > 0,
                Some(row) => row + 1 < self.len(ctx.journal) || self.search.is_scanning(),
                None => false,
            },
            Origin::Calendar => {
                let entries = &ctx.journal.entries;
                if later {
                    entries.last().is_some_and(|e| e.date > date)
                } else {
                    entries.first().is_some_and(|e| e.date < date)
                }
            }
        }
    }

    pub(super) fn on_entry(
        &mut self,
        command: Command,
        date: NaiveDate,
        scroll: Scroll,
        from: Origin,
        cx: &mut Cx,
    ) {
        let step = |this: &mut Review, later: bool| -> Option<NaiveDate> {
            match from {
                Origin::List => {
                    let row = this.row_of(cx.journal, date)?;
                    let next = if later { row.checked_sub(1)? } else { row + 1 };
                    // An older row may be one search has still to find: selecting looks.
                    this.select(next, &cx.ctx);
                    let d = this.row_date(cx.journal, next)?;
                    Some(d)
                }
                Origin::Calendar => {
                    let entries = &cx.journal.entries;
                    let i = entries.partition_point(|e| e.date < date);
                    if later {
                        let j = if entries.get(i).is_some_and(|e| e.date == date) {
                            i + 1
                        } else {
                            i
                        };
                        entries.get(j).map(|e| e.date)
                    } else {
                        i.checked_sub(1).map(|j| entries[j].date)
                    }
                }
            }
        };
        match command {
            Command::Back => self.pop(),
            c if scroll_move(c).is_some() => {
                let mut scroll = scroll;
                if let Some(m) = scroll_move(c) {
                    scroll.apply(m);
                }
                *self.top() = Page::Entry { date, scroll, from }
            }
            Command::Left | Command::Right => match step(self, command == Command::Right) {
                Some(d) => {
                    *self.top() = Page::Entry {
                        date: d,
                        scroll: Scroll::default(),
                        from,
                    }
                }
                None => {
                    self.message = Some(if command == Command::Right {
                        "This is the latest evening here.".into()
                    } else if from == Origin::List && self.search.is_scanning() {
                        "Still looking further back; more may come in a moment.".into()
                    } else {
                        "This is the earliest evening here.".into()
                    });
                }
            },
            Command::Star => self.toggle_star(date, cx),
            Command::Edit => self.edit(date, cx),
            Command::Delete => self.pages.push(Page::ConfirmDelete { date }),
            _ => {}
        }
    }
}

/// The lines of an evening's page; the words of `terms` (folded) are highlighted.
pub fn lines(entry: &Entry, terms: &[String], app: &Ctx) -> Vec<Line<'static>> {
    let theme = &app.theme;
    let mut lines = Vec::new();
    let mut title = vec![Span::styled(
        entry.date.format("%A %-d %B %Y").to_string(),
        theme.title(),
    )];
    if entry.starred {
        title.push(Span::styled("   ★ starred", theme.accent()));
    }
    lines.push(Line::from(title));
    lines.push(Line::raw(""));
    let both = Voices::of(entry);
    if let Some(v) = &both {
        lines.extend(voices::lines(v, terms, app));
    }
    lines.extend(voices::talk_lines(
        app.journal.talks_on(entry.date),
        terms,
        theme,
    ));
    // The owner's own check-in, beside a together evening when there was one too.
    if both.is_none() || solo_too(entry) {
        if both.is_some() {
            section(&mut lines, theme, "Your own check-in that evening");
        }
        own_lines(&mut lines, entry, terms, app);
    }
    shared_lines(&mut lines, entry, terms, app);
    lines.push(Line::raw(""));
    let mut written = format!("Written {}", entry.created.format("%A %-d %B %Y at %H:%M"));
    if entry.updated.date_naive() != entry.created.date_naive()
        || (entry.updated - entry.created).num_minutes().abs() >= 1
    {
        written.push_str(&format!(
            "; changed {}",
            entry.updated.format("%A %-d %B %Y at %H:%M")
        ));
    }
    written.push('.');
    lines.push(Line::styled(written, theme.dim()));
    lines
}

/// What a linked partner shared of the evening, once this person's own answer of it is
/// saved; it is read from the shared folder and held in memory only, never in the journal.
fn shared_lines(lines: &mut Vec<Line<'static>>, entry: &Entry, terms: &[String], app: &Ctx) {
    let Some(e) = (app.partner).and_then(|p| crate::find::entry::shared_of(&p.evenings, entry))
    else {
        return;
    };
    let theme = &app.theme;
    let name = app.journal.preferences.about.partner().to_string();
    section(lines, theme, &format!("What {name} shared"));
    if let Some(c) = e.closeness.map(|c| c.clamp(1, 7)) {
        lines.push(Line::from(vec![
            Span::styled(format!("{:<13}", "Closeness"), theme.dim()),
            Span::styled(format!("{c} {}", bar(c)), level_style(theme, c)),
            Span::raw(format!("  {c} of 7, {}", ios::WORDS[usize::from(c - 1)])),
        ]));
    }
    let parts = [
        (Some(e.prompt.as_str()), e.answer.as_deref()),
        (Some("One good thing about you"), e.good_thing.as_deref()),
        (Some("Their small act for tomorrow"), e.small_act.as_deref()),
    ];
    for (title, said) in parts {
        if let (Some(title), Some(said)) = (title, said.filter(|s| !s.trim().is_empty())) {
            lines.push(Line::raw(""));
            lines.push(Line::styled(title.to_string(), theme.dim()));
            text(lines, said, terms, theme);
        }
    }
}

/// The owner's own check-in: closeness, stress, yesterday's act, the reflection, the good
/// thing, the small act planned.
fn own_lines(lines: &mut Vec<Line<'static>>, entry: &Entry, terms: &[String], app: &Ctx) {
    let theme = &app.theme;
    let text = |lines: &mut Vec<Line<'static>>, t: &str| text(lines, t, terms, theme);
    let field = |label: &str, value: Vec<Span<'static>>| -> Line<'static> {
        let mut spans = vec![Span::styled(format!("{label:<13}"), theme.dim())];
        spans.extend(value);
        Line::from(spans)
    };
    let c = entry.closeness.clamp(1, 7);
    lines.push(field(
        "Closeness",
        vec![
            Span::styled(format!("{c} {}", bar(c)), level_style(theme, c)),
            Span::raw(format!("  {} of 7, {}", c, ios::WORDS[usize::from(c - 1)])),
        ],
    ));
    if let Some(s) = entry.stress {
        let word = STRESS_WORDS
            .get(usize::from(s.clamp(1, 5) - 1))
            .copied()
            .unwrap_or("");
        lines.push(field(
            "Stress",
            vec![Span::raw(format!("{s} of 5, {word}"))],
        ));
    }
    if let Some(f) = &entry.followup {
        section(lines, theme, "Yesterday's small act");
        let outcome = f.outcome.map_or("not answered", Outcome::label);
        lines.push(Line::from(vec![
            Span::raw(f.planned.text.clone()),
            Span::styled(format!("  ({outcome})"), theme.dim()),
        ]));
        if !f.noticed.is_empty() {
            let heading = if f.outcome == Some(Outcome::NotYet) {
                "What got in the way:"
            } else {
                "What you noticed:"
            };
            lines.push(Line::styled(heading, theme.dim()));
            text(lines, &f.noticed);
        }
    }
    if let Some(r) = &entry.reflection {
        lines.push(Line::raw(""));
        lines.push(Line::styled(r.prompt.clone(), theme.title()));
        text(lines, &r.answer);
    }
    if let Some(a) = &entry.appreciation {
        section(lines, theme, "One good thing");
        text(lines, a);
    }
    section(lines, theme, "Planned for the next day");
    match &entry.small_act {
        Some(act) => {
            let mut spans = vec![Span::raw(act.text.clone())];
            if let Some(card) = act.card_id.as_deref().and_then(|id| app.content.card(id))
                && let Some(s) = app.content.section(&card.section)
            {
                spans.push(Span::styled(
                    format!("  (a card from {})", s.title),
                    theme.dim(),
                ));
            }
            lines.push(Line::from(spans));
        }
        None => lines.push(Line::styled("nothing planned", theme.dim())),
    }
}

pub fn view(
    review: &Review,
    date: NaiveDate,
    scroll: &Scroll,
    frame: &mut Frame,
    app: &Ctx,
) -> Drawn {
    let body = prose_body(frame, app, "Look back · an evening");
    let message = message_line(review, app);
    let [text_area, msg_area] = Layout::vertical([
        Constraint::Min(1),
        Constraint::Length(u16::from(message.is_some())),
    ])
    .areas(body);
    let Some(entry) = app.journal.entry(date) else {
        frame.render_widget(
            Paragraph::new("This evening is not in the journal any more."),
            text_area,
        );
        return Drawn::default();
    };
    let para =
        Paragraph::new(lines(entry, &review.search.query.terms, app)).wrap(Wrap { trim: false });
    let (lines, height) = scroll.render(frame, para, text_area);
    if let Some(m) = message {
        frame.render_widget(Paragraph::new(m), msg_area);
    }
    Drawn {
        height,
        lines,
        first: 0,
    }
}
