//! Both voices on an evening's page: each partner's rating, answer, good thing and small
//! act under their name, drawn from [`Voices`] (a together evening, or later a partner's
//! shared evening), and the conversations nearer guided that evening.

use ratatui::style::Style;
use ratatui::text::{Line, Span};

use super::{bar, level_style};
use crate::find::highlight;
use crate::journal::export::capitalised;
use crate::journal::together::Talk;
use crate::journal::voices::{Source, Voices};
use crate::protocol::Ctx;
use crate::ui::text::width;
use crate::ui::{Theme, ios};

/// The lines of both voices; the words of `terms` (folded) are highlighted.
pub fn lines(v: &Voices, terms: &[String], app: &Ctx) -> Vec<Line<'static>> {
    let theme = &app.theme;
    let mut lines = Vec::new();
    let how = match v.source {
        Source::Together => "Together",
        Source::Linked => "Shared",
    };
    lines.push(Line::styled(format!("{how}: {}", v.names()), theme.title()));
    lines.push(Line::raw(""));
    // Names padded to one width, so the two ratings sit one above the other.
    let name_width = v.both().iter().map(|p| width(p.name)).max().unwrap_or(0);
    let pad = |name: &str| format!("{name}{}", " ".repeat(name_width - width(name)));
    for (i, p) in v.both().into_iter().enumerate() {
        let label = if i == 0 { "Closeness" } else { "" };
        let mut spans = vec![
            Span::styled(format!("{label:<13}"), theme.dim()),
            Span::styled(format!("{}  ", pad(p.name)), theme.accent()),
        ];
        match p.closeness {
            Some(c) => {
                let c = c.clamp(1, 7);
                spans.push(Span::styled(
                    format!("{c} {}", bar(c)),
                    level_style(theme, c),
                ));
                spans.push(Span::raw(format!(
                    "  {c} of 7, {}",
                    ios::WORDS[usize::from(c - 1)]
                )));
            }
            None => spans.push(Span::styled("not shared", theme.dim())),
        }
        lines.push(Line::from(spans));
    }
    if v.both().iter().any(|p| p.followup.is_some()) {
        let told: Vec<String> = (v.both().iter())
            .filter_map(|p| p.followup.map(|o| format!("{} {}", p.name, o.label())))
            .collect();
        lines.push(Line::from(vec![
            Span::styled(format!("{:<13}", "Yesterday's"), theme.dim()),
            Span::raw(format!("small act: {}", told.join(" · "))),
        ]));
    }

    let answered = v.both().iter().any(|p| p.answer.is_some());
    if answered || v.prompt.is_some() {
        lines.push(Line::raw(""));
        if let Some(prompt) = v.prompt {
            lines.push(Line::styled(prompt.to_string(), theme.title()));
        }
        // Someone who kept no words at all is said to once, below.
        for p in v.both().into_iter().filter(|p| p.has_words()) {
            said(
                &mut lines,
                p.name.to_string(),
                p.answer,
                "no answer",
                terms,
                theme,
            );
        }
    }
    if v.both().iter().any(|p| p.good_thing.is_some()) {
        section(&mut lines, theme, "One good thing each");
        let [a, b] = v.both();
        for (p, other) in [(a, b), (b, a)] {
            if p.has_words() {
                let who = format!("{} about {}", p.name, other.name);
                said(&mut lines, who, p.good_thing, "none", terms, theme);
            }
        }
    }
    if v.has_acts() {
        section(&mut lines, theme, "Small acts for the next day");
        for p in v.both() {
            if let Some(act) = p.small_act {
                act_line(&mut lines, p.name, act, terms, theme);
            }
        }
        if let Some(act) = v.act_together {
            act_line(&mut lines, "Together", act, terms, theme);
        }
    }
    for p in v.both().into_iter().filter(|p| !p.has_words()) {
        lines.push(Line::raw(""));
        lines.push(Line::styled(
            format!(
                "No words of {}'s are kept for this evening, only the rating.",
                p.name
            ),
            theme.dim(),
        ));
    }
    lines
}

/// The conversations of an evening: what they were, and the note kept, if any.
pub fn talk_lines<'a>(
    talks: impl IntoIterator<Item = &'a Talk>,
    terms: &[String],
    theme: &Theme,
) -> Vec<Line<'static>> {
    let mut lines = Vec::new();
    for t in talks {
        if lines.is_empty() {
            section(&mut lines, theme, "Talked with nearer's help");
        }
        lines.push(Line::from(vec![
            Span::raw(capitalised(t.kind.label())),
            Span::styled(talk_detail(t), theme.dim()),
        ]));
        if let Some(note) = t.note.as_deref().filter(|n| !n.trim().is_empty()) {
            text(&mut lines, note, terms, theme);
        }
    }
    lines
}

/// ", 10 minutes a turn, at 21:40".
pub fn talk_detail(t: &Talk) -> String {
    let mut s = String::new();
    if let Some(m) = t.minutes {
        s.push_str(&format!(", {m} minutes a turn"));
    }
    s.push_str(&format!(", at {}", t.at.format("%H:%M")));
    s
}

/// A name (or "Sam about Alex") on its line, then their words, or a dim word for none.
fn said(
    lines: &mut Vec<Line<'static>>,
    who: String,
    words: Option<&str>,
    none: &str,
    terms: &[String],
    theme: &Theme,
) {
    lines.push(Line::styled(who, theme.accent()));
    match words {
        Some(w) => text(lines, w, terms, theme),
        None => lines.push(Line::styled(none.to_string(), theme.dim())),
    }
}

fn act_line(lines: &mut Vec<Line<'static>>, who: &str, act: &str, terms: &[String], theme: &Theme) {
    let one = crate::find::highlight::one_line(act);
    let ranges = highlight::ranges(&one, terms);
    let mut spans = vec![Span::styled(format!("{who}: "), theme.accent())];
    spans.extend(highlight::spans(
        &one,
        &ranges,
        0,
        Style::default(),
        theme.highlight(),
    ));
    lines.push(Line::from(spans));
}

pub(super) fn section(lines: &mut Vec<Line<'static>>, theme: &Theme, title: &str) {
    lines.push(Line::raw(""));
    lines.push(Line::styled(title.to_string(), theme.title()));
}

/// Text as written, line by line, with the words of `terms` highlighted.
pub(super) fn text(lines: &mut Vec<Line<'static>>, text: &str, terms: &[String], theme: &Theme) {
    for l in text.lines() {
        let ranges = highlight::ranges(l, terms);
        lines.push(Line::from(highlight::spans(
            l,
            &ranges,
            0,
            Style::default(),
            theme.highlight(),
        )));
    }
}
