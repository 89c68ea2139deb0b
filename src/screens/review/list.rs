//! The journal list (newest first, only the rows on screen are built), the search box above
//! it, the filter page and the export question.

use std::ops::Range;

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Wrap};

use super::search::{self, Filters, Query};
use super::{Review, bar, count, gist, level_style, one_line, plural};
use crate::content::Library;
use crate::journal::Entry;
use crate::journal::export::select;
use crate::protocol::{Ctx, Drawn};
use crate::ui::{Theme, chrome};

/// Spans of `text` from byte `from`, with `ranges` drawn in `hl` and the rest in `base`.
pub fn highlighted(
    text: &str,
    ranges: &[Range<usize>],
    from: usize,
    base: Style,
    hl: Style,
) -> Vec<Span<'static>> {
    let mut spans = Vec::new();
    let mut at = from;
    for r in ranges {
        let start = r.start.max(at);
        let end = r.end.max(start);
        if end <= at {
            continue;
        }
        if start > at {
            spans.push(Span::styled(text[at..start].to_string(), base));
        }
        spans.push(Span::styled(text[start..end].to_string(), hl));
        at = end;
    }
    if at < text.len() {
        spans.push(Span::styled(text[at..].to_string(), base));
    }
    spans
}

/// Where to start showing a line of text so that its first match is in view: a few
/// characters of what comes before it.
fn lead_in(text: &str, first: usize) -> usize {
    const BEFORE: usize = 16;
    let starts: Vec<usize> = text[..first].char_indices().map(|(i, _)| i).collect();
    if starts.len() <= BEFORE {
        return 0;
    }
    // Start at a word where there are words.
    let from = starts[starts.len() - BEFORE];
    match text[from..first].find(char::is_whitespace) {
        Some(i) => from + i + 1,
        None => from,
    }
}

/// The snippet of a row: with a query, the first text that matches around its first match;
/// without, the start of the reflection.
fn snippet(entry: &Entry, query: &Query, base: Style, theme: &Theme) -> Vec<Span<'static>> {
    let hl = base.patch(theme.highlight());
    let dim = if base == Style::default() {
        theme.dim()
    } else {
        base
    };
    if !query.is_empty()
        && let Some((field, text, ranges)) = search::first_match(entry, query)
    {
        let text = one_line(text);
        let from = lead_in(&text, ranges[0].start);
        let mut spans = Vec::new();
        if !field.label().is_empty() {
            spans.push(Span::styled(field.label(), dim));
        }
        if from > 0 {
            spans.push(Span::styled("…", base));
        }
        spans.extend(highlighted(&text, &ranges, from, base, hl));
        return spans;
    }
    match gist(entry) {
        Some((label, text)) => {
            let ranges = search::highlight_ranges(&text, &query.terms);
            let mut spans = Vec::new();
            if !label.is_empty() {
                spans.push(Span::styled(label, dim));
            }
            spans.extend(highlighted(&text, &ranges, 0, base, hl));
            spans
        }
        None => vec![Span::styled("closeness only", dim)],
    }
}

/// One row: marker, star, date, closeness as a number and a bar, and the snippet.
pub fn row(entry: &Entry, query: &Query, selected: bool, theme: &Theme) -> Line<'static> {
    let base = if selected {
        theme.selected()
    } else {
        Style::default()
    };
    let mut spans = vec![
        Span::styled(if selected { "▸ " } else { "  " }, theme.accent()),
        Span::styled(
            if entry.starred { "★ " } else { "  " },
            base.patch(theme.accent()),
        ),
        Span::styled(entry.date.format("%a %e %b %Y").to_string(), base),
        Span::styled("  ", base),
        Span::styled(
            format!("{} {}", entry.closeness, bar(entry.closeness)),
            base.patch(level_style(theme, entry.closeness)),
        ),
        Span::styled("  ", base),
    ];
    spans.extend(snippet(entry, query, base, theme));
    Line::from(spans)
}

/// The filters in words: "starred · with an appreciation · from March 2025".
pub fn describe_filters(f: &Filters, content: &Library) -> Vec<String> {
    let mut out = Vec::new();
    if f.starred {
        out.push("starred".to_string());
    }
    match f.appreciation {
        Some(true) => out.push("with an appreciation".into()),
        Some(false) => out.push("without an appreciation".into()),
        None => {}
    }
    if let Some(s) = &f.section {
        let title = content.section(s).map_or(s.as_str(), |s| s.title.as_str());
        out.push(format!("planned a card from {title}"));
    }
    if let Some(d) = f.from {
        out.push(format!("from {}", d.format("%B %Y")));
    }
    if let Some(d) = f.to {
        out.push(format!("to {}", d.format("%B %Y")));
    }
    out
}

