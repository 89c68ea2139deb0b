//! Drawing a timed turn, for both conversations: whose turn it is in large type, the time
//! left (calmly: when it is up, a line says so, nothing flashes or sounds), and the
//! listener's rules.

use chrono::{DateTime, FixedOffset};
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Wrap};

use super::big;
use super::timer::{Timer, clock};
use crate::ui::Theme;

/// What a turn's screen says, besides the timer.
pub struct Turn<'a> {
    /// "Turn 1 of 2" and what the turn is about.
    pub heading: String,
    pub speaker: &'a str,
    pub listener: &'a str,
    /// The listener's rules, one a line.
    pub rules: Vec<String>,
    /// What enter does now ("hands over to Sam", "finishes").
    pub enter: String,
    /// What the turn is about, in the words written for it (the State of us's issue).
    pub about: Option<String>,
}

/// The lines for the name in large type, or in ordinary type when it has no large form.
pub fn name_lines(name: &str, width: usize, theme: &Theme) -> Vec<Line<'static>> {
    match big::rows(name, width) {
        Some(rows) => rows
            .into_iter()
            .map(|r| Line::styled(r, theme.accent()))
            .collect(),
        None => vec![
            Line::raw(""),
            Line::styled(name.to_string(), theme.accent()),
            Line::raw(""),
        ],
    }
}

pub fn view(
    frame: &mut Frame,
    body: Rect,
    theme: &Theme,
    timer: &Timer,
    now: DateTime<FixedOffset>,
    turn: &Turn,
) {
    let width = usize::from(body.width);
    let mut lines = vec![Line::styled(turn.heading.clone(), theme.dim())];
    if let Some(about) = &turn.about {
        // The words as written, on two lines at most.
        lines.push(Line::raw(crate::ui::text::first_line(
            about,
            width.saturating_sub(4) * 2,
        )));
    }
    lines.push(Line::raw(""));
    lines.extend(name_lines(turn.speaker, width, theme));
    lines.push(Line::from(vec![
        Span::styled(format!("{} talks", turn.speaker), theme.title()),
        Span::styled(format!(" · {} listens", turn.listener), theme.text()),
    ]));
    lines.push(Line::raw(""));
    let left = clock(timer.left(now));
    let of = clock(timer.length());
    let time = if !timer.has_started() {
        Line::from(vec![
            Span::styled(format!("{of} a turn"), theme.title()),
            Span::styled(" · + or - changes the length", theme.dim()),
        ])
    } else if timer.is_up(now) {
        Line::styled(
            "Time. Finish the thought you are on; there is no hurry.",
            theme.title(),
        )
    } else if timer.is_running() {
        Line::from(vec![
            Span::styled(left, theme.title()),
            Span::styled(format!(" left of {of}"), theme.dim()),
        ])
    } else {
        Line::from(vec![
            Span::styled("Paused", theme.title()),
            Span::styled(
                format!(" · {left} left of {of} · space goes on, + or - changes the length"),
                theme.dim(),
            ),
        ])
    };
    lines.push(time);
    lines.push(Line::raw(""));
    lines.push(Line::styled(
        format!("{}, while you listen:", turn.listener),
        theme.text(),
    ));
    for rule in &turn.rules {
        lines.push(Line::raw(format!("  · {rule}")));
    }
    lines.push(Line::raw(""));
    lines.push(Line::styled(
        format!("enter {} · space pauses", turn.enter),
        theme.dim(),
    ));
    frame.render_widget(Paragraph::new(lines).wrap(Wrap { trim: false }), body);
}
