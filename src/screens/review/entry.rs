//! An evening's page: everything it held, with the prompt as it was asked.

use chrono::NaiveDate;
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Wrap};

use super::list::{highlighted, message_line, page_body};
use super::search;
use super::{Review, bar, level_style};
use crate::journal::{Entry, Outcome};
use crate::protocol::{Ctx, Drawn};
use crate::screens::checkin::STRESS_WORDS;
use crate::ui::scroll::Scroll;
use crate::ui::{Theme, ios};

/// The lines of an evening's page; the words of `terms` (folded) are highlighted.
pub fn lines(entry: &Entry, terms: &[String], app: &Ctx) -> Vec<Line<'static>> {
    let theme = &app.theme;
    let text = |lines: &mut Vec<Line<'static>>, t: &str| text(lines, t, terms, theme);
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
        section(&mut lines, theme, "Yesterday's small act");
        let outcome = f.outcome.map_or("not answered", Outcome::label);
        lines.push(Line::from(vec![
            Span::raw(f.planned.text.clone()),
            Span::styled(format!("  ({outcome})"), theme.dim()),
        ]));
        if !f.noticed.is_empty() {
            lines.push(Line::styled("What you noticed:", theme.dim()));
            text(&mut lines, &f.noticed);
        }
    }
    if let Some(r) = &entry.reflection {
        lines.push(Line::raw(""));
        lines.push(Line::styled(r.prompt.clone(), theme.title()));
        text(&mut lines, &r.answer);
    }
    if let Some(a) = &entry.appreciation {
        section(&mut lines, theme, "One good thing");
        text(&mut lines, a);
    }
    section(&mut lines, theme, "Planned for the next day");
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

fn section(lines: &mut Vec<Line<'static>>, theme: &Theme, title: &str) {
    lines.push(Line::raw(""));
    lines.push(Line::styled(title.to_string(), theme.title()));
}

fn text(lines: &mut Vec<Line<'static>>, text: &str, terms: &[String], theme: &Theme) {
    for l in text.lines() {
        let ranges = search::highlight_ranges(l, terms);
        lines.push(Line::from(highlighted(
            l,
            &ranges,
            0,
            Style::default(),
            theme.highlight(),
        )));
    }
}

pub fn view(
    review: &Review,
    date: NaiveDate,
    scroll: &Scroll,
    frame: &mut Frame,
    app: &Ctx,
) -> Drawn {
    let body = page_body(frame, review, app, "Look back · an evening");
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

pub fn view_confirm_delete(review: &Review, date: NaiveDate, frame: &mut Frame, app: &Ctx) {
    let theme = &app.theme;
    let body = page_body(frame, review, app, "Look back · delete");
    let mut lines = vec![
        Line::styled(
            format!("Delete the evening of {}?", date.format("%A %-d %B %Y")),
            theme.title(),
        ),
        Line::raw(""),
    ];
    if let Some(e) = app.journal.entry(date)
        && let Some((_, text)) = super::gist(e)
    {
        let short: String = text.chars().take(120).collect();
        lines.push(Line::styled(format!("“{}”", short.trim_end()), theme.dim()));
        lines.push(Line::raw(""));
    }
    lines.push(Line::from(vec![
        Span::styled("1", theme.accent()),
        Span::raw("  delete it"),
    ]));
    lines.push(Line::from(vec![
        Span::styled("2", theme.accent()),
        Span::raw("  keep it"),
    ]));
    lines.push(Line::raw(""));
    lines.push(Line::styled(
        "A deleted evening can be brought back from the list (u) until you quit nearer.",
        theme.dim(),
    ));
    frame.render_widget(Paragraph::new(lines).wrap(Wrap { trim: false }), body);
}