/// "12 of 3,650 evenings match", or while search still looks through earlier evenings,
/// "12 of 3,650 evenings match so far, still looking…" (the same words in every theme).
pub fn matching(shown: usize, total: usize, scanning: bool) -> String {
    let so_far = if scanning {
        " so far, still looking…"
    } else {
        ""
    };
    format!(
        "{} of {} match{so_far}",
        count(shown),
        plural(total, "evening", "evenings")
    )
}

/// The line under the rows found while search still looks: how far back it has got.
fn looking_line(review: &Review, theme: &Theme) -> Line<'static> {
    let at = review
        .search
        .reached()
        .map(|d| format!(", at {} so far", d.format("%B %Y")))
        .unwrap_or_default();
    Line::styled(format!("  … looking further back{at}"), theme.dim())
}

/// The message from looking back, if any, as a line.
pub fn message_line(review: &Review, app: &Ctx) -> Option<Line<'static>> {
    review
        .message
        .as_ref()
        .map(|m| Line::styled(m.clone(), app.theme.accent()))
}

pub fn view(review: &Review, frame: &mut Frame, app: &Ctx) -> Drawn {
    let theme = &app.theme;
    let body = chrome::page(frame, app.chrome(), "Look back", app.evening);
    let body = chrome::inset(body, 1);
    let message = message_line(review, app);
    let [head, status, _, rows_area, msg_area] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Length(1),
        Constraint::Length(1),
        Constraint::Min(1),
        Constraint::Length(u16::from(message.is_some())),
    ])
    .areas(body);
    let journal = &app.journal;
    let total = journal.entries.len();

    // The search box, or what the list is.
    let head_line = if review.typing || !review.input.is_empty() {
        let mut spans = vec![Span::styled("  Find: ", theme.accent())];
        if review.typing && review.replace_on_type {
            spans.push(Span::styled(review.input.clone(), theme.selected()));
            spans.push(Span::styled(
                "  typing replaces these words; ← → edit them",
                theme.dim(),
            ));
        } else if review.typing {
            let chars: Vec<char> = review.input.chars().collect();
            let at = review.cursor.min(chars.len());
            spans.push(Span::raw(chars[..at].iter().collect::<String>()));
            let under: String = chars.get(at).map_or(" ".to_string(), char::to_string);
            spans.push(Span::styled(under, theme.selected()));
            if at < chars.len() {
                spans.push(Span::raw(chars[at + 1..].iter().collect::<String>()));
            }
        } else {
            spans.push(Span::styled(review.input.clone(), theme.title()));
        }
        Line::from(spans)
    } else {
        Line::styled("  Every evening, newest first", theme.title())
    };
    frame.render_widget(Paragraph::new(head_line), head);

    let shown = review.len(journal);
    let mut status_text = if review.search.is_active() {
        format!("  {}", matching(shown, total, review.search.is_scanning()))
    } else {
        format!("  {}", plural(total, "evening", "evenings"))
    };
    let described = describe_filters(&review.search.filters, app.content);
    if !described.is_empty() {
        status_text.push_str(" · ");
        status_text.push_str(&described.join(" · "));
    }
    if !app.deleted.is_empty() {
        status_text.push_str(&format!(
            " · {} deleted (u brings back)",
            count(app.deleted.len())
        ));
    }
    frame.render_widget(
        Paragraph::new(Line::styled(status_text, theme.dim())),
        status,
    );

    // Only the rows on screen are built.
    let height = usize::from(rows_area.height);
    let mut lines = Vec::with_capacity(height);
    if total == 0 {
        lines.push(Line::raw(
            "  No evenings yet. Tonight's check-in will be the first one here.",
        ));
    } else if shown == 0 && review.search.is_scanning() {
        lines.push(looking_line(review, theme));
    } else if shown == 0 {
        lines.push(Line::raw("  No evening matches."));
        lines.push(Line::styled(
            "  Fewer or shorter words find more; esc clears the search and the filters.",
            theme.dim(),
        ));
    } else {
        let offset = review.visible_offset(height);
        for i in offset..(offset + height).min(shown) {
            let Some(entry) = review.row_date(journal, i).and_then(|d| journal.entry(d)) else {
                continue;
            };
            lines.push(row(
                entry,
                &review.search.query,
                i == review.selected,
                theme,
            ));
        }
        // Below the last row found, while search still looks: more may come.
        if lines.len() < height && review.search.is_scanning() {
            lines.push(looking_line(review, theme));
        }
    }
    frame.render_widget(Paragraph::new(lines), rows_area);
    if let Some(m) = message {
        frame.render_widget(Paragraph::new(m), msg_area);
    }
    Drawn {
        height: rows_area.height,
        lines: u16::try_from(total).unwrap_or(u16::MAX),
        first: 0,
    }
}

