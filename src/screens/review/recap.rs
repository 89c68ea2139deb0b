//! The weekly recap (a week and the one before: evenings, average closeness, the
//! appreciations written) and what seemed to help, over the whole journal.

use chrono::{Duration, NaiveDate};
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Wrap};

use super::parts::{message_line, prose_body};
use super::voices::talk_detail;
use super::{Page, Review, plural, stats, together};
use crate::journal::export::{capitalised, select};
use crate::journal::voices::Voices;
use crate::protocol::{Command, Ctx, Cx, Drawn};
use crate::screens::card::hanging;
use crate::screens::scroll_move;
use crate::ui::Theme;
use crate::ui::scroll::{Move, Scroll};

/// Whether a command changes the recap of `week`.
pub fn handles(command: Command, week: NaiveDate, scroll: &Scroll, ctx: &Ctx) -> bool {
    match command {
        Command::Left | Command::Back => true,
        Command::Right => week < stats::week_start(ctx.evening),
        // This week, from its top.
        Command::First => week < stats::week_start(ctx.evening) || scroll.can(Move::Top),
        c => scroll_move(c).is_some_and(|m| scroll.can(m)),
    }
}

impl Review {
    pub(super) fn on_recap(
        &mut self,
        command: Command,
        week: NaiveDate,
        scroll: Scroll,
        helped: Vec<String>,
        cx: &mut Cx,
    ) {
        let this_week = stats::week_start(cx.evening);
        let mut scroll = scroll;
        let week = match command {
            Command::Left => {
                scroll = Scroll::default();
                week - Duration::days(7)
            }
            Command::Right => {
                scroll = Scroll::default();
                (week + Duration::days(7)).min(this_week)
            }
            Command::First => {
                scroll = Scroll::default();
                this_week
            }
            Command::Back => return self.pop(),
            c => {
                if let Some(m) = scroll_move(c) {
                    scroll.apply(m);
                }
                week
            }
        };
        *self.top() = Page::Recap {
            week,
            scroll,
            helped,
        };
    }
}

/// The page's lines for a window `cols` wide (appreciations hang under their dates).
pub fn lines(week: NaiveDate, helped: &[String], app: &Ctx, cols: usize) -> Vec<Line<'static>> {
    let theme = &app.theme;
    let this_week = stats::week_start(app.evening);
    let mut lines = Vec::new();
    for (i, start) in [week, week - Duration::days(7)].into_iter().enumerate() {
        let w = stats::week(app.journal, start);
        let name = match (this_week - start).num_days() / 7 {
            0 => "This week".to_string(),
            1 => "Last week".to_string(),
            n => format!("{n} weeks ago"),
        };
        if i > 0 {
            lines.push(Line::raw(""));
        }
        lines.push(Line::from(vec![
            Span::styled(name, theme.title()),
            Span::styled(
                format!(
                    "   {} to {}",
                    start.format("%A %-d %B"),
                    w.end.format("%A %-d %B %Y")
                ),
                theme.dim(),
            ),
        ]));
        let said = said_to_each_other(select(app.journal, Some(start), Some(w.end)));
        week_lines(&mut lines, &w, !said.is_empty(), theme, cols);
        together_lines(&mut lines, app, start, w.end, said, cols);
    }
    lines.push(Line::raw(""));
    lines.push(Line::styled("What seemed to help", theme.title()));
    for l in helped {
        lines.push(Line::raw(l.clone()));
    }
    lines
}

/// `said_together`: the week's together evenings hold good things said to each other,
/// shown after these lines (so "No appreciations written" would not be true to say).
fn week_lines(
    lines: &mut Vec<Line<'static>>,
    w: &stats::Week,
    said_together: bool,
    theme: &Theme,
    cols: usize,
) {
    if w.summary.evenings == 0 {
        lines.push(Line::styled("No check-ins this week.", theme.dim()));
        return;
    }
    let mut s = format!(
        "{} · closeness averaged {}",
        plural(w.summary.evenings, "evening", "evenings"),
        w.summary.closeness.shown().unwrap_or_default()
    );
    if let Some(st) = w.summary.stress.shown() {
        s.push_str(&format!(" · outside stress {st} of 5"));
    }
    lines.push(Line::raw(s));
    if w.planned > 0 {
        lines.push(Line::raw(format!(
            "Small acts: {} planned, {} done (as told the evening after)",
            w.planned, w.done
        )));
    }
    if w.appreciations.is_empty() {
        if !said_together {
            lines.push(Line::styled("No appreciations written.", theme.dim()));
        }
    } else {
        let what = match w.appreciations.len() {
            1 => "The appreciation you wrote:".to_string(),
            n => format!("The {n} appreciations you wrote:"),
        };
        lines.push(Line::styled(what, theme.dim()));
        for (date, text) in &w.appreciations {
            let date = Span::styled(format!("  {}  ", date.format("%a %e")), theme.accent());
            lines.extend(hanging(date, text, cols, theme.text()));
        }
    }
}

/// The good things said of each other on together evenings, oldest first: (date, "Sam
/// about Alex: ...").
fn said_to_each_other(
    entries: &[std::sync::Arc<crate::journal::Entry>],
) -> Vec<(NaiveDate, String)> {
    let mut said = Vec::new();
    for e in entries {
        let Some(v) = Voices::of(e) else { continue };
        let [a, b] = v.both();
        for (p, other) in [(a, b), (b, a)] {
            if let Some(g) = p.good_thing {
                said.push((e.date, format!("{} about {}: {g}", p.name, other.name)));
            }
        }
    }
    said
}

/// A week's together evenings (both ratings, the good things said to each other) and the
/// conversations nearer guided, with their notes.
fn together_lines(
    lines: &mut Vec<Line<'static>>,
    app: &Ctx,
    start: NaiveDate,
    end: NaiveDate,
    said: Vec<(NaiveDate, String)>,
    cols: usize,
) {
    let theme = &app.theme;
    let entries = select(app.journal, Some(start), Some(end));
    if let Some(s) = together::Figures::of(entries).summary() {
        lines.push(Line::raw(s));
        if !said.is_empty() {
            lines.push(Line::styled(
                "What you said of each other on those evenings:",
                theme.dim(),
            ));
            for (date, text) in said {
                let date = Span::styled(format!("  {}  ", date.format("%a %e")), theme.accent());
                lines.extend(hanging(date, &text, cols, theme.text()));
            }
        }
    }
    let talks = together::talks_between(app.journal, start, end);
    if let Some(words) = together::talks_in_words(&talks) {
        lines.push(Line::raw(format!(
            "You talked with nearer's help: {words}."
        )));
        for t in talks {
            let mut text = capitalised(t.kind.label()) + &talk_detail(t);
            if let Some(note) = t.note.as_deref().filter(|n| !n.trim().is_empty()) {
                text.push_str(": ");
                text.push_str(note);
            }
            let date = Span::styled(format!("  {}  ", t.date.format("%a %e")), theme.accent());
            lines.extend(hanging(date, &text, cols, theme.text()));
        }
    }
}

pub fn view(
    review: &Review,
    week: NaiveDate,
    scroll: &Scroll,
    helped: &[String],
    frame: &mut Frame,
    app: &Ctx,
) -> Drawn {
    let body = prose_body(frame, app, "Look back · week by week");
    let message = message_line(review, app);
    let [text_area, msg_area] = Layout::vertical([
        Constraint::Min(1),
        Constraint::Length(u16::from(message.is_some())),
    ])
    .areas(body);
    let cols = usize::from(text_area.width);
    let para = Paragraph::new(lines(week, helped, app, cols)).wrap(Wrap { trim: false });
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