pub fn view_filters(review: &Review, cursor: usize, frame: &mut Frame, app: &Ctx) {
    let theme = &app.theme;
    let body = chrome::page(frame, app.chrome(), "Look back · filters", app.evening);
    let body = chrome::inset(body, 3);
    let f = &review.search.filters;
    let section = f.section.as_deref().map_or("any section".to_string(), |s| {
        app.content
            .section(s)
            .map_or(s.to_string(), |s| s.title.clone())
    });
    let rows: [(&str, String); super::FILTER_ROWS] = [
        (
            "Starred only",
            if f.starred { "yes" } else { "no" }.to_string(),
        ),
        (
            "Appreciation",
            match f.appreciation {
                None => "any evening",
                Some(true) => "written",
                Some(false) => "not written",
            }
            .to_string(),
        ),
        ("Planned a card from", section),
        (
            "From",
            f.from.map_or("the first evening".to_string(), |d| {
                d.format("%B %Y").to_string()
            }),
        ),
        (
            "To",
            f.to.map_or("tonight".to_string(), |d| d.format("%B %Y").to_string()),
        ),
    ];
    let mut lines = vec![
        Line::styled("Narrow the list", theme.title()),
        Line::styled(
            "Change a filter with ← →; dates move a month at a time, pgup and pgdn a year.",
            theme.dim(),
        ),
        Line::raw(""),
    ];
    for (i, (label, value)) in rows.into_iter().enumerate() {
        let selected = i == cursor;
        let style = if selected {
            theme.selected()
        } else {
            Style::default()
        };
        lines.push(Line::from(vec![
            Span::styled(if selected { "▸ " } else { "  " }, theme.accent()),
            Span::styled(format!("{label:<22}"), style),
            Span::styled(
                format!("◂ {value} ▸"),
                if selected {
                    theme.accent()
                } else {
                    Style::default()
                },
            ),
        ]));
    }
    lines.push(Line::raw(""));
    let total = app.journal.entries.len();
    let shown = review.len(app.journal);
    let scanning = review.search.is_scanning();
    lines.push(Line::styled(
        format!(
            "{}{}",
            matching(shown, total, scanning),
            if scanning { "" } else { "." }
        ),
        theme.dim(),
    ));
    frame.render_widget(Paragraph::new(lines).wrap(Wrap { trim: false }), body);
}

pub fn view_export(review: &Review, frame: &mut Frame, app: &Ctx) {
    let theme = &app.theme;
    let body = chrome::page(frame, app.chrome(), "Look back · export", app.evening);
    let body = chrome::inset(body, 3);
    let f = &review.search.filters;
    let n = select(app.journal, f.from, f.to).len();
    let what = match (f.from, f.to) {
        (None, None) => format!("All {} of your journal.", plural(n, "evening", "evenings")),
        (from, to) => format!(
            "{} {}, the dates in your filters.",
            plural(n, "evening", "evenings"),
            match (from, to) {
                (Some(a), Some(b)) => format!(
                    "from {} to {}",
                    a.format("%-d %B %Y"),
                    b.format("%-d %B %Y")
                ),
                (Some(a), None) => format!("from {} on", a.format("%-d %B %Y")),
                (None, Some(b)) => format!("up to {}", b.format("%-d %B %Y")),
                (None, None) => String::new(),
            }
        ),
    };
    let choice = |n: &str, text: &str| {
        Line::from(vec![
            Span::styled(n.to_string(), theme.accent()),
            Span::raw(format!("  {text}")),
        ])
    };
    let lines = vec![
        Line::styled("Export to a new file", theme.title()),
        Line::raw(""),
        Line::raw(what),
        Line::raw(""),
        choice("1", "Markdown: easy to read, print or keep"),
        choice("2", "JSON: everything, for other programs"),
        choice("3", "cancel"),
        Line::raw(""),
        Line::styled(
            "The file is written in your home folder with a new name; no file is ever replaced. \
             To export some months only, set From and To in the filters first.",
            theme.dim(),
        ),
    ];
    frame.render_widget(Paragraph::new(lines).wrap(Wrap { trim: false }), body);
}

/// The area a confirmation or small page draws in: the body, inset.
pub fn page_body(frame: &mut Frame, _review: &Review, app: &Ctx, title: &str) -> Rect {
    let body = chrome::page(frame, app.chrome(), title, app.evening);
    chrome::inset(body, 3)
}
